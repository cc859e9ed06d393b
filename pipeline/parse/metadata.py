"""An article page's metadata: each field found by strategies tried in order, first hit wins.

The order for every field is the outlet's adapter (`sites.py`), then the JSON-LD `NewsArticle`,
then OpenGraph / `article:*` / other meta tags, then generic markup (the first `<h1>`, `time`
elements, `rel=author` links). Text is normalised once, where it is taken from the page.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import itertools
import json
import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import vnextract.pipeline.parse.soup_import  # noqa: F401  (first: bs4 with cached regexes)

# isort: split
from bs4 import BeautifulSoup
from bs4.element import Comment, Tag

from vnextract.pipeline.extract.pattern_cache import cached_compiles, compile_pattern
from vnextract.pipeline.parse import bylines, furniture, layout
from vnextract.pipeline.parse.blocks import (
    clean_text,
    flat_text,
    is_gone,
    select_all,
    select_first,
    text_lines,
)
from vnextract.pipeline.parse.dates import parse_datetime
from vnextract.pipeline.parse.generic import direct_text
from vnextract.pipeline.parse.select import PageIndex
from vnextract.pipeline.parse.sites import (
    SITES,
    Outlet,
    SiteAdapter,
    adapters_for,
    choose_adapter,
    domain_name_read,
    hold_compound_dashes,
    host_of,
    is_domain_shaped,
    is_shouted,
    looks_like_outlet,
    names_institution,
    outlet_by_domain,
    outlet_by_name,
    reader_name,
    release_compound_dashes,
    statement_names,
)
from vnextract.pipeline.parse.sites import fold as sites_fold
from vnextract.pipeline.types import RawDocument

LOGGER = logging.getLogger(__name__)

ARTICLE_TYPES = frozenset(
    ["NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting", "LiveBlogPosting", "Report"]
)
_ORGANIZATION_TYPES = frozenset(("Organization", "NewsMediaOrganization", "Corporation", "WebSite"))
_MAX_JSONLD_NODES = 500

# Meta keys per field, in order (name, property, itemprop and http-equiv share one namespace).
META_TITLE = ("og:title", "twitter:title", "title", "dc.title", "headline")
META_DESCRIPTION = ("og:description", "description", "twitter:description", "dc.description")
META_AUTHOR = (
    "author", "dable:author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author",
)
META_PUBLISHED = (
    "article:published_time", "pubdate", "publishdate", "datepublished", "og:published_time",
    "dc.date.issued", "dc.date", "date", "publish-date", "sailthru.date", "parsely-pub-date",
)
META_MODIFIED = (
    "article:modified_time", "og:updated_time", "lastmod", "last-modified", "datemodified",
    "dc.date.modified", "dateupdated",
)
META_KEYWORDS = ("news_keywords", "keywords")
META_SITE_NAME = ("og:site_name", "application-name", "twitter:site")
META_LANGUAGE = ("content-language", "language", "dc.language", "og:locale")

# Generic markup, the last strategy before giving up.
GENERIC_AUTHOR = (
    "[rel=author]", "[itemprop=author] [itemprop=name]", "[itemprop=author]", ".author-name",
    ".byline", ".author", ".tac-gia", "[class*=author]", "[class*=byline]", ".createdby",
    "[class*=Author]", "[class*=Byline]", "[id*=byline]", "[id*=author]",  # "itemAuthor", "#story_byline"
    "[class*=tac-gia]", "[class*=tacgia]", "[class*=tac_gia]", "[id*=tacgia]",  # "tác giả": Drupal fields, old CMSs
    "a[href*='/author/']", "a[href*='/tac-gia/']",  # a link to the writer's page of articles
    "[class*=meta] .source",  # the credit in the meta line above the lead ("A-B (TTXVN)" + time)
    ".field--name-uid",  # Drupal 8+: the node's author field
)
# Credits blocks read for labelled bylines only ("Nội dung: A" in an e-magazine's credits).
GENERIC_CREDITS = ("[class*=credit]", "[class*=Credit]")
# A forum thread's poster (XenForo, vBulletin: "<a class=username href=/members/x.1/>"), tried
# last and read from its first element only: the replies under the post name other members.
GENERIC_POSTER = ("[class~=username]", "a[href*='/members/']")
# Machine-readable dates in the markup: tried before the visible dateline.
MARKUP_PUBLISHED = ("[itemprop=datePublished]", "time[datetime]")
# Classes of date elements: tried after the dateline (a page header's "today" may carry them).
GENERIC_PUBLISHED = ("time", ".publish-date", ".post-date", ".date-time", ".date", ".time")
# Elements searched for the visible dateline after the headline, and before it.
_DATELINE_AFTER = 40
_DATELINE_BEFORE = 8
_DATELINE_FARTHER = 24
_MAX_DATELINE_CHARS = 120
_LIST_TAGS = frozenset(("a", "li", "option"))
GENERIC_MODIFIED = ("[itemprop=dateModified]",)
GENERIC_TAGS = ("a[rel=tag]", ".tags a", ".tag a", ".keywords a", ".tags-list a")

_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " » ")
_MAX_AUTHOR_CHARS = 80
_MAX_BYLINE_ELEMENTS = 6  # byline elements read on one page (a name repeated in three places)
_MAX_TAGS = 50


@dataclass
class Page:
    """A parsed page and what every strategy reads from it."""

    soup: BeautifulSoup
    index: PageIndex  # CSS selection over the whole page
    meta: dict[str, list[str]]
    ld: dict[str, Any]  # the article node of the JSON-LD, {} when there is none
    ld_nodes: list[dict[str, Any]]
    adapter: SiteAdapter | None
    url: str | None  # canonical
    site_names: set[str] = field(default_factory=set)  # folded names of the site
    site_phrases: set[tuple[str, ...]] = field(default_factory=set)  # the same, folded word by word
    outlet: Outlet | None = None  # the outlet, when the URL or the page's own name says which
    # what several strategies look up alike, found once (the text's start, the headline element)
    memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)


@dataclass(frozen=True)
class Metadata:
    """Every field of an Article except its body and captions."""

    title: str | None
    sapo: str | None
    author: str | None  # from the page's byline markup (adapter, JSON-LD, byline elements)
    published_at: str | None
    modified_at: str | None
    url: str | None
    outlet: str | None
    tags: tuple[str, ...]
    language: str
    meta_author: str | None = None  # from author meta tags: used after the body's credits
    head_author: str | None = None  # a byline block between the headline and the text, outside the body


# ---------------------------------------------------------------------------------------------
# Reading the page
# ---------------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """A name reduced for comparison: no diacritics, no case, letters and digits only."""
    return sites_fold(text)


def _meta_index(tags: list[Tag]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for tag in tags:
        content = tag.get("content")
        if not isinstance(content, str) or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = tag.get(attr)
            if isinstance(key, str) and key.strip():
                index.setdefault(key.strip().lower(), []).append(content)
    return index


def _load_json(text: str) -> Any:
    text = text.strip()
    for wrapper in ("<!--", "-->", "//<![CDATA[", "//]]>", "<![CDATA[", "]]>"):
        text = text.replace(wrapper, "")
    try:
        return json.loads(text, strict=False)
    except ValueError:
        pass
    repaired = re.sub(r",\s*([}\]])", r"\1", text)  # trailing commas, the usual hand-written slip
    try:
        return json.loads(repaired, strict=False)
    except ValueError:
        LOGGER.debug("unreadable JSON-LD block skipped")
        return None


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return {str(v).rsplit("/", 1)[-1].removeprefix("schema:") for v in values if v}


def jsonld_nodes(scripts: list[Tag]) -> list[dict[str, Any]]:
    """Every JSON object in the page's JSON-LD blocks (lists and @graph flattened)."""
    nodes: list[dict[str, Any]] = []
    for script in scripts:
        if "ld+json" not in str(script.get("type") or "").lower():
            continue
        stack = [_load_json(script.string or script.get_text())]
        while stack and len(nodes) < _MAX_JSONLD_NODES:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                nodes.append(item)
                for key in ("@graph", "mainEntity"):
                    if isinstance(item.get(key), (list, dict)):
                        stack.append(item[key])
    return nodes


def _article_node(nodes: list[dict[str, Any]]) -> dict[str, Any]:
    for node in nodes:
        if _types(node) & ARTICLE_TYPES:
            return node
    return {}


def _ld_str(value: Any) -> str | None:
    """A JSON-LD value as text: a string, or the name/@value/@id of an object or a list's first."""
    if isinstance(value, list):
        for item in value:
            text = _ld_str(item)
            if text:
                return text
        return None
    if isinstance(value, dict):
        return _ld_str(value.get("name") or value.get("@value") or value.get("@id") or value.get("url"))
    if isinstance(value, (str, int, float)) and str(value).strip():
        return str(value)
    return None


