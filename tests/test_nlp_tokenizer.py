from __future__ import annotations

import pytest
import spacy

from vnextract.pipeline.nlp.tokenizer import SyllableTokenizer


@pytest.fixture(scope="module")
def tokenizer():
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    return SyllableTokenizer(nlp.vocab)


@pytest.mark.parametrize(
    "text, tokens",
    [
        pytest.param("có 4.872 đảng viên.", ["có", "4.872", "đảng", "viên", "."], id="thousands"),
        pytest.param("63/63 (15-20%)", ["63/63", "(", "15-20", "%", ")"], id="ratio-range"),
        pytest.param("số 05-CT/TW,", ["số", "05-CT/TW", ","], id="document-number"),
        pytest.param("ngày 15/5/2016", ["ngày", "15/5/2016"], id="date"),
        pytest.param("TP.HCM có 3,5 tỷ", ["TP.HCM", "có", "3,5", "tỷ"], id="abbreviation"),
    ],
)
def test_tokenizer_keeps_numbers_and_codes_whole(tokenizer, text: str, tokens: list[str]) -> None:
    assert [t.text for t in tokenizer(text)] == tokens


@pytest.mark.parametrize(
    "text",
    ["Dòng một.\nDòng  hai\n\n", "  lead spaces", "tab\there", "", "x", "a \n b"],
)
def test_tokenizer_round_trips_any_whitespace(tokenizer, text: str) -> None:
    assert tokenizer(text).text == text
