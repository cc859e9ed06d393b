"""CSS selectors over a whole page, through an index of its elements.

soupsieve matches in pure Python, a few microseconds per element and selector; a page of 5,000
elements asked 40 selectors (adapter, JSON-LD-less fallbacks, generic markup) would cost a
second. The index lists the page's elements by tag name, class and attribute name once; a
selector is then tried only on the elements that carry its last compound's tag, class, id or
attribute, and soupsieve checks those few.
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
from collections.abc import Callable, Iterable, Iterator

# First: bs4 and soupsieve with cached regexes.
from vnextract.pipeline.parse.soup_import import compile_selector

# isort: split
import soupsieve
from bs4 import BeautifulSoup
from bs4.element import Tag

from vnextract.pipeline.parse.blocks import is_gone

LOGGER = logging.getLogger(__name__)

_TAG = re.compile(r"^([a-zA-Z][\w-]*)")
_CLASS = re.compile(r"\.((?:[\w-]|\\.)+)")
_ID = re.compile(r"#((?:[\w-]|\\.)+)")
_ATTR = re.compile(r"\[\s*([\w:-]+)")
# Search inside the elements of a selector's first compound when they are this many times fewer
# than the candidates for its last compound.
_SCOPE_ADVANTAGE = 4


def _top_level(text: str, is_break: Callable[[str], bool]) -> Iterator[int]:
    """Positions of break characters outside brackets, parentheses and quotes."""
    depth, quote = 0, ""
    for i, ch in enumerate(text):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "[(":
            depth += 1
        elif ch in "])":
            depth -= 1
        elif depth == 0 and is_break(ch):
            yield i


def split_selector_list(selectors: str) -> list[str]:
    """ "a, b[x='1,2']" -> ["a", "b[x='1,2']"]: commas outside brackets, parentheses and quotes."""
    cuts = [-1, *_top_level(selectors, lambda ch: ch == ","), len(selectors)]
    parts = (selectors[a + 1 : b].strip() for a, b in itertools.pairwise(cuts))
    return [p for p in parts if p]


def _top_level_breaks(selector: str) -> Iterator[int]:
    """Positions of whitespace and combinators outside brackets, parentheses and quotes."""
    return _top_level(selector, lambda ch: ch.isspace() or ch in ">+~")


def _first_compound(selector: str) -> tuple[str, str]:
    """The first compound selector and the combinator after it (" ", ">", "+", "~" or "")."""
    for i in _top_level_breaks(selector):
        rest = selector[i:].lstrip()
        return selector[:i], (rest[0] if rest[:1] in (">", "+", "~") else " ")
    return selector, ""


def _last_compound(selector: str) -> str:
    """The compound selector after the last combinator (outside brackets and parentheses)."""
    cut = max((i + 1 for i in _top_level_breaks(selector)), default=0)
    return selector[cut:]


@functools.lru_cache(maxsize=512)
def _compiled(selector: str) -> soupsieve.SoupSieve | None:
    try:
        return compile_selector(selector)
    except (soupsieve.SelectorSyntaxError, NotImplementedError):  # a bad table row matches nothing
        LOGGER.warning("invalid CSS selector ignored: %r", selector)
        return None


@functools.lru_cache(maxsize=512)
def _keys(selector: str) -> tuple[tuple[str, str], ...]:
    """Index keys any match of the selector must have: ("tag", "p"), ("class", "x"), ("attr", "id")."""
    compound = _last_compound(selector)
    compound = re.sub(r":[\w-]+\(.*\)", "", compound)  # what :not(...) names says nothing
    keys: list[tuple[str, str]] = [("attr", a.lower()) for a in _ATTR.findall(compound)]
    compound = re.sub(r"\[[^\]]*\]", "", compound)  # ".ldo" inside [href$=".ldo"] is no class
    tag = _TAG.match(compound)
    if tag:
        keys.append(("tag", tag.group(1).lower()))
    keys += [("class", c.replace("\\", "")) for c in _CLASS.findall(compound)]
    if _ID.search(compound):
        keys.append(("attr", "id"))
    return tuple(keys)


# A selector of one attribute-substring test, with or without a tag name: `img[src*=logo]`.
_SUBSTRING = re.compile(r"""([a-zA-Z][\w-]*)?\[([a-zA-Z][\w-]*)\*=(?:"([^"\\]*)"|'([^'\\]*)'|(-?[a-zA-Z_][\w-]*))\]""")  # unquoted: an identifier, as CSS has it


