"""Sentence spans from underthesea's sentence splitter, one paragraph (line) at a time.

Extractors use sentences as their context window: a target word ("chỉ tiêu") or a period
("Trong năm") governs the figures of its own sentence or paragraph, not the whole article.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc
from underthesea import sent_tokenize

from vnextract.pipeline.extract.values import SENTENCES, char_span, doc_text

_PARAGRAPH = re.compile(r"[^\n]+")


def sentence_offsets(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence, never crossing a paragraph break."""
    offsets: list[tuple[int, int]] = []
    for paragraph in _PARAGRAPH.finditer(text):
        cursor = paragraph.start()
        for sentence in sent_tokenize(paragraph.group()):
            found = text.find(sentence, cursor, paragraph.end())
            if found < 0:  # the splitter changed the text; fall back to the whole remainder
                break
            offsets.append((found, found + len(sentence)))
            cursor = found + len(sentence)
        if cursor < paragraph.end() and text[cursor : paragraph.end()].strip():
            tail = len(text[cursor : paragraph.end()]) - len(text[cursor : paragraph.end()].lstrip())
            offsets.append((cursor + tail, paragraph.end()))
    return offsets


@Language.component("vnx_sentences")
def sentences_component(doc: Doc) -> Doc:
    """Set doc.spans["sentences"]."""
    spans = [char_span(doc, start, end, "SENT") for start, end in sentence_offsets(doc_text(doc))]
    doc.spans[SENTENCES] = [span for span in spans if span is not None]
    return doc
