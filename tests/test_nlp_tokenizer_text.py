"""The syllable tokenizer's Doc rebuilds its input exactly, and hands it to doc_text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.vocab import Vocab

from vnextract.pipeline.extract.values import doc_text
from vnextract.pipeline.nlp.tokenizer import SyllableTokenizer

TOKENIZER = SyllableTokenizer(Vocab())
PIECES = st.sampled_from([" ", "  ", "\n", "\t", "\u2009", "Ngày", "4/1", "4.872,5", "TP.HCM", "/Vnexpress",
                          "05-CT/TW", "ông", "A", ",", ".", "(", ")", "-", "Đà", "a/b", "x&y", "%"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_nlp_tokenizer_text_rebuilt(text: str) -> None:
    doc = TOKENIZER(text)
    assert doc.text == text
    assert doc_text(doc) == text
    assert all(token.text.isspace() or not any(ch.isspace() for ch in token.text) for token in doc)


@pytest.mark.parametrize("text, tokens", [
    pytest.param("Ngày 4/1, ông A", ["Ngày", "4/1", ",", "ông", "A"], id="one space each"),
    pytest.param("a  b", ["a", " ", "b"], id="second space a token"),
    pytest.param("a\n\nb ", ["a", "\n\n", "b"], id="newlines a token, last space trailing"),
    pytest.param(" a", [" ", "a"], id="leading space a token"),
    pytest.param("Minh Anh/Vnexpress", ["Minh", "Anh", "/", "Vnexpress"], id="slash before a name"),
])
def test_nlp_tokenizer_text_tokens(text: str, tokens: list[str]) -> None:
    assert [token.text for token in TOKENIZER(text)] == tokens
