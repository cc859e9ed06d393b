"""Captions by where they sit and credits at the ends of a body, on markup of any outlet."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from vnextract.pipeline.parse.layout import (
    head_credit,
    take_end_credits,
    take_layout_captions,
)

PROSE = "Ủy ban nhân dân tỉnh phê duyệt kế hoạch nâng cấp hệ thống thủy lợi cho 12.000 ha lúa."


def _body(html: str):
    return BeautifulSoup(f"<div id='b'>{html}</div>", "lxml").find(id="b")


@pytest.mark.parametrize(
    "html, captions",
    [
        pytest.param('<table><tr><td><img src="a.jpg"></td></tr><tr><td align="center"><i>Quang cảnh kỳ họp.</i></td></tr></table>'
                     f"<p>{PROSE}</p>", ["Quang cảnh kỳ họp."], id="image-table"),
        pytest.param(f'<p style="text-align:center"><img src="a.jpg"></p><p style="text-align: center;"><em>Thí sinh vào phòng thi</em></p><p>{PROSE}</p>',
                     ["Thí sinh vào phòng thi"], id="centred-block-after-image"),
        pytest.param(f'<p style="text-align:center">Chương trình nghệ thuật</p><p>{PROSE}</p>', [],
                     id="centred-without-image-stays"),
        pytest.param(f'<table><tr><td>Chỉ tiêu</td><td>12.000 ha</td></tr></table><p>{PROSE}</p>', [],
                     id="data-table-without-image-stays"),
    ],
)
def test_layout_captions(html: str, captions: list[str]) -> None:
    body = _body(html)
    assert take_layout_captions(body) == captions
    assert PROSE in body.get_text()
    for caption in captions:
        assert caption not in body.get_text()


@pytest.mark.parametrize(
    "tail, names",
    [
        pytest.param('<p style="text-align:right"><strong>THANH NHI - MINH THU</strong></p>', ["THANH NHI", "MINH THU"],
                     id="right-bold-upper-case"),
        pytest.param('<p align="right"><b>Thu Hà/VOV-Tokyo</b></p>', ["Thu Hà"], id="agency-after-slash"),
        pytest.param('<p style="text-align:right"><b>Tác giả: Minh Hiền</b></p><p style="text-align:right"><em>Nguồn: Sở Giáo dục và Đào tạo</em></p>',
                     ["Minh Hiền"], id="author-then-source"),
        pytest.param('<p><strong>Quang Huy</strong> (tổng hợp)</p>', ["Quang Huy"], id="compiler-note"),
        pytest.param('<p class="tools"><a href="#">In bài</a> | <a href="#">Gửi bạn bè</a></p>', [], id="tools-only"),
        pytest.param("<p>Người dân mong công trình sớm hoàn thành.</p>", [], id="last-sentence-stays"),
    ],
)
def test_layout_end_credits(tail: str, names: list[str]) -> None:
    body = _body(f"<p>{PROSE}</p><p>{PROSE}</p>{tail}")
    found = take_end_credits(body)
    assert found.names == names
    assert body.get_text().count(PROSE) == 2
    if names:
        assert names[0] not in body.get_text()


@pytest.mark.parametrize(
    "text, names",
    [
        pytest.param("Thứ Hai, 16/06/2014, 07:10 [GMT+7]", [], id="dateline"),
        pytest.param("Cập nhật lúc 16:10, Thứ Ba, 04/06/2013 | Hạnh Dung", ["Hạnh Dung"], id="dateline-and-name"),
        pytest.param(PROSE, None, id="prose"),
        pytest.param("Theo đó, huyện sẽ làm đường", None, id="sentence-with-lowercase"),
    ],
)
def test_layout_head_credit(text: str, names: list[str] | None) -> None:
    assert head_credit(text) == names
