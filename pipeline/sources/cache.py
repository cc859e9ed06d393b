"""An on-disk cache for conditional GET: re-runs send ETag/Last-Modified and reuse 304 bodies."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from vnextract.pipeline.types import RawDocument

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True)
class CacheEntry:
    """A cached response: the document and the validators to revalidate it."""

    doc: RawDocument
    etag: str | None
    last_modified: str | None
    # WARC files that hold this body: identity -> [record id, WARC-Date, payload digest]
    archived: dict[str, list[str]] = field(default_factory=dict)

    def conditional_headers(self) -> dict[str, str]:
        """Request headers that ask the server whether this entry is still current."""
        headers: dict[str, str] = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


def cache_key(url: str) -> str:
    """The file stem for a URL: sha256 of the URL as requested."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


class HttpCache:
    """Cached bodies keyed by URL hash under one directory (two files per URL: .json and .body)."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = cache_key(url)
        # Two-level fan-out keeps directories small on large crawls.
        base = self.directory / key[:2] / key
        return base.with_suffix(".json"), base.with_suffix(".body")

    def get(self, url: str) -> CacheEntry | None:
        """The cached entry for `url`, or None if absent or unreadable (a bad entry is a miss)."""
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
            body = body_path.read_bytes()
            doc = RawDocument(
                content=body,
                url=meta["url"],
                content_type=meta.get("content_type"),
                encoding=meta.get("encoding"),
                fetched_at=meta.get("fetched_at"),
                status=meta.get("status"),
                headers=tuple((k, v) for k, v in meta.get("headers", [])),
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            LOGGER.warning("ignoring unreadable cache entry for %s: %s", url, exc)
            return None
        archived = meta.get("archived")
        return CacheEntry(
            doc,
            meta.get("etag"),
            meta.get("last_modified"),
            archived if isinstance(archived, dict) else {},
        )

    def put(self, url: str, doc: RawDocument) -> None:
        """Store `doc` for `url` if it carries a validator (without one it can never be reused)."""
        headers = {k.lower(): v for k, v in doc.headers}
        etag, last_modified = headers.get("etag"), headers.get("last-modified")
        if not etag and not last_modified:
            return
        meta_path, body_path = self._paths(url)
        meta = {
            "url": doc.url,
            "content_type": doc.content_type,
            "encoding": doc.encoding,
            "fetched_at": doc.fetched_at,
            "status": doc.status,
            "headers": [list(h) for h in doc.headers],
            "etag": etag,
            "last_modified": last_modified,
        }
        meta_path.parent.mkdir(parents=True, exist_ok=True)
        # Body first, then metadata, each atomically: a crash leaves no entry pointing at half a body.
        _write_atomic(body_path, doc.content)
        _write_atomic(meta_path, json.dumps(meta, ensure_ascii=False).encode("utf-8"))


    def note_archived(self, url: str, warc: str, where: list[str]) -> None:
        """Remember that `url`'s cached body is in the WARC named `warc` (record id, date, digest).

        A later "304 Not Modified" then adds a revisit to that file instead of a second copy.
        """
        meta_path, _body = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
        except (OSError, ValueError):
            return  # no entry (no validators): nothing will be revalidated
        archived = meta.get("archived") if isinstance(meta.get("archived"), dict) else {}
        archived[warc] = where
        # Only the most recent files: an entry's metadata stays small over many crawls.
        meta["archived"] = dict(list(archived.items())[-ARCHIVED_KEPT:])
        _write_atomic(meta_path, json.dumps(meta, ensure_ascii=False).encode("utf-8"))


ARCHIVED_KEPT = 8


def _write_atomic(path: Path, data: bytes) -> None:
    """Write via a temp file and rename, so readers never see a partial file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
