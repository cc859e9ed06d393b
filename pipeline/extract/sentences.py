"""Sentence spans from underthesea's sentence splitter, one paragraph (line) at a time.

Extractors use sentences as their context window: a target word ("chỉ tiêu") or a period
("Trong năm") governs the figures of its own sentence or paragraph, not the whole article.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from vnextract.pipeline.extract.component import SpanExtractor
from vnextract.pipeline.extract.pattern_cache import compile_pattern
from vnextract.pipeline.extract.values import SENTENCES, char_span, doc_text

_PARAGRAPH = compile_pattern(r"[^\n]+")
# The splitter's own module inside the underthesea wheel: plain Python over a JSON table.
_SPLITTER_MODULE = ("pipeline", "sent_tokenize", "__init__.py")


@cache
def sent_tokenize() -> Callable[[str], list[str]]:
    """underthesea's sentence splitter, loaded on first use from its own module.

    `import underthesea` runs the package's __init__, which loads the CRF taggers, joblib and the
    text-normalisation tables (0.4 s, a third of a one-article start-up) that the splitter does
    not use; the splitter's module needs only the standard library, so it is loaded by itself.
    Where the wheel's layout differs, the package's public function is used instead.
    """
    spec = importlib.util.find_spec("underthesea")  # locates the package without running it
    locations = list(spec.submodule_search_locations or []) if spec else []
    for folder in locations:
        path = Path(folder).joinpath(*_SPLITTER_MODULE)
        module_spec = importlib.util.spec_from_file_location("_vnextract_sent_tokenize", path)
        if not path.is_file() or module_spec is None or module_spec.loader is None:
            continue
        module = importlib.util.module_from_spec(module_spec)
        module_spec.loader.exec_module(module)
        if callable(getattr(module, "sent_tokenize", None)):
            splitter: Callable[[str], list[str]] = module.sent_tokenize
            return splitter
    from underthesea import sent_tokenize as public

    public_splitter: Callable[[str], list[str]] = public  # underthesea has no type information
    return public_splitter


def sentence_offsets(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence, never crossing a paragraph break."""
    offsets: list[tuple[int, int]] = []
    split = sent_tokenize()
    for paragraph in _PARAGRAPH.finditer(text):
        cursor = paragraph.start()
        for sentence in split(paragraph.group()):
            found = text.find(sentence, cursor, paragraph.end())
            if found < 0:  # the splitter changed the text; fall back to the whole remainder
                break
            offsets.append((found, found + len(sentence)))
            cursor = found + len(sentence)
        if cursor < paragraph.end() and text[cursor : paragraph.end()].strip():
            tail = len(text[cursor : paragraph.end()]) - len(text[cursor : paragraph.end()].lstrip())
            offsets.append((cursor + tail, paragraph.end()))
    return offsets


class SentencesComponent(SpanExtractor):
    """Sets doc.spans["sentences"] (label SENT)."""

    def match(self, doc: Doc) -> list[tuple[int, int]]:
        return list(sentence_offsets(doc_text(doc)))

    def set_annotations(self, doc: Doc, found: list[tuple[int, int]]) -> None:
        spans = [char_span(doc, start, end, "SENT") for start, end in found]
        doc.spans[SENTENCES] = [span for span in spans if span is not None]


@Language.factory("vnx_sentences")
def make_sentences(nlp: Language, name: str) -> SentencesComponent:
    return SentencesComponent(nlp, name)
