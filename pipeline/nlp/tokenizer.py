"""A syllable tokenizer for spaCy: fast, exact offsets, numbers and codes kept whole.

Vietnamese words are one or more space-separated syllables. Full word segmentation (underthesea)
costs about a twelfth of its NER per word, so the Doc is built on syllables and extractors ask
underthesea for words only in the windows where they need them.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.vocab import Vocab

# Numbers with Vietnamese separators ("4.872", "48,5", "15/5/2016", "63/63") and codes
# ("05-CT/TW", "QĐ-UBND") stay one token; any other non-space, non-word character is its own token.
# A slash before a capitalised word is a separator ("Minh Anh/Vnexpress": a name, then an outlet).
TOKEN = re.compile(r"\d+(?:[.,/:\-]\d+)*(?:[\-/]\w+)*|\w+(?:(?:[\-.&]|/(?![A-ZĐ][a-zđà-ỹ]))\w+)*|[^\w\s]")


class SyllableTokenizer:
    """Callable spaCy tokenizer: text -> Doc of syllables, numbers and punctuation."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        matches = list(TOKEN.finditer(text))
        for i, match in enumerate(matches):
            words.append(match.group())
            end = match.end()
            next_start = matches[i + 1].start() if i + 1 < len(matches) else len(text)
            spaces.append(end < len(text) and text[end] == " " and next_start == end + 1)
        # spaCy rebuilds text from words+spaces; runs of other whitespace become their own tokens
        if "".join(w + (" " if s else "") for w, s in zip(words, spaces)) != text:
            return self._with_whitespace(text)
        return Doc(self.vocab, words=words, spaces=spaces)

    def _with_whitespace(self, text: str) -> Doc:
        """Slow path for text with newlines or repeated spaces: whitespace tokens keep offsets."""
        words: list[str] = []
        spaces: list[bool] = []
        for piece in re.finditer(r"\S+|\s+", text):
            chunk = piece.group()
            if chunk.isspace():
                if words and not spaces[-1] and chunk.startswith(" "):
                    spaces[-1] = True
                    chunk = chunk[1:]
                if chunk:
                    words.append(chunk)
                    spaces.append(False)
                continue
            for match in TOKEN.finditer(chunk):
                words.append(match.group())
                spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)

    def to_bytes(self, **_: object) -> bytes:
        """Nothing to serialise: the tokenizer is rules only."""
        return b""

    def from_bytes(self, _data: bytes, **__: object) -> SyllableTokenizer:
        """Nothing to restore."""
        return self
