"""The shape of a Vietnamese syllable: what tells a Vietnamese word from an acronym or a foreign word."""

from __future__ import annotations

import functools
import re
import unicodedata

# A Vietnamese syllable with its tone and vowel marks taken off: an optional initial consonant
# cluster, one to three vowels, an optional final consonant. Acronyms ("UBND", "TP", "HĐND") and
# most foreign words ("Mail", "Reuters", "Mourinho", "Trump") do not have this shape. "Dz" is
# the older spelling of "D" overseas papers keep in names ("Đỗ Dzũng", "Dzoãn").
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|dz|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?")


def bare(word: str) -> str:
    """The word in lower case without tone and vowel marks ("Nguyễn" -> "nguyen", "Đà" -> "da")."""
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@functools.lru_cache(maxsize=8192)
def is_syllable(word: str) -> bool:
    """True when the word has the shape of one Vietnamese syllable ("Nguyễn", "LOAN"; not "UBND")."""
    return word.isalpha() and bool(_SYLLABLE.fullmatch(bare(word)))
