"""Parse stage: RawDocument -> Article (plain text or an HTML page)."""

from __future__ import annotations

from vnextract.pipeline.errors import Errors, InputError
from vnextract.pipeline.parse.decode import decode_text
from vnextract.pipeline.parse.limits import check_element_count
from vnextract.pipeline.parse.text import parse_text
from vnextract.pipeline.settings import Settings
from vnextract.pipeline.types import Article, RawDocument

_HTML_TYPES = ("text/html", "application/xhtml")


def is_html(raw: RawDocument, text: str) -> bool:
    """True when the document is an HTML page (by declared type, else by its first bytes)."""
    if raw.content_type:
        return raw.content_type.split(";")[0].strip().lower().startswith(_HTML_TYPES)
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def parse(raw: RawDocument, settings: Settings) -> Article:
    """Decode and parse one raw document; raises InputError when there is no article in it."""
    if len(raw.content) > settings.extract.max_input_bytes:
        raise InputError(Errors.E004, f"{len(raw.content)} bytes > {settings.extract.max_input_bytes}")
    text = decode_text(raw.content, raw.encoding)
    if is_html(raw, text):
        from vnextract.pipeline.parse.html import (
            parse_html,  # lxml and the adapters only when needed
        )

        check_element_count(text)  # before the tree: its cost grows with every element
        article = parse_html(text, raw)
    else:
        article = parse_text(text, raw)
    if not any(p.strip() for p in article.paragraphs):
        raise InputError(Errors.E007, "no body text after removing captions and page furniture")
    return article
