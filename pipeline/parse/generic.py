"""Main text of a page from an unknown site: the block container with the densest prose.

Each paragraph-like element scores by its length, its commas and its Vietnamese letters, less its
share of link text; its parent takes the score, its grandparent half (the readability method).
The best container wins, with its siblings of the same kind that score nearly as well (an
article split in two by an advert). Run it on a tree already stripped of furniture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import vnextract.pipeline.parse.soup_import  # noqa: F401  (first: bs4 with cached regexes)

# isort: split
from bs4.element import NavigableString, Tag

from vnextract.pipeline.parse import furniture

# Letters only Vietnamese uses: prose in Vietnamese, not menus in English or code.
_VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
_MIN_PARAGRAPH_CHARS = 25
_MAX_LINK_DENSITY = 0.5
_SIBLING_SHARE = 0.25  # a sibling scoring this share of the best joins it
_PARAGRAPH_SHARE = 0.75  # ... or this share of one of the best's paragraphs, on average
_NEIGHBOUR_SHARE = 0.3  # ... or, next to a chosen block past photos, this share of one
_NEIGHBOUR_TAGS = ("div", "p")  # ... when it is a paragraph's block, of sentences
_MIN_NEIGHBOUR_CHARS = 80
_PARAGRAPH_TAGS = ("p", "pre", "blockquote")
_TEXT_CONTAINERS = ("div", "td", "section", "article")
_DIRECT_TEXT_CHARS = 80


@dataclass
class _Candidate:
    tag: Tag
    score: float = 0.0
    pieces: int = 0  # paragraphs scored as its own (not through a child)


# Inline elements whose text belongs to the block around them: old table pages write the whole
# article as <font>/<b> runs split by <br> straight inside a <td>.
_INLINE = frozenset(["a", "abbr", "b", "big", "br", "cite", "em", "font", "i", "small", "span", "strong", "sub", "sup", "u"])


def direct_text(tag: Tag) -> tuple[str, int]:
    """The text written in the element outside any block child, and how much of it is links."""
    parts: list[str] = []
    links = 0
    stack: list[tuple[object, bool]] = [(child, False) for child in reversed(tag.contents)]
    while stack:
        node, in_link = stack.pop()
        if isinstance(node, NavigableString):
            if type(node) is NavigableString:  # not a comment or CDATA
                parts.append(str(node))
                links += len(node.strip()) if in_link else 0
        elif isinstance(node, Tag) and node.name in _INLINE:
            stack.extend((child, in_link or node.name == "a") for child in reversed(node.contents))
    return "".join(parts), links


def direct_segments(tag: Tag) -> list[tuple[str, int]]:
    """The element's own text cut where the page breaks lines twice (<br><br>: old layouts write
    each paragraph so), each piece with its link characters: each piece scores as a paragraph."""
    segments: list[tuple[str, int]] = []
    parts: list[str] = []
    links = breaks = 0
    stack: list[tuple[object, bool]] = [(child, False) for child in reversed(tag.contents)]

    def close() -> None:
        nonlocal links
        text = " ".join("".join(parts).split())
        if text:
            segments.append((text, links))
        parts.clear()
        links = 0

    while stack:
        node, in_link = stack.pop()
        if isinstance(node, NavigableString):
            if type(node) is NavigableString:
                if node.strip():
                    if breaks >= 2:
                        close()
                    breaks = 0
                parts.append(str(node))
                links += len(node.strip()) if in_link else 0
        elif isinstance(node, Tag) and node.name == "br":
            breaks += 1
        elif isinstance(node, Tag) and node.name in _INLINE:
            stack.extend((child, in_link or node.name == "a") for child in reversed(node.contents))
    close()
    return segments


_TEASER_CHILDREN = 4
_TEASER_TITLES = frozenset(("h2", "h3", "h4", "h5", "h6", "strong", "b"))


def _is_teaser(el: Tag) -> bool:
    """True for a paragraph set under another article's linked title in a small block (a grid or
    list of other articles: thumbnail, title link, sapo), not a paragraph of this article."""
    parent = el.parent
    if not isinstance(parent, Tag) or len(parent.find_all(True, recursive=False)) > _TEASER_CHILDREN:
        return False
    for sibling in parent.find_all(True, recursive=False):
        if sibling is el:
            return False  # the title comes before its sapo
        # the item's title: a link, or a heading holding one (a paragraph of a link is a related line)
        link = sibling if sibling.name == "a" else sibling.find("a") if sibling.name in _TEASER_TITLES else None
        if isinstance(link, Tag) and len(link.get_text(" ", strip=True).split()) >= 4:
            return True
    return False


def paragraph_score(text: str, link_chars: int) -> float:
    """How much a paragraph looks like article prose (0 for short or link-heavy text)."""
    length = len(text)
    if length < _MIN_PARAGRAPH_CHARS or furniture.is_imprint(text):
        return 0.0
    density = min(1.0, link_chars / length)
    if density > _MAX_LINK_DENSITY:
        return 0.0
    score = 1.0 + text.count(",") + min(length / 100, 3.0)
    letters = sum(ch.isalpha() for ch in text) or 1
    if len(_VIETNAMESE.findall(text)) / letters > 0.05:
        score += 1.0
    return score * (1.0 - density)


def _link_chars(tag: Tag) -> int:
    return sum(len(a.get_text()) for a in tag.find_all("a"))


def best_containers(root: Tag) -> list[Tag]:
    """The containers that hold the article's paragraphs, in document order; [] when none."""
    candidates: dict[int, _Candidate] = {}

    def add(tag: Tag | None, score: float, pieces: int = 0) -> None:
        if tag is None or not isinstance(tag, Tag):
            return
        cand = candidates.setdefault(id(tag), _Candidate(tag))
        cand.score += score
        cand.pieces += pieces

    for el in root.find_all([*_PARAGRAPH_TAGS, *_TEXT_CONTAINERS]):
        if el.name in _PARAGRAPH_TAGS:
            if _is_teaser(el):
                continue
            pieces = [(" ".join(el.get_text().split()), _link_chars(el))]
            owner = el.parent
        else:
            raw, _ = direct_text(el)
            if len(" ".join(raw.split())) < _DIRECT_TEXT_CHARS:
                continue
            # text written straight into a div or cell: it is the container, a paragraph a piece
            pieces, owner = direct_segments(el), el
        scores = [paragraph_score(text, links) for text, links in pieces]
        score = sum(scores)
        if score <= 0:
            continue
        add(owner, score, sum(1 for piece in scores if piece > 0))
        if owner is not None:
            add(owner.parent, score / 2)

    if not candidates:
        return []
    # Link-heavy containers (lists of teasers) lose in proportion to their links.
    ranked = sorted(candidates.values(), key=lambda c: c.score, reverse=True)[:10]
    for cand in ranked:
        text_len = len(cand.tag.get_text()) or 1
        cand.score *= 1.0 - min(1.0, _link_chars(cand.tag) / text_len)
    best = max(ranked, key=lambda c: c.score)
    if best.score <= 0:
        return []
    # An article cut into alike blocks (a live report's entries, an e-magazine's sections): the
    # blocks together, when they outscore the best block alone or hold it.
    for cand in ranked:
        entries = _entries(cand.tag)
        if entries and (cand is best or sum(_score_of(candidates, e) for e in entries) > best.score):
            return entries
    parent = best.tag.parent
    if parent is None:
        return [best.tag]
    question = _question_before(best.tag, candidates)
    if question is not None:  # a Q&A page: the reader's question, then the answer
        return [question, best.tag]
    # A sibling joins when it scores a share of the best block, or when its paragraphs score as
    # the best's do (an old page's first paragraph in a block of its own, the rest in one block of
    # line breaks; a sidebar's short lines score far less each).
    paragraph = best.score / best.pieces * _PARAGRAPH_SHARE if best.pieces > 1 else float("inf")

    def joins(other: _Candidate) -> bool:
        return other.score >= best.score * _SIBLING_SHARE or (
            other.pieces > 0 and other.score >= paragraph and other.score / other.pieces >= paragraph)

    def alike(sibling: Tag) -> bool:
        return sibling.name == best.tag.name and sibling.get("class") == best.tag.get("class")

    siblings = parent.find_all(True, recursive=False)
    chosen = [s for s in siblings if s is best.tag or (alike(s) and (o := candidates.get(id(s))) and joins(o))]
    # A shorter paragraph in a block of its own after the chosen ones, past photos and empty
    # blocks only, joins them too ("<div>Giá vé ... mùng 5 Tết.</div>" closing a body of divs;
    # a block before them is a lead the page shows apart).
    for sibling in siblings[siblings.index(best.tag) + 1:]:
        if sibling in chosen:
            continue
        other = candidates.get(id(sibling))
        if other is None:
            if sibling.get_text(strip=True) and not sibling.find("img"):
                break  # a block of text the scoring passed over ends the run
            continue
        text = sibling.get_text(" ", strip=True)
        if not (sibling.name in _NEIGHBOUR_TAGS and alike(sibling) and other.pieces > 0
                and other.score / other.pieces >= paragraph * _NEIGHBOUR_SHARE
                and len(text) >= _MIN_NEIGHBOUR_CHARS and text.endswith((".", "!", "?", "…", "”", '"'))):
            break  # (a table's cells beside the text are a sidebar's, however close)
        chosen.append(sibling)
    return [s for s in siblings if s in chosen]