_MAX_UNESCAPES = 3
_CODE_BLOCK = compile_pattern(r"<(script|style)\b.*?(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL)


def _plain(text: str | None, *, unescape: bool = False) -> str | None:
    """Text from a meta or JSON-LD value: entities decoded, stray tags removed, normalised."""
    if not text:
        return None
    if unescape:  # some CMSs escape twice ("&amp;#7871;"): decode until no entity is left
        for _ in range(_MAX_UNESCAPES):
            decoded = html.unescape(text)
            if decoded == text:
                break
            text = decoded
    if "<" in text:
        text = _CODE_BLOCK.sub(" ", text)
        text = re.sub(r"<[^>]{0,500}>", " ", text)
    return clean_text(text) or None


# A web archive's address of a saved page: "https://web.archive.org/web/20121015031422/http://x.vn/a"
# (a replay's flags after the time: "20121015031422im_"); the page's own address follows it.
_ARCHIVED = compile_pattern(r"^https?://(?:web\.)?archive\.org/web/\d{4,14}[a-z_]*/(?P<url>.+)$", re.IGNORECASE)


def _http_url(candidate: str | None, base: str | None) -> str | None:
    if not candidate:
        return None
    url = urljoin(base or "", candidate.strip())
    archived = _ARCHIVED.match(url)
    if archived:  # a page saved from the Wayback Machine: the article's own address
        url = archived["url"] if "://" in archived["url"] else f"http://{archived['url']}"
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return url
    return None


def _canonical(
    link_tags: list[Tag], meta: dict[str, list[str]], ld: dict[str, Any], raw_url: str | None
) -> str | None:
    og_url = next(iter(meta.get("og:url", [])), None)
    base = raw_url or og_url
    links = [
        link.get("href")
        for link in link_tags
        if "canonical" in [str(r).lower() for r in (link.get("rel") or [])]
    ]
    ld_url = _ld_str(ld.get("url")) or _ld_str(ld.get("mainEntityOfPage"))
    for candidate in (*links, og_url, ld_url, raw_url):
        url = _http_url(candidate if isinstance(candidate, str) else None, base)
        if url:
            return url
    return None


def _base_page_url(index: PageIndex) -> str | None:
    """The page's own URL as its <base href> gives it (Joomla writes the page's address there), the
    last hint of a saved page that has no canonical link; a base at the site's root is none."""
    base = next(iter(index.by_tag("base")), None)
    href = base.get("href") if base is not None else None
    if not isinstance(href, str) or urlsplit(href).path.strip("/") == "":
        return None
    return href


def _self_names(index: PageIndex, meta: dict[str, list[str]], ld: dict[str, Any]) -> list[str]:
    """What the page calls its site: site-name meta, publisher, <title> segments, wire prefix."""
    names = [v for key in (*META_SITE_NAME, "author") for v in meta.get(key, [])]
    names.append(_ld_str(ld.get("publisher")) or "")
    title_tag = next(iter(index.by_tag("title")), None)
    if title_tag is not None:
        names += _segments(clean_text(html.unescape(title_tag.get_text())))[1:]
    for key in META_DESCRIPTION:
        for value in meta.get(key, [])[:1]:
            names.append(furniture.wire_outlet(clean_text(value)) or "")
    return [n for n in names if n]


def _page_outlet(index: PageIndex, meta: dict[str, list[str]], ld: dict[str, Any],
                 urls: tuple[str | None, ...]) -> Outlet | None:
    for url in urls:
        outlet = outlet_by_domain(url)
        if outlet is not None:
            return outlet
    for name in _self_names(index, meta, ld):
        outlet = outlet_by_name(name)
        if outlet is not None:
            return outlet
    return None


def _choose_adapter(index: PageIndex, outlet: Outlet | None, urls: tuple[str | None, ...]) -> SiteAdapter | None:
    """The adapter of the page's outlet whose headline matches (its era); for a page that names
    no site at all, an adapter whose own headline and body markup both match."""
    def has(selector: str) -> bool:
        return index.first(selector) is not None

    candidates = next((found for found in map(adapters_for, urls) if found), ())
    if not candidates and outlet is not None:
        candidates = tuple(site for site in SITES if site.outlet == outlet.name or site.domain == outlet.domain)
    if candidates:
        return choose_adapter(candidates, has)
    if any(host_of(url) for url in urls):
        return None  # a page saying which site it is from, and no adapter's: shared CMS markup is no proof
    for site in SITES:
        if site.unique_title and any(has(s) for s in site.title) and any(has(s) for s in site.body):
            return site
    return None


# The address a browser writes into a page it saves ("<!-- saved from url=(0063)http://... -->").
_SAVED_FROM = compile_pattern(r"saved from url=\(\d+\)(\S+)", re.IGNORECASE)


def saved_from(soup: BeautifulSoup) -> str | None:
    """The URL a browser recorded in a saved page's opening comment, or None."""
    for node in soup.contents[:5]:
        if isinstance(node, Comment):
            match = _SAVED_FROM.search(str(node))
            if match:
                return match.group(1).strip()
    return None


def read_page(soup: BeautifulSoup, raw: RawDocument) -> Page:
    """Index the page's meta tags and JSON-LD, find its canonical URL, its outlet and its adapter."""
    index = PageIndex(soup)
    meta = _meta_index(index.by_tag("meta"))
    nodes = jsonld_nodes(index.by_tag("script"))
    ld = _article_node(nodes)
    url = _canonical(index.by_tag("link"), meta, ld, raw.url or saved_from(soup) or _base_page_url(index))
    urls = (raw.url, url)
    outlet = _page_outlet(index, meta, ld, urls)
    adapter = _choose_adapter(index, outlet, urls)
    if outlet is None and adapter is not None and adapter.unique_title:
        outlet = outlet_by_domain(f"https://{adapter.domain}/")
    page = Page(soup=soup, index=index, meta=meta, ld=ld, ld_nodes=nodes, adapter=adapter, url=url, outlet=outlet)
    names = [adapter.outlet if adapter else None, _ld_str(ld.get("publisher"))]
    if outlet is not None:
        names += [outlet.name, *outlet.aliases, outlet.domain]
    declared = [v for key in META_SITE_NAME for v in meta.get(key, [])]
    # and each part of a name given with a separator ("PVFCCo - Đạm Phú Mỹ": "PVFCCo" signs too)
    names += declared + [piece for value in declared if len(pieces := _segments(value)) > 1 for piece in pieces]
    host = host_of(url) or host_of(raw.url)
    if host:
        names += [host, host.split(".")[0]]
    names += _logo_names(page, host) + _masthead_names(page)
    title_tag = next(iter(index.by_tag("title")), None)
    signed = _segments(clean_text(html.unescape(title_tag.get_text())))[1:][-1:] if title_tag is not None else []
    # a <title> signed with an outlet's name ("... - Cổng thông tin điện tử quận X"): the same
    # words in a masthead's h1, in capitals or not, are the site's name
    names += [name for name in signed if looks_like_outlet(name)]
    page.site_names = {fold(n) for n in names if n and fold(n)}
    names += signed  # the <title>'s last segment: the site's name as it signs its pages
    page.site_phrases = {words for n in names if n and (words := _folded_words(n))}
    return page


def _folded_words(text: str) -> tuple[str, ...]:
    return tuple(word for word in (fold(w) for w in re.split(r"[\s.]+", text)) if word)


def is_site_brand(page: Page, name: str) -> bool:
    """True for a name that is the site's, not a person's: a run of the words of the site's name
    ("Tiếng Việt" of "BBC Tiếng Việt") or a name carrying the site's acronym ("VTV Digital" on
    vtv.vn, a desk signing as the site)."""
    words = _folded_words(name)
    if not words:
        return False
    for phrase in page.site_phrases:
        if len(words) >= 2 and any(phrase[i:i + len(words)] == words for i in range(len(phrase) - len(words) + 1)):
            return True
    # an acronym is a short upper-case word; an upper-case byline ("THANH TÂM") matches no whole
    # site name, nor the initials of one ("DĐDN" of "Diễn đàn Doanh nghiệp", which signs its leads)
    acronyms = {fold(w) for w in name.split() if 2 <= len(w) <= 6 and w.isalpha() and w.isupper()}
    initials = {"".join(word[0] for word in phrase) for phrase in page.site_phrases if len(phrase) >= 3}
    # a short word of the name kept whole: "PBTV" of "Phố Bolsa TV"
    initials |= {"".join(word if len(word) <= 2 else word[0] for word in phrase)
                 for phrase in page.site_phrases if len(phrase) >= 3}
    return bool(acronyms & (page.site_names | initials))


# ---------------------------------------------------------------------------------------------
# Strategies per field
# ---------------------------------------------------------------------------------------------


def meta_value(page: Page, keys: tuple[str, ...]) -> str | None:
    """The first non-empty meta content among the keys, normalised."""
    for key in keys:
        for value in page.meta.get(key, []):
            text = _plain(value)
            if text:
                return text
    return None


def is_site_name(page: Page, text: str) -> bool:
    """True when the text names the site itself ("VnExpress", "Báo Lâm Đồng", "dantri.com.vn")."""
    folded = fold(text)
    if not folded:
        return False
    folded = folded.removesuffix("online")
    return folded in page.site_names or folded.removeprefix("tapchi") in page.site_names or any(
        folded == name + tld for name in page.site_names for tld in ("vn", "comvn", "net", "com")
    ) or folded.removeprefix("bao") in page.site_names


_SEPARATOR = compile_pattern(r"\s+(?:\||-|–|—|::|»|>|›)\s+|\s*\|\s*|(?<=\w)_(?=\w)")  # "Headline_Site"
# A <title> written as a breadcrumb ("Site > Section > Headline"): its sections are short.
_BREADCRUMB = compile_pattern(r"\s(?:>|›)\s")
# A URL slug or file name left at the end of a <title>: "ten-bai-viet-123.html"
_SLUG = compile_pattern(r"^[\w.]*[-_/][\w./-]*$|^[\w-]+\.(?:html?|aspx|php|ldo)$", re.ASCII)
_MIN_HEADLINE_WORDS = 3
_MAX_HEADLINE_WORDS = 40
# An SEO variant of the headline (og:title a few words off the h1) shares most of its words.
_MIN_SHARED_WORDS = 4
_MIN_SHARED_SHARE = 0.6


def _segments(title: str) -> list[str]:
    """A <title> cut at its separators (" - ", " | ", ...): headline first, site and section after
    (a station's "Phát thanh - Truyền hình" stays whole)."""
    return [release_compound_dashes(part.strip()) for part in _SEPARATOR.split(hold_compound_dashes(title))
            if part and part.strip()]


def _strip_site_name(page: Page, title: str) -> str:
    """The headline without the site name, section and slug a <title> or og:title adds.

    "H - Thời sự - Dân trí", "H | Section | Người Lao Động Online", "Báo X | H": the segments
    that name the site go, with the short section names between them and the headline.
    """
    title = title.strip()
    parts = [part for part in _SEPARATOR.split(title)]
    seps = _SEPARATOR.findall(title)
    if not seps:
        return title
    pieces = [p.strip() for p in parts]
    if _BREADCRUMB.search(title):  # "Site > Tin tức > Xã hội > Headline": the headline is the longest
        return max(pieces, key=len)
    for k in range(1, len(pieces) - 1):
        # a site name holding a separator itself ("H - Cổng thông tin - giao tiếp điện tử tỉnh X"):
        # the pieces after the headline read as one name
        rest = pieces[k] + "".join(sep + piece for sep, piece in zip(seps[k:], pieces[k + 1:]))
        if is_site_name(page, rest) or looks_like_outlet(rest):
            pieces, seps = pieces[:k] + [rest], seps[:k]
            break
    longest = max(pieces, key=len)
    # a segment written as an outlet's name ("Báo Sóc Trăng điện tử :: H") names the site, unless
    # it is the longest (a headline opening "Báo cáo ...")
    named = [is_site_name(page, p) or bool(_SLUG.fullmatch(p)) or (looks_like_outlet(p) and p is not longest)
             for p in pieces]
    if not any(named):
        return title
    # keep the longest run of pieces holding no site name, then drop short trailing sections
    # before a site name (" - Section - Dân trí") when the headline before them is longer
    best: tuple[int, int] = (0, 0)
    start = 0
    for i in range(len(pieces) + 1):
        if i == len(pieces) or named[i]:
            if sum(len(p) for p in pieces[start:i]) > sum(len(p) for p in pieces[best[0]:best[1]]):
                best = (start, i)
            start = i + 1
    a, b = best
    while b - a > 1 and b < len(pieces) and len(pieces[b - 1].split()) <= 4 \
            and len(pieces[a].split()) > len(pieces[b - 1].split()):
        b -= 1
    out = pieces[a]
    for i in range(a + 1, b):
        out += seps[i - 1] + pieces[i]
    return out.strip() or title


def _words(text: str) -> set[str]:
    return {fold(w) for w in text.split() if fold(w)}


def _similar(heading: str, reference: str) -> bool:
    """True when a heading and a reference title name the same article (a few words may differ)."""
    a, b = fold(heading), fold(reference)
    if not a or not b:
        return False
    if a == b or b.startswith(a) or a.startswith(b):
        return True
    wa, wb = _words(heading), _words(reference)
    shared = len(wa & wb)
    return shared >= _MIN_SHARED_WORDS and shared / max(len(wa), len(wb)) >= _MIN_SHARED_SHARE


def _adapter_text(page: Page, selectors: tuple[str, ...]) -> str | None:
    for selector in selectors:
        el = page.index.first(selector)
        if el is not None:
            text = flat_text(el)
            if text:
                return text
    return None


def reference_titles(page: Page) -> tuple[list[str], list[str]]:
    """The titles the page declares, site names off: the article's own (JSON-LD headline,
    og:title and other title meta), and the <title> (on some sites only the site's name)."""
    declared = [_plain(_ld_str(page.ld.get("headline") or page.ld.get("name")), unescape=True)]
    declared += [_plain(v, unescape=True) for key in META_TITLE for v in page.meta.get(key, [])[:1]]
    title_tag = next(iter(page.index.by_tag("title")), None)
    document: list[str | None] = [clean_text(html.unescape(title_tag.get_text()))] if title_tag is not None else []

    def cleaned(found: list[str | None]) -> list[str]:
        titles = [_strip_site_name(page, t) for t in found if t]
        return [t for t in dict.fromkeys(titles) if t and not is_site_name(page, t)]

    return cleaned(declared), cleaned(document)


_ANCHOR_CHARS = 120


def _body_anchor(page: Page) -> int:
    """Document position of the first long run of prose (a paragraph, or text written straight
    into a div or cell): where the article text begins."""
    if "anchor" not in page.memo:
        page.memo["anchor"] = _find_body_anchor(page)
    return int(page.memo["anchor"])


def _find_body_anchor(page: Page) -> int:
    positions = []
    for p in page.index.by_tag("p"):
        if len(p.get_text()) >= _ANCHOR_CHARS and _reads_as_prose(p.get_text()) and not furniture.is_hidden(p.attrs):
            positions.append(page.index._position(p))
            break
    for name in ("div", "td"):
        for el in page.index.by_tag(name):
            text, links = direct_text(el)
            if len(text.strip()) >= _ANCHOR_CHARS and links < len(text) / 2 and _reads_as_prose(text) \
                    and not furniture.is_hidden(el.attrs):
                positions.append(_prose_start(page, el))
                break
    return min(positions, default=len(page.index._order))


_CLAUSE_BREAK = compile_pattern(r"[.,;:!?…]\s")


def _reads_as_prose(text: str) -> bool:
    """True for text written in sentences (a clause break somewhere), not a list run together: a
    sidebar's schedule ("LỊCH PHÁT SÓNG 06:00 Chào buổi sáng 11:30 Thời sự trưa ...")."""
    return bool(_CLAUSE_BREAK.search(text))


def _prose_start(page: Page, el: Tag) -> int:
    """Where the prose of an element found by its own text begins: at its first child long enough
    to be prose, when no long text of its own comes before (an ASP.NET cell or module of spans: the
    headline's, the date's, then the lead's or the text's), else at the element."""
    for child in el.contents:
        if isinstance(child, Tag):
            if len(child.get_text().strip()) >= _ANCHOR_CHARS:
                return page.index._position(child)
        elif len(str(child).strip()) >= _ANCHOR_CHARS // 2:
            break  # the element's own text opens its prose
    return page.index._position(el)


# The page's and the article's own wrappers: no block above them is the masthead or furniture.
_PAGE_WRAPPERS = ("body", "html", "[document]", "article", "main")


def _outside_article(el: Tag) -> bool:
    """True for an element of the page's masthead (the site's name in an h1) or of its furniture
    (comments, related links, sidebars: "2 bình luận về “<headline>”")."""
    if el.get("itemprop") == "headline":
        return False  # microdata names it the article's headline, whatever its wrapper's class
    for node in (el, *el.parents):
        if not isinstance(node, Tag) or node.name in _PAGE_WRAPPERS:
            break
        if node.name == "footer" and node.find_parent("article") is not None:
            continue  # an article's own footer (HTML5): "<footer class=entry-footer>Tác giả: X"
        if node.name in ("nav", "aside", "footer") or furniture.is_masthead(node.get("class"), node.get("id")):
            return True
        if furniture.is_furniture_class(_tokens(node)):  # "comment-author" too
            return True
    return False


def _tokens(node: Tag) -> list[str]:
    classes = node.get("class")
    tokens: list[str] = list(classes) if isinstance(classes, list) else str(classes or "").split()
    ident = node.get("id")
    return tokens + [ident] if isinstance(ident, str) else tokens


def _class_words(node: Tag) -> list[str]:
    """Class and id tokens with their words apart ("itemIntroText" -> "item-intro-text")."""
    return [furniture.token_words(token) for token in _tokens(node)]


def _headings(page: Page, names: tuple[str, ...]) -> list[tuple[int, str]]:
    found = []
    for name in names:
        for el in page.index.by_tag(name):
            if any(furniture.is_hidden(parent.attrs) for parent in (el, *el.parents) if isinstance(parent, Tag)):
                continue
            if _outside_article(el):
                continue
            text = flat_text(el)
            if text and not is_site_name(page, text) and not furniture.is_end_line(text):
                found.append((page.index._position(el), text))
    return sorted(found)


def _nearest_before(found: list[tuple[int, str]], anchor: int) -> str | None:
    before = [text for position, text in found if position < anchor]
    if before:
        return before[-1]
    return found[0][1] if found else None


def _in_document_title(heading: str, title: str) -> bool:
    """True when a <title> confirms a heading. A <title> of several segments ("Site | Section |
    Headline", "Headline - Section - Site") confirms only the heading holding its longest
    segment: the shorter ones name the site and the section, which pages also show in headings."""
    segments = _segments(title)
    if len(segments) < 2:
        return _similar(heading, title)
    longest = max(segments, key=len)
    # a headline holding a dash of its own ("Nông dân trúng vụ tôm – lúa") is cut by it: the
    # <title> holds it whole
    whole = len(heading.split()) > _MIN_SHARED_WORDS and fold(heading) in fold(title)
    return whole or fold(longest) in fold(heading) or _similar(heading, longest)


def _headline_like(text: str) -> bool:
    """A heading that can be a headline: a few words, not a sentence (a sapo ends with a stop)."""
    words = len(text.split())
    return _MIN_HEADLINE_WORDS <= words <= _MAX_HEADLINE_WORDS and not text.rstrip().endswith(".")


def find_title(page: Page) -> str | None:
    """Headline: adapter → the heading nearest the body that the declared titles confirm → the
    h1 nearest before the body → the article's declared title → an h2/h3 → an element classed
    as a title → the <title>."""
    if page.adapter:
        title = _adapter_text(page, page.adapter.title)
        if title:
            return title
    declared, document = reference_titles(page)
    anchor = _body_anchor(page)
    h1s = [(pos, text) for pos, text in _headings(page, ("h1",)) if _headline_like(text)]
    lower = [(pos, text) for pos, text in _headings(page, ("h2", "h3")) if _headline_like(text)]
    for pool in (h1s, lower, _classed_headlines(page, anchor)):
        # a portlet's heading naming the section ("Tin tức - Sự kiện", a menu link) is no headline,
        # though the <title> holds it too
        confirmed = [(pos, text) for pos, text in pool
                     if (any(_similar(text, r) for r in declared) or any(_in_document_title(text, d) for d in document))
                     and not _is_section_link(page, text)]
        heading = _nearest_before(confirmed, anchor)
        if heading:
            return heading
    # the headline as shown: the h1 before the body, even when the declared titles are an SEO
    # variant of it; then the declared title; then a lower heading
    heading = _nearest_before(h1s, anchor)
    if heading:
        return heading
    if declared:
        return declared[0]
    # a lower heading after the body's start is a sidebar's ("Đọc nhiều nhất"): the last resort
    heading = _nearest_before([(pos, text) for pos, text in lower if pos < anchor], anchor)
    if heading:
        return heading
    # an element showing the <title>'s headline as its whole text before one classed a title
    # (a sidebar module's "Thống kê truy cập" in a td.module-title)
    heading = _shown_title_segment(page, anchor) or _classed_headline(page, anchor)
    if heading:
        return heading
    if document:
        return document[0]
    return _nearest_before(lower, anchor) or _nearest_before(_headings(page, ("h1",)), anchor)


# A class token naming a headline written without a heading tag (old portals and CMSs:
# <div class="title-news">, <td class="tieude">).
_HEADLINE_CLASS = compile_pattern(
    r"(?:^|[-_])(?:title|tieu-?de(?:-?(?:tin|bai|chi-?tiet))?|headline|(?:content|article|post|entry|news|item)-?heading)(?:$|[-_])",
    re.IGNORECASE,
)  # "contentheading": Joomla 1.x's article headline
_HEADLINE_TAGS = frozenset(("div", "p", "span", "td", "strong", "b", "font"))


def _classed_headlines(page: Page, anchor: int) -> list[tuple[int, str]]:
    """Elements before the body whose class names them a title and whose text reads as a
    headline (not the site's name, not in the masthead, furniture or a list of links)."""
    found = []
    for el in page.index._all[:anchor]:
        if el.name not in _HEADLINE_TAGS or not any(_HEADLINE_CLASS.search(t) for t in _class_words(el)):
            continue
        if _in_list(el) or _outside_article(el) or furniture.is_hidden(el.attrs):
            continue
        text = flat_text(el)
        if _headline_like(text) and not is_site_name(page, text):
            found.append((page.index._position(el), text))
    return found


_SHOWN_TAGS = frozenset(("b", "strong", "font", "span", "td", "div", "p"))


def _shown_title_segment(page: Page, anchor: int) -> str | None:
    """The <title> segment an element before the body shows as its whole text: the headline of
    an old page set in a bold font run ("<font size=4><b>Headline</b></font>"), whatever site name
    the <title> puts before or after it."""
    title_tag = next(iter(page.index.by_tag("title")), None)
    if title_tag is None:
        return None
    # the longest segment, as `_in_document_title` takes it, passing over the site's name (a
    # portal's name may run longer than the headline): the others name the site or section
    longest = next((piece for piece in sorted(_segments(clean_text(html.unescape(title_tag.get_text()))), key=len, reverse=True)
                    if not is_site_name(page, piece) and not looks_like_outlet(piece)), "")
    if not _headline_like(longest):
        return None
    target = fold(longest)
    for el in page.index._all[:anchor]:
        if el.name in _SHOWN_TAGS and not _in_list(el) and not _outside_article(el):
            text = flat_text(el)
            if text and fold(text) == target:
                return text
    return None


def _classed_headline(page: Page, anchor: int) -> str | None:
    """The last title-classed element before the body (`_classed_headlines`)."""
    found = _classed_headlines(page, anchor)
    return found[-1][1] if found else None


# Visible lead paragraphs of unknown sites, looked for between the headline and the body.
GENERIC_SAPO = (
    "[itemprop=description]", ".sapo", ".description", ".news-summary", ".summary", ".article-summary", ".chapeau",
    ".lead", ".article-sapo", ".article__sapo", ".tom-tat", ".excerpt", ".news-lead",
)
_MIN_SAPO_CHARS = 40
# A place stamp opening a lead in its own element, written without a separator.
GENERIC_DATELINES = ("[class*=location]", ".dateline", ".place-stamp")
_SAPO_AFTER_ANCHOR = 5  # elements past the first long paragraph the lead may sit (it may be one)


# A class token naming a lead paragraph, however a CMS prefixes it ("knc-sapo", "news-sapo",
# "the-article-summary", "story-body__introduction", a theme's "jeg_post_subtitle", NukeViet's
# "hometext").
_SAPO_CLASS = compile_pattern(
    r"(?:^|[-_])(?<!with[-_])(?<!has[-_])(?:sapo|summary|lead|chapeau|excerpt|intro|introduction|standfirst|teaser|desc|description|tom-?tat|tomtat|mota|mo-ta|trich-?yeu|tom-?luoc|home-?text|(?:post|entry|article|news|story|single|detail)[-_]?sub-?title)"
    r"(?:[-_](?:news|detail|content|text|article|box|wrap)){0,2}$",  # "lead_news", "summary-news-detail"
    re.IGNORECASE,
)
_SAPO_TAGS = frozenset(("p", "div", "h2", "h3", "h4", "span", "strong", "b", "em", "section", "td"))  # td: old table layouts


def _sapo_elements(page: Page, start: int, end: int) -> list[Tag]:
    """Lead elements between the headline and the body: by the known selectors, then by a
    class token naming a lead; never a figure or an element holding an image (a "lead" photo)."""
    chosen = {id(el): el for el in page.index.select(GENERIC_SAPO)}
    for el in page.index._all[start + 1: end + 1]:
        if el.name in _SAPO_TAGS and any(_SAPO_CLASS.search(token) for token in _class_words(el)):
            chosen.setdefault(id(el), el)
    ordered = sorted(chosen.values(), key=page.index._position)
    # a lead is one paragraph: an element of several is a body ("field--type-text-with-summary")
    return [el for el in _outermost_tags(ordered)
            if el.name != "figure" and el.find(("img", "figure")) is None and len(el.find_all("p", limit=2)) < 2]


def _outermost_tags(ordered: list[Tag]) -> list[Tag]:
    ids = {id(tag) for tag in ordered}
    return [tag for tag in ordered if not any(id(parent) in ids for parent in tag.parents)]


def _visible_sapo(page: Page, title: str | None) -> str | None:
    headline = _headline_element(page, title)
    if headline is None:
        return None
    start = page.index._position(headline)
    # the body's first prose may be found before the headline (a cell holding the headline, the
    # dateline and the lead as inline runs): the lead is then looked for just under the headline
    end = max(_body_anchor(page), start + _SAPO_AFTER_ANCHOR) + _SAPO_AFTER_ANCHOR
    for el in _sapo_elements(page, start, end):
        if el.name == "meta" or _in_list(el) or not start < page.index._position(el) <= end:
            continue
        stamp = next((flat_text(d) for d in select_all(el, GENERIC_DATELINES)), "")
        text = flat_text(el)
        if stamp and text.startswith(stamp) and not text[len(stamp):].lstrip().startswith(("-", "–")):
            text = f"{stamp} - {text[len(stamp):].lstrip(' :')}"  # "Hà Nội" stamp, read "Hà Nội - "
        if len(text) >= _MIN_SAPO_CHARS and text != title and not furniture.is_site_description(text):
            return text  # not a forum thread's "Thảo luận trong '...' bắt đầu bởi ..."
    return _bold_lead(page, start, end, title)


_BOLD_TAGS = ("b", "strong")
_BOLD_BLOCKS = frozenset(("p", "td", "div"))
_MIN_BOLD_SHARE = 0.9
_MAX_BOLD_LEAD_CHARS = 1000
_BOLD_LEAD_WITHIN = 60  # elements after the headline: a lead sits right under it


# A utility class that sets a block in bold (Tailwind's "font-semibold", Bootstrap's "fw-bold").
_BOLD_CLASS = compile_pattern(r"^(?:font-(?:semibold|bold|extrabold)|fw-(?:semibold|bold|bolder)|bold|text-bold)$")


def _bold_class(el: Tag) -> bool:
    return any(_BOLD_CLASS.match(token) for token in _tokens(el))


def _bold_line(el: Tag) -> bool:
    """True for a bold run set as a line of its own: a line break or a block on each side (its
    font wrappers aside), no text beside it ("...<br><font><b>QTV - Sáng 14/3, ...</b></font><table>")."""
    node: Tag = el
    while isinstance(node.parent, Tag) and node.parent.name in ("font", "span") and \
            (node.parent.get_text(strip=True) == node.get_text(strip=True)):
        node = node.parent
    for step in ("previous_sibling", "next_sibling"):
        sibling = getattr(node, step)
        while sibling is not None and not isinstance(sibling, Tag) and not str(sibling).strip():
            sibling = getattr(sibling, step)
        if sibling is not None and (not isinstance(sibling, Tag) or sibling.name not in _LINE_BREAKERS):
            return False
    return True


_LINE_BREAKERS = ("br", "table", "div", "p", "img")


def _bold_lead(page: Page, start: int, end: int, title: str | None) -> str | None:
    """A lead written in bold without a class (old table layouts, plain CMS bodies): the first
    block between the headline and the body's start whose text is all bold and reads as prose."""
    for el in page.index._all[start + 1: min(end, start + _BOLD_LEAD_WITHIN) + 1]:
        # leaf blocks only (a lead is one paragraph), or a bold run that is a whole line of a cell
        # written with line breaks
        line = el.name in _BOLD_TAGS and _bold_line(el)
        if not line and (el.name not in _BOLD_BLOCKS or is_gone(el) or el.find(_BOLD_BLOCKS) is not None):
            continue
        if not _MIN_SAPO_CHARS <= len(el.get_text()) <= _MAX_BOLD_LEAD_CHARS or _in_list(el):
            continue
        text = flat_text(el)
        if len(text) < _MIN_SAPO_CHARS or text == title or parse_datetime(text) and len(text) < _MAX_DATELINE_CHARS:
            continue
        bold = len(text) if _bold_class(el) or el.name in _BOLD_TAGS else \
            sum(len(flat_text(b)) for b in el.find_all(_BOLD_TAGS) if not any(p.name in _BOLD_TAGS for p in b.parents))
        if bold < len(text) * _MIN_BOLD_SHARE or not any(ch in text for ch in ".,;"):
            continue
        if layout.is_right_aligned(el) or bylines.read_credit(text) is not None:
            continue  # a signature or byline set in bold, not a lead
        if furniture.is_furniture(text) or furniture.PHONE.search(text):
            continue  # a hotline or a call to action set in bold (a lead's "(Chinhphu.vn) -" is no contact)
        return text
    return None


def _description(page: Page, title: str | None = None) -> str | None:
    """The page's description, unless it is the site's (the whole <title> repeated, its name)
    or the headline repeated (CMSs fill an empty description with the title)."""
    text = _plain(_ld_str(page.ld.get("description")), unescape=True) or meta_value(page, META_DESCRIPTION)
    if not text or is_site_name(page, text) or furniture.is_site_description(text):
        return None
    pieces = _segments(text)
    if len(pieces) > 1 and any(is_site_name(page, p) or looks_like_outlet(p) for p in pieces) \
            and not any(ch in text for ch in ".!?"):
        return None  # the site's name and a section's ("Hỏi đáp chính sách - Cổng Thông tin điện tử X")
    if title and fold(text) == fold(title):
        return None
    title_tag = next(iter(page.index.by_tag("title")), None)
    if title_tag is not None and fold(text) == fold(title_tag.get_text()):
        return None
    return text


def find_sapo(page: Page, title: str | None = None) -> str | None:
    """Lead paragraph: adapter (with its place stamp) → a lead element between the headline and
    the body → JSON-LD description → og/meta description."""
    if page.adapter:
        for selector in page.adapter.sapo:
            el = page.index.first(selector)
            if el is None:
                continue
            for dropped in select_all(el, page.adapter.sapo_drop):
                if dropped is not el:
                    dropped.decompose()
            text = flat_text(el)
            for dateline_selector in page.adapter.datelines:
                dateline = select_first(el, dateline_selector)
                stamp = flat_text(dateline) if dateline is not None else ""
                if stamp and text.startswith(stamp):
                    text = f"{stamp} - {text[len(stamp):].lstrip(' -–:')}"
            if text:
                return _cut_link(text)
    description = _description(page, title)
    lead = _visible_sapo(page, title) or _shown_in_full(page, title, description) or description
    return _cut_link(_without_site_prefix(page, lead))


_MAX_LEAD_CHARS = 1000
_LEAD_BREAKERS = ("p", "div", "br", "table", "figure", "img", "ul", "ol", "section", "article")


def _shown_in_full(page: Page, title: str | None, description: str | None) -> str | None:
    """The lead as the page shows it between the headline and the body, when the description is
    its opening cut short for search results ("... 4 năm tù giam." of a lead going on "vì ...")."""
    headline = _headline_element(page, title)
    opening = (description or "").rstrip(" .…")
    if headline is None or len(opening) < _MIN_SAPO_CHARS:
        return None
    start = page.index._position(headline)
    end = max(_body_anchor(page), start + _SAPO_AFTER_ANCHOR) + _SAPO_AFTER_ANCHOR
    for el in page.index._all[start + 1: end + 1]:
        if el.name not in _SAPO_TAGS or el.find(_LEAD_BREAKERS) is not None:
            continue  # one paragraph, not the body's container
        text = flat_text(el) or ""
        if len(opening) < len(text) <= _MAX_LEAD_CHARS and text.startswith(opening):
            return text
    return None


_LEAD_PREFIX = compile_pattern(r"^\s*(?P<name>[^\s].{0,40}?)\s+[-–—:|]\s+")


def _without_site_prefix(page: Page, text: str | None) -> str | None:
    """A lead without the site's name opening it ("Bongda.com.vn - Ban huấn luyện ...", "VTV.vn -
    Trước ..."): descriptions are signed so for search results, not for readers."""
    match = _LEAD_PREFIX.match(text or "")
    if text and match and (is_site_name(page, match.group("name")) or is_domain_shaped(match.group("name"))):
        return text[match.end():] or text
    return text


# A link to another article glued to the end of a lead: "... bị cô lập. >> Miền Trung mưa lớn"
_LEAD_LINK = compile_pattern(r"\s*(?:>>|»)\s*[^>»]*$")


def _cut_link(text: str | None) -> str | None:
    if not text:
        return text
    head = _LEAD_LINK.sub("", text)
    return head if len(head) >= len(text) / 2 else text


def _byline(page: Page, text: str | None) -> str | None:
    """A byline (normalised text) without its label; None when not a person's name (site, URL)."""
    if not text:
        return None
    text = furniture.BYLINE_PREFIX.sub("", text).strip(" -–,.;:")
    if not (2 <= len(text) <= _MAX_AUTHOR_CHARS) or len(text.split()) > 10:
        return None
    lowered = text.lower()
    if "http" in lowered or "www." in lowered or any(ch in text for ch in "@<>{}") \
            or not any(ch.isalpha() for ch in text):
        return None
    if is_site_name(page, text) or parse_datetime(text) or _is_wire_tag(text):
        return None
    return text


@functools.cache
def _wire_tags() -> frozenset[str]:
    return frozenset(re.sub(r"\s+", "", known).strip("()").casefold() for known in furniture.wire_prefixes())


def _is_wire_tag(text: str) -> bool:
    """True for an outlet's lead tag standing where a byline goes ("TTO", "(NLĐO)")."""
    return re.sub(r"\s+", "", text).strip("()").casefold() in _wire_tags()


def names_more(fuller: str | None, other: str | None) -> bool:
    """True when a byline ("A, B") names everyone another names ("A") and more: a co-author
    one source of the byline left out. A name written without its accents (an account's name:
    "Trinh Minh") is the same name."""
    return bool(fuller and other) and {fold(n) for n in str(other).split(", ")} < {fold(n) for n in str(fuller).split(", ")}


def _join_names(names: Sequence[str | None]) -> str | None:
    unique = list(dict.fromkeys(n for n in names if n))
    return ", ".join(unique) if unique else None


def _capitalised_words(text: str) -> bool:
    """True when every word opens with a capital (a name), none holds a digit or a symbol."""
    words = text.replace("-", " ").split()
    return bool(words) and all(w[:1].isupper() and all(ch.isalpha() or ch in ".'’" for ch in w) for w in words)


def _name_case(name: str) -> str:
    """An upper-case name in the case readers write it ("TUYẾT MAI" -> "Tuyết Mai"); initials stay."""
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 2 or not all(ch.isupper() for ch in letters):
        return name
    return " ".join(w if "." in w else w[:1] + w[1:].lower() for w in name.split())


def byline_names(page: Page, text: str | None) -> list[str]:
    """The names of one byline element: labels, sources and brackets off, several names apart
    ("Công Bính - Hoài Nam", "Theo Minh Anh (Reuters)", "Tin, ảnh: Đình Phú", "A; B")."""
    if not text:
        return []
    names: list[str] = []
    for part in re.split(r"\s*;\s*", text):
        part = part.strip(" .,")
        if part and is_site_name(page, furniture.BYLINE_PREFIX.sub("", part).strip(" .,")):
            continue  # the site signing ("Thời Báo", "by Việt Tide"), before the credit reader cuts it
        credit = bylines.read_credit(part) if part else None
        if credit is not None:
            found = list(credit.authors)
        else:  # a name the credit reader does not know (foreign, odd initials): capitalised words only
            found = [part] if _capitalised_words(furniture.BYLINE_PREFIX.sub("", part)) else []
        for found_name in found:
            name = _byline(page, found_name)
            if name and not bylines.is_not_author(name) and not is_site_brand(page, name):
                names.append(_name_case(name))
    return names


_MAX_BYLINE_PARTS = 6


def _element_names(page: Page, el: Tag) -> list[str]:
    """The names of a byline element; when its whole text reads as none, the names of its parts
    (a meta box holding the name, the source and the time in elements of their own)."""
    names = byline_names(page, _el_text(el))
    if names or el.name == "meta":
        return names
    lines = [line.text for line in text_lines(el)]
    if len(lines) > 1 and bylines.is_workplace_line(lines[-1]):
        # an author box: "<b>ThS. A</b><br><i>Học viện Chính trị khu vực III</i>"
        while len(lines) > 1 and bylines.is_workplace_line(lines[-1]):
            lines.pop()
        names = [n for line in lines for n in byline_names(page, line)]
        if names:
            return names
    parts = [child for child in el.find_all(True, recursive=False) if child.get_text(strip=True)]
    while len(parts) == 1 and parts[0].find(True) is not None:  # through a wrapper: "<div><a>A</a><span>Thành viên</span></div>"
        parts = [child for child in parts[0].find_all(True, recursive=False) if child.get_text(strip=True)]
    names = [n for child in parts[:_MAX_BYLINE_PARTS] for n in byline_names(page, _el_text(child))]
    if names:
        return names
    # one line holding the name and the date: "LS. Võ Thanh Bình – Ngày đăng: 2016-09-27"
    text = _el_text(el) or ""
    dated = _DATE_PART.search(text)
    names = byline_names(page, text[:dated.start()]) if dated and dated.start() > 0 else []
    if names:
        return names
    # a photo story's byline element credits its photographer alone ("Ảnh: Minh Khang")
    credit = None if el.find_parent(("figure", "figcaption")) is not None else \
        bylines.read_credit(text[:dated.start()] if dated and dated.start() > 0 else text)  # not a photo's own credit
    if credit is not None and credit.photo and not credit.authors and not credit.sources:
        return [_name_case(name) for name in credit.photo if all(bylines.is_name_word(w) for w in name.split())]
    return []


# Where a byline's line turns to its date: a separator, then a date's label or a date.
_DATE_PART = compile_pattern(r"\s*[-–|·]\s*(?=(?:ngày đăng|đăng ngày|cập nhật|ngày|lúc|thứ|\d{1,4}[/-]\d)\b)", re.IGNORECASE)


def _ld_authors(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, dict):
            if _types(item) & _ORGANIZATION_TYPES:
                continue  # the publisher named as author is the site, not a byline
            item = item.get("name")
        if isinstance(item, str):
            names.append(item)
    return names


def find_author(page: Page) -> str | None:
    """Byline: adapter → JSON-LD Person authors → byline markup (rel=author, .author, ...).

    The site's own name is never an author (VnExpress puts it in meta[name=author]). Author meta
    tags come last of all, after the credits at the body's ends (`meta_author`): on many sites
    they name the site, its vendor or an SEO desk, not the reporter.
    """
    if page.adapter:
        for selector in page.adapter.author:
            author = _join_names([n for el in page.index.select([selector]) for n in byline_names(page, _el_text(el))])
            if author:
                return author
    # the site named as the author ("VietQ"), before the byline reader cuts it into a name
    ld_names = [n for n in _ld_authors(page.ld.get("author")) if not is_site_name(page, n) and not is_site_brand(page, n)]
    declared = _join_names([n for name in ld_names for n in byline_names(page, _plain(name, unescape=True))])
    shown = None
    for selector in GENERIC_AUTHOR:
        # (a page's wrapper is no byline, whatever its class: WordPress's <body class=single-author>)
        found = [el for el in page.index.select([selector])
                 if el.name == "meta" or (el.name not in _PAGE_WRAPPERS and not _outside_article(el))]
        shown = _join_names([n for el in found[:_MAX_BYLINE_ELEMENTS] for n in _element_names(page, el)])
        if shown:
            break
    if not shown:  # an e-magazine's credits block: "Nội dung: A", "Ảnh: B", "Thiết kế: C"
        found = [el for el in page.index.select(list(GENERIC_CREDITS))
                 if not _outside_article(el) and el.find_parent(("figure", "figcaption")) is None]
        shown = _join_names([n for el in found[:_MAX_BYLINE_ELEMENTS] for n in _labelled_authors(el)])
    for selector in GENERIC_POSTER if not shown else ():
        found = [el for el in page.index.select([selector]) if not _outside_article(el)]
        shown = _join_names(_element_names(page, found[0])) if found else None
        if shown:
            break
    # JSON-LD first, unless the byline shown names everyone it names and more (a co-author), or
    # names them as readers see them, without the middle names ("Nông Quyết" for "Nông Văn Quyết")
    if shown_wins(shown, declared):
        return shown
    return declared or shown


_MAX_HEAD_BYLINE_CHARS = 200
_MAX_HEAD_BYLINE_WORDS = 12
_HEAD_BYLINE_WITHIN = 40  # elements after the headline: a byline above the lead sits close under it
_HEAD_BYLINE_TAGS = ("p", "div", "td")


def find_head_byline(page: Page, title: str | None) -> str | None:
    """A byline set apart between the headline and the article text (right-aligned, or all bold
    or italic), with the writer's workplace under it or not: "<p align=right><b>TS Nguyễn Thị
    Thảo</b><br><i>Viện Văn hóa và Phát triển</i></p>" above a magazine's lead. Its names."""
    headline = _headline_element(page, title)
    if headline is None:
        return None
    start = page.index._position(headline)
    for el in page.index._all[start + 1: min(_body_anchor(page), start + 1 + _HEAD_BYLINE_WITHIN)]:
        # a short leaf block set apart (a container's nested block is found at once, its text
        # is not read)
        if el.name not in _HEAD_BYLINE_TAGS or el.find(_HEAD_BYLINE_TAGS) is not None \
                or len(el.get_text()) > _MAX_HEAD_BYLINE_CHARS:
            continue
        right = layout.is_right_aligned(el)
        set_apart = right or layout.is_emphasised(el)
        text = flat_text(el) or ""
        if not text or _in_list(el) or _outside_article(el):
            continue
        if not set_apart:
            names = _meta_line_names(page, el, text)
            if names:
                return _join_names(names)
            continue
        lines = [line.text for line in text_lines(el)]
        while len(lines) > 1 and bylines.is_workplace_line(lines[-1]):
            lines.pop()
        if len(lines) != 1 or len(lines[0].split()) > _MAX_HEAD_BYLINE_WORDS:
            continue  # a lead set in bold ("Chiến dịch được triển khai ...") is longer
        credit = bylines.read_credit(lines[0])
        if credit is None or not credit.authors:
            continue
        # bare names in sentence case may be a heading ("Hà Nội"), unless set right or titled
        titled = bylines.without_degrees(lines[0]) != lines[0]
        if credit.bare and not (right or titled or lines[0].isupper()):
            continue
        names = byline_names(page, lines[0])
        if names:
            return _join_names(names)
    return None


def _meta_line_names(page: Page, el: Tag, text: str) -> list[str]:
    """The writer's names of a meta line under the headline that gives them beside its date
    ("Thanh Bình | 14/11/2022 16:40", "Quốc Huy • Thứ Bảy, 16/03/2024", or the name and the date
    in elements of their own, "<i>Lê Diệp</i> <font>Cập nhật ngày: 12/10/2012</font>"); none for a
    place's dateline ("Hà Nội | 14/11/2022") or a line without a date."""
    if not parse_datetime(text):
        return []
    found = layout.head_credit(text)
    # the element's own pieces, its text between them too ("Cập nhật: ... | Lượt xem: 412 | In bài")
    parts = [piece for child in el.children
             if (piece := (flat_text(child) or "") if isinstance(child, Tag) else str(child).strip())]
    if not found and len(parts) > 1:
        found = layout.head_credit(" | ".join(parts))
    # no label says it is a byline: a name of two words at least ("In bài", "Tin X" are links and
    # categories), and no place
    if not found or any(len(name.split()) < 2 or fold(name) in bylines.place_names() for name in found):
        return []
    return [n for name in found for n in byline_names(page, name)]


def shown_wins(shown: str | None, declared: str | None) -> bool:
    """True when a byline the reader sees is to be taken over the one a source declares: it names
    everyone the other names and more, or the same people as readers see them (`_shortened`), or
    with the accents an account's name leaves out ("Trịnh Minh" for "Trinh Minh")."""
    return names_more(shown, declared) or _shortened(shown, declared) or _accented(shown, declared)


def _accented(shown: str | None, declared: str | None) -> bool:
    """True when a byline gives the same names as another with accents the other has not."""
    return bool(shown and declared) and shown != declared and fold(str(shown)) == fold(str(declared)) \
        and declared == "".join(ch for ch in unicodedata.normalize("NFD", str(declared)) if not unicodedata.combining(ch))


def _shortened(shown: str | None, declared: str | None) -> bool:
    """True when a byline gives the same people as another, one for one, in short: each name its
    counterpart's first and last words."""
    if not shown or not declared or shown == declared:
        return False
    pairs = list(zip(shown.split(", "), declared.split(", ")))
    return len(shown.split(", ")) == len(declared.split(", ")) and all(
        len(short.split()) < len(full.split()) and short.split()[0] == full.split()[0]
        and short.split()[-1] == full.split()[-1] for short, full in pairs)


def _labelled_authors(el: Tag) -> list[str]:
    """The names a credits block gives after an author's label, line by line; not the bare names
    (a photo's credit is a name alone too)."""
    names: list[str] = []
    for line in text_lines(el):
        credit = bylines.read_credit(line.text)
        if credit is not None and not credit.bare:
            names += credit.authors
    return names


def meta_author(page: Page) -> str | None:
    """The byline the author meta tags give, when neither the markup nor the body gave one."""
    for key in META_AUTHOR:
        author = _join_names([n for v in page.meta.get(key, []) for n in byline_names(page, _plain(v))])
        if author:
            return author
    return None


def _el_text(el: Tag) -> str | None:
    content = el.get("content")
    return (_plain(content) if isinstance(content, str) else None) if el.name == "meta" else flat_text(el)


# A machine time labelled UTC: "2014-02-14T18:40:11+00:00", "...Z".
_UTC_LABELLED = compile_pattern(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(?:[+-]00:?00|Z)$")


def _element_date(el: Tag) -> str | None:
    for value in (el.get("content"), el.get("datetime"), el.get("data-time")):
        if isinstance(value, str):
            found = parse_datetime(value)
            if found:
                return _shown_local(el, value.strip(), found)
    return parse_datetime(flat_text(el))


def _read_as_local(page: Page, meta_keys: Sequence[str], found: str | None) -> str | None:
    """The declared publication time read as local when it is labelled UTC and the page shows its
    date unconverted in a <time> element ("article:published_time 2014-12-14T22:48:17+00:00" and
    "<time>14/12/2014</time>"): a WordPress theme's mislabelled local time, which converted would
    fall on a day the reader never sees."""
    raw = next((v for key in meta_keys for v in page.meta.get(key, [])[:1]), None) or _ld_str(page.ld.get("datePublished"))
    utc = _UTC_LABELLED.match((raw or "").strip())
    if not found or not utc or found[:10] == utc[1]:
        return None
    # a <time> giving the instant with its real zone ("16:10-07:00" beside "23:10+00:00") says the
    # UTC label is true: only one labelled UTC too, or bare, shows a mislabelled date
    shown = {parse_datetime(flat_text(el)) for el in page.index.by_tag("time")[:_MAX_TIME_ELEMENTS]
             if not isinstance(el.get("datetime"), str) or _UTC_LABELLED.match(str(el.get("datetime")).strip())}
    return parse_datetime(f"{utc[1]} {utc[2]}") if utc[1] in shown else None


_MAX_TIME_ELEMENTS = 10


def _shown_local(el: Tag, value: str, found: str) -> str:
    """A time labelled UTC whose element shows its date unconverted ("<time datetime='2014-02-14T
    18:40:11+00:00'>14/02/2014</time>"): a local time mislabelled (WordPress themes print them so),
    read as local; converted, it would fall on a day the reader never sees."""
    utc = _UTC_LABELLED.match(value)
    shown = parse_datetime(flat_text(el)) if utc else None
    if utc and shown and "T" not in shown and shown == utc[1] and found[:10] != shown:
        return parse_datetime(f"{utc[1]} {utc[2]}") or shown
    return found


# Publication-date meta keys of CMSs not in META_PUBLISHED, by their shape: "rnews:datePublished",
# "OriginalPublicationDate", "article.created", "cXenseParse:publishtime" (never a modification).
_PUBLISHED_META_KEY = compile_pattern(r"publi|original|creat|issued|release|pubdate|posted", re.IGNORECASE)
_DATE_META_KEY = compile_pattern(r"date|time|publi", re.IGNORECASE)
_NOT_PUBLISHED_META_KEY = compile_pattern(r"modif|updat|edit|expir|revis|review|creator|author", re.IGNORECASE)


def published_meta_keys(meta: dict[str, list[str]]) -> list[str]:
    """Meta keys of the page that name a publication date but are not in META_PUBLISHED."""
    return [
        key for key in meta
        if key not in META_PUBLISHED and _PUBLISHED_META_KEY.search(key) and _DATE_META_KEY.search(key)
        and not _NOT_PUBLISHED_META_KEY.search(key)
    ]


def _find_date(page: Page, adapter_selectors: tuple[str, ...], ld_key: str,
               meta_keys: tuple[str, ...], generic: tuple[str, ...]) -> str | None:
    for selector in adapter_selectors:
        for el in page.index.select([selector]):
            found = _element_date(el)
            if found:
                return found
    found = parse_datetime(_ld_str(page.ld.get(ld_key))) if ld_key else None
    if found:
        return found
    for key in meta_keys:
        for value in page.meta.get(key, []):
            found = parse_datetime(value)
            if found:
                return found
    for selector in generic:
        for el in page.index.select([selector])[:20]:
            # not a comment's date, nor (for date-classed text) a listed link's "(16/05/2013)"
            skip = _outside_article(el) or (generic is GENERIC_PUBLISHED and (_in_list(el) or _beside_link(el)))
            found = None if skip else _element_date(el)
            if found:
                return found
    return None


_LINKED_HEADLINE_WORDS = 4  # a link of this many words is another article's title, not a name


def _beside_link(el: Tag) -> bool:
    """True for a date set with a link to another article, beside it or inside the same element
    ("<div><a>Other headline</a><span class=date>(07/05/2014)</span></div>"): that article's date."""
    def headline_link(link: object) -> bool:
        return isinstance(link, Tag) and len(link.get_text(" ", strip=True).split()) >= _LINKED_HEADLINE_WORDS

    parent = el.parent
    return any(headline_link(link) for link in el.find_all("a", limit=3)) or (
        isinstance(parent, Tag) and any(headline_link(link) for link in parent.find_all("a", recursive=False)))


def _headline_element(page: Page, title: str | None) -> Tag | None:
    if not title:
        return None
    key = ("headline", title)
    if key not in page.memo:
        page.memo[key] = next((el for name in ("h1", "h2", "h3", "h4", "div", "p", "span", "b", "strong", "font", "td")
                               for el in page.index.by_tag(name)
                               if len(el.get_text()) < 3 * len(title) and flat_text(el) == title), None)
    found: Tag | None = page.memo[key]
    return found


def _meta_item(el: Tag) -> bool:
    """True for an element in a list item that holds no link, outside any link: a meta line's
    piece set as a list (Elementor's post info: "<li><time>19/04/2024</time></li>"); the dates
    of other articles sit beside the links to them."""
    if el.name == "a" or el.find_parent("a") is not None:
        return False
    item = el if el.name == "li" else el.find_parent("li")
    return item is not None and item.find("a") is None


def _in_list(el: Tag) -> bool:
    """True for an element inside a link or a list item: dates of other articles."""
    return el.name in _LIST_TAGS or any(parent.name in _LIST_TAGS for parent in el.parents)


# A dateline that gives the last update, not the publication ("Cập nhật lúc 11:02, 19/10/2020").
_UPDATE_WORDS = r"(?:Cập\s+nh[ậa][tp]|Update[ds]?\b|Last\s+(?:updated|modified)|Sửa\s+(?:đổi|lúc)|Chỉnh\s+sửa)"
UPDATE_LABEL = compile_pattern(r"^\s*(?:Ngày\s+)?" + _UPDATE_WORDS, re.IGNORECASE)  # "Ngày cập nhật ..." too
# ... and one that says outright it is the last change, never the publication
_LAST_CHANGE = compile_pattern(r"lần\s+cuối|Last\s+(?:updated|modified)|Sửa\s+đổi|Chỉnh\s+sửa", re.IGNORECASE)


# ... and one after the publication's date, or after a byline, in the same line ("Đăng ngày
# 17/04/2016 — cập nhật lần cuối 18/04/2016", "bởi admin — cập nhật lần cuối 18/04/2016").
_UPDATE_WITHIN = compile_pattern(r"(?<=[\s(|,–—-])" + _UPDATE_WORDS, re.IGNORECASE)


# A line giving another time than the article's: an event's ("- Thời gian: 8h30, Chủ nhật ngày
# 26/11/2017"), a deadline ("Hạn đăng ký: 25/11/2017").
OTHER_TIME_LABEL = compile_pattern(
    r"^[\s\-–•*]*(?:Thời\s+gian|Hạn(?:\s+chót|\s+đăng\s+ký|\s+nộp)?|Địa\s+điểm|Lịch|Khai\s+mạc|Diễn\s+ra|Deadline)\b",
    re.IGNORECASE,
)


def dateline_near(page: Page, title: str | None, *, updates: bool = False, as_shown: bool = False) -> str | None:
    """The date of the visible dateline nearest the headline: after it first, then before it;
    a date with its time before a date alone (a page header shows today's date without one).
    A dateline labelled as an update is passed over (`updates=True`: only those are read).
    `as_shown`: the date its text shows, never its element's machine-readable attributes."""
    found = _dateline(page, title, updates=updates, as_shown=as_shown)
    return found[1] if found else None


def _dateline(page: Page, title: str | None, *, updates: bool = False, as_shown: bool = False,
              last_change: bool = True) -> tuple[int, str] | None:
    """`dateline_near`'s date and its distance from the headline, in elements (`last_change`
    False: not a dateline saying outright it gives the last change)."""
    headline = _headline_element(page, title)
    if headline is None:
        return None
    elements = page.index._all
    at = page.index._position(headline)
    after = elements[at + 1: at + 1 + _DATELINE_AFTER]
    before = list(reversed(elements[max(0, at - _DATELINE_BEFORE): at]))
    # farther up only a date with its time: a forum post's header row ("02-13-2021, 16:42") sits
    # above the poster's box; a page header's date alone is today's
    farther = list(reversed(elements[max(0, at - _DATELINE_FARTHER): max(0, at - _DATELINE_BEFORE)]))
    dates_only: list[tuple[int, str]] = []  # (elements from the headline, date)
    for group in (after, before, farther):
        for distance, el in enumerate(group, 1):
            if is_gone(el) or el.name in ("script", "style") or headline in el.parents or (_in_list(el) and not _meta_item(el)):
                continue
            text = el.get_text(" ", strip=True)
            if not text or len(text) > _MAX_DATELINE_CHARS or bool(UPDATE_LABEL.match(text)) != updates:
                continue
            if not last_change and _LAST_CHANGE.search(text):
                continue
            if furniture.is_imprint(text) or _outside_article(el) or _beside_link(el) or OTHER_TIME_LABEL.match(text):
                continue  # the footer's licence date, a reader comment's or a related link's date, an event's
            found = parse_datetime(text) if as_shown else _element_date(el)
            later = _UPDATE_WITHIN.search(text)
            if later and not updates and any(ch.isalnum() for ch in text[:later.start()]):  # "bởi admin — cập nhật lần cuối 18/04/2016": the update's date
                first = parse_datetime(text[:later.start()])  # is not the publication's
                found = found if first and found and found[:10] == first[:10] else first
            if found and "T" in found:
                return distance, found
            if found and group is not farther:
                dates_only.append((distance, found))
    # of dates alone the nearest: an article's above its headline, not a sidebar's event below
    return min(dates_only, key=lambda item: item[0]) if dates_only else None


def find_published(page: Page, raw: RawDocument, title: str | None = None) -> str | None:
    """Publication datetime: adapter → JSON-LD → article:published_time etc. → <time> markup →
    the visible dateline near the headline (one not labelled as an update first) → date-classed
    elements → the source's → htmldate."""
    adapter = page.adapter.published if page.adapter else ()
    meta_keys = (*META_PUBLISHED, *published_meta_keys(page.meta))
    found = _find_date(page, adapter, "datePublished", meta_keys, MARKUP_PUBLISHED)
    found = _read_as_local(page, meta_keys, found) or found
    shown = dateline_near(page, title, as_shown=True) if found and "T" in found else None
    if found and shown and _zone_slip(found, shown):
        found = shown
    found = found or _labelled_or_plain_dateline(page, title) or _find_date(page, (), "", (), GENERIC_PUBLISHED)
    # an "updated" dateline when it is the only one (old CMSs label their one dateline so), and
    # htmldate last: on a page with no dateline it reads the dates of other articles' links too
    found = found or dateline_near(page, title, updates=True) or parse_datetime(raw.published)
    return found or library_date(page)


_NEAR_DATELINES = 4  # elements apart: two datelines of one meta line ("Cập nhật ..." beside the day)


def _labelled_or_plain_dateline(page: Page, title: str | None) -> str | None:
    """The dateline near the headline; when it shows a date alone and a dateline labelled as an
    update sits well nearer ("Ngày cập nhật 26/11/2017" under the headline, today's date in the
    page header or a court's schedule farther off), the labelled one: old CMSs label their only
    dateline so. Beside it in one meta line, the date alone is the publication's."""
    plain = _dateline(page, title)
    if plain and "T" in plain[1]:
        return plain[1]
    labelled = _dateline(page, title, updates=True, last_change=False)
    if labelled and (plain is None or labelled[0] + _NEAR_DATELINES < plain[0]):
        return labelled[1]
    return plain[1] if plain else None


_MAX_ZONE_SLIP = dt.timedelta(hours=14)


def _zone_slip(declared: str, shown: str) -> bool:
    """True when the dateline's text shows the declared publication time at the same minute of
    another hour: a CMS labelling local time as UTC ("19:30+00:00" under a dateline "09/09/2013
    19:30"), whose instant falls hours later, often on another day. Readers see the dateline: it
    wins."""
    if "T" not in shown:
        return False  # a date without a time: nothing to compare
    try:
        slip = abs(dt.datetime.fromisoformat(declared) - dt.datetime.fromisoformat(shown))
    except (ValueError, TypeError):
        return False
    return dt.timedelta(0) < slip <= _MAX_ZONE_SLIP and slip.total_seconds() % 3600 < 60


def library_date(page: Page) -> str | None:
    """htmldate's publication day for a page where none of our strategies found one: imported
    here only, so pages that carry their date never pay for loading it."""
    try:
        with cached_compiles():  # its regexes, compiled as it is imported, from the cache
            from htmldate import find_date
    except ImportError:  # an install without it: no last fallback
        return None
    try:
        found = find_date(str(page.soup), url=page.url, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # a failure of the library on one page is "no date found"
        LOGGER.debug("htmldate failed on %s", page.url, exc_info=True)
        return None
    return parse_datetime(found)


def find_modified(page: Page) -> str | None:
    """Last modification: adapter → JSON-LD dateModified → article:modified_time etc."""
    adapter = page.adapter.modified if page.adapter else ()
    return _find_date(page, adapter, "dateModified", META_MODIFIED, GENERIC_MODIFIED)


_HOME_PAGE = compile_pattern(r"(?:index|default|home|trang-?chu)(?:\.\w+)?", re.IGNORECASE)


def _is_section_link(page: Page, text: str) -> bool:
    """True when a link of the page's menu or breadcrumb reads `text` and leads to a section, not
    the home page: a <title> of a section's name ("Tin tức sự kiện") does not name the site."""
    target = fold(text)
    for link in page.index.by_tag("a"):
        if fold(flat_text(link)) != target:
            continue
        path = urlsplit(str(link.get("href") or "")).path.rstrip("/")
        last = path.rsplit("/", 1)[-1]
        if path and not _HOME_PAGE.fullmatch(last) and not _ARTICLE_SLUG.search(last):
            return True
    return False


# The last part of an article's address, not a section's: an id ("...-1284.html") or a long slug.
_ARTICLE_SLUG = compile_pattern(r"\d{3,}(?:\.\w+)?$|^(?:[^-/]+-){5,}")


def _title_site_name(page: Page, headline: str | None) -> str | None:
    """The site's name in the <title>: a segment naming the site or opening as outlets do, or
    the whole <title> when it holds no headline (a portal titles every page with its name)."""
    title_tag = next(iter(page.index.by_tag("title")), None)
    if title_tag is None:
        return None
    title = clean_text(html.unescape(title_tag.get_text()))
    pieces = _segments(title)
    if len(pieces) == 1:
        if headline and not _similar(headline, title) and not is_site_name(page, headline) \
                and not _is_section_link(page, title):
            return title
        return None
    others = [piece for piece in pieces if not (headline and _similar(piece, headline))]
    for piece in others:
        if is_site_name(page, piece) or looks_like_outlet(piece):
            return piece
    for piece in others:  # a section's name is echoed too, by its menu link and its box's heading
        if _echoed_elsewhere(page, piece) and not _is_section_link(page, piece):
            return piece
    # the signature of "headline - section - site": a segment written as a name ("Zing News"),
    # not a section ("Thể thao"), which many titles carry without any site name
    brands = [piece for piece in others if _brand_like(piece)] if len(others) < len(pieces) else []
    return brands[-1] if brands else None


def find_outlet(page: Page, headline: str | None = None) -> str | None:
    """Outlet: by the URL's domain or the page's own name (outlets.tsv) → adapter → og:site_name →
    JSON-LD publisher's name → the site's name in the <title> → host. Saved or fetched, a page of
    a known outlet gets one name."""
    if page.outlet is not None:
        return page.outlet.name
    if page.adapter:
        return page.adapter.outlet
    host = host_of(page.url)
    names = [reader_name(name, host) for name in _self_declared_names(page, headline, host)]
    names = [name for name in names if name]
    signed = _title_site_name(page, headline)
    signature = reader_name(signed, host) if signed else None
    plain = [name for name in names if not is_domain_shaped(name) and not is_shouted(name)]
    if plain:
        return _most_named(plain, signature)
    banner = _title_institution(page, headline) or _banner_name(page)
    if banner:
        return reader_name(banner, host)
    named = _most_named(names, signature)
    return domain_name_read(named) if named else host


def _glued_case(text: str) -> bool:
    """True for words run together ("nhân dânPeople's Police Academy"): a capital right after a small letter."""
    return any(a.islower() and b.isupper() for a, b in itertools.pairwise(text))


def _banner_name(page: Page) -> str | None:
    """When the page names its site nowhere else: a banner's or logo's picture named as a site or
    an institution is ("Cổng thông tin điện tử tỉnh Hà Nam", "Ngân hàng TMCP Kiên Long"), written
    as readers write it (no shouted words, no English line glued to it, no menu)."""
    for text in _masthead_texts(page):
        shouted = sum(1 for word in text.split() if len(word) > 1 and _in_capitals(word))
        if (looks_like_outlet(text) or names_institution(text)) and shouted <= 1 \
                and "|" not in text and not _glued_case(text):
            return text
    return None


def _title_institution(page: Page, headline: str | None) -> str | None:
    """When the page names its site nowhere else: the <title> segment beside the headline that
    names an institution ("... | Cục Cảnh sát giao thông")."""
    title_tag = next(iter(page.index.by_tag("title")), None)
    pieces = _segments(clean_text(html.unescape(title_tag.get_text()))) if title_tag is not None else []
    return next((piece for piece in pieces[1:] + pieces[:1]
                 if not (headline and _similar(piece, headline)) and names_institution(piece)
                 and not _is_section_link(page, piece)), None) if len(pieces) > 1 else None


def _self_declared_names(page: Page, headline: str | None, host: str | None) -> list[str]:
    """Every name the page gives its site, most trusted first: og:site_name, application-name,
    the JSON-LD publisher, the <title>'s signature, the logo's text, an author meta naming the site."""
    names = [v for key in ("og:site_name", "application-name") for v in page.meta.get(key, [])[:1]]
    publisher = page.ld.get("publisher")
    for item in publisher if isinstance(publisher, list) else [publisher]:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str):
            names.append(_plain(name, unescape=True) or "")
    names.append(_title_site_name(page, headline) or "")
    names += _logo_names(page, host)
    names += [v for v in page.meta.get("author", [])[:1] if is_site_name(page, v)]
    names += _footer_names(page)
    names += _masthead_names(page)
    names += _agreed_names(page)
    return [clean_text(html.unescape(name)) for name in names if name]


_MAX_LOGO_ELEMENTS = 4
_LOGO_PARTS = ("span", "strong", "b", "h1", "h2", "p", "div")
_MAX_LOGO_PARTS = 4
_MAX_LOGO_CHARS = 80


def _logo_names(page: Page, host: str | None) -> list[str]:
    """The site's name as its logo gives it (image alt, link title), when it reads as an outlet's
    name or is the domain's name ("Báo điện tử VTV News", "GenK" on genk.vn; not a slogan)."""
    label = fold(host.split(".")[0]) if host else ""
    found = []
    # an old page's logo is an image named so, with no class ("<img src=/images/logo_ktnt.gif>")
    for el in page.index.select(["[class*=logo]", "[id*=logo]", "img[src*=logo]"])[:_MAX_LOGO_ELEMENTS]:
        # a logo written as text ("<a class=logo><h1>VOA Tiếng Việt</h1></a>") counts as its alt
        # ... and each of its parts: a name and its English line set as blocks by CSS
        # ("<span class=sitename>CỔNG ...</span><span class=siteen>... PORTAL</span>") run together
        parts = [flat_text(part) for part in el.find_all(_LOGO_PARTS, limit=_MAX_LOGO_PARTS)]
        values = [flat_text(el), *parts] + [node.get(attr) for node in (el, *el.find_all(("img", "a")))
                                            for attr in ("alt", "title")]
        for value in values:
            if not isinstance(value, str) or not value.strip() or len(value) > _MAX_LOGO_CHARS:
                continue
            name = _segments(clean_text(value))[0]
            if looks_like_outlet(name) or (len(label) >= 3 and fold(name) == label):
                # a logo set in capitals: the name as the page writes it elsewhere, if it does
                found.append((_written_elsewhere(page, name) or name) if _in_capitals(name) else name)
    return found


_MAX_FOOTER_ELEMENTS = 3


def _footer_names(page: Page) -> list[str]:
    """The names the footer's owner statement gives the site ("Báo Thanh tra - Cơ quan của Thanh
    tra Chính phủ"): the line an outlet's licence makes it print on every page."""
    found = []
    for el in page.index.select(["footer", "[id*=footer]", "[class*=footer]"])[:_MAX_FOOTER_ELEMENTS]:
        # one line per block: "<p>Cổng thông tin điện tử tỉnh X</p><p>Cơ quan chủ quản: …</p>"
        # ends the name where its paragraph does
        for name in statement_names(" | ".join(line.text for line in text_lines(el))):
            reader = _in_reader_case(page, name) if _in_capitals(name) else name
            if reader:
                found.append(reader)
    return found


_MIN_SUFFIX_WORDS = 2


def _in_reader_case(page: Page, shouted: str) -> str | None:
    """A name the footer prints in capitals, as a reader writes it: the same words as the page
    writes them elsewhere, or its opening words in sentence case and the rest as written elsewhere
    ("CỔNG THÔNG TIN ĐIỆN TỬ VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO" beside a banner "Viện kiểm sát nhân
    dân tối cao"); None when the page gives no case for it."""
    whole = _written_elsewhere(page, shouted)
    if whole:
        return whole
    words = shouted.split()
    for start in range(1, len(words) - _MIN_SUFFIX_WORDS + 1):
        rest = _written_elsewhere(page, " ".join(words[start:]), in_sentences=True)
        if rest:
            head = " ".join(words[:start]).lower()
            return f"{head[:1].upper()}{head[1:]} {rest}"
    return None


_MAX_MASTHEAD_NAME_WORDS = 12


def _in_masthead(el: Tag) -> bool:
    """True for an element inside a block named the masthead, below the page's or the article's
    own wrapper (a theme's `<body id=top>` names no masthead)."""
    for node in (el, *el.parents):
        if not isinstance(node, Tag) or node.name in _PAGE_WRAPPERS:
            return False
        if furniture.is_masthead(node.get("class"), node.get("id")):
            return True
    return False


def _masthead_names(page: Page) -> list[str]:
    """The site's name as its masthead heading writes it (an institution's portal: "<div
    class=header><h1 class=site-title>BỆNH VIỆN ĐA KHOA TỈNH X</h1>"). A name in capitals is
    taken in the case the page writes it elsewhere (its description, its footer), else left out:
    readers do not write names in capitals."""
    found = []
    for el in page.index.by_tag("h1")[:_MAX_LOGO_ELEMENTS]:
        if el.get("itemprop") == "headline" or not _in_masthead(el):
            continue
        name = clean_text(flat_text(el) or "")
        if not name or len(name.split()) > _MAX_MASTHEAD_NAME_WORDS or parse_datetime(name):
            continue
        letters = [ch for ch in name if ch.isalpha()]
        if letters and all(ch.isupper() for ch in letters):
            name = _written_elsewhere(page, name) or ""
        if name:
            found.append(name)
    return found


_MAX_ALT_IMAGES = 6
# Where a name ends in a title, a description or a footer line ("© 2026 Thư Viện Pháp Luật").
_PIECES = compile_pattern(r"\s[-–|]\s|[.,;:|]\s|©\s*(?:(?:19|20)\d\d\s*)?|(?i:copyright)\s*(?:(?:19|20)\d\d\s*)?")


def _written_elsewhere(page: Page, shouted: str, *, in_sentences: bool = False) -> str | None:
    """The same words in the case the <title>, the description or the footer writes them, or None.
    `in_sentences`: also as words inside a longer piece, opening with a capital (the owner's name
    in the description: "Công an tỉnh Tuyên Quang triệt phá ..."), for the name after an opener."""
    texts = [clean_text(html.unescape(el.get_text())) for el in page.index.by_tag("title")[:1]]
    texts += [v for v in page.meta.get("description", [])[:1]]
    texts += [flat_text(el) or "" for el in page.index.select(["footer", "[id*=footer]", "[class*=footer]"])[:2]]
    # the banner's or logo's image names the institution ("<a href=/><img alt='Viện kiểm sát ...'>")
    texts += [str(img.get("alt")) for img in page.index.select(["a[href] img[alt]"])[:_MAX_ALT_IMAGES]]
    target = fold(shouted)
    size = len(shouted.split())
    for text in texts:
        for piece in _PIECES.split(clean_text(text)):
            if fold(piece) == target and not _in_capitals(piece):
                return piece.strip()
            words = piece.split() if in_sentences else []
            for start in range(len(words) - size + 1):
                run = " ".join(words[start:start + size])
                if run[:1].isupper() and fold(run) == target and not _in_capitals(run):
                    return run
    return None


# The openers of a paper's or a magazine's name that pages drop as often as they write them.
_PAPER_OPENERS = ("Báo", "Tạp chí")


def _paper_opener(name: str) -> str | None:
    """The opener a name starts with ("Tạp chí" of "Tạp chí Văn nghệ Đồng Nai"), if a name follows."""
    for opener in _PAPER_OPENERS:
        if name.casefold().startswith(opener.casefold() + " ") and len(name.split()) > len(opener.split()) + 1:
            return opener
    return None


def _without_paper(name: str) -> str:
    opener = _paper_opener(name)
    return name[len(opener):].strip() if opener else name


def _most_named(names: list[str], signature: str | None = None) -> str | None:
    """The name the page gives most often (by its folded form, with or without "Báo" or "Tạp
    chí"; earliest on a tie), in the form written most often (on a tie, the form the <title> signs
    with: "Dân trí", not "Dân Trí"). A paper or a magazine the page anywhere calls "Báo X" or
    "Tạp chí X" is named so (the convention of the records: "Báo Lâm Đồng", "Báo Hà Nội Mới")."""
    if not names:
        return None
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(fold(_without_paper(name)), []).append(name)
    best = max(groups.values(), key=len)  # max keeps the first of equal groups
    bare = [_without_paper(form) for form in best]
    bare_signature = _without_paper(signature) if signature else None
    # readers do not write a name in capitals: a cased form wins over "BỆNH VIỆN BẠCH MAI"
    # (an acronym's one word stays: "BNEWS", "VTV")
    form = max(bare, key=lambda form: (not _set_in_capitals(form), form == bare_signature, bare.count(form)))
    opener = next((found for name in best if (found := _paper_opener(name))), None)
    return f"{opener} {form}" if opener else form


_MASTHEAD_SELECTORS = ("[class*=logo]", "[id*=logo]", "[class*=banner]", "[class*=brand]", "header")
# The holder a footer's copyright line names ("© 2017 Bản quyền thuộc về Bệnh viện Bạch Mai").
_YEARS = r"(?:\s*\d{4}(?:\s*[-–]\s*\d{4})?)?"
_COPYRIGHT_HOLDER = compile_pattern(
    rf"(?:bản quyền thuộc(?: về)?|©(?:\s*copyright)?{_YEARS}|copyright(?:\s*©)?{_YEARS})\s*(?:bởi|của|thuộc(?: về)?)?\s*"
    r"(?P<name>(?!bản quyền|copyright|all rights)[^\W\d][^.,;|©()]{3,80}?)\s*(?:[.,;|©()]|$|\s[-–]\s)",
    re.IGNORECASE,
)


def _masthead_texts(page: Page) -> list[str]:
    """What the page's masthead shows as its name: logo and banner texts, image alts and titles."""
    given: list[str] = []
    for el in page.index.select(list(_MASTHEAD_SELECTORS))[:_MAX_LOGO_ELEMENTS]:
        for node in (el, *el.find_all(True))[:3 * _MAX_LOGO_ELEMENTS]:
            given.append(flat_text(node) or "")
            given += [value for attr in ("alt", "title") if isinstance(value := node.get(attr), str)]
    return [clean_text(text) for text in given if text and len(text) <= _MAX_LOGO_CHARS]


def _copyright_holders(page: Page) -> list[str]:
    """The holders the footer's copyright lines name, line by line."""
    found = []
    for el in page.index.select(["footer", "[id*=footer]", "[class*=footer]"])[:_MAX_FOOTER_ELEMENTS]:
        for line in el.get_text("\n").splitlines():
            found += [match.group("name").strip() for match in _COPYRIGHT_HOLDER.finditer(clean_text(line))]
    return found


def _agreed_names(page: Page) -> list[str]:
    """A name two of the page's self-declarations give alike (the logo's alt and the footer's
    copyright holder, the author meta and the banner): an institution's site names itself so,
    whatever words its name opens with ("Bệnh viện Bạch Mai")."""
    sources = [_masthead_texts(page), _copyright_holders(page), list(page.meta.get("author", [])[:1])]
    counts: dict[str, int] = {}
    for source in sources:
        for folded in {fold(text) for text in source if len(text.split()) >= 2}:
            counts[folded] = counts.get(folded, 0) + 1
    agreed = [text for source in sources for text in source if len(text.split()) >= 2 and counts[fold(text)] >= 2]
    return list(dict.fromkeys(agreed))


_MAX_ACRONYM_LETTERS = 6


def _set_in_capitals(name: str) -> bool:
    """True for a name of words set in capitals for show ("THƯ VIỆN PHÁP LUẬT"), not an acronym."""
    return _in_capitals(name) and (len(name.split()) > 1 or sum(ch.isalpha() for ch in name) > _MAX_ACRONYM_LETTERS)


def _in_capitals(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return len(letters) > 1 and all(ch.isupper() for ch in letters)


def _echoed_elsewhere(page: Page, piece: str) -> bool:
    """True when a <title> segment is the name the page's masthead, footer or author meta gives
    too ("... - Công an tỉnh Quảng Bình" beside a logo reading "CÔNG AN TỈNH QUẢNG BÌNH"): a
    portal's name, however it is cased."""
    target = fold(piece)
    if len(piece.split()) < 2:
        return False
    given = list(page.meta.get("author", [])[:1]) + _masthead_texts(page) + _copyright_holders(page)
    footer_lines = [clean_text(line) for el in page.index.select(["footer", "[id*=footer]", "[class*=footer]"])[:1]
                    for line in el.get_text("\n").splitlines()[:3]]
    return any(fold(text) == target for text in given) or any(
        fold(line).endswith(target) for line in footer_lines if line)


def _brand_like(piece: str) -> bool:
    """True for a <title> segment written as a name (every word with a capital: "Zing News",
    "VnExpress iOne"), not as a section ("Thể thao", "Pháp luật")."""
    words = piece.split()
    return bool(words) and all(any(ch.isupper() or ch.isdigit() for ch in word) for word in words)


def _unique_tags(values: list[str | None]) -> tuple[str, ...]:
    """Distinct tags (case-insensitive), in order; values are already normalised text."""
    seen: dict[str, str] = {}
    for value in values:
        text = (value or "").strip(" #,;")
        if text and len(text) <= 100 and text.casefold() not in seen:
            seen[text.casefold()] = text
    return tuple(seen.values())[:_MAX_TAGS]


def find_tags(page: Page) -> tuple[str, ...]:
    """Tags: adapter tag links → JSON-LD keywords → article:tag → keywords meta → rel=tag links."""
    if page.adapter:
        for selector in page.adapter.tags:
            tags = _unique_tags([flat_text(el) for el in page.index.select([selector])])
            if tags:
                return tags
    keywords = page.ld.get("keywords")
    if isinstance(keywords, str):
        keywords = re.split(r"[,;]", keywords)
    if isinstance(keywords, list):
        tags = _unique_tags([_plain(k, unescape=True) for k in keywords if isinstance(k, str)])
        if tags:
            return tags
    tags = _unique_tags([_plain(v) for v in page.meta.get("article:tag", [])])
    if tags:
        return tags
    for key in META_KEYWORDS:
        for value in page.meta.get(key, []):
            tags = _unique_tags([_plain(v) for v in re.split(r"[,;]", value)])
            if tags:
                return tags
    for selector in GENERIC_TAGS:
        tags = _unique_tags([flat_text(el) for el in page.index.select([selector])])
        if tags:
            return tags
    return ()


def _language_code(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    code = re.split(r"[-_\s,;]", value.strip(), maxsplit=1)[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def find_language(page: Page) -> str:
    """Language code: <html lang> → content-language / og:locale meta → JSON-LD → "vi"."""
    html_tag = next(iter(page.index.by_tag("html")), None)
    if isinstance(html_tag, Tag):
        for attr in ("lang", "xml:lang"):
            code = _language_code(html_tag.get(attr))
            if code:
                return code
    for key in META_LANGUAGE:
        for value in page.meta.get(key, []):
            code = _language_code(value)
            if code:
                return code
    return _language_code(_ld_str(page.ld.get("inLanguage"))) or "vi"


def read_metadata(page: Page, raw: RawDocument) -> Metadata:
    """Every metadata field of the page, each by its own strategies."""
    title = find_title(page)
    return Metadata(
        title=title,
        sapo=find_sapo(page, title),
        author=find_author(page),
        published_at=find_published(page, raw, title),
        modified_at=find_modified(page),
        url=page.url,
        outlet=find_outlet(page, title),
        tags=find_tags(page),
        language=find_language(page),
        meta_author=meta_author(page),
        head_author=find_head_byline(page, title),
    )
