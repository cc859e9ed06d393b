"""WARC archives: write fetched pages (request + response records), read them back as documents."""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import zlib
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, Self
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from vnextract.pipeline.errors import Errors, InputError
from vnextract.pipeline.sources.codings import (
    Incomplete,
    UnsupportedCoding,
    dechunk,
    decode_body,
)
from vnextract.pipeline.sources.http import PAGE_TYPES, Fetched, charset_of
from vnextract.pipeline.sources.limits import GZIP_MAGIC, TooLarge
from vnextract.pipeline.sources.paths import NotRegular, display_name, open_regular
from vnextract.pipeline.types import RawDocument

LOGGER = logging.getLogger(__name__)

# The stored body is already decoded, so these transport headers would misdescribe it on replay.
TRANSPORT_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})


def warc_date(iso: str | None) -> str:
    """A WARC-Date (UTC, second precision, 'Z') from an ISO 8601 datetime, or now."""
    when = datetime.fromisoformat(iso) if iso else datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


SERVER_NOT_MODIFIED = "http://netpreserve.org/warc/1.0/revisit/server-not-modified"


@dataclass(frozen=True)
class Archived:
    """Where a response was written: which WARC file (see `WarcSink.identity`) and its record."""

    warc: str
    record_id: str
    date: str
    payload_digest: str


class WarcSink:
    """Appends request + response records to a WARC file (gzipped per record if it ends in .gz).

    The file is created at the first record: a run that archives nothing leaves no empty file.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._handle: BinaryIO | None = None
        self._writer: WARCWriter | None = None
        self.records = 0

    def identity(self) -> str | None:
        """What names this very file (path, device, inode), or None before it exists.

        A page recorded as archived under another identity (the file was deleted and made
        again, or another file) must be written whole, not as a revisit of a lost record.
        """
        try:
            info = self.path.stat()
        except OSError:
            return None
        return f"{self.path.resolve()}|{info.st_dev}|{info.st_ino}"

    def _open(self) -> WARCWriter:
        if self._writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Append, never truncate: re-running a crawl into the same file must not lose the
            # old one, and concatenated WARC (and gzip member) files are valid.
            self._handle = open(self.path, "ab")  # noqa: SIM115 - closed by close()
            self._writer = WARCWriter(self._handle, gzip=self.path.suffix == ".gz")
        return self._writer

    def write(self, fetched: Fetched) -> Archived:
        """Write one fetched page as a response record and the request that produced it."""
        writer = self._open()
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
        response = writer.create_warc_record(
            doc.url,
            "response",
            payload=io.BytesIO(doc.content),
            length=len(doc.content),
            http_headers=http_headers,
            warc_headers_dict={"WARC-Date": date},
        )
        request = writer.create_warc_record(
            doc.url,
            "request",
            http_headers=StatusAndHeaders(
                f"GET {_target(doc.url)} HTTP/1.1",
                _request_headers(doc.url, fetched.request_headers),
                is_http_request=True,
            ),
            warc_headers_dict={"WARC-Date": date},
        )
        writer.write_request_response_pair(request, response)
        self._flush()
        return Archived(
            warc=self.identity() or "",
            record_id=response.rec_headers.get_header("WARC-Record-ID"),
            date=date,
            payload_digest=response.rec_headers.get_header("WARC-Payload-Digest") or "",
        )

    def write_revisit(self, fetched: Fetched, original: Archived, when: str | None = None) -> None:
        """Record that the server answered "not modified" for a page this file already holds.

        A revisit (profile server-not-modified) keeps the fact and date of the check without a
        second copy of the body; readers resolve it to the original record.
        """
        writer = self._open()
        doc = fetched.doc
        assert doc.url, "a fetched document always has a URL"
        record = writer.create_revisit_record(
            doc.url,
            original.payload_digest or "sha1:unknown",
            doc.url,
            original.date,
            http_headers=StatusAndHeaders("304 Not Modified", [], protocol="HTTP/1.1"),
            warc_headers_dict={"WARC-Date": warc_date(when), "WARC-Refers-To": original.record_id},
        )
        record.rec_headers.replace_header("WARC-Profile", SERVER_NOT_MODIFIED)
        writer.write_record(record)
        self._flush()

    def _flush(self) -> None:
        assert self._handle is not None
        self._handle.flush()  # a crash keeps every page written so far
        self.records += 1

    def close(self) -> None:
        """Close the file (if a record was ever written)."""
        if self._handle is not None:
            self._handle.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _target(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _request_headers(url: str, sent: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """The request's headers with Host first, as sent (userinfo never part of it)."""
    host = urlsplit(url).netloc.rsplit("@", 1)[-1]
    return [("Host", host)] + [(k, v) for k, v in sent if k.lower() != "host"]


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
    """Each page of a WARC (.warc or .warc.gz) as a RawDocument, or the error that stopped it.

    Responses and resources holding HTML or plain text are documents; revisits are resolved to
    their original in the same archive; any other page-like record (an image, a PDF) is a
    rejection (E032). A record is handed out only once its framing is verified (its whole
    block and terminator read; in a .warc.gz its gzip member complete, CRC checked), and a
    damaged archive ends with one E031 after the records before the damage.
    """
    archive = display_name(path)
    index = _OriginalIndex()
    try:
        with open_regular(Path(path)) as handle:
            for record in read_records(handle, max_record_bytes):
                yield from _outcomes(record, archive, path, max_record_bytes, index)
    except FileNotFoundError:
        yield InputError(Errors.E005, archive, source=archive)
    except NotRegular as exc:
        yield InputError(Errors.E034, str(exc), source=archive)
    except Damaged as exc:
        yield InputError(Errors.E031, f"{archive}: {exc}", source=archive)
    except OSError as exc:
        yield InputError(Errors.E006, f"{archive}: {exc}", source=archive)


