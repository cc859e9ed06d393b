"""The generic main-text extractor: the densest prose container wins over menus, teasers, comments."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from vnextract.pipeline.parse.generic import best_containers, paragraph_score

PROSE = (
    "Tỉnh đã hoàn thành việc bàn giao mặt bằng cho dự án, trong đó có 120 hộ dân nhận tiền bồi "
    "thường, hỗ trợ, tái định cư, đạt 98% kế hoạch đề ra."
)
TEASER = "<p><a href='/x.html'>Một tin khác trên trang với tiêu đề khá dài để đánh lừa bộ chấm điểm</a></p>"


def _best_ids(html: str) -> list[str]:
    soup = BeautifulSoup(f"<body>{html}</body>", "lxml")
    return [tag.get("id") for tag in best_containers(soup.body)]


@pytest.mark.parametrize(
    "html, expected",
    [
        pytest.param(f"<div id='menu'>{TEASER * 8}</div><div id='main'><p>{PROSE}</p><p>{PROSE}</p></div>",
                     ["main"], id="prose-beats-teasers"),
        pytest.param(f"<div id='main'><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div>"
                     f"<div id='cmt'><p>Hay quá, cảm ơn tác giả.</p><p>Đồng ý với ý kiến trên.</p></div>",
                     ["main"], id="prose-beats-comments"),
        pytest.param(f"<div id='wrap'><div class='part' id='p1'><p>{PROSE}</p><p>{PROSE}</p></div>"
                     f"<div class='ad' id='ad'>x</div><div class='part' id='p2'><p>{PROSE}</p><p>{PROSE}</p></div></div>",
                     ["p1", "p2"], id="split-article-joined"),
        pytest.param(f"<div id='bare'>{PROSE} {PROSE}</div>", ["bare"], id="text-straight-in-div"),
        pytest.param(f"<div id='menu'>{TEASER * 8}</div>", [], id="only-links"),
        pytest.param("<div><p>Ngắn.</p></div>", [], id="only-short"),
    ],
)
def test_generic_best_containers(html: str, expected: list[str]) -> None:
    assert _best_ids(html) == expected


@pytest.mark.parametrize(
    "text, links, positive",
    [
        pytest.param(PROSE, 0, True, id="prose"),
        pytest.param("Ngắn.", 0, False, id="short"),
        pytest.param(PROSE, len(PROSE), False, id="all-link"),
    ],
)
def test_generic_paragraph_score(text: str, links: int, positive: bool) -> None:
    assert (paragraph_score(text, links) > 0) == positive


def test_generic_vietnamese_prose_scores_above_ascii_of_same_shape() -> None:
    ascii_text = "Tinh da hoan thanh viec ban giao mat bang cho du an, trong do co 120 ho dan nhan tien boi thuong."
    vietnamese = "Tỉnh đã hoàn thành việc bàn giao mặt bằng cho dự án, trong đó có 120 hộ dân nhận tiền bồi thường."
    assert paragraph_score(vietnamese, 0) > paragraph_score(ascii_text, 0)
