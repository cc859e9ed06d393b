"""Plain text (a flattened page or a bare article) to an Article."""

from __future__ import annotations

import re
from dataclasses import dataclass

from vnextract.pipeline.errors import Errors, InputError
from vnextract.pipeline.nlp.normalize import normalize_text
from vnextract.pipeline.parse import bylines, furniture
from vnextract.pipeline.types import Article, RawDocument

# A line that is only a web address (or a few, separated by spaces or commas).
_LINK_LINE = re.compile(r"^(?:(?:https?://|www\.)\S+[\s,;]*)+$", re.IGNORECASE)


@dataclass(frozen=True)
class Body:
    """What the lines of a plain-text article hold: body, captions and the byline names."""

    paragraphs: list[str]
    captions: list[str]
    authors: list[str]


def read_body(lines: list[str]) -> Body:
    """Body paragraphs, captions (photo credits among them) and bylines from flattened lines."""
    paragraphs, captions = _split_lines(lines)
    tail = bylines.take_credits(paragraphs)
    return Body(tail.paragraphs, captions + tail.credits, tail.authors)


def split_body(lines: list[str]) -> tuple[list[str], list[str]]:
    """Body paragraphs and captions from flattened lines; furniture, bylines, credits, related
    links and what follows the article dropped."""
    body = read_body(lines)
    return body.paragraphs, body.captions


def _split_lines(lines: list[str]) -> tuple[list[str], list[str]]:
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


def is_link_list(lines: list[str]) -> bool:
    """True when every non-empty line is only web addresses: a list of pages, not an article."""
    filled = [line.strip() for line in lines if line.strip()]
    return bool(filled) and all(_LINK_LINE.match(line) for line in filled)


def parse_text(text: str, raw: RawDocument) -> Article:
    """An Article from already decoded plain text; a file of links only is refused (E060)."""
    lines = normalize_text(text).split("\n")
    if is_link_list(lines):
        count = sum(1 for line in lines if line.strip())
        raise InputError(Errors.E060, f"{count} line(s), each only a web address")
    first = next((line for line in lines if line.strip()), "")
    body = read_body(lines)
    return Article(
        paragraphs=tuple(body.paragraphs),
        captions=tuple(body.captions),
        author=bylines.author_of(body.authors),
        outlet=furniture.wire_outlet(first),
        published_at=raw.published,
        url=raw.url,
        fetched_at=raw.fetched_at,
        archive=raw.archive,
        language="vi",
    )
