"""What the layout of an article's body says: captions by where they sit, credits at its ends.

Pages of any outlet put a photo's caption in a `figure`, a small table around the image, or a
centred block next to it; body paragraphs never sit there. The byline closes the body as a
short right-aligned or bold block ("Bài, ảnh: HẢI ĐĂNG", "Thu Hà/VOV-Tokyo", "Nguồn: ..."),
sometimes with a dateline or byline block before the lead. These rules read the markup, not the
words, so they hold on outlets nobody wrote an adapter for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import vnextract.pipeline.parse.soup_import  # noqa: F401  (first: bs4 with cached regexes)

# isort: split
from bs4.element import Tag

from vnextract.pipeline.parse import bylines, furniture
from vnextract.pipeline.parse.blocks import (
    flat_text,
    holds_prose,
    is_gone,
    shows_address,
    text_lines,
)
from vnextract.pipeline.parse.dates import parse_datetime

_CENTRED = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)
_RIGHT = re.compile(r"text-align\s*:\s*right", re.IGNORECASE)
_BOLD = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)
_LEAF_BLOCKS = ("p", "div", "td", "h4", "h5", "h6")
_INNER_BLOCKS = ("p", "div", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6")
_MAX_CAPTION_CHARS = 300
_MAX_CAPTION_TABLE_ROWS = 4
_MAX_CREDIT_CHARS = 100
_MAX_CREDIT_WORDS = 12
_END_BLOCKS = 4  # blocks read back from the end of the body for credits
_HEAD_BLOCKS = 2  # blocks read from its head for a dateline or byline
_EMPHASIS = ("strong", "b", "em", "i")


@dataclass
class Credits:
    """Bylines taken from the ends of a body: the names, and the lines removed."""

    names: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def is_right_aligned(el: Tag) -> bool:
    """True for a block set to the right (style or align attribute, its own or its parent's)."""
    return _aligned(el, _RIGHT, "right")


def _aligned(el: Tag, pattern: re.Pattern[str], value: str) -> bool:
    for node in (el, el.parent):
        if not isinstance(node, Tag):
            continue
        style = node.get("style")
        if isinstance(style, str) and pattern.search(style):
            return True
        if str(node.get("align") or "").lower() == value:
            return True
        classes = node.get("class")
        tokens = classes.split() if isinstance(classes, str) else list(classes or [])
        if any(_ALIGN_CLASS.fullmatch(token) and token.endswith(value) for token in tokens):
            return True  # a framework's alignment class: "text-right", "has-text-align-right"
    return False


_ALIGN_CLASS = re.compile(r"(?:text-|has-text-align-|align-|text-align-)?(?:right|center)", re.IGNORECASE)


def _leaf_blocks(container: Tag) -> list[Tag]:
    """Blocks holding text directly (no block inside them), in document order.

    One walk in reverse document order, where a node's descendants come before it, marks the
    nodes holding a block: linear in the page, however deep its nesting."""
    nodes = [node for node in container.descendants if isinstance(node, Tag)]
    holds_block: set[int] = set()
    leaves = []
    for node in reversed(nodes):
        inner = id(node) in holds_block
        if node.name in _LEAF_BLOCKS and not inner and not is_gone(node):
            leaves.append(node)
        if (inner or node.name in _INNER_BLOCKS) and node.parent is not None:
            holds_block.add(id(node.parent))
    leaves.reverse()
    return [el for el in leaves if el.get_text(strip=True)]


def _has_image(el: Tag | None) -> bool:
    return isinstance(el, Tag) and (el.name == "img" or el.find("img") is not None)


def _previous_element(el: Tag) -> Tag | None:
    node = el.previous_sibling
    while node is not None and not isinstance(node, Tag):
        node = node.previous_sibling
    return node


def _caption_table(el: Tag, seen: dict[int, bool], container: Tag) -> bool:
    """True when the element sits in a small table holding an image (answers kept per table),
    inside the body: a table around the body is the page's layout, its logo no photo."""
    table = el.find_parent("table")
    if table is None:
        return False
    if id(table) not in seen:
        seen[id(table)] = (
            table is not container and not any(parent is table for parent in container.parents)
            and len(table.find_all("tr", limit=_MAX_CAPTION_TABLE_ROWS + 1)) <= _MAX_CAPTION_TABLE_ROWS
            and len(table.get_text()) <= 2 * _MAX_CAPTION_CHARS
            and _has_image(table)
        )
    return seen[id(table)]


def take_layout_captions(container: Tag) -> list[str]:
    """Caption texts that sit by an image (its table, or a centred block next to it), removed."""
    captions: list[str] = []
    tables: dict[int, bool] = {}
    for el in _leaf_blocks(container):
        if is_gone(el):
            continue
        text = flat_text(el)
        if not text or len(text) > _MAX_CAPTION_CHARS:
            continue
        in_table = _caption_table(el, tables, container)
        beside_image = _aligned(el, _CENTRED, "center") and (
            _has_image(el) or _has_image(_previous_element(el))
            or (el.parent is not None and _has_image(_previous_element(el.parent)))
        )
        if in_table or beside_image:
            captions.append(text)
            el.decompose()
    return captions


def drop_media(container: Tag) -> None:
    """Remove the figures and galleries left once their captions are taken: what remains in a
    `figure` is the image and its credit ("AFP", "Ảnh: TTXVN"), in a gallery its title ("Ảnh sự
    kiện"), never article text. One wrapping a table, a quote or paragraphs of prose (some CMSs
    wrap those in one) stays."""
    for figure in container.find_all(_is_media_block):
        if is_gone(figure) or figure.find(("table", "blockquote")) is not None or holds_prose(figure):
            continue
        figure.decompose()


_MEDIA_CLASS = re.compile(r"(?:^|-)(?:gallery|slideshow|album|carousel)(?:$|-)")


def _is_media_block(tag: Tag) -> bool:
    """A figure, or a block classed as a photo gallery (its title, "Ảnh sự kiện", and its images)."""
    if tag.name == "figure":
        return True
    classes = tag.get("class")
    return tag.name in ("div", "section", "ul") and isinstance(classes, list) and any(
        _MEDIA_CLASS.search(furniture.token_words(token)) for token in classes)


def is_emphasised(el: Tag) -> bool:
    """True when all the block's text sits inside bold or italic elements, or is styled bold."""
    total = len(el.get_text(strip=True))
    inside = sum(len(e.get_text(strip=True)) for e in el.find_all(_EMPHASIS) if e.find_parent(_EMPHASIS) is None)
    return (total > 0 and inside >= total) or _bold_style(el)


def _links_only(el: Tag) -> bool:
    """True for a block of links (print and share tools, related titles): passed over."""
    text = el.get_text(strip=True)
    links = [a.get_text(strip=True) for a in el.find_all("a")]
    return bool(text) and sum(len(link) for link in links if not shows_address(link)) >= len(text) / 2


def _credit_names(text: str) -> list[str] | None:
    """The names of a credit line; [] for a source credit without a person; None for prose."""
    credit = bylines.read_credit(text)
    if credit is None:
        return None
    return list(credit.authors)


def _photographers(text: str) -> list[str]:
    """The persons a photo credit line names ("Ảnh: Phan Phương"; not "Ảnh: TTXVN")."""
    credit = bylines.read_credit(text)
    return [name for name in credit.photo if not bylines.is_agency(name)] if credit is not None else []


_MAX_DATELINE_WORDS = 9


def head_credit(text: str) -> list[str] | None:
    """The byline names of a dateline/byline line that opens an article ("Thứ Hai, 05/02/2024
    07:30 | Thanh Tâm": ["Thanh Tâm"]; a dateline or a source alone: []), None for article text."""
    if len(text) > _MAX_CREDIT_CHARS:
        return None
    names: list[str] = []
    for segment in re.split(r"\s*[|•·]\s*", text):
        segment = segment.strip()
        if not segment:
            continue
        if len(segment.split()) <= _MAX_DATELINE_WORDS and parse_datetime(segment):
            continue
        credit = bylines.read_credit(segment)
        # a wire's source line heads a translated story ("Theo Reuters, AFP"): no names, no text
        if credit is None or not (credit.authors or credit.sources):
            return None
        names += credit.authors
    return names


_MAX_POINTER_WORDS = 40


def take_end_credits(container: Tag) -> Credits:
    """Bylines and source credits closing the body (short, right-aligned or emphasised blocks
    that read as credits), and a dateline or byline block before the lead; removed."""
    found = Credits()
    # a body written as text and line breaks, no block inside: the container is its one block
    leaves = _leaf_blocks(container) or ([container] if container.get_text(strip=True) else [])
    end = next((i for i, el in enumerate(leaves) if furniture.is_end_line(flat_text(el))), len(leaves))
    # an advert's label or a share line after the byline is no reason to stop looking for it
    tail = [el for el in leaves[:end] if not _links_only(el) and not furniture.is_furniture(flat_text(el))
            and not furniture.is_related_line(flat_text(el))][-_END_BLOCKS:]  # nor a "Xem thêm: <title>" line
    signed = False
    photographers: list[str] = []
    for number, el in enumerate(reversed(tail)):
        text = flat_text(el)
        at_end = number == len(found.removed)  # every block after this one was taken
        note = bylines.is_closing_note(text) and not _credit_names(text)  # "Nguồn: Thanh Hùng/VietNamNet" is a byline
        # an italic line sending readers to a web address or a phone ("<em>... có bản tiếng Việt tại
        # trang mass.gov</em>", "<em>Mọi thông tin về tội phạm, đề nghị ... 0237.3863.114</em>")
        note = note or (is_emphasised(el) and len(text.split()) <= _MAX_POINTER_WORDS
                        and furniture.gives_contact(text) and not _credit_names(text))  # "Minh Anh (theo vnexpress.net)" signs
        note = note or furniture.is_pointer(text)  # "Chi tiết danh sách xem tại: www.x.vn/bang-xep-hang"
        if at_end and (note or _workplace_under_byline(el, tail[:len(tail) - number - 1])):
            # "(*) Theo chương trình ...", "Nguồn: Ban Tổ chức", "(Tòa soạn sẽ tiếp tục thông tin)";
            # "Học viện Ngân hàng" under the writer's name
            found.removed.insert(0, text)
            el.decompose()
            continue
        glued = _glued_bold_credit(el) if at_end else None
        if glued:  # "... làm rõ. <strong>Thượng úy Hoàng Minh Tuấn</strong>": the byline, not the text
            found.names = glued + found.names
            break
        whole = text
        lines = [line.text for line in text_lines(el)]
        while len(lines) > 1 and bylines.is_workplace_line(lines[-1]):
            lines.pop()  # "ThS. A<br>Học viện Ngân hàng": the name, then where the writer works
        text = " ".join(lines)
        bare = bylines.credit_core(text)  # "PGS, TS. A - Hội đồng Khoa học, Tạp chí X": a byline
        if len(bare) > _MAX_CREDIT_CHARS or len(bare.split()) > _MAX_CREDIT_WORDS:
            break
        names = _credit_names(text)
        signed = signed or bylines.is_signature_line(text)
        # a desk signing in bold under the text ("<p><strong>Phòng Công tác xã hội</strong></p>")
        desk = names is None and is_emphasised(el) and bylines.is_workplace_line(text)
        if names is None and not is_right_aligned(el) and not desk:
            break
        found.names = (names or []) + found.names
        photographers = _photographers(text) + photographers
        found.removed.insert(0, whole)
        el.decompose()
    if signed:  # a notice's signature block: the name under it signs the document, no byline
        found.names = []
    elif not found.names:  # a photo story signed by its photographer alone ("Ảnh: Phan Phương")
        found.names = photographers
    for el in leaves[:_HEAD_BLOCKS]:
        if is_gone(el):
            continue
        text = flat_text(el)
        names = head_credit(text)
        # a bare name opens an article only when set apart (bold, right-aligned, upper case)
        if names is None or (names and bylines.read_credit(text) is not None and not (
                is_emphasised(el) or is_right_aligned(el) or not any(c.islower() for c in text))):
            break
        found.names += names
        found.removed.append(text)
        el.decompose()
    return found


_SENTENCE_END = (".", "!", "?", "…", "”", '"', ")")


def _glued_bold_credit(el: Tag) -> list[str] | None:
    """The names of a bold byline closing the last paragraph after its last sentence ("... làm
    rõ. <strong>Bảo Trâm</strong>"), the bold run removed; None when the block ends otherwise."""
    last = next((node for node in reversed(list(el.descendants)) if isinstance(node, Tag) or str(node).strip()), None)
    bold = last if isinstance(last, Tag) else (last.parent if last is not None else None)
    if not isinstance(bold, Tag) or bold.name not in ("strong", "b") or bold is el:
        return None
    before = el.get_text(" ").strip()[: -len(bold.get_text(" ").strip()) or None].rstrip()
    if not before.endswith(_SENTENCE_END) or len(before) < _MIN_GLUED_TEXT:
        return None
    credit = bylines.read_credit(flat_text(bold))
    if credit is None or not credit.authors:
        return None
    bold.decompose()
    return list(credit.authors)


_MIN_GLUED_TEXT = 40


def _workplace_under_byline(el: Tag, before: list[Tag]) -> bool:
    """True for a block that gives only the writer's workplace, just under a byline block."""
    if not bylines.is_workplace_line(flat_text(el)) or not before:
        return False
    names = _credit_names(flat_text(before[-1]))
    return bool(names)


_AFTER_SIBLINGS = 2  # elements after the body container looked at for its byline
_WRAPPERS_UP = 2  # wrappers the body container may close before its byline


def credit_after(container: Tag) -> list[str]:
    """The byline set just after the body container (a bold or right-aligned short block, as old
    ASP.NET pages put it): its names; the block is removed."""
    if container.name != "td":
        # the body's last wrapper ("div.content > div" with the byline after div.content)
        for _ in range(_WRAPPERS_UP):
            if _next_element(container) is not None or not isinstance(container.parent, Tag) \
                    or container.parent.name in ("body", "html"):
                break
            container = container.parent
    node = container.next_sibling
    if container.name == "td" and not _next_element(container) and isinstance(container.parent, Tag):
        node = container.parent.next_sibling  # an old table page: the byline is the next row's cell
    seen = 0
    while node is not None and seen < _AFTER_SIBLINGS:
        if isinstance(node, Tag) and (node.get_text(strip=True) or _has_image(node)):  # a <br> is no block
            seen += 1
            cells = node.find_all("td", recursive=False) if node.name == "tr" else []
            node = cells[0] if len(cells) == 1 else node  # a row of one cell: the cell
            text = flat_text(node)
            if text:
                # the block itself, or its first paragraph (a credits box: "<div><p>Tác giả bài viết:
                # X</p><p>Nguồn tin: Y</p></div>")
                for block in (node, *node.find_all("p", limit=1)):
                    line = flat_text(block) or ""
                    # (a row of tools, "In bài Gửi bài", reads as names to the credit reader)
                    names = _credit_names(line) if len(line) <= _MAX_CREDIT_CHARS and not furniture.is_furniture(line) else None
                    if names and (is_emphasised(block) or is_right_aligned(block) or _bold_style(block)):
                        block.decompose()
                        return names
                if not _photo_block(node):
                    return []  # a photo and its caption may sit between the text and the byline
        node = node.next_sibling
    return []


_MAX_PHOTO_CAPTION_CHARS = 300


def _photo_block(el: Tag) -> bool:
    """True for a block holding a photo and at most its caption."""
    return el.find("img") is not None and len(flat_text(el) or "") <= _MAX_PHOTO_CAPTION_CHARS


def _next_element(el: Tag) -> Tag | None:
    node = el.next_sibling
    while node is not None and not isinstance(node, Tag):
        node = node.next_sibling
    return node


def _bold_style(el: Tag) -> bool:
    """True when every text of the block sits in an element styled bold (font-weight: bold)."""
    total = len(el.get_text(strip=True))
    bold = sum(len(e.get_text(strip=True)) for e in el.find_all(style=_BOLD) if e.find_parent(style=_BOLD) is None)
    own = el.get("style")
    return total > 0 and (bold >= total or (isinstance(own, str) and bool(_BOLD.search(own))))
