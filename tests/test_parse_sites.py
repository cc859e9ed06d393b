"""Site adapters as data: every row well formed, domains matched with their subdomains."""

from __future__ import annotations

import pytest
import soupsieve
from bs4 import BeautifulSoup

from vnextract.pipeline.parse import furniture
from vnextract.pipeline.parse.sites import GENERIC_BODY_SELECTORS, SITES, adapter_for, host_of

REQUIRED_OUTLETS = (
    "vnexpress.net", "tuoitre.vn", "thanhnien.vn", "dantri.com.vn", "laodong.vn", "nhandan.vn",
    "vietnamnet.vn", "baolamdong.vn",
)


@pytest.mark.parametrize(
    "url, domain",
    [
        pytest.param("https://vnexpress.net/a-1.html", "vnexpress.net", id="bare"),
        pytest.param("https://m.vnexpress.net/a-1.html", "vnexpress.net", id="mobile"),
        pytest.param("http://WWW.TuoiTre.vn/a.htm", "tuoitre.vn", id="www-upper-case"),
        pytest.param("https://amp.dantri.com.vn/a.htm", "dantri.com.vn", id="amp"),
        pytest.param("https://laodong.vn/cong-doan/a-1.ldo", "laodong.vn", id="ldo"),
        pytest.param("https://notvnexpress.net/a", None, id="suffix-is-not-subdomain"),
        pytest.param("https://vnexpress.net.evil.example/a", None, id="domain-inside-host"),
        pytest.param("https://example.com/", None, id="unknown"),
        pytest.param("not a url", None, id="junk"),
        pytest.param(None, None, id="none"),
    ],
)
def test_sites_adapter_for_matches_domain_and_subdomains(url: str | None, domain: str | None) -> None:
    adapter = adapter_for(url)
    assert (adapter.domain if adapter else None) == domain


def test_sites_cover_the_required_outlets_once_per_era() -> None:
    eras = [(site.domain, site.era) for site in SITES]
    assert len(eras) == len(set(eras))
    assert set(REQUIRED_OUTLETS) <= {site.domain for site in SITES}


@pytest.mark.parametrize("site", [pytest.param(s, id=s.domain) for s in SITES])
def test_sites_rows_are_complete_and_selectors_compile(site) -> None:
    assert site.outlet and site.title and site.body and site.published
    selectors = [*site.title, *site.sapo, *site.body, *site.author, *site.published, *site.modified,
                 *site.captions, *site.tags, *site.drop, *site.datelines]
    if site.paragraph:
        selectors.append(site.paragraph)
    for selector in selectors:
        soupsieve.compile(selector)


def test_sites_generic_and_furniture_selectors_compile() -> None:
    for selector in (*GENERIC_BODY_SELECTORS, *furniture.CAPTION_SELECTORS):
        soupsieve.compile(selector)
    BeautifulSoup("<p></p>", "lxml").select(", ".join(furniture.CAPTION_SELECTORS))


@pytest.mark.parametrize(
    "url, host",
    [
        pytest.param("https://www.nhandan.vn/a", "nhandan.vn", id="www-stripped"),
        pytest.param("https://[::1", None, id="invalid"),
        pytest.param("/relative/path", None, id="relative"),
    ],
)
def test_sites_host_of(url: str, host: str | None) -> None:
    assert host_of(url) == host
