"""Plain data passed between pipeline stages (frozen dataclasses, no behaviour)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RawDocument:
    """Bytes as fetched or read, with what the source knows about them."""

    content: bytes
    url: str | None = None  # final URL after redirects, if any
    content_type: str | None = None  # e.g. "text/html; charset=utf-8", "text/plain"
    encoding: str | None = None  # charset declared by the transport, if any
    fetched_at: str | None = None  # ISO 8601 datetime
    archive: str | None = None  # file, folder or WARC the bytes came from
    published: str | None = None  # publication date known to the source (JSONL field), ISO
    status: int | None = None  # HTTP status when fetched
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Article:
    """A parsed article: metadata plus body paragraphs, captions kept apart."""

    paragraphs: tuple[str, ...]
    title: str | None = None
    sapo: str | None = None
    captions: tuple[str, ...] = ()
    author: str | None = None
    published_at: str | None = None  # ISO date or datetime with +07:00
    modified_at: str | None = None
    url: str | None = None  # canonical URL when the page gives one
    outlet: str | None = None
    tags: tuple[str, ...] = ()
    language: str | None = None
    fetched_at: str | None = None
    archive: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
