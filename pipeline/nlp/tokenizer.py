"""A syllable tokenizer for spaCy: fast, exact offsets, numbers and codes kept whole.

Vietnamese words are one or more space-separated syllables. Full word segmentation (underthesea)
costs about a twelfth of its NER per word, so the Doc is built on syllables and extractors ask
underthesea for words only in the windows where they need them.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.vocab import Vocab

from vnextract.pipeline.extract.values import keep_text

# Numbers with Vietnamese separators ("4.872", "48,5", "15/5/2016", "63/63") and codes
# ("05-CT/TW", "QĐ-UBND") stay one token; any other non-space, non-word character is its own token.
# A slash before a capitalised word is a separator ("Minh Anh/Vnexpress": a name, then an outlet).
TOKEN = re.compile(r"\d+(?:[.,/:\-]\d+)*(?:[\-/]\w+)*|\w+(?:(?:[\-.&]|/(?![A-ZĐ][a-zđà-ỹ]))\w+)*|[^\w\s]")


# The same tokens in one pass with the whitespace between them: TOKEN matches no whitespace and
# every other character starts one of its matches, so scanning the whole text finds exactly the
# tokens that scanning each run of non-space characters on its own would.
_PIECE = re.compile(r"(\s+)|" + TOKEN.pattern)


class SyllableTokenizer:
    """Callable spaCy tokenizer: text -> Doc of syllables, numbers and punctuation.

    One space after a token is that token's trailing space (spaCy's `whitespace_`); any other
    whitespace (newlines, a second space) is a token of its own, so offsets stay those of the text.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        append_word, append_space = words.append, spaces.append
        for match in _PIECE.finditer(text):
            chunk = match.group()
            if match.lastindex != 1:  # a token
                append_word(chunk)
                append_space(False)
                continue
            if words and not spaces[-1] and chunk[0] == " ":
                spaces[-1] = True
                chunk = chunk[1:]
            if chunk:
                append_word(chunk)
                append_space(False)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        keep_text(doc, text)  # the tokens rebuild exactly this text: every character is in one
        return doc

    def to_bytes(self, **_: object) -> bytes:
        """Nothing to serialise: the tokenizer is rules only."""
        return b""

    def from_bytes(self, _data: bytes, **__: object) -> SyllableTokenizer:
        """Nothing to restore."""
        return self
