from __future__ import annotations

import unicodedata

import pytest

from vnextract.pipeline.nlp.normalize import normalize_text


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("Huyện uỷ", "Huyện ủy", id="uy-hoi"),
        pytest.param("hoà bình", "hòa bình", id="oa-huyen"),
        pytest.param("Hoà Bình", "Hòa Bình", id="capital-oa"),
        pytest.param("sức khoẻ", "sức khỏe", id="oe-hoi"),
        pytest.param("thuỷ lợi", "thủy lợi", id="uy-in-word"),
        pytest.param("quý IV", "quý IV", id="qu-is-a-consonant"),
        pytest.param("hoàng", "hoàng", id="closed-syllable-unchanged"),
        pytest.param("uyển chuyển", "uyển chuyển", id="uyen-unchanged"),
        pytest.param("Huyện ủy", "Huyện ủy", id="already-normal"),
        pytest.param("a\r\nb\u00a0c\u200b", "a\nb c", id="newlines-nbsp-zero-width"),
    ],
)
def test_normalize_text_unifies_tone_marks(text: str, expected: str) -> None:
    assert normalize_text(text) == expected


def test_normalize_text_composes_decomposed_letters() -> None:
    decomposed = unicodedata.normalize("NFD", "Đức Trọng")
    assert normalize_text(decomposed) == "Đức Trọng"


@pytest.mark.parametrize("text", ["Huyện uỷ Đức Trọng", "hoà thuận, khoẻ mạnh", "thuỷ điện"])
def test_normalize_text_keeps_length_of_composed_text(text: str) -> None:
    assert len(normalize_text(text)) == len(text)


@pytest.mark.parametrize("text", ["Huyện uỷ", "Hoà Bình khoẻ", "plain ascii"])
def test_normalize_text_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
