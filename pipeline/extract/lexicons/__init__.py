"""Vocabularies of the extractors as tab-separated tables a domain expert can read and extend,
the reader of those tables, and the helper that turns a column of phrases into a regex.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

LEXICONS = Path(__file__).parent


@cache
def _read(name: str) -> tuple[tuple[str, ...], ...]:
    rows = []
    for line in (LEXICONS / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(rows)


def load_tsv(name: str) -> list[list[str]]:
    """Rows of lexicons/<name> (tab-separated; `#` comment lines and blank lines skipped)."""
    return [list(row) for row in _read(name)]


_Trie = dict[str, "_Trie"]  # a character -> the phrases continuing with it ("" ends a phrase)


def phrase_alternation(phrases: Iterable[str]) -> str:
    """A regex matching any of the phrases, longest first; a space matches any run of spaces.

    The alternation is factored as a trie ("tháng trước|tháng này" -> "tháng\\s+(?:trước|này)"),
    so the regex engine compares each character once instead of once per phrase: big tables
    scanned at every word stay cheap.
    """
    trie: _Trie = {}
    # sorted: the same tables give the same regex text in every process (branches of equal depth
    # keep this order), which is what lets `pattern_cache` find it again
    for phrase in sorted({" ".join(p.split()) for p in phrases if p.strip()}):
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}  # end of a phrase
    return _emit(trie)[0]


def _emit(node: _Trie) -> tuple[str, int]:
    """The regex of a trie node and the length of its longest continuation, in one pass
    (the depth was recomputed per branch before: quadratic, a fifth of start-up)."""
    emitted = [(char, *_emit(node[char])) for char in node if char]
    branches = []
    # longer continuations first, so "Thông tư liên tịch" is tried before "Thông tư"
    for char, body, _depth in sorted(emitted, key=lambda item: -item[2]):
        piece = r"\s+" if char == " " else re.escape(char)
        branches.append(piece + body)
    depth = max((1 + item[2] for item in emitted), default=0)
    if not branches:
        return "", depth
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return (f"(?:{body})?" if "" in node else body), depth


class LazyPattern:
    """A regex compiled on its first use, for big patterns that only some articles reach.

    Compiling the issuer and title patterns of cited documents takes a fifth of a one-article
    start-up, and an article that cites no document never uses them. Reads like re.Pattern:
    `.pattern` without compiling; `match`, `fullmatch`, `search`, `finditer` compile first.
    """

    __slots__ = ("_compiled", "_flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled once)."""
        if self._compiled is None:
            from vnextract.pipeline.extract.pattern_cache import compile_pattern

            self._compiled = compile_pattern(self.pattern, self._flags)
        return self._compiled

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """re.Pattern.match."""
        return self.compiled().match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """re.Pattern.fullmatch."""
        return self.compiled().fullmatch(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """re.Pattern.search."""
        return self.compiled().search(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """re.Pattern.finditer."""
        return self.compiled().finditer(string, pos, endpos)
