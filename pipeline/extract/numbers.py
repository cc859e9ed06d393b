"""Vietnamese numbers: digits in Vietnamese notation and numbers written in words.

`read_number` reads digits ("4.872" -> 4872, "48,5" -> 48.5) and refuses codes, versions and phone
prefixes; `read_number_words` reads number words with their magnitudes ("hai mươi lăm" -> 25,
"hai triệu" -> 2e6). The words are tables in `lexicons/stat_number_words.tsv` and
`lexicons/stat_magnitudes.tsv`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from vnextract.pipeline.extract.lexicons import load_tsv

# one-character fractions, read as the ratios "1/2", "3/4" are ("½ diện tích" = "1/2 diện tích")
VULGAR_FRACTIONS: dict[str, tuple[int, int]] = {
    "½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5), "⅛": (1, 8),
}

# words that continue a number but never open one ("hai mươi tư", "một trăm linh năm")
NOT_FIRST_WORDS = frozenset({"tư", "lăm", "nhăm", "mốt", "linh", "lẻ", "mươi", "trăm", "chục"})


def _norm(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase.strip()).lower()


@lru_cache(maxsize=1)
def magnitudes() -> dict[str, Decimal]:
    """Magnitude words and their multipliers: "triệu" -> 1e6, "nghìn tỷ" -> 1e12."""
    return {_norm(w): Decimal(m) for w, m in load_tsv("stat_magnitudes.tsv")}


@lru_cache(maxsize=1)
def number_words() -> dict[str, tuple[int, str]]:
    """Number words, their value and role: "hai" -> (2, "digit"), "mươi" -> (10, "tens")."""
    return {w: (int(v), role) for w, v, role in load_tsv("stat_number_words.tsv")}


def read_number(raw: str, scaled: bool = True) -> Decimal | None:
    """Vietnamese notation: "4.872" -> 4872, "48,5" -> 48.5; None for codes and versions.

    `scaled` says a unit or magnitude follows, which lets "2.5" (English decimal) through;
    alone, "4.0" is a version and "0912" a phone prefix.
    """
    try:
        if raw.isdigit():
            return None if len(raw) > 1 and raw[0] == "0" else Decimal(raw)
        if re.fullmatch(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?", raw):
            return Decimal(raw.replace(".", "").replace(",", "."))
        if re.fullmatch(r"(?:0|[1-9]\d*),\d+", raw):
            return Decimal(raw.replace(",", "."))
        if re.fullmatch(r"[1-9]\d{0,2}(?:,\d{3}){2,}", raw):  # English thousands: 1,234,567
            return Decimal(raw.replace(",", ""))
        if scaled and re.fullmatch(r"(?:0|[1-9]\d*)\.\d{1,2}", raw):  # English decimal: 2.5 tỷ
            return Decimal(raw)
    except InvalidOperation:
        return None
    return None


def read_number_words(words: Sequence[str]) -> Decimal | None:
    """Vietnamese number words: "hai mươi lăm" -> 25, "ba trăm" -> 300, "hai triệu" -> 2e6."""
    magnitude, number_word = magnitudes(), number_words()
    total, group = Decimal(0), 0
    digit: int | None = None
    previous = ""
    for raw in words:
        word = raw.lower()
        if word in magnitude:
            group += digit or 0
            total += Decimal(group or 1) * magnitude[word]
            group, digit = 0, None
        elif word in number_word:
            value, role = number_word[word]
            if role == "digit":
                if digit is not None:
                    return None
                if word in ("tư", "lăm", "nhăm", "mốt") and previous not in ("mươi", "mười"):
                    return None
                digit = value
            elif role == "ten":
                if digit is not None or group % 100:
                    return None
                group += 10
            elif role == "tens":
                if digit is None:
                    return None
                group += digit * 10
                digit = None
            elif role == "dozen":
                group += (digit or 1) * 10
                digit = None
            elif role == "hundred":
                group += (digit or 1) * 100
                digit = None
        else:
            return None
        previous = word
    total += group + (digit or 0)
    return total if total > 0 else None