def count_warc_inputs(path: str | Path) -> int:
    """How many inputs `iter_warc` would yield for responses, resources and revisits (estimate)."""
    total = 0
    try:
        with open_regular(Path(path)) as handle:
            for record in read_records(handle, 0):  # blocks are skipped, not read
                total += record.warc_type in INPUT_TYPES
    except (Damaged, OSError):
        total += 1  # the damage is reported as one more outcome
    return total


# -- reading records ---------------------------------------------------------------------------

MAX_HEADER_BYTES = 64 * 1024  # WARC and HTTP headers: real ones are a few hundred bytes
TERMINATOR = b"\r\n\r\n"
INPUT_TYPES = frozenset({"response", "resource", "revisit"})
TEXT_TYPES = PAGE_TYPES | {"text/plain"}
_READ = 64 * 1024


class Damaged(Exception):
    """The archive's framing is broken here (cut, corrupt gzip, garbage): nothing after is read."""


@dataclass(frozen=True)
class WarcRecord:
    """One WARC record as stored: headers (names lowercased) and block, `None` when too large."""

    headers: dict[str, str]
    block: bytes | None
    length: int
    location: tuple[int, int]  # (file offset of the record or its gzip member, index inside it)
    crc_checked: bool = False  # read from a gzip member whose CRC matched

    @property
    def warc_type(self) -> str:
        """The WARC-Type, lowercased."""
        return self.headers.get("warc-type", "").lower()

    @property
    def url(self) -> str | None:
        """The WARC-Target-URI, if any (without the <> some writers add)."""
        uri = self.headers.get("warc-target-uri")
        return uri.strip("<>") if uri else None


def read_records(handle: BinaryIO, max_block: int) -> Iterator[WarcRecord]:
    """Every record of an open WARC file, gzipped per record or plain; raise Damaged at damage."""
    magic = handle.read(2)
    handle.seek(0)
    if magic == GZIP_MAGIC:
        yield from _gzip_records(handle, max_block)
    else:
        yield from _plain_records(handle, max_block)


def _plain_records(
    handle: BinaryIO, max_block: int, member: int | None = None
) -> Iterator[WarcRecord]:
    """Records of an uncompressed stream: the file itself, or the data of the gzip member that
    starts at file offset `member` (records are then located by their index inside it)."""
    index = 0
    base = member or 0
    while True:
        offset = handle.tell()
        headers = _read_warc_headers(handle, base + offset)
        if headers is None:
            return
        declared = headers.get("content-length", "").strip()
        if not declared.isdigit():
            raise Damaged(f"record at byte {base + offset} has no valid Content-Length")
        length = int(declared)
        location = (offset, 0) if member is None else (member, index)
        if length > max_block:
            _skip(handle, length, base + offset)
            block = None
        else:
            block = handle.read(length)
            if len(block) < length:
                raise Damaged(
                    f"cut inside the record at byte {base + offset} ({len(block)} of {length} bytes)"
                )
        end = handle.read(len(TERMINATOR))
        if end != TERMINATOR:
            raise Damaged(f"record at byte {base + offset} is not followed by its CRLF CRLF end")
        index += 1
        yield WarcRecord(headers, block, length, location, crc_checked=member is not None)


