"""Every extractor is a spaCy factory building a SpanExtractor: match, then set_annotations, with
its vocabularies loaded when the pipeline is built."""

from __future__ import annotations

import pytest
from spacy.language import Language

from vnextract.pipeline.extract import COMPONENTS
from vnextract.pipeline.extract.component import SpanExtractor
from vnextract.pipeline.nlp import build_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_nlp()


@pytest.mark.parametrize("name", [name for name, _module in COMPONENTS])
def test_extract_component_is_a_factory_built_span_extractor(nlp: Language, name: str) -> None:
    assert Language.has_factory(name)
    component = nlp.get_pipe(name)
    assert isinstance(component, SpanExtractor) and component.name == name


@pytest.mark.parametrize("name", [name for name, _module in COMPONENTS])
def test_extract_component_match_then_set_annotations_equals_call(nlp: Language, name: str) -> None:
    text = "Ngày 5/3/2024, ông Nguyễn Văn An, Chủ tịch UBND huyện Đức Trọng, cho biết có 63 tổ chức đảng."
    doc = nlp.make_doc(text)
    for earlier, component in nlp.pipeline:
        if earlier == name:
            break
        doc = component(doc)
    component = nlp.get_pipe(name)
    twin = nlp.make_doc(text)
    for earlier, other in nlp.pipeline:
        if earlier == name:
            break
        twin = other(twin)
    component.set_annotations(twin, component.match(twin))
    called = component(doc)
    assert {k: [(s.start_char, s.end_char) for s in v] for k, v in called.spans.items()} == \
        {k: [(s.start_char, s.end_char) for s in v] for k, v in twin.spans.items()}
