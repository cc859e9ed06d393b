"""Dead letters: an input that could not become a record, with the reason and enough to retry it."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field
from typing import Any

from vnextract.pipeline import __version__
from vnextract.pipeline.errors import VnextractError
from vnextract.pipeline.types import RawDocument

LOGGER = logging.getLogger(__name__)

# Inputs larger than this keep their metadata but not their bytes (the archive still has them).
MAX_PAYLOAD_BYTES = 1_000_000


@dataclass(frozen=True)
class RejectedInput:
    """One input that failed: `input_key` plus the extractor version identify it across runs."""

    input: str  # URL or path, as a person would name the input
    input_key: str  # sha256 hex: of the URL, else of the archive and the content, else of `input`
    code: str  # VnextractError code, e.g. "E020"
    reason: str
    payload: dict[str, Any] = field(default_factory=dict)
    extractor_version: str = __version__
    created_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    def to_json(self) -> dict[str, Any]:
        """The dead letter as JSON-ready data (one line of a dead-letter JSONL file)."""
        return {
            "input": self.input,
            "input_key": self.input_key,
            "code": self.code,
            "reason": self.reason,
            "payload": self.payload,
            "extractor_version": self.extractor_version,
            "created_at": self.created_at.isoformat(),
        }


def _sha256(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
        digest.update(b"\0")
    return digest.hexdigest()


def input_key(raw: RawDocument | None, name: str) -> str:
    """A stable key for an input: its URL, else its archive plus content hash, else its name."""
    if raw is not None and raw.url:
        return _sha256(b"url", raw.url.encode("utf-8"))
    if raw is not None:
        content_hash = hashlib.sha256(raw.content).digest()
        return _sha256(b"content", (raw.archive or "").encode("utf-8"), content_hash)
    return _sha256(b"input", name.encode("utf-8"))


def payload_of(raw: RawDocument | None, max_bytes: int = MAX_PAYLOAD_BYTES) -> dict[str, Any]:
    """What is needed to retry `raw`: its metadata, and its content as text or base64 if small."""
    if raw is None:
        return {}
    payload: dict[str, Any] = {
        "url": raw.url,
        "archive": raw.archive,
        "published": raw.published,
        "fetched_at": raw.fetched_at,
        "content_type": raw.content_type,
        "encoding": raw.encoding,
        "size": len(raw.content),
    }
    if len(raw.content) > max_bytes:
        payload["truncated"] = True  # too big to keep: retry from `archive`/`url`
        return payload
    try:
        decoded = raw.content.decode("utf-8")
    except UnicodeDecodeError:
        decoded = None
    if decoded is not None and "\x00" not in decoded:  # PostgreSQL refuses NUL in text and JSON
        payload["text"] = decoded
    else:
        payload["content_b64"] = base64.b64encode(raw.content).decode("ascii")
    return payload


def rejected(
    error: VnextractError,
    raw: RawDocument | None = None,
    name: str | None = None,
    *,
    extractor_version: str = __version__,
    max_payload_bytes: int = MAX_PAYLOAD_BYTES,
) -> RejectedInput:
    """The dead letter for an input that raised `error` (`raw` when it was read at all)."""
    # A path or URL, never the message: the reason column says what went wrong.
    label = name or ((raw.url or raw.archive) if raw is not None else None) or error.source or "input"
    return RejectedInput(
        input=label,
        input_key=input_key(raw, label),
        code=error.code,
        reason=error.reason,
        payload=payload_of(raw, max_payload_bytes),
        extractor_version=extractor_version,
    )


def raw_from_payload(payload: dict[str, Any]) -> RawDocument | None:
    """The RawDocument a dead letter kept, to retry it; None when its bytes were not kept."""
    if "text" in payload:
        content = payload["text"].encode("utf-8")
    elif "content_b64" in payload:
        content = base64.b64decode(payload["content_b64"])
    else:
        return None
    return RawDocument(
        content=content,
        url=payload.get("url"),
        content_type=payload.get("content_type"),
        encoding=payload.get("encoding"),
        fetched_at=payload.get("fetched_at"),
        archive=payload.get("archive"),
        published=payload.get("published"),
    )