def _read_warc_headers(handle: BinaryIO, offset: int) -> dict[str, str] | None:
    """The header block of the record starting here, or None at a clean end of the file."""
    line = handle.readline(MAX_HEADER_BYTES)
    while line in (b"\r\n", b"\n"):  # blank lines between records are tolerated
        line = handle.readline(MAX_HEADER_BYTES)
    if not line:
        return None
    if not line.startswith(b"WARC/"):
        raise Damaged(f"no WARC record at byte {offset} (found {line[:20]!r})")
    size = len(line)
    lines: list[bytes] = []
    while True:
        line = handle.readline(MAX_HEADER_BYTES)
        size += len(line)
        if not line.endswith(b"\n"):
            raise Damaged(f"cut inside the header of the record at byte {offset}")
        if size > MAX_HEADER_BYTES:
            raise Damaged(f"header of the record at byte {offset} is over {MAX_HEADER_BYTES} bytes")
        if line in (b"\r\n", b"\n"):
            return {name.lower(): value for name, value in _header_pairs(lines)}
        lines.append(line)


def _header_pairs(lines: list[bytes]) -> list[tuple[str, str]]:
    """`Name: value` lines as pairs, continuation lines folded into the value before them."""
    pairs: list[tuple[str, str]] = []
    for raw in lines:
        text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        if text[:1] in (" ", "\t") and pairs:
            name, value = pairs[-1]
            pairs[-1] = (name, f"{value} {text.strip()}")
            continue
        key, sep, value = text.partition(":")
        if sep and key.strip():
            pairs.append((key.strip(), value.strip()))
    return pairs


def _skip(handle: BinaryIO, length: int, offset: int) -> None:
    """Move past a block too large to keep, checking that the file really holds it."""
    start = handle.tell()
    handle.seek(0, io.SEEK_END)
    if handle.tell() - start < length:
        raise Damaged(f"cut inside the record at byte {offset}")
    handle.seek(start + length)


def _gzip_records(handle: BinaryIO, max_block: int) -> Iterator[WarcRecord]:
    """Records of a .warc.gz, member by member: each member's data is read only once verified."""
    ceiling = max_block + MAX_HEADER_BYTES + len(TERMINATOR)
    feed = _Feed(handle)
    while True:
        offset = feed.tell()  # file offset of the member about to be read
        if not feed.skip_padding():
            return
        member, oversize = _inflate_member(feed, ceiling, offset)
        stream = io.BytesIO(member)
        if oversize:
            headers = _read_warc_headers(stream, offset) or {}
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) + MAX_HEADER_BYTES < oversize:
                # Several records in one member: it cannot be read record by record.
                raise Damaged(
                    f"the gzip member at byte {offset} holds several records in {oversize} "
                    "bytes; recompress the WARC record by record (warcio recompress)"
                )
            yield WarcRecord(headers, None, oversize, (offset, 0))
        else:
            yield from _plain_records(stream, max_block, member=offset)


class _Feed:
    """A file's bytes handed out in small slices, with what zlib left unused given back.

    Slices stay small because zlib copies the unused rest of its input after each member:
    with one member per record, feeding whole read buffers would copy them again and again.
    """

    SLICE = 16 * 1024

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self._start = handle.tell()  # file offset of _buffer[0]
        self._buffer = b""
        self._pos = 0

    def tell(self) -> int:
        """The file offset of the next byte to hand out."""
        return self._start + self._pos

    def take(self) -> memoryview:
        """The next slice (empty at the end of the file)."""
        if self._pos >= len(self._buffer):
            self._start += len(self._buffer)
            self._buffer, self._pos = self._handle.read(_READ), 0
        piece = memoryview(self._buffer)[self._pos : self._pos + self.SLICE]
        self._pos += len(piece)
        return piece

    def give_back(self, count: int) -> None:
        """Un-take the last `count` bytes (they begin the next member)."""
        self._pos -= count

    def skip_padding(self) -> bool:
        """Skip zero bytes between members; False at the end of the file."""
        while True:
            piece = self.take()
            if not piece:
                return False
            rest = bytes(piece).lstrip(b"\0")
            if rest:
                self.give_back(len(rest))
                return True


