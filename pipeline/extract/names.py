"""Shared pieces of the entity and person extractors: words with offsets, TSV lexicons, phrase tables.

Both extractors reason over "words": letters (with an inner apostrophe or hyphen: "H'Hen",
"Sang-sik"), numbers, and single punctuation marks, each with its character offsets in the text.
The spaCy tokens keep "TP.HCM" whole; here it is "TP", ".", "HCM", so that "TP.HCM", "TP. HCM" and
"TP HCM" all meet the same lexicon entry. Spans go back to spaCy through `char_span`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, Generic, NamedTuple, TypeVar

from spacy.tokens import Doc

from vnextract.pipeline.extract.lexicons import load_tsv
from vnextract.pipeline.extract.pattern_cache import compile_pattern
from vnextract.pipeline.extract.values import doc_text

_WORD = compile_pattern(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+)*|\d+(?:[.,]\d+)*|\n|[^\w\s]")

T = TypeVar("T")


class Word(NamedTuple):
    """One word or punctuation mark of the text, with its offsets and its case-folded form.

    A tuple rather than a dataclass, and folded once here: lexicon look-ups probe every word of
    an article against several tables, so both costs are paid per word, many times.
    """

    text: str
    start: int
    end: int
    folded: str


def tokenize(text: str) -> list[Word]:
    """The words of `text` (newlines kept as words so that no name runs across a paragraph)."""
    return [
        _new_word(Word, (word, m.start(), m.end(), word.casefold()))
        for m in _WORD.finditer(text)
        for word in (m.group(),)
    ]


# A named tuple's own constructor is a Python function around tuple.__new__; calling that
# directly builds the same Word at a third of the cost (an article has thousands of words).
_new_word = tuple.__new__


def doc_words(doc: Doc) -> list[Word]:
    """The words of a Doc, computed once and kept in doc.user_data."""
    words = doc.user_data.get("vnx_words")
    if words is None:
        words = tokenize(doc_text(doc))
        doc.user_data["vnx_words"] = words
    return words


@lru_cache(maxsize=65536)  # asked for every word, several times, by several extractors
def is_name_syllable(text: str) -> bool:
    """A capitalised syllable that may belong to a name: "Điền", "Y", "H'Hen", "Sang-sik" (not "UBND")."""
    if not text or not text[0].isupper() or not text[0].isalpha():
        return False
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) == 1 or not all(ch.isupper() for ch in letters) or "'" in text or "’" in text


def is_acronym(text: str) -> bool:
    """An all-capitals word of two letters or more: "UBND", "THPT", "FIFA"."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)




def phrase_words(phrase: str) -> tuple[str, ...]:
    """A lexicon phrase as the word sequence the text tokenizer would produce."""
    return tuple(w.text for w in tokenize(phrase))


class PhraseTable(Generic[T]):
    """Longest-first look-up of multi-word phrases at a position of a word list.

    `case` is "exact" (every word as written), "first" (the first letter of the first word may
    differ in case: "Bí thư" and "bí thư"), or "fold" (any case).
    """

    def __init__(self, entries: Iterable[tuple[str, T]], case: str = "fold") -> None:
        self.case = case
        self._exact_first = case == "exact"  # the first word as written, not folded
        self._by_first: dict[str, list[tuple[tuple[str, ...], T]]] = {}
        for phrase, value in entries:
            key = self._key(phrase_words(phrase))
            if key:
                self._by_first.setdefault(key[0], []).append((key, value))
        for options in self._by_first.values():
            options.sort(key=lambda item: -len(item[0]))

    def _key(self, words: Sequence[str]) -> tuple[str, ...]:
        if self.case == "exact":
            return tuple(words)
        if self.case == "first":
            return tuple(w.casefold() if i == 0 else w for i, w in enumerate(words))
        return tuple(w.casefold() for w in words)

    def matches(self, words: Sequence[Word], i: int) -> list[tuple[int, T]]:
        """Every (length, value) of a phrase starting at words[i], longest first."""
        if i >= len(words):
            return []
        options = self._by_first.get(words[i].text if self._exact_first else words[i].folded)
        if not options:
            return []
        return [(len(key), value) for key, value in options if self._continues(words, i, key)]

    def match(self, words: Sequence[Word], i: int) -> tuple[int, T] | None:
        """The longest (length, value) starting at words[i], or None."""
        if i >= len(words):
            return None
        # most words open no phrase: one dictionary miss, no list built
        options = self._by_first.get(words[i].text if self._exact_first else words[i].folded)
        if options:
            for key, value in options:  # longest first
                if self._continues(words, i, key):
                    return len(key), value
        return None

    def _continues(self, words: Sequence[Word], i: int, key: tuple[str, ...]) -> bool:
        """words[i:] go on with the rest of the phrase `key` (its first word already matched), in
        one paragraph."""
        n = len(key)
        if i + n > len(words) or words[i].text == "\n":
            return False
        as_written = self.case != "fold"
        for k in range(1, n):
            word = words[i + k]
            if (word.text if as_written else word.folded) != key[k] or word.text == "\n":
                return False
        return True

    def opening_words(self) -> tuple[frozenset[str], frozenset[str]]:
        """The words that open a phrase, as (written, folded): the set `match` looks words up in
        is the first for an "exact" table, the second for the others (the other set is empty)."""
        firsts = frozenset(self._by_first)
        return (firsts, frozenset()) if self._exact_first else (frozenset(), firsts)

    def __contains__(self, phrase: str) -> bool:
        key = self._key(phrase_words(phrase))
        return any(k == key for k, _ in self._by_first.get(key[0] if key else "", []))


def opening_words(*tables: PhraseTable[Any]) -> tuple[frozenset[str], frozenset[str]]:
    """The words that open a phrase of any of the tables, as (written, folded): a word in
    neither set starts no match of any of them, and a scan can step over it at once."""
    written: set[str] = set()
    folded: set[str] = set()
    for table in tables:
        by_text, by_folded = table.opening_words()
        written |= by_text
        folded |= by_folded
    return frozenset(written), frozenset(folded)


def joined(text: str, words: Sequence[Word], i: int, j: int) -> str:
    """The text covered by words[i:j], as written."""
    return text[words[i].start : words[j - 1].end] if j > i else ""


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Vietnamese family names."""
    return frozenset(row[0] for row in load_tsv("surnames.tsv"))


def is_surname(text: str) -> bool:
    """A Vietnamese family name ("Nguyễn", "H'Hen" counts through its "H'" prefix)."""
    table = surnames()
    return text in table or (len(text) > 2 and text[:2] in table)
