"""One normal form for Vietnamese text: NFC, and one place for the tone mark.

Vietnamese writes the tone of "oa", "oe", "uy" either on the first vowel ("hòa", "ủy") or on the
second ("hoà", "uỷ"). Both are common in news; we keep the first (the majority style in the press)
so that lexicons and matching see one spelling. Moving a mark between two precomposed letters
keeps the length, so offsets computed on the normal form stay valid for everything after it.
"""

from __future__ import annotations

import re
import unicodedata

# base vowel -> its five toned forms (huyền, sắc, hỏi, ngã, nặng)
_TONED = {
    "a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ", "o": "òóỏõọ", "u": "ùúủũụ",
    "A": "ÀÁẢÃẠ", "E": "ÈÉẺẼẸ", "Y": "ỲÝỶỸỴ", "O": "ÒÓỎÕỌ", "U": "ÙÚỦŨỤ",
}
_TONE_OF = {ch: (base, i) for base, forms in _TONED.items() for i, ch in enumerate(forms)}

# "oà", "oé", "uỷ" closing a syllable (no consonant after) and not after "q" ("quý" is qu + ý).
_SECOND_VOWEL_TONED = re.compile(
    r"(?<![qQ])([oOuU])([" + "".join(_TONED["a"] + _TONED["e"] + _TONED["y"]
                                      + _TONED["A"] + _TONED["E"] + _TONED["Y"]) + r"])(?!\w)"
)
_PAIRS = {("o", "a"), ("o", "e"), ("u", "y")}


def _move_tone(match: re.Match[str]) -> str:
    first, second = match.group(1), match.group(2)
    base, tone = _TONE_OF[second]
    if (first.lower(), base.lower()) not in _PAIRS:
        return match.group(0)
    return _TONED[first][tone] + base


def normalize_text(text: str) -> str:
    """NFC, tone marks on the first vowel of open oa/oe/uy, Windows newlines and NBSP unified."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = text.replace("\u200b", "").replace("\ufeff", "")
    return _SECOND_VOWEL_TONED.sub(_move_tone, text)
