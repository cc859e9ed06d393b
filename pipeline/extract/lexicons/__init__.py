"""Vocabularies of the extractors as tab-separated tables a domain expert can read and extend,
the reader of those tables, and the helper that turns a column of phrases into a regex.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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


def phrase_alternation(phrases: Iterable[str]) -> str:
    """A regex matching any of the phrases, longest first; a space matches any run of spaces.

    The alternation is factored as a trie ("tháng trước|tháng này" -> "tháng\\s+(?:trước|này)"),
    so the regex engine compares each character once instead of once per phrase: big tables
    scanned at every word stay cheap.
    """
    trie: dict = {}
    for phrase in {" ".join(p.split()) for p in phrases if p.strip()}:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}  # end of a phrase
    return _emit(trie)


def _emit(node: dict) -> str:
    branches = []
    ends_here = "" in node
    # longer continuations first, so "Thông tư liên tịch" is tried before "Thông tư"
    for char in sorted((c for c in node if c), key=lambda c: -_depth(node[c])):
        piece = r"\s+" if char == " " else re.escape(char)
        branches.append(piece + _emit(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends_here else body


def _depth(node: dict) -> int:
    return max((1 + _depth(child) for char, child in node.items() if char), default=0)
