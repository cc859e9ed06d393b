"""HTML elements to lines of text: block boundaries, `<br>`, links and furniture removal.

Everything here walks the tree with an explicit stack, never recursion, so a page of ten thousand
nested `<div>`s costs time in proportion to its size and cannot exhaust Python's stack.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import vnextract.pipeline.parse.soup_import  # noqa: F401  (first: bs4 with cached regexes)

# isort: split
from bs4.element import NavigableString, PageElement, PreformattedString, Tag
from soupsieve import SelectorSyntaxError

from vnextract.pipeline.nlp.normalize import normalize_text
from vnextract.pipeline.parse import furniture
from vnextract.pipeline.parse.generic import direct_text

# Elements that start a new line of text; everything else runs inline.
BLOCK_TAGS = frozenset(
    ["address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "caption"]
)
_CELL_TAGS = frozenset(("td", "th"))
# A table cell with at most this much text, one paragraph and no table inside is one phrase of its
# row, even if it wraps its text in <p>; a bigger cell is page layout (old CMSs put whole articles
# in cells).
_SMALL_CELL_CHARS = 300
_MAX_CELL_CHECK_DEPTH = 3
# Between the cells of a row; a private-use character so that a "|" written in the text stays.
_CELL_SEPARATOR = "\ue000"
_REPEATED_SEPARATORS = re.compile("\ue000(?:\\s*\ue000)+")
# Text inside these is code, form state or a media element's fallback ("your browser does not
# support video"), never the article.
_SKIP_TEXT_IN = frozenset(("script", "style", "noscript", "template", "textarea", "select", "option",
                           "video", "audio", "object", "embed", "canvas"))
# Furniture elements that hold at least this many prose paragraphs are kept: old ASP.NET pages
# wrap the whole article in a <form>, some themes in a "sidebar-1" column.
_PROSE_PARAGRAPHS_TO_KEEP = 3
_PROSE_CHARS = 80
# A <form> holding this share of the page's text wraps the page (ASP.NET), however short the
# article in it (a two-paragraph brief): reader forms hold a few labels and a text box.
_PAGE_WRAPPER_SHARE = 0.5


@dataclass(frozen=True)
class Line:
    """One line of text read from a block, with how much of it is link text."""

    text: str
    link_chars: int = 0

    @property
    def link_density(self) -> float:
        """Share of the line's characters that sit inside links."""
        return min(1.0, self.link_chars / len(self.text)) if self.text else 0.0


def clean_text(text: str) -> str:
    """The one normalisation every text taken from a page goes through: normal form, one space."""
    return " ".join(normalize_text(text).split())


def _children_reversed(tag: Tag) -> list[PageElement]:
    return list(reversed(tag.contents))


_SHOWN_ADDRESS = re.compile(r"(?:https?://|www\.)\S+$", re.IGNORECASE)


def shows_address(link_text: str) -> bool:
    """True for a link's text that is a web address: text to read, not a link to follow."""
    return _SHOWN_ADDRESS.match(link_text.strip()) is not None


def text_lines(root: Tag) -> list[Line]:
    """The element's text as lines: one per block element or `<br>`, table rows as "a | b"."""
    lines: list[Line] = []
    buf: list[str] = []
    link_chars = 0
    in_link = 0

    def flush() -> None:
        nonlocal link_chars
        text = clean_text("".join(buf))
        if _CELL_SEPARATOR in text:
            text = _REPEATED_SEPARATORS.sub(_CELL_SEPARATOR, text).strip(" " + _CELL_SEPARATOR)
            text = text.replace(_CELL_SEPARATOR, "|")
        if text:
            lines.append(Line(text, min(link_chars, len(text))))
        buf.clear()
        link_chars = 0

    stack: list[PageElement | tuple[str, Tag, int]] = [root]  # elements, and ("exit", tag, 1 if a small cell)
    small_cells = 0  # how many small cells we are inside: blocks in them do not break the line
    tables = 0
    while stack:
        item = stack.pop()
        if isinstance(item, tuple):  # ("exit", tag, was_small_cell)
            _, tag, small = item
            name = tag.name
            if name == "a":
                in_link -= 1
            elif name == "table":
                tables -= 1
                flush()
            elif name in _CELL_TAGS:
                small_cells -= small
                if "".join(buf).strip():
                    buf.append(f" {_CELL_SEPARATOR} ")
            elif name in BLOCK_TAGS:
                if small_cells:
                    buf.append(" ")
                else:
                    flush()
            continue
        if isinstance(item, NavigableString):
            if isinstance(item, PreformattedString):  # comments, CDATA, doctype
                continue
            if item.parent is not None and item.parent.name in _SKIP_TEXT_IN:
                continue
            text = str(item)
            buf.append(text)
            if in_link and not shows_address(text):
                link_chars += len(text.strip())  # a link showing its own address is text to read
            continue
        if not isinstance(item, Tag):
            continue
        name = item.name
        if name == "br":
            if small_cells:
                buf.append(" ")
            else:
                flush()
            continue
        if name in _SKIP_TEXT_IN:
            continue
        small = 0
        if name in _CELL_TAGS:
            small = int(
                item is not root
                and tables <= _MAX_CELL_CHECK_DEPTH
                and item.find("table") is None
                and len(item.find_all("p", limit=2)) < 2
                and len(item.get_text()) <= _SMALL_CELL_CHARS
            )
            small_cells += small
        elif name in BLOCK_TAGS:
            if small_cells:
                buf.append(" ")
            else:
                flush()
        if name == "table":
            tables += 1
        elif name == "a":
            in_link += 1
        stack.append(("exit", item, small))
        stack.extend(_children_reversed(item))
    flush()
    return lines


