"""The page index answers CSS selectors exactly as soupsieve does, only faster."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from vnextract.pipeline.parse import furniture
from vnextract.pipeline.parse.blocks import outermost
from vnextract.pipeline.parse.metadata import (
    GENERIC_AUTHOR,
    GENERIC_CREDITS,
    GENERIC_POSTER,
    GENERIC_PUBLISHED,
    GENERIC_TAGS,
)
from vnextract.pipeline.parse.select import PageIndex, split_selector_list
from vnextract.pipeline.parse.sites import GENERIC_BODY_SELECTORS, SITES

PAGES = Path(__file__).parent / "fixtures" / "pages"
HTML = """<html><head><meta name="pubdate" content="x"></head><body>
<div class="tags"><h4 class="item-tag"><a id="t1" href="/a.ldo">A</a></h4><a id="t2">B</a></div>
<p class="Normal" style="text-align:right;"><strong id="s1">Tên</strong></p>
<div data-role="publishdate" id="d1">1/1/2024</div><ul class="tags"><li><a id="t3">C</a></li></ul>
<section><p id="p1">x</p><p id="p2" class="a b">y</p></section><h1>Một</h1><p>z</p>
<script src="/js/logo.js"></script><img id="i1" src="/img/logo_site.gif"><img src="/img/anh.jpg" class="a-logo">
</body></html>"""


def _all_selectors() -> list[str]:
    selectors = [*GENERIC_BODY_SELECTORS, *GENERIC_AUTHOR, *GENERIC_CREDITS, *GENERIC_POSTER, *GENERIC_PUBLISHED, *GENERIC_TAGS,
                 *furniture.CAPTION_SELECTORS]
    for site in SITES:
        selectors += [*site.title, *site.sapo, *site.body, *site.author, *site.published, *site.modified,
                      *site.captions, *site.tags, *site.drop]
        if site.paragraph:
            selectors.append(site.paragraph)
    return sorted(set(selectors))


@pytest.mark.parametrize(
    "selector",
    [
        pytest.param("div.tags h4.item-tag a", id="descendants"),
        pytest.param("div.tags > a", id="child"),
        pytest.param('p.Normal[style*="right"] strong', id="attribute-substring"),
        pytest.param("[data-role=publishdate]", id="attribute-only"),
        pytest.param('a[href$=".ldo"]', id="dot-inside-attribute-is-no-class"),
        pytest.param("h1 + p", id="sibling"),
        pytest.param("p:not(.a)", id="not"),
        pytest.param("#p2", id="id"),
        pytest.param(".tags a, h1", id="list"),
        pytest.param("*", id="universal"),
        pytest.param("meta[name=pubdate]", id="head-meta"),
        pytest.param("img[src*=logo]", id="substring-of-one-tag-not-a-script"),
        pytest.param("[class*=logo]", id="substring-of-a-class"),
        pytest.param("[class*='a b']", id="substring-across-classes"),
        pytest.param('a[href*=".ld"]', id="substring-quoted"),
        pytest.param("[id*=t]", id="substring-of-an-id"),
    ],
)
def test_select_index_matches_soupsieve(selector: str) -> None:
    soup = BeautifulSoup(HTML, "lxml")
    assert PageIndex(soup).select(selector) == outermost(soup.select(selector))


@pytest.mark.parametrize("page", [pytest.param(p, id=p.stem) for p in sorted(PAGES.glob("*.html"))])
def test_select_index_matches_soupsieve_for_every_table_selector_on_every_page(page: Path) -> None:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    index = PageIndex(soup)
    for selector in _all_selectors():
        expected = outermost(soup.select(selector))
        assert index.select(selector) == expected, selector
        assert index.first(selector) == (soup.select_one(selector)), selector


def test_select_first_is_earliest_across_a_list() -> None:
    soup = BeautifulSoup(HTML, "lxml")
    assert PageIndex(soup).first("h1, #p1")["id"] == "p1"


def test_select_skips_removed_elements_and_bad_selectors() -> None:
    soup = BeautifulSoup(HTML, "lxml")
    index = PageIndex(soup)
    soup.find(id="p1").decompose()
    assert [t["id"] for t in index.select("section p")] == ["p2"]
    assert index.select("p[[") == []
    assert index.first("::nonsense") is None


@pytest.mark.parametrize(
    "text, parts",
    [
        pytest.param("a, b", ["a", "b"], id="two"),
        pytest.param("a[x='1,2'], b", ["a[x='1,2']", "b"], id="comma-in-quotes"),
        pytest.param("p:is(.a, .b), h2", ["p:is(.a, .b)", "h2"], id="comma-in-parentheses"),
    ],
)
def test_select_split_selector_list(text: str, parts: list[str]) -> None:
    assert split_selector_list(text) == parts
