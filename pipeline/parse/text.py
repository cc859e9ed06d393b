"""Plain text (a flattened page or a bare article) to an Article."""

from __future__ import annotations

from pipeline.nlp.normalize import normalize_text
from pipeline.parse import furniture
from pipeline.types import Article, RawDocument


def split_body(lines: list[str]) -> tuple[list[str], list[str]]:
    """Body paragraphs and captions from flattened lines; furniture and what follows it dropped."""
    paragraphs: list[str] = []
    captions: list[str] = []
    for line in lines:
        line = " ".join(line.split())
        if not line:
            continue
        if furniture.is_end_marker(line):
            break
        if furniture.is_furniture(line):
            continue
        caption = furniture.caption_of(line)
        if caption is not None:
            if caption:
                captions.append(caption)
            continue
        if not paragraphs:
            line = furniture.strip_wire_prefix(line)
            if not line:
                continue
        paragraphs.append(line)
    return paragraphs, captions


def parse_text(text: str, raw: RawDocument) -> Article:
    """An Article from already decoded plain text."""
    paragraphs, captions = split_body(normalize_text(text).split("\n"))
    return Article(
        paragraphs=tuple(paragraphs),
        captions=tuple(captions),
        published_at=raw.published,
        url=raw.url,
        fetched_at=raw.fetched_at,
        archive=raw.archive,
        language="vi",
    )
