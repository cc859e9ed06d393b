from __future__ import annotations

import pytest

from vnextract.pipeline.errors import InputError
from vnextract.pipeline.parse.text import parse_text, split_body
from vnextract.pipeline.types import RawDocument


@pytest.mark.parametrize(
    "lines, paragraphs, captions",
    [
        pytest.param(["(LĐ online) - Ngày 4/1, hội nghị."], ["Ngày 4/1, hội nghị."], [], id="wire-prefix"),
        pytest.param(["TTO - Sáng 5/3, mưa."], ["Sáng 5/3, mưa."], [], id="tto-prefix"),
        pytest.param(["Đoạn một.", "Quang cảnh hội nghị |", "Đoạn hai."],
                     ["Đoạn một.", "Đoạn hai."], ["Quang cảnh hội nghị"], id="caption"),
        pytest.param(["Đoạn.", "Thông tin bạn đọc", "Đóng Lưu thông tin", "Tin khác."],
                     ["Đoạn."], [], id="reader-form-ends-article"),
        pytest.param(["Đoạn.", "Chia sẻ", "", "  ", "Hết."], ["Đoạn.", "Hết."], [], id="furniture-and-blanks"),
        pytest.param(["Một   dòng\tcó  khoảng trắng."], ["Một dòng có khoảng trắng."], [], id="spaces"),
        pytest.param(["Ngày 4/1 - hội nghị."], ["Ngày 4/1 - hội nghị."], [], id="dash-is-not-prefix"),
    ],
)
def test_split_body_separates_body_captions_and_furniture(lines, paragraphs, captions) -> None:
    assert split_body(lines) == (paragraphs, captions)


def test_split_body_on_the_seed_article(shared_seed) -> None:
    paragraphs, captions = split_body(shared_seed.read_text(encoding="utf-8").splitlines())
    assert paragraphs[0].startswith("Ngày 4/1, Huyện ủy Đức Trọng")
    assert len(captions) == 3
    assert not any("Thông tin bạn đọc" in p or p.endswith("|") for p in paragraphs)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("https://vnexpress.net/a-1.html\nhttps://tuoitre.vn/b.htm\n", id="one-per-line"),
        pytest.param("\n  http://a.vn/x  \n\nwww.b.vn/y, https://c.vn/z\n", id="blanks-and-commas"),
    ],
)
def test_parse_text_refuses_a_list_of_links(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_text(text, RawDocument(text.encode()))
    assert caught.value.code == "E060"


def test_parse_text_keeps_an_article_that_cites_a_link() -> None:
    text = "Sở Y tế công bố danh sách tại https://soyte.vn/ds.\nhttps://soyte.vn/ds\n"
    assert parse_text(text, RawDocument(text.encode())).paragraphs


@pytest.mark.parametrize(
    "first, outlet",
    [
        pytest.param("(LĐ online) - Ngày 4/1, hội nghị.", "Báo Lâm Đồng", id="lam-dong"),
        pytest.param("(Dân trí) - Sáng 5/3, mưa.", "Dân trí", id="dan-tri"),
        pytest.param("TTO - Sáng 5/3, mưa.", "Tuổi Trẻ", id="tuoi-tre"),
        pytest.param("(NLĐO)- Chiều 5/3, mưa.", "Người Lao Động", id="nld-no-space"),
        pytest.param("(TTXVN) - Sáng 5/3, mưa.", None, id="agency-is-no-outlet"),
        pytest.param("Sáng 5/3, mưa.", None, id="no-prefix"),
    ],
)
def test_parse_text_outlet_from_wire_prefix(first: str, outlet: str | None) -> None:
    text = f"{first}\nĐoạn thứ hai của bài.\n"
    article = parse_text(text, RawDocument(text.encode()))
    assert article.outlet == outlet
    assert not article.paragraphs[0].startswith(("(", "TTO"))
