"""The lead of a page is said once: og:description, a dateline/byline block, then the sapo (issue 9, bug 1)."""

from __future__ import annotations

import pytest

from vnextract.pipeline.parse.html import parse_html, take_head_credits
from vnextract.pipeline.types import RawDocument

LEAD = ("Ngày 4/1, Huyện ủy Đức Trọng tổ chức hội nghị tổng kết công tác xây dựng Đảng năm 2023, "
        "kết nạp 245 đảng viên mới.")
BODY = ("Toàn huyện hiện có 6.120 đảng viên sinh hoạt tại 58 tổ chức cơ sở đảng; năm qua, 97% tổ chức "
        "cơ sở đảng được đánh giá hoàn thành tốt nhiệm vụ trở lên.")
MORE = ("Hội nghị cũng đề ra nhiệm vụ năm 2024, trong đó tập trung nâng cao chất lượng sinh hoạt chi bộ "
        "và công tác kiểm tra, giám sát ở cơ sở.")


def _page(head_block: str, sapo_prefix: str = "(LĐ online) - ") -> str:
    return (
        "<html><head><title>Đức Trọng tổng kết công tác xây dựng Đảng - Tin Cao Nguyên</title>"
        f'<meta property="og:description" content="{LEAD}"></head><body>'
        "<h1>Đức Trọng tổng kết công tác xây dựng Đảng năm 2023</h1>"
        f'<div class="noi-dung">{head_block}<p>{sapo_prefix}{LEAD}</p><p>{BODY}</p><p>{MORE}</p></div>'
        "</body></html>"
    )


@pytest.mark.parametrize(
    "head_block, author",
    [
        pytest.param('<p class="tt">Thứ Năm, 04/01/2024 15:20 | <b>Thanh Tâm</b></p>', "Thanh Tâm",
                     id="dateline-and-byline-one-line"),
        pytest.param('<p>Thứ Năm, 04/01/2024 15:20</p><p><strong>THANH TÂM - MINH ANH</strong></p>',
                     "Thanh Tâm, Minh Anh", id="dateline-then-bold-upper-case-byline"),
        pytest.param('<div class="info"><span>04/01/2024 15:20</span></div><p style="text-align:right">Bài, ảnh: Thanh Tâm</p>',
                     "Thanh Tâm", id="dateline-then-labelled-byline"),
    ],
)
def test_lead_said_once_byline_taken(head_block: str, author: str) -> None:
    html = _page(head_block)
    article = parse_html(html, RawDocument(html.encode()))
    text = "\n".join([article.sapo or "", *article.paragraphs])
    assert text.count("245 đảng viên") == 1
    assert "LĐ online" not in text and "Thanh Tâm" not in text and "THANH TÂM" not in text
    assert article.sapo == LEAD
    assert article.paragraphs == (BODY, MORE)
    assert article.author == author
    assert article.published_at == "2024-01-04T15:20:00+07:00"


@pytest.mark.parametrize(
    "paragraphs, rest, names",
    [
        pytest.param(["Thứ Hai, 05/02/2024 07:30", LEAD, BODY], [LEAD, BODY], [], id="dateline"),
        pytest.param(["05/02/2024 07:30 | Thanh Tâm", LEAD], [LEAD], ["Thanh Tâm"], id="dateline-byline"),
        pytest.param(["Hà Nội", LEAD, BODY], ["Hà Nội", LEAD, BODY], [], id="bare-place-stays"),
        pytest.param(["THANH TÂM", LEAD], [LEAD], ["THANH TÂM"], id="upper-case-byline"),
        pytest.param([LEAD, BODY], [LEAD, BODY], [], id="no-head"),
        pytest.param(["Thứ Hai, 05/02/2024 07:30"], ["Thứ Hai, 05/02/2024 07:30"], [], id="never-empties-body"),
    ],
)
def test_lead_head_credits(paragraphs: list[str], rest: list[str], names: list[str]) -> None:
    assert take_head_credits(paragraphs) == (rest, names)