# A question's block on a Q&A page ("<div class=qa-question><div class=q-content>...").
_QUESTION_CLASS = re.compile(r"(?:^|-)(?:q|question|cau-?hoi)(?:$|-)")
_QUESTION_LEVELS = 2  # the answer's block and its parent: where the question sits beside it


def _question_before(answer: Tag, candidates: dict[int, _Candidate]) -> Tag | None:
    """The scored prose block of a question set just before the answer's block (or its parent),
    in an element whose class names a question."""
    node: Tag | None = answer
    for _ in range(_QUESTION_LEVELS):
        if node is None:
            return None
        before = node.find_previous_sibling()
        if isinstance(before, Tag) and any(_QUESTION_CLASS.search(furniture.token_words(t))
                                            for t in before.get("class") or []):
            for el in (*before.find_all(True), before):  # the prose block itself, not its label
                cand = candidates.get(id(el))
                if cand is not None and cand.score > 0:
                    return el
        node = node.parent if isinstance(node.parent, Tag) else None
    return None


_MIN_ENTRIES = 2
_TITLE_LINK_WORDS = 4


def _alike(a: Tag, b: Tag) -> bool:
    return a.name == b.name and a.get("class") == b.get("class")


def _entries(block: Tag) -> list[Tag]:
    """The blocks like `block` in wrappers like its own, side by side ("div.live-list >
    div.live-entry > div.live-content", "section.e-section > div.e-inner", "tr > td.live-item"):
    each entry of a live report or section of a long read, when there are several; else []. A
    wrapper holding an h1 is another article's (a page that loads the next one below)."""
    wrapper = block.parent
    outer = wrapper.parent if isinstance(wrapper, Tag) else None
    if not isinstance(wrapper, Tag) or not isinstance(outer, Tag) or not block.get("class"):
        return []  # bare cells and divs side by side are a layout (or a list of teasers), no entries
    found = []
    for other in outer.find_all(True, recursive=False):
        if not _alike(other, wrapper):
            continue
        if other is not wrapper and other.find("h1") is not None or _has_title_link(other):
            return []  # another article below this one; a list of teasers under their titles
        found += [child for child in other.find_all(True, recursive=False)
                  if _alike(child, block) and _is_prose_block(child)]
    return found if len(found) >= _MIN_ENTRIES and any(e is block for e in found) else []


def _has_title_link(tag: Tag) -> bool:
    """True when the block holds a link written as a headline (four words or more)."""
    return any(len(a.get_text(" ", strip=True).split()) >= _TITLE_LINK_WORDS for a in tag.find_all("a"))


def _is_prose_block(tag: Tag) -> bool:
    """True for a block whose text reads as prose (not a menu, not a footer's imprint)."""
    return paragraph_score(" ".join(tag.get_text(" ").split()), _link_chars(tag)) > 0


def _score_of(candidates: dict[int, _Candidate], tag: Tag) -> float:
    cand = candidates.get(id(tag))
    return cand.score if cand is not None else 0.0
