"""WARC archives: write fetched pages (request + response records), read them back as documents."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from types import TracebackType
from typing import BinaryIO
from urllib.parse import urlsplit

from vnextract.pipeline.errors import InputError
from vnextract.pipeline.sources.http import PAGE_TYPES, Fetched, charset_of
from vnextract.pipeline.sources.limits import TooLarge, read_limited
from vnextract.pipeline.types import RawDocument
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

LOGGER = logging.getLogger(__name__)

# The stored body is already decoded, so these transport headers would misdescribe it on replay.
TRANSPORT_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})


def warc_date(iso: str | None) -> str:
    """A WARC-Date (UTC, second precision, 'Z') from an ISO 8601 datetime, or now."""
    when = datetime.fromisoformat(iso) if iso else datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class WarcSink:
    """Appends request + response records to a WARC file (gzipped per record if it ends in .gz)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Append, never truncate: re-running a crawl into the same file must not lose the old one,
        # and concatenated WARC (and gzip member) files are valid.
        self._handle: BinaryIO = open(self.path, "ab")
        self._writer = WARCWriter(self._handle, gzip=self.path.suffix == ".gz")
        self.records = 0

    def write(self, fetched: Fetched) -> None:
        """Write one fetched page as a response record and the request that produced it."""
        doc = fetched.doc
        assert doc.url, "a fetched document always has a URL"
        date = warc_date(doc.fetched_at)
        status = doc.status or 200
        kept = [(k, v) for k, v in doc.headers if k.lower() not in TRANSPORT_HEADERS]
        kept += [
            (f"X-Archive-Orig-{k}", v) for k, v in doc.headers if k.lower() == "content-encoding"
        ]
        kept.append(("Content-Length", str(len(doc.content))))
        http_headers = StatusAndHeaders(f"{status} {_phrase(status)}", kept, protocol="HTTP/1.1")
        response = self._writer.create_warc_record(
            doc.url,
            "response",
            payload=io.BytesIO(doc.content),
            length=len(doc.content),
            http_headers=http_headers,
            warc_headers_dict={"WARC-Date": date},
        )
        parts = urlsplit(doc.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request_headers = [("Host", parts.netloc.rsplit("@", 1)[-1])] + [
            (k, v) for k, v in fetched.request_headers if k.lower() != "host"
        ]
        request = self._writer.create_warc_record(
            doc.url,
            "request",
            http_headers=StatusAndHeaders(
                f"GET {target} HTTP/1.1", request_headers, is_http_request=True
            ),
            warc_headers_dict={"WARC-Date": date},
        )
        self._writer.write_request_response_pair(request, response)
        self._handle.flush()  # a crash keeps every page written so far
        self.records += 1

    def close(self) -> None:
        """Close the file."""
        self._handle.close()

    def __enter__(self) -> WarcSink:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _fetch_time(warc_date_header: str | None) -> str | None:
    """A WARC-Date in the fetcher's own form ("+00:00", not "Z"): replayed records equal live ones."""
    if warc_date_header and warc_date_header.endswith("Z"):
        return warc_date_header[:-1] + "+00:00"
    return warc_date_header


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def iter_warc(path: str | Path, max_record_bytes: int) -> Iterator[RawDocument | InputError]:
    """Yield each HTML response record of a WARC (.warc or .warc.gz) as a RawDocument."""
    archive = str(path)
    try:
        with open(path, "rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                content_type = record.http_headers.get_header("Content-Type")
                mime = (content_type or "").split(";", 1)[0].strip().lower()
                if mime and mime not in PAGE_TYPES:
                    LOGGER.debug("%s: skipping %s (%s)", archive, url, mime)
                    continue
                if record.length is not None and record.length > max_record_bytes:
                    yield InputError("E004", f"{archive}: record {url} is {record.length} bytes")
                    continue
                try:
                    content = read_limited(record.content_stream(), max_record_bytes)
                except TooLarge:
                    yield InputError(
                        "E004", f"{archive}: record {url} over {max_record_bytes} bytes"
                    )
                    continue
                if getattr(record.raw_stream, "limit", 0) > 0:
                    # warcio hands back a short read silently; the record's own length says so.
                    yield InputError("E006", f"{archive}: record {url} is truncated")
                    return
                status_text = record.http_headers.get_statuscode() or ""
                yield RawDocument(
                    content=content,
                    url=url,
                    content_type=content_type,
                    encoding=charset_of(content_type),
                    fetched_at=_fetch_time(record.rec_headers.get_header("WARC-Date")),
                    archive=archive,
                    status=int(status_text) if status_text.isdigit() else None,
                    headers=tuple(record.http_headers.headers),
                )
    except FileNotFoundError:
        yield InputError("E005", archive)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        # A truncated or corrupt archive: report it and keep what was read before the damage.
        yield InputError("E006", f"{archive}: damaged WARC ({exc})")