def _inflate_member(feed: _Feed, ceiling: int, offset: int) -> tuple[bytes, int]:
    """(the member's data, 0), or past `ceiling` (its head, its whole size); feed left after it."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out: list[bytes] = []
    size = 0
    while True:
        data: bytes | memoryview = feed.take()
        if not data:
            raise Damaged(f"cut inside the gzip member at byte {offset}")
        while data:
            try:
                piece = inflater.decompress(data, _READ)
            except zlib.error as exc:
                raise Damaged(f"corrupt gzip member at byte {offset} ({exc})") from exc
            size += len(piece)
            if size <= ceiling or not out:
                out.append(piece)  # past the ceiling only the head is kept, to name the record
            if inflater.eof:
                feed.give_back(len(inflater.unused_data))
                return b"".join(out), 0 if size <= ceiling else size
            data = inflater.unconsumed_tail


# -- records to documents ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Original:
    """Where a response or resource sits, so a revisit can be read from it."""

    location: tuple[int, int]
    url: str | None


class _OriginalIndex:
    """Recent originals by record id, payload digest and URL; bounded, oldest forgotten first."""

    LIMIT = 200_000

    def __init__(self) -> None:
        self._items: OrderedDict[str, _Original] = OrderedDict()

    def add(self, record: WarcRecord) -> None:
        original = _Original(record.location, record.url)
        headers = record.headers
        for key in self._keys(
            headers.get("warc-record-id"), headers.get("warc-payload-digest"), record.url
        ):
            self._items[key] = original
            self._items.move_to_end(key)
        while len(self._items) > self.LIMIT:
            self._items.popitem(last=False)

    def find(self, record: WarcRecord) -> _Original | None:
        refers_to = record.headers.get("warc-refers-to")
        digest = record.headers.get("warc-payload-digest")
        target = record.headers.get("warc-refers-to-target-uri", "").strip("<>") or record.url
        for key in self._keys(refers_to, digest, target):
            if key in self._items:
                return self._items[key]
        return None

    @staticmethod
    def _keys(record_id: str | None, digest: str | None, url: str | None) -> list[str]:
        pairs = (("id", record_id), ("digest", digest), ("url", url))
        return [f"{kind} {value}" for kind, value in pairs if value]


def _outcomes(
    record: WarcRecord, archive: str, path: str | Path, limit: int, index: _OriginalIndex
) -> Iterator[RawDocument | InputError]:
    kind = record.warc_type
    url = record.url
    name = f"{archive}: {kind} {url or record.headers.get('warc-record-id', '')}".rstrip()
    if kind not in INPUT_TYPES:
        LOGGER.debug("%s: %s record is not an input", archive, kind or "untyped")
        return
    source = url or archive
    if record.block is None:
        yield InputError(Errors.E004, f"{name} is {record.length} bytes, limit {limit}", source=source)
        return
    if kind == "revisit":
        yield from _revisit(record, archive, path, limit, index, name)
        return
    problem = digest_problem(record)
    if problem:
        yield InputError(Errors.E031, f"{name}: {problem}", source=source)
        return
    index.add(record)
    try:
        page = _page(record, limit)
    except (Incomplete, UnsupportedCoding, ValueError) as exc:
        yield InputError(Errors.E031, f"{name}: {exc}", source=source)
        return
    except TooLarge:
        yield InputError(Errors.E004, f"{name} decodes to over {limit} bytes", source=source)
        return
    mime = (page.content_type or "").split(";", 1)[0].strip().lower()
    if mime and mime not in TEXT_TYPES:
        yield InputError(Errors.E032, f"{name} is {mime}", source=source)
        return
    yield replace(page, archive=archive)


def _revisit(
    record: WarcRecord,
    archive: str,
    path: str | Path,
    limit: int,
    index: _OriginalIndex,
    name: str,
) -> Iterator[RawDocument | InputError]:
    """A revisit read from its original; the same page seen again is not a second input."""
    original = index.find(record)
    source = record.url or archive
    if original is None:
        headers = record.headers
        refers = (
            headers.get("warc-refers-to-target-uri")
            or headers.get("warc-refers-to")
            or headers.get("warc-payload-digest", "?")
        )
        yield InputError(Errors.E033, f"{name} refers to {refers}", source=source)
        return
    if original.url == record.url:
        LOGGER.info("%s: the page was already read from this archive", name)
        return
    found = _record_at(path, original.location, limit)
    if found is None:
        yield InputError(Errors.E033, f"{name}: its original cannot be read again", source=source)
        return
    # The original's payload under the revisit's own URL and date: the page as seen there.
    moved = {
        **found.headers,
        "warc-target-uri": record.url or "",
        "warc-date": record.headers.get("warc-date", ""),
    }
    again = WarcRecord(moved, found.block, found.length, found.location)
    yield from _outcomes(again, archive, path, limit, _OriginalIndex())


def digest_problem(record: WarcRecord) -> str | None:
    """Why the block does not match its WARC-Block-Digest, or None (also when it has none).

    A plain WARC has no CRC: the digest most writers record is the only proof that the bytes
    are the ones archived.
    """
    if record.crc_checked:
        return None  # the gzip CRC already proved these bytes; hashing them again costs 20%
    declared = record.headers.get("warc-block-digest", "")
    algorithm, _sep, value = declared.partition(":")
    algorithm = algorithm.strip().lower().replace("-", "")
    if not value or algorithm not in ("sha1", "sha256", "md5") or record.block is None:
        return None
    raw = hashlib.new(algorithm, record.block).digest()
    value = value.strip()
    base32 = base64.b32encode(raw).decode().rstrip("=")
    if value.lower() == raw.hex() or value.upper().rstrip("=") == base32:
        return None
    return f"block does not match its {algorithm} digest (damaged bytes)"


def _record_at(path: str | Path, location: tuple[int, int], limit: int) -> WarcRecord | None:
    """The record at a location found earlier in the same file (None if it is not there now)."""
    offset = location[0]
    try:
        with open(path, "rb") as handle:
            handle.seek(offset)
            if handle.read(2) == GZIP_MAGIC:
                handle.seek(offset)
                ceiling = limit + MAX_HEADER_BYTES + len(TERMINATOR)
                member, oversize = _inflate_member(_Feed(handle), ceiling, offset)
                if oversize:
                    return None
                records = _plain_records(io.BytesIO(member), limit, member=offset)
            else:
                handle.seek(offset)
                records = _plain_records(handle, limit)
            for found in records:
                if found.location == location:
                    return found
    except (Damaged, OSError):
        return None
    return None


def _page(record: WarcRecord, limit: int) -> RawDocument:
    """The document a response or resource record holds (HTTP framing and codings undone)."""
    assert record.block is not None
    warc_type = record.headers.get("content-type")
    fetched_at = _fetch_time(record.headers.get("warc-date"))
    is_http = record.warc_type == "response" and record.block.startswith(b"HTTP/")
    if not is_http:  # a resource, or a non-HTTP response (dns:, ftp:): the block is the payload
        return RawDocument(
            content=record.block,
            url=record.url,
            content_type=warc_type,
            encoding=charset_of(warc_type),
            fetched_at=fetched_at,
        )
    status, headers, body = _split_http(record.block)
    fields = {k.lower(): v for k, v in headers}
    if "chunked" in fields.get("transfer-encoding", "").lower():
        body = dechunk(body)
    body = decode_body(body, fields.get("content-encoding"), limit)
    content_type = fields.get("content-type")
    return RawDocument(
        content=body,
        url=record.url,
        content_type=content_type,
        encoding=charset_of(content_type),
        fetched_at=fetched_at,
        status=status,
        headers=tuple(headers),
    )


def _split_http(block: bytes) -> tuple[int | None, list[tuple[str, str]], bytes]:
    """(status, headers, body) of an HTTP response as stored in a WARC record."""
    cut = block.find(b"\r\n\r\n")
    sep = 4
    if cut < 0:
        cut, sep = block.find(b"\n\n"), 2
    if cut < 0 or cut > MAX_HEADER_BYTES:
        raise ValueError("HTTP response without a complete header block")
    lines = block[:cut].split(b"\n")
    parts = lines[0].split(None, 2)
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
    return status, _header_pairs(lines[1:]), block[cut + sep :]
