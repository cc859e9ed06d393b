"""spaCy's own length guard (E088) follows the tool's limit on body text."""

from __future__ import annotations

import pytest

from vnextract.pipeline.nlp import build_nlp, shared_nlp
from vnextract.pipeline.process import extract_article
from vnextract.pipeline.settings import ExtractSettings, Settings
from vnextract.pipeline.types import Article


@pytest.mark.parametrize("build", [pytest.param(shared_nlp, id="shared"), pytest.param(lambda: build_nlp(()), id="built")])
def test_nlp_max_length_is_the_tools_limit(build) -> None:
    # At least: a run whose settings allow longer bodies has raised the shared Language's guard.
    assert build().max_length >= ExtractSettings().max_text_chars


@pytest.mark.parametrize("chars", [pytest.param(1_000_001, id="over-spacy-default"),
                                   pytest.param(2_000_000, id="at-tool-limit")])
def test_nlp_max_length_doc_between_limits(chars: int) -> None:
    doc = build_nlp(()).make_doc(("Hà Nội " * (chars // 7 + 1))[:chars])
    assert len(doc.text) == chars


def test_nlp_max_length_raised_with_settings() -> None:
    # A run whose settings allow longer bodies raises the guard too, instead of failing with E088.
    nlp = build_nlp((), max_length=1_000)
    settings = Settings(extract=ExtractSettings(max_text_chars=5_000))
    record = extract_article(Article(paragraphs=("Ông An đến Hà Nội. " * 200,)), nlp, settings)
    assert nlp.max_length == 5_000 and len(record.text) > 1_000