@functools.lru_cache(maxsize=512)
def _substring_test(selector: str) -> tuple[str | None, str, str] | None:
    """(tag name or None, attribute, text) when the selector only asks that an attribute
    contain a text, of any element or of one tag name."""
    match = _SUBSTRING.fullmatch(selector.strip())
    if match is None:
        return None
    needle = next(group for group in match.groups()[2:] if group is not None)
    tag = match.group(1).lower() if match.group(1) else None
    return (tag, match.group(2).lower(), needle) if needle else None


def _attr_text(tag: Tag, name: str) -> str:
    value = tag.get(name)
    if value is None:
        return ""
    return " ".join(value) if isinstance(value, list) else str(value)


class PageIndex:
    """The page's elements by tag name, class and attribute name, in document order."""

    def __init__(self, soup: BeautifulSoup) -> None:
        self.soup = soup
        self._order: dict[int, int] = {}
        self._all: list[Tag] = []
        by: dict[tuple[str, str], list[Tag]] = {}
        order, everything = self._order, self._all
        stack: list[Tag] = [soup]
        while stack:  # one walk, no recursion
            node = stack.pop()
            if node.name != "template":  # template content is not part of the page (HTML5)
                stack.extend(child for child in reversed(node.contents) if isinstance(child, Tag))
            if node is soup:
                continue
            order[id(node)] = len(everything)
            everything.append(node)
            by.setdefault(("tag", node.name), []).append(node)
            for name, value in node.attrs.items():
                by.setdefault(("attr", name.lower()), []).append(node)
                if name == "class":
                    for token in value if isinstance(value, list) else str(value).split():
                        by.setdefault(("class", token), []).append(node)
        self._by = by

    def by_tag(self, name: str) -> list[Tag]:
        """Every element with this tag name, in document order."""
        return [tag for tag in self._by.get(("tag", name), []) if not is_gone(tag)]

    def _pool(self, compound: str) -> list[Tag]:
        keys = _keys(compound)
        if not keys:
            return self._all
        return min((self._by.get(key, []) for key in keys), key=len)

    def _matches(self, selector: str, first_only: bool = False) -> list[Tag]:
        """Live elements matching one selector (document order unless scoped)."""
        last = self._pool(_last_compound(selector))
        if not last:  # no element has what the selector asks for: no need to compile it
            return []
        substring = _substring_test(selector)
        if substring is not None:  # "[class*=author]", "img[src*=logo]": a test per element, no soupsieve
            tag_name, name, needle = substring
            found = [tag for tag in last if not is_gone(tag) and (tag_name is None or tag.name == tag_name)
                     and needle in _attr_text(tag, name)]
            return found[:1] if first_only else found
        compiled = _compiled(selector)
        if compiled is None:
            return []
        head, combinator = _first_compound(selector)
        if combinator in (" ", ">"):
            # "div.tags h4 a": a few div.tags to search inside beat every <a> of the page
            scopes = self._pool(head)
            if len(scopes) * _SCOPE_ADVANTAGE < len(last):
                found = []
                for scope in _outermost([t for t in scopes if not is_gone(t)]):
                    found.extend(compiled.select(scope, limit=1 if first_only else 0))
                return found
        found = []
        for tag in last:
            if not is_gone(tag) and compiled.match(tag):
                found.append(tag)
                if first_only:
                    break
        return found

    def select(self, selectors: str | Iterable[str]) -> list[Tag]:
        """Elements matching any selector, outermost only, in document order."""
        if isinstance(selectors, str):
            selectors = [selectors]
        found: dict[int, Tag] = {}
        for group in selectors:
            for selector in split_selector_list(group):
                for tag in self._matches(selector):
                    found.setdefault(id(tag), tag)
        return _outermost(sorted(found.values(), key=self._position))

    def first(self, selector: str) -> Tag | None:
        """The first element in document order matching the selector (list), or None."""
        found = [tag for one in split_selector_list(selector) for tag in self._matches(one, first_only=True)]
        return min(found, key=self._position) if found else None

    def _position(self, tag: Tag) -> int:
        return self._order.get(id(tag), len(self._order))


def _outermost(ordered: list[Tag]) -> list[Tag]:
    ids = {id(tag) for tag in ordered}
    return [tag for tag in ordered if not any(id(parent) in ids for parent in tag.parents)]