def iter_tags(root: Tag) -> Iterator[Tag]:
    """The elements under `root` in document order (a plain walk, cheaper than find_all(True))."""
    for node in root.descendants:
        if isinstance(node, Tag):
            yield node


def is_gone(tag: Tag) -> bool:
    """True once the element was decomposed or taken out of the page.

    Not `Tag.decomposed`: on a live element that property falls through to `find("_decomposed")`,
    a search of the whole subtree, which makes a loop over nested elements quadratic.
    """
    return bool(vars(tag).get("_decomposed")) or tag.parent is None


def flat_text(root: Tag) -> str:
    """The element's text on one line (blocks joined by a space)."""
    return " ".join(line.text for line in text_lines(root))


def outermost(elements: Iterable[Tag]) -> list[Tag]:
    """The elements that are not inside another element of the list, in the order given."""
    # by identity: bs4 compares tags by their markup, so two equal menus would merge into one
    chosen = list({id(el): el for el in elements}.values())
    ids = set()
    for el in chosen:
        ids.add(id(el))
    result = []
    for el in chosen:
        if not any(id(parent) in ids for parent in el.parents):
            result.append(el)
    return result


def select_all(root: Tag, selectors: Iterable[str]) -> list[Tag]:
    """Elements matching any of the selectors, outermost only, in document order."""
    selectors = [s for s in selectors if s]
    if not selectors:
        return []
    found: list[Tag]
    try:
        found = list(root.select(", ".join(selectors)))
    except (SelectorSyntaxError, NotImplementedError):  # a bad table row matches nothing
        found = [el for s in selectors for el in _safe_select(root, s)]
    return outermost(found)


def _safe_select(root: Tag, selector: str) -> list[Tag]:
    try:
        return root.select(selector)
    except (SelectorSyntaxError, NotImplementedError):
        return []


def select_first(root: Tag, selector: str) -> Tag | None:
    """The first element matching one selector, or None (a bad selector matches nothing)."""
    try:
        return root.select_one(selector)
    except (SelectorSyntaxError, NotImplementedError):
        return None


def holds_prose(tag: Tag) -> bool:
    """True when the element holds several paragraphs of running text (so is not furniture):
    <p> elements, or text written straight into a <div> or cell (old ASP.NET pages)."""
    count = 0
    for el in tag.find_all(("p", "div", "td", "blockquote")):  # a forum post: text in a blockquote
        if el.name == "p":
            text = el.get_text()
            links = sum(len(a.get_text()) for a in el.find_all("a"))
        else:
            text, links = direct_text(el)
        if len(text.strip()) < _PROSE_CHARS:
            continue
        if links < len(text) / 3:
            count += 1
            if count >= _PROSE_PARAGRAPHS_TO_KEEP:
                return True
    return False


def _attr_tokens(tag: Tag) -> list[str]:
    """Class tokens, the id, and a CMS's box type (VCCorp's `type="RelatedOneNews"`)."""
    value = tag.get("class")
    classes: list[str] = value.split() if isinstance(value, str) else list(value or [])
    tokens = list(classes)
    for name in ("id", "type"):
        attr = tag.get(name)
        if isinstance(attr, str) and attr:
            tokens.append(attr)
    return tokens


def _wraps_page(form: Tag, root_chars: int) -> bool:
    """True for a <form> that wraps the page rather than asks the reader something: ASP.NET's
    (its view state inside), or one holding the headline or half the page's text."""
    if form.find("input", attrs={"name": "__VIEWSTATE"}) is not None or form.find("h1") is not None:
        return True
    return len(form.get_text(strip=True)) >= root_chars * _PAGE_WRAPPER_SHARE


