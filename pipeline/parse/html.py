"""An HTML news page to an Article: metadata by strategies, body by adapter or generic extraction.

The body comes from the outlet's adapter container (`sites.py`) when it has one and it yields
text; otherwise from a known article container or the densest prose container (`generic.py`);
last from the JSON-LD `articleBody`. Captions are taken out of the body before it is read, and
page furniture (share bars, related links, comments, reader forms, ads) is removed.
The sapo is never repeated as the first body paragraph: `sapo` + `paragraphs` is the full text.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import vnextract.pipeline.parse.soup_import  # noqa: F401  (first: bs4 with cached regexes)

# isort: split
from bs4 import BeautifulSoup
from bs4.element import PageElement, Tag

from vnextract.pipeline.errors import Errors, InputError
from vnextract.pipeline.extract.pattern_cache import cached_compiles, compile_pattern
from vnextract.pipeline.parse import bylines, furniture, layout
from vnextract.pipeline.parse.blocks import (
    BLOCK_TAGS,
    Line,
    clean_text,
    flat_text,
    holds_prose,
    is_gone,
    iter_tags,
    select_all,
    strip_furniture,
    text_lines,
)
from vnextract.pipeline.parse.dates import parse_datetime
from vnextract.pipeline.parse.generic import best_containers
from vnextract.pipeline.parse.metadata import (
    Metadata,
    Page,
    byline_names,
    read_metadata,
    read_page,
    shown_wins,
)
from vnextract.pipeline.parse.sites import GENERIC_BODY_SELECTORS, fold
from vnextract.pipeline.types import Article, RawDocument

LOGGER = logging.getLogger(__name__)

# Below this many characters a generically found body is taken for a page without an article
# (a 404 page, a gallery, a listing): the adapter path has no such floor.
MIN_GENERIC_CHARS = 200
# A brief (a sentence or two) counts on a page that has a headline and a publication date.
MIN_BRIEF_CHARS = 60
_MIN_BRIEF_HEADLINE_WORDS = 4
_MAX_LINK_DENSITY = 0.5


@dataclass
class Body:
    """Paragraphs and captions read from a page, and how they were found."""

    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)  # byline names taken from the body's ends


_CAPTION_INLINE_TAGS = ("em", "i", "small")
_MAX_UNMARKED_CAPTION_CHARS = 300


def _unmarked_captions(container: Tag) -> list[Tag]:
    """Captions written with no caption markup: a block holding a photo and, beside it, only one
    italic or small run of text ("<p><img><br><em>Nông dân tỉa cành.</em></p>")."""
    found = []
    for img in container.find_all(("img", "amp-img")):
        after = _italic_after(img)
        if after is not None:  # "<img><br><em>Caption.</em><br>" inside running text
            found.append(after)
            continue
        block = img.parent
        while isinstance(block, Tag) and block.name not in BLOCK_TAGS:
            block = block.parent
        if not isinstance(block, Tag):
            continue
        if block is container:  # the photo set straight in the body, its caption the next paragraph
            run = _only_italic_run(img.find_next_sibling())
        else:
            run = _only_italic_run(block)
            if run is None and not block.get_text(strip=True):
                # the photo alone in its paragraph, its caption the next one ("<p><img></p><p><em>..."),
                # however deep its wrappers ("<div class=media><div class=file><img></div></div>")
                holder = block
                while holder.find_next_sibling() is None and isinstance(holder.parent, Tag) \
                        and holder.parent is not container and not holder.parent.get_text(strip=True):
                    holder = holder.parent
                run = _only_italic_run(holder.find_next_sibling())
        if run is not None:
            found.append(run)
    return found


def _only_italic_run(block: Tag | None) -> Tag | None:
    """The block's one italic or small run when it is the block's whole text (a caption's length)."""
    if block is None or block.name not in BLOCK_TAGS:
        return None
    runs = block.find_all(_CAPTION_INLINE_TAGS)
    text = flat_text(block)
    if len(runs) == 1 and text and len(text) <= _MAX_UNMARKED_CAPTION_CHARS and flat_text(runs[0]) == text:
        return runs[0]
    return None


_IMAGE_WRAPPERS = frozenset(("a", "span", "div", "picture"))


def _last_content(el: Tag) -> bool:
    """True when nothing but white space follows the element in its parent."""
    node = el.next_sibling
    while node is not None:
        if isinstance(node, Tag) or str(node).strip():
            return False
        node = node.next_sibling
    return True


# Inline runs a line of running text sits in: past their end, the line goes on after them (lxml
# closes a <font> before a <center> it held).
_INLINE_WRAPPERS = frozenset(("font", "span", "b", "strong", "em", "i", "u", "a", "small"))
_ITALIC_STYLE = compile_pattern(r"font-style\s*:\s*italic", re.IGNORECASE)


def _next_in_line(node: Tag) -> PageElement | None:
    """What follows a node past line breaks and white space, out of the inline runs it ends."""
    while True:
        after = node.next_sibling
        while after is not None and (isinstance(after, Tag) and after.name == "br" or
                                     not isinstance(after, Tag) and not str(after).strip()):
            after = after.next_sibling
        if after is not None or not isinstance(node.parent, Tag) or node.parent.name not in _INLINE_WRAPPERS:
            return after
        node = node.parent


def _italic_run(node: Tag) -> bool:
    """An italic or small run: <em>, <i>, <small>, a span or font styled italic, a <center> of italics."""
    style = node.get("style")
    return node.name in _CAPTION_INLINE_TAGS or (
        node.name in ("span", "font") and isinstance(style, str) and bool(_ITALIC_STYLE.search(style))) or (
        node.name == "center" and layout.is_emphasised(node))


def _italic_after(img: Tag) -> Tag | None:
    """The italic run set right after an image in running text (only line breaks between them,
    a line break or the end after it): the image's caption. An image alone in its wrapper (a
    link, a forum's "bbImageWrapper" div) is read from the wrapper."""
    anchor: Tag = img
    while _last_content(anchor) and isinstance(anchor.parent, Tag) and anchor.parent.name in _IMAGE_WRAPPERS \
            and not anchor.parent.get_text(strip=True):
        anchor = anchor.parent
    node = _next_in_line(anchor)
    if not isinstance(node, Tag) or not _italic_run(node):
        return None
    text = flat_text(node)
    if not text or len(text) > _MAX_UNMARKED_CAPTION_CHARS:
        return None
    rest = node.next_sibling
    while rest is not None and not isinstance(rest, Tag) and not str(rest).strip():
        rest = rest.next_sibling
    return node if rest is None or (isinstance(rest, Tag) and rest.name in ("br", *BLOCK_TAGS)) else None


def _caption_elements(container: Tag, selectors: tuple[str, ...]) -> list[Tag]:
    """Caption elements by selector, by a caption class token or as a photo's only italic text,
    outermost only, in page order."""
    found = select_all(container, (*selectors, *furniture.CAPTION_SELECTORS)) + _unmarked_captions(container)
    # an <img class="caption"> (Joomla's caption plugin) is the photo the caption is for, not one
    by_class = [el for el in iter_tags(container)
                if el.name != "img" and el.attrs.get("class") and furniture.is_caption_class(el.attrs)]
    if not by_class:
        return found
    chosen = {id(el) for el in (*found, *by_class)}
    return [el for el in iter_tags(container) if id(el) in chosen and not any(id(p) in chosen for p in el.parents)]


def _take_captions(container: Tag, selectors: tuple[str, ...]) -> list[str]:
    """Caption texts under the container, removed from it ("… |" suffixes stripped)."""
    captions = []
    for el in _caption_elements(container, selectors):
        if el is container or is_gone(el) or el.name == "img":  # <img class="caption">: the photo
            continue
        if holds_prose(el):  # a caption class on a container of article text: not a caption
            continue
        for unseen in [t for t in iter_tags(el) if furniture.is_hidden(t.attrs)]:
            if not is_gone(unseen):
                unseen.decompose()  # "Image caption" said to screen readers before the caption
        text = furniture.CAPTION_SUFFIX.sub("", flat_text(el)).strip(" |")
        if text:
            captions.append(text)
        el.decompose()
    return captions


def _block_of(el: Tag, container: Tag) -> Tag:
    """The block element (paragraph, div) around `el` that sits inside the container."""
    node = el
    while node.name not in BLOCK_TAGS:
        parent = node.parent
        if parent is None or parent is container:
            break
        node = parent
    return node


# A byline's block holds little beside the name ("Bài và ảnh: Lê Na", "Lê Na (theo Reuters)");
# a block with more text than this around the matched name is article text and stays.
_BYLINE_BLOCK_SLACK = 60


def _remove_bylines(container: Tag, selectors: tuple[str, ...]) -> None:
    """Take the byline paragraphs (found by the author selectors) out of the body."""
    for el in select_all(container, selectors):
        if el is container or is_gone(el):
            continue
        block = _block_of(el, container)
        if block is container or is_gone(block):
            continue
        if len(block.get_text().strip()) <= len(el.get_text().strip()) + _BYLINE_BLOCK_SLACK:
            block.decompose()


@dataclass
class Container:
    """What one body container gave: its lines, captions and the credit lines at its ends."""

    lines: list[Line]
    captions: list[str]
    credits: list[str]  # the names the credit lines give


def read_container(
    container: Tag,
    *,
    captions: tuple[str, ...] = (),
    bylines: tuple[str, ...] = (),
    drop: tuple[str, ...] = (),
    paragraph: str | None = None,
) -> Container:
    """The lines of the article text in a container, its captions and credits (taken out first)."""
    found_captions = _take_captions(container, captions)
    layout.drop_media(container)
    _remove_bylines(container, bylines)
    strip_furniture(container, drop)
    found_captions += layout.take_layout_captions(container)
    credits = layout.take_end_credits(container)
    if paragraph:
        lines = [line for el in select_all(container, [paragraph]) for line in text_lines(el)]
    else:
        lines = text_lines(container)
    return Container(lines, found_captions, credits.names)


def filter_lines(lines: list[Line], meta: Metadata, *, generic: bool) -> tuple[list[str], list[str]]:
    """Body paragraphs from lines: stop at the reader form, skip furniture and link lines."""
    paragraphs: list[str] = []
    captions: list[str] = []
    for line in lines:
        text = line.text
        if furniture.is_end_line(text):
            if paragraphs:
                break
            continue  # before any prose it heads a box set at the top of the body ("Tin cùng chuyên mục")
        if furniture.is_furniture(text) or furniture.is_related_line(text) or furniture.is_imprint(text):
            continue  # an imprint line in a body is a photo's copyright ("© Sputnik / Trần Tuấn")
        if paragraphs and bylines.is_photo_line(text):
            continue  # a photo's credit left under its caption ("Ảnh: Minh Khang"); the body's end is read apart
        if line.link_density > _MAX_LINK_DENSITY:
            continue
        caption = furniture.caption_of(text)
        if caption is not None:
            if caption:
                captions.append(caption)
            continue
        if text in (meta.title, meta.author) or (meta.outlet and len(text) < 60 and fold(text) == fold(meta.outlet)):
            continue  # the site's name alone closing the text is its signature
        if generic and _dateline_shaped(text) and parse_datetime(text) and not layout.head_credit(text):
            continue  # a date line left in the container by the page's header (a byline with it stays, read later)
        paragraphs.append(text)
    # a note closing a body written with line breaks ("...<br><i>Nguồn tổng hợp</i>"): the notes
    # closing block bodies were taken with the credits
    while len(paragraphs) > 1 and bylines.is_closing_note(paragraphs[-1]):
        paragraphs.pop()
    return paragraphs, captions


_SHORT_LINE_CHARS = 40
_MAX_DATE_LINE_CHARS = 60
DATE_LINE_WORDS_FILE = Path(__file__).with_name("date_line_words.tsv")


@functools.cache
def _date_line_words() -> frozenset[str]:
    """The words a date line holds besides its figures (`date_line_words.tsv`)."""
    lines = DATE_LINE_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


def _dateline_shaped(text: str) -> bool:
    """Short, or holding nothing but a date and its words ("Ngày đăng Thứ bảy, 26 Tháng 7 2014
    16:05"): a date line, not a sentence ("Luật có hiệu lực thi hành từ ngày 01/01/2014.")."""
    if len(text) < _SHORT_LINE_CHARS:
        return True
    words = re.findall(r"[^\W\d_]+", text.casefold())
    return len(text) <= _MAX_DATE_LINE_CHARS and all(word in _date_line_words() for word in words)


def _chars(paragraphs: list[str]) -> int:
    return sum(len(p) for p in paragraphs)


def _generic_body(page: Page, meta: Metadata) -> Body:
    root = page.soup.body or page.soup
    strip_furniture(root)
    # a section page's heading ("Xã hội") is no headline: a brief needs one of a few words
    headline = bool(meta.title) and len((meta.title or "").split()) >= _MIN_BRIEF_HEADLINE_WORDS
    minimum = MIN_BRIEF_CHARS if headline and meta.published_at else MIN_GENERIC_CHARS
    for selector in GENERIC_BODY_SELECTORS:
        container = page.index.first(selector)
        if container is None:
            continue
        read = read_container(container, bylines=_GENERIC_BYLINES)
        paragraphs, more = filter_lines(read.lines, meta, generic=True)
        if _chars(paragraphs) >= minimum:
            credits = read.credits or layout.credit_after(container)
            return Body(paragraphs, read.captions + more, credits=credits)
    body = Body()
    containers = best_containers(root)
    for container in containers:
        read = read_container(container, bylines=_GENERIC_BYLINES)
        paragraphs, more = filter_lines(read.lines, meta, generic=True)
        body.paragraphs += paragraphs
        body.captions += read.captions + more
        body.credits += read.credits
    if containers and not body.credits:
        body.credits = layout.credit_after(containers[-1])
    if _chars(body.paragraphs) < minimum:
        return Body()
    return body


# Byline elements removed from a generic body (the author itself was read before).
_GENERIC_BYLINES = ("[class*=author]", "[class*=byline]", "[rel=author]", "[itemprop=author]")


def _join(names: list[str]) -> str | None:
    unique = list(dict.fromkeys(names))
    return ", ".join(unique) if unique else None


def _jsonld_body(page: Page) -> list[str]:
    text = page.ld.get("articleBody")
    if not isinstance(text, str):
        return []
    if "<" in text:
        return [line.text for line in text_lines(BeautifulSoup(text, "lxml"))]
    return [p for p in (clean_text(part) for part in text.split("\n")) if p]


def extract_body(page: Page, meta: Metadata) -> Body:
    """The article's body: adapter container → known containers / densest prose → JSON-LD."""
    adapter = page.adapter
    warnings: list[str] = []
    if adapter and adapter.body:
        for selector in adapter.body:
            container = page.index.first(selector)
            if container is None:
                continue
            read = read_container(
                container,
                captions=adapter.captions,
                bylines=adapter.author,
                drop=adapter.drop,
                paragraph=adapter.paragraph,
            )
            paragraphs, more = filter_lines(read.lines, meta, generic=False)
            if paragraphs:
                return Body(paragraphs, read.captions + more, credits=read.credits)
        warnings.append(f"parse: no article body at the {adapter.domain} selectors, generic extraction used")
        LOGGER.info("adapter %s found no body in %s", adapter.domain, page.url)
    body = _generic_body(page, meta)
    if not body.paragraphs:
        paragraphs = _jsonld_body(page)
        if paragraphs:
            warnings.append("parse: body taken from JSON-LD articleBody")
            body = Body(paragraphs)
    body.warnings = warnings
    return body


_HEAD_LINES = 2


def take_head_credits(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Dateline and byline lines before the lead out of the body, and the names they give. A
    line of bare names in sentence case stays (it may be a heading: "Hà Nội")."""
    names: list[str] = []
    rest = list(paragraphs)
    for _ in range(_HEAD_LINES):
        if len(rest) < 2:
            break
        found = layout.head_credit(rest[0])
        if found is None:
            break
        credit = bylines.read_credit(rest[0])
        titled = bylines.without_degrees(rest[0]) != rest[0]  # "ThS. A", "Đại úy A": a byline, no heading
        if found and credit is not None and credit.bare and any(ch.islower() for ch in rest[0]) and not titled:
            break
        names += found
        rest.pop(0)
        if found and len(rest) > 1 and bylines.is_workplace_line(rest[0]):
            rest.pop(0)  # the writer's workplace under the name ("Học viện Hành chính Quốc gia")
    return rest, names


_LEAD_REPEAT_WITHIN = 3  # paragraphs from the body's start where a lead said twice is looked for


def settle_lead(sapo: str | None, paragraphs: list[str]) -> tuple[str | None, list[str]]:
    """Wire prefixes off the sapo and the first paragraph; a lead in the body becomes the sapo.

    When the sapo (often a meta description, sometimes cut short with "...") opens the first
    body paragraph, that paragraph is the lead: it becomes the sapo and leaves the body, unless it
    is the body's only paragraph (a brief has no lead).
    """
    paragraphs = list(paragraphs)
    if sapo:
        sapo = furniture.strip_wire_prefix(sapo).strip() or None
    while paragraphs:
        first = furniture.strip_wire_prefix(paragraphs[0]).strip()
        if first:
            paragraphs[0] = first
            break
        paragraphs.pop(0)
    if sapo and paragraphs:
        key = sapo.rstrip(" .…").rstrip()
        first = paragraphs[0]
        if first == sapo or (len(key) >= 20 and first.startswith(key)):
            if len(paragraphs) > 1:
                sapo = first
                paragraphs.pop(0)
            else:  # a one-paragraph brief, its description that paragraph: said once, as the body
                sapo = None
        elif sapo in paragraphs[1:_LEAD_REPEAT_WITHIN]:
            paragraphs.remove(sapo)  # the lead said again under a line the page's header left
    return sapo, paragraphs


_OPEN_TITLE = compile_pattern(r"(<title\b[^>]*>)([^<]*)", re.IGNORECASE)
_CLOSE_TITLE = compile_pattern(r"</title\s*>", re.IGNORECASE)
# A heading closed by another level's end tag ("<h1>…</h2>"): browsers close the open heading
# (HTML5), lxml keeps it open to the end of the page.
_MISMATCHED_HEADING = compile_pattern(
    r"(<h([1-6])\b[^>]*>)([^<]*(?:<(?!/?h[1-6]\b)[^<]*)*)</h(?!\2)[1-6]\s*>", re.IGNORECASE
)


def repair_markup(text: str) -> str:
    """Mend what lxml reads differently from a browser: an open <title>, "<h1>…</h2>"."""
    if not _CLOSE_TITLE.search(text):
        text = _OPEN_TITLE.sub(lambda m: m.group(1) + m.group(2).rstrip() + "</title>\n", text, count=1)
    return _MISMATCHED_HEADING.sub(lambda m: f"{m.group(1)}{m.group(3)}</h{m.group(2)}>", text)


NOT_ARTICLE_FILE = Path(__file__).with_name("not_article.tsv")
_MIN_LISTING_LINKS = 15  # this many links and no prose: a listing, whatever else the page says


@functools.cache
def _not_article_words() -> dict[str, tuple[str, ...]]:
    words: dict[str, list[str]] = {}
    for line in NOT_ARTICLE_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, _, text = line.partition("\t")
            words.setdefault(kind.strip(), []).append(text.strip().casefold())
    return {kind: tuple(values) for kind, values in words.items()}


@dataclass(frozen=True)
class PageShape:
    """How much of a page is links, read before its furniture is removed."""

    links: int
    link_chars: int
    text_chars: int

    @classmethod
    def of(cls, page: Page) -> PageShape:
        """The shape of the page as it was saved."""
        anchors = page.index.by_tag("a")
        root = page.soup.body or page.soup
        return cls(len(anchors), sum(len(a.get_text(strip=True)) for a in anchors), len(root.get_text(strip=True)))


def why_no_article(page: Page, meta: Metadata, shape: PageShape) -> str:
    """Why a page gave no article text, in words a user can act on."""
    words = _not_article_words()
    heading = next((flat_text(h) for h in page.index.by_tag("h1")), "")
    title_tag = next(iter(page.index.by_tag("title")), None)
    for shown in (clean_text(title_tag.get_text()) if title_tag is not None else "", heading, meta.title or ""):
        if shown and any(word in shown.casefold() for word in words.get("error", ())):
            return f"an error page ({shown[:80]!r}): save the article's own page"
    scripts = " ".join(s.get_text() for s in page.index.by_tag("script")[:20]).casefold()
    shown_text = page.soup.get_text(" ", strip=True)[:2000].casefold()
    if len(shown_text) < 500 and any(w in scripts or w in shown_text for w in words.get("challenge", ())):
        return "the page asks for JavaScript or a cookie before the article: save it from a browser"
    if shape.links >= _MIN_LISTING_LINKS or (shape.links >= 3 and shape.link_chars >= shape.text_chars / 3):
        return f"a listing or index page ({shape.links} links, no paragraph of prose): give an article's page"
    return NO_PROSE


NO_PROSE = "no paragraph of prose after removing captions and page furniture"


def library_paragraphs(text: str) -> list[str]:
    """The body trafilatura finds on a page where our rules found none (and nothing says it is
    no article): a page whose article sits in markup our furniture rules take for a box. Its
    lines go through the same furniture filters; below MIN_GENERIC_CHARS it is no body.
    Imported here only: pages our rules read never pay for loading it."""
    try:
        with cached_compiles():  # its regexes, compiled as it is imported, from the cache
            import trafilatura
    except ImportError:  # an install without it refuses such pages, as before
        return []
    try:
        found = trafilatura.extract(text, include_comments=False, include_tables=False, include_images=False,
                                    include_links=False, favor_precision=True, deduplicate=False)
    except Exception:
        LOGGER.info("trafilatura failed on a page", exc_info=True)
        return []
    paragraphs = [clean_text(line) for line in (found or "").splitlines()]
    paragraphs = [p for p in paragraphs if p and not (furniture.is_furniture(p) or furniture.is_related_line(p)
                                                      or furniture.is_imprint(p) or furniture.is_end_line(p))]
    return paragraphs if _chars(paragraphs) >= MIN_GENERIC_CHARS else []


def parse_html(text: str, raw: RawDocument) -> Article:
    """An Article from an HTML page already decoded to text; InputError E007 (with the reason)
    when the page holds no article text."""
    soup = BeautifulSoup(repair_markup(text), "lxml")
    page = read_page(soup, raw)
    meta = read_metadata(page, raw)
    shape = PageShape.of(page)
    body = extract_body(page, meta)
    if not any(p.strip() for p in body.paragraphs):
        reason = why_no_article(page, meta, shape)
        rescued = library_paragraphs(text) if reason == NO_PROSE else []
        if not rescued:
            raise InputError(Errors.E007, reason)
        body = Body(rescued, warnings=[*body.warnings, "parse: body taken by trafilatura (our rules found none)"])
    paragraphs, head_names = take_head_credits(body.paragraphs)
    sapo, paragraphs = settle_lead(meta.sapo, paragraphs)
    # a dateline/byline line set between the lead and the body ("<b>lead</b> / date | name / ...")
    paragraphs, between = take_head_credits(paragraphs)
    credits = head_names + between + body.credits
    signed = _join([n for name in credits for n in byline_names(page, name)])
    author = meta.author or signed or meta.head_author or meta.meta_author
    if shown_wins(signed, meta.author):
        author = signed  # the byline element names one writer, the signature under the text both;
        # or the JSON-LD gives full names, the signature the ones readers know
    captions = tuple(dict.fromkeys(body.captions))
    return Article(
        paragraphs=tuple(paragraphs),
        title=meta.title,
        sapo=sapo,
        captions=captions,
        author=author,
        published_at=meta.published_at,
        modified_at=meta.modified_at,
        url=meta.url,
        outlet=meta.outlet,
        tags=meta.tags,
        language=meta.language,
        fetched_at=raw.fetched_at,
        archive=raw.archive,
        warnings=tuple(body.warnings),
    )
