"""The shape every extractor component has, after spaCy's span_ruler: built once by its factory
(vocabularies loaded then, not at import and not per document), `match` finds the items of one
document, `set_annotations` writes them to the document's span groups."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc


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