def _is_pull_quote_block(tag: Tag, root: Tag) -> bool:
    if tag.name != "blockquote" and "quote" not in str(tag.get("class") or "").lower():
        return False  # most tags: no need to read their class words
    tokens = _attr_tokens(tag)
    boxed = furniture.is_quote_box(tokens) or furniture.is_tinted(tag.attrs)
    text = flat_text(tag)
    speaker = _attribution(tag)
    if speaker is not None:  # the quotation read alone, its speaker in an element of its own
        text = " ".join(flat_text(child) or "" for child in _text_children(tag) if child is not speaker)
    if not (furniture.is_quote_block(tag.name, tokens) and furniture.is_pull_quote(text, boxed=boxed)):
        return False
    # a plain blockquote is a pull quote when it repeats the article's words, or is one short
    # sentence alone; a longer one said nowhere else is the article's own quotation
    # ("<blockquote>“Việc ghép hai ca ... Đến nay cả bốn người đều hồi phục tốt.”</blockquote>")
    return boxed or furniture.is_set_apart_sentence(text) or _said_elsewhere(text, tag, root)


# A quote block's last element naming its speaker ("<cite>", "<p class=quote__author>"): the
# speaker and a title may run long ("Ông X, Tổng Thư ký Hiệp hội Y").
_ATTRIBUTION_TAGS = frozenset(("cite", "figcaption", "footer"))
_ATTRIBUTION_CLASS = re.compile(r"(?:^|-)(?:author|cite|citation|source|speaker|name|by)(?:$|-)")
_MAX_ATTRIBUTION_WORDS = 20


def _text_children(tag: Tag) -> list[Tag]:
    return [child for child in tag.find_all(True, recursive=False) if child.get_text(strip=True)]


def _attribution(quote: Tag) -> Tag | None:
    """The element closing a quote block that names the speaker, if the block has one."""
    children = _text_children(quote)
    if len(children) < 2:
        return None
    last = children[-1]
    named = last.name in _ATTRIBUTION_TAGS or any(
        _ATTRIBUTION_CLASS.search(furniture.token_words(token)) for token in _attr_tokens(last))
    return last if named and len((flat_text(last) or "").split()) <= _MAX_ATTRIBUTION_WORDS else None


_BOX_TAGS = frozenset(("div", "aside", "section"))
# Class words of a block that carries the article's own text or only sets its look.
_TEXT_CLASS = re.compile(
    r"(?:^|[-_])(?:content|body|text|txt|detail|article|entry|para|paragraph|normal|mso\w*|align\w*|justify|"
    r"center|left|right|clearfix|row|col|container|wrap\w*|inner|subtitle|heading|title|chapo|sapo|lead|intro|"
    r"summary|figure|image|img|photo|picture|video|embed|media|table|quote|caption|external\w*)(?:$|[-_\d])",
    re.IGNORECASE,
)
_MIN_SIBLING_PARAGRAPHS = 3
_MIN_PARAGRAPH_CHARS = 80
_MAX_INTERLEAVED_BOX_CHARS = 500


def _interleaved_box(tag: Tag) -> bool:
    """True for a classed block set between the paragraphs of an article written as <p> siblings
    (a product card, a Q&A, a stock list, a booking note): the article's own text is in the <p>s
    around it. Media, tables and blocks whose class says text or layout are not boxes."""
    if tag.name not in _BOX_TAGS:
        return False
    tokens = _attr_tokens(tag)
    if not tokens or any(_TEXT_CLASS.search(furniture.token_words(token)) for token in tokens):
        return False
    if tag.find(("img", "picture", "figure", "video", "iframe", "table", "p")) is not None:
        return False
    text = tag.get_text(" ", strip=True)
    if not text or len(text) > _MAX_INTERLEAVED_BOX_CHARS:
        return False
    before, after = tag.find_previous_sibling(), tag.find_next_sibling()
    if before is None or after is None or before.name != "p" or after.name != "p":
        return False
    parent = tag.parent
    paragraphs = [p for p in parent.find_all("p", recursive=False) if len(p.get_text(strip=True)) >= _MIN_PARAGRAPH_CHARS] \
        if isinstance(parent, Tag) else []
    return len(paragraphs) >= _MIN_SIBLING_PARAGRAPHS


_MAX_LABEL_WORDS = 10


def _labelled_frame(tag: Tag) -> bool:
    """True for a one-cell table drawn as a frame (a border and a background, as old pages drew
    boxes) whose text opens with a bold label ("<b>Lưu ý khi nâng cấp:</b> ...", "<b>Đường dây nóng:
    0439.714.543</b>"): a note set beside
    the text. A framed paragraph with no label is the article's (some pages frame a paragraph)."""
    if tag.name != "table" or not tag.get("bgcolor") or str(tag.get("border") or "0").strip() in ("", "0"):
        return False
    cells = tag.find_all("td")
    if len(cells) != 1:
        return False
    return _opens_with_label(cells[0])


