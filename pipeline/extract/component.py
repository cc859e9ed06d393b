"""The shape every extractor component has, after spaCy's span_ruler: built once by its factory
(vocabularies loaded then, not at import and not per document), `match` finds the items of one
document, `set_annotations` writes them to the document's span groups."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from vnextract.pipeline.extract.values import char_span


class SpanExtractor:
    """Base of the extractor components: `nlp(doc)` calls match, then set_annotations."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.load()

    def load(self) -> None:
        """Read the vocabularies this extractor needs (once, when the pipeline is built)."""

    def match(self, doc: Doc) -> Any:
        """The items this extractor finds in the document."""
        raise NotImplementedError

    def set_annotations(self, doc: Doc, found: Any) -> None:
        """Write the found items to the document's span groups."""
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc


def valued_spans(doc: Doc, items: Iterable[tuple[int, int, Any]], label: str, attribute: str) -> list[Span]:
    """Spans over (start, end, value) items, each value set as `Span._.<attribute>` (items whose
    offsets cover no token are dropped)."""
    spans = []
    for start, end, value in items:
        span = char_span(doc, start, end, label)
        if span is not None:
            setattr(span._, attribute, value)
            spans.append(span)
    return spans
