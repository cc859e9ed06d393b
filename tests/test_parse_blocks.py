"""Elements to lines: block boundaries, <br>, table rows, link density, furniture removal."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from vnextract.pipeline.parse.blocks import Line, holds_prose, outermost, strip_furniture, text_lines

PROSE = "Người dân trong xã đã góp công, góp đất để mở rộng con đường liên thôn dài hơn 3 km, hoàn thành trước Tết."


def _lines(html: str) -> list[str]:
    soup = BeautifulSoup(f"<div id='root'>{html}</div>", "lxml")
    return [line.text for line in text_lines(soup.find(id="root"))]


@pytest.mark.parametrize(
    "html, expected",
    [
        pytest.param("<p>Một</p><p>Hai</p>", ["Một", "Hai"], id="paragraphs"),
        pytest.param("Một<br>Hai<br/><br>Ba", ["Một", "Hai", "Ba"], id="br"),
        pytest.param("<p>Đà <b>Lạt</b>, <i>Lâm</i>Đồng</p>", ["Đà Lạt, LâmĐồng"], id="inline-no-space-added"),
        pytest.param("Chữ trần<div>Khối</div>đuôi", ["Chữ trần", "Khối", "đuôi"], id="bare-text"),
        pytest.param("<ul><li>Một</li><li><p>Hai</p></li></ul>", ["Một", "Hai"], id="list"),
        pytest.param("<table><tr><td>A</td><td>1</td></tr><tr><th><p>B</p></th><td>2</td></tr></table>",
                     ["A | 1", "B | 2"], id="table-rows"),
        pytest.param("<table><tr><td></td><td>A</td><td></td><td>B</td></tr></table>", ["A | B"], id="empty-cells"),
        pytest.param(f"<table><tr><td><p>{PROSE}</p><p>{PROSE}</p></td></tr></table>", [PROSE, PROSE],
                     id="layout-cell"),
        pytest.param("<p>Một <!-- chú thích --> hai</p>", ["Một hai"], id="comment-skipped"),
        pytest.param("<p>A<script>x='</p>'</script>B</p>", ["AB"], id="script-skipped"),
        pytest.param("<p>  nhiều \n\t khoảng   trắng </p>", ["nhiều khoảng trắng"], id="whitespace"),
    ],
)
def test_blocks_text_lines(html: str, expected: list[str]) -> None:
    assert _lines(html) == expected


def test_blocks_link_density_counts_link_text() -> None:
    soup = BeautifulSoup("<p>Xem <a href='/'>bài viết liên quan</a></p>", "lxml")
    (line,) = text_lines(soup.p)
    assert line == Line("Xem bài viết liên quan", len("bài viết liên quan"))
    assert 0.8 < line.link_density < 0.9


def test_blocks_text_lines_survive_deep_nesting() -> None:
    html = "<div>" * 30_000 + "<p>Sâu</p>" + "</div>" * 30_000
    soup = BeautifulSoup(html, "lxml")
    assert [line.text for line in text_lines(soup.body)] == ["Sâu"]


@pytest.mark.parametrize(
    "html, kept",
    [
        pytest.param("<div class='social-share'>Chia sẻ</div>", False, id="share"),
        pytest.param("<div class='box-tinlienquanv2'>x</div>", False, id="related"),
        pytest.param("<div id='comment-box'>x</div>", False, id="comment-id"),
        pytest.param("<div class='banner_ads'>x</div>", False, id="ads"),
        pytest.param("<nav>x</nav>", False, id="nav"),
        pytest.param("<div style='display: none'>x</div>", False, id="hidden-style"),
        pytest.param("<div class='loads-of-text'>x</div>", True, id="ads-inside-word-kept"),
        pytest.param("<div class='detail-content'>x</div>", True, id="content"),
        pytest.param(f"<form id='form1'><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></form>", True,
                     id="aspnet-form-with-prose-kept"),
        pytest.param(f"<div class='sidebar-1'><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div>", True,
                     id="column-with-prose-kept"),
    ],
)
def test_blocks_strip_furniture(html: str, kept: bool) -> None:
    soup = BeautifulSoup(f"<div id='root'>{html}</div>", "lxml")
    root = soup.find(id="root")
    strip_furniture(root)
    assert bool(root.contents) == kept


def test_blocks_strip_furniture_inside_kept_region() -> None:
    soup = BeautifulSoup(
        f"<div id='root'><form><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p><div class='share'>Chia sẻ</div></form></div>",
        "lxml",
    )
    root = soup.find(id="root")
    strip_furniture(root)
    assert "Chia sẻ" not in root.get_text()
    assert holds_prose(root)


def test_blocks_outermost_keeps_order_and_drops_nested() -> None:
    soup = BeautifulSoup("<div id='a'><p id='b'>x</p></div><p id='c'>y</p>", "lxml")
    a, b, c = soup.find(id="a"), soup.find(id="b"), soup.find(id="c")
    assert outermost([b, a, c, a]) == [a, c]