def _opens_with_label(block: Tag) -> bool:
    """True when the block's text opens with its first bold run, a label with its colon; the label
    may hold its value in bold too ("<b>Đường dây nóng: 0439.714.543</b><br>...")."""
    label = block.find(("b", "strong"))
    if label is None:
        return False
    text, opening = flat_text(block) or "", flat_text(label) or ""
    name, colon, _ = opening.partition(":")
    return bool(colon) and len(name.split()) <= _MAX_LABEL_WORDS and text.startswith(opening)


_BOX_CLASS_WORD = re.compile(r"(?:^|-)box(?:$|-)")


def _labelled_box(tag: Tag) -> bool:
    """True for a block classed a box ("box-thongtin", "box-table") whose text opens with a bold
    label ("<strong>Thông tin tham quan:</strong> ...", "<strong>Top 3 BXH sau vòng 5:</strong>"):
    a note set beside the text, as a framed cell is."""
    return tag.name in ("div", "section", "aside") and any(
        _BOX_CLASS_WORD.search(furniture.token_words(token)) for token in _attr_tokens(tag)) and _opens_with_label(tag)


_QUOTE_MARKS = "“”\"'‘’«» "
_MIN_REPEATED_CHARS = 30


def _said_elsewhere(text: str, quote: Tag, root: Tag) -> bool:
    """True when the words of a quote (its opening words, marks off) are in the text around it."""
    core = text.strip().strip(_QUOTE_MARKS)
    words = " ".join(core.split()[:8]).rstrip(".,;:!?…" + _QUOTE_MARKS)
    if len(words) < _MIN_REPEATED_CHARS:
        return True  # too short to tell: a pull quote, as before
    around = " ".join(root.get_text(" ").split())
    return around.count(words) > " ".join(quote.get_text(" ").split()).count(words)


_CHOICE_TYPES = frozenset(("radio", "checkbox"))
_CHOICE_BOX_TAGS = ("div", "form", "fieldset", "section", "table", "ul", "ol")


def _choice_boxes(root: Tag) -> list[Tag]:
    """Blocks holding two or more choices to tick: a poll or a quiz ("Bình chọn: ..." over its
    answers), whatever their classes say; its question would stay once the inputs are gone."""
    counts: dict[int, tuple[Tag, int]] = {}
    for box_input in root.find_all("input"):
        if str(box_input.get("type") or "").lower() not in _CHOICE_TYPES:
            continue
        box = box_input.find_parent(_CHOICE_BOX_TAGS)
        if box is not None and box is not root:
            counts[id(box)] = (box, counts.get(id(box), (box, 0))[1] + 1)
    return [box for box, count in counts.values() if count >= 2]


def strip_furniture(root: Tag, extra_selectors: Iterable[str] = ()) -> None:
    """Remove code, widgets, forms, share bars, related links, comments and ads under `root`.

    Code and hidden elements go at once; furniture found by tag name (form, nav, aside, header,
    footer), role, class, id or an adapter's selectors goes unless it holds prose paragraphs.
    """
    polls = _choice_boxes(root)  # found before their inputs go
    always = frozenset(furniture.DROP_TAGS_ALWAYS)
    for tag in [t for t in iter_tags(root) if t.name in always]:
        if not is_gone(tag):
            tag.decompose()
    candidates: list[Tag] = []
    for tag in list(iter_tags(root)):
        if is_gone(tag):
            continue
        if furniture.is_hidden(tag.attrs):
            tag.decompose()
        elif (
            tag.name in furniture.DROP_TAGS
            or furniture.is_furniture_region(tag.attrs)
            or furniture.is_furniture_class(_attr_tokens(tag))
            or furniture.is_boxed(tag.name, tag.attrs)
            or _is_pull_quote_block(tag, root)
            or _labelled_frame(tag)
            or _labelled_box(tag)
            or _interleaved_box(tag)
        ):
            candidates.append(tag)
    candidates.extend(select_all(root, extra_selectors))
    candidates.extend(poll for poll in polls if not is_gone(poll))
    root_chars = len(root.get_text(strip=True)) if any(tag.name == "form" for tag in candidates) else 0
    for tag in candidates:  # document order: an outer element is judged before its children
        if tag is root or is_gone(tag):
            continue
        if tag.name in ("html", "body", "main"):
            continue
        if holds_prose(tag):
            continue
        if tag.name == "article" and tag.find("h1") is not None:
            continue  # the article itself, a brief too, whatever its classes say
        if tag.name == "form" and _wraps_page(tag, root_chars):
            continue
        tag.decompose()
