"""Expand input specs (files, folders, JSONL, WARC, stdin, URLs) into RawDocuments, never raising.

Every input ends as a RawDocument or an InputError/FetchError carrying the input's name
(`error.source`). Files in folders that are not inputs (hidden, other suffixes, FIFOs) are not
errors: they are listed at INFO (`-v`) and counted in one warning per run (see `Ignored`).
The input JSON Lines format is described in docs/inputs.md.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import stat
import sys
import zlib
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from vnextract.pipeline.errors import Errors, FetchError, InputError
from vnextract.pipeline.settings import Settings
from vnextract.pipeline.sources.limits import TooLarge, read_limited
from vnextract.pipeline.sources.paths import (
    NotRegular,
    display_name,
    file_kind,
    open_regular,
)
from vnextract.pipeline.types import RawDocument

LOGGER = logging.getLogger(__name__)

Outcome = RawDocument | InputError | FetchError

# Kind of input by suffix (after an optional .gz).
KINDS = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".warc": "warc"}
CONTENT_TYPES = {"text": "text/plain", "html": "text/html"}
URL_PREFIXES = ("http://", "https://")
SUPPORTED = ".txt, .html, .htm, .jsonl, .warc (or .gz of them)"


class PageFetcher(Protocol):
    """Anything that fetches one URL into a RawDocument or raises FetchError (the Fetcher does)."""

    def fetch(self, url: str) -> RawDocument:
        """Fetch `url`."""


class Ignored:
    """Files met in folders that are not inputs, by reason: each listed at INFO, all counted."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def add(self, path: Path, reason: str) -> None:
        """Note one file or folder left out, and why."""
        LOGGER.info("%s: not read (%s)", display_name(path), reason)
        self.counts[reason] += 1

    @property
    def total(self) -> int:
        """How many entries were left out."""
        return sum(self.counts.values())

    def render(self) -> str:
        """'3 entries in folders not read (2 unsupported suffix, 1 hidden)'."""
        ranked = sorted(self.counts.items(), key=lambda item: (-item[1], item[0]))
        parts = ", ".join(f"{n} {reason}" for reason, n in ranked)
        noun = "entry" if self.total == 1 else "entries"
        return f"{self.total} {noun} in folders not read ({parts})"


def input_kind(path: Path) -> tuple[str, bool] | None:
    """(kind, gzipped) for a supported file name, or None: 'a.html.gz' -> ('html', True)."""
    name = path.name.lower()
    gzipped = name.endswith(".gz")
    if gzipped:
        name = name[:-3]
    kind = KINDS.get(os.path.splitext(name)[1])
    return (kind, gzipped) if kind else None


def iter_inputs(
    specs: list[str],
    settings: Settings,
    stdin: BinaryIO | None = None,
    *,
    fetcher: PageFetcher | None = None,
    ignored: Ignored | None = None,
) -> Iterator[Outcome]:
    """Yield a RawDocument per input found, or the InputError/FetchError that stopped one input.

    `ignored` collects the folder entries that are not inputs; without one, their count is
    logged as a warning at the end.
    """
    limit = settings.fetch.max_input_bytes
    own_ignored = ignored is None
    ignored = ignored if ignored is not None else Ignored()
    own_fetcher = None  # a Fetcher made here is closed here; an injected one belongs to the caller
    try:
        for spec in specs:
            if spec == "-":
                yield _read_stdin(stdin if stdin is not None else sys.stdin.buffer, limit)
            elif spec.lower().startswith(URL_PREFIXES):
                if fetcher is None:
                    from vnextract.pipeline.sources.http import (
                        Fetcher,  # requests only for URLs
                    )

                    fetcher = own_fetcher = Fetcher(settings)
                yield _fetch(fetcher, spec)
            elif "://" in spec:  # s3://, gs://, file://, ...: through fsspec (sources.remote)
                from vnextract.pipeline.sources.remote import iter_remote

                yield from iter_remote(spec, settings, ignored)
            else:
                yield from _iter_path(Path(spec), limit, ignored)
    finally:
        if own_fetcher is not None:
            own_fetcher.close()
    if own_ignored and ignored.total:
        LOGGER.warning("%s; -v lists them", ignored.render())


def _fetch(fetcher: PageFetcher, url: str) -> Outcome:
    try:
        return fetcher.fetch(url)
    except FetchError as exc:
        exc.source = exc.source or url
        return exc


def _read_stdin(stream: BinaryIO, limit: int) -> Outcome:
    try:
        content = read_limited(stream, limit)
    except TooLarge:
        return InputError(Errors.E004, f"stdin is over {limit} bytes", source="-")
    except OSError as exc:
        return InputError(Errors.E006, f"stdin: {exc}", source="-")
    return RawDocument(content=content, content_type="text/plain")


def _iter_path(path: Path, limit: int, ignored: Ignored) -> Iterator[Outcome]:
    name = display_name(path)
    if path.is_dir():
        for file in walk_files(path, ignored):
            kind = input_kind(file)
            assert kind is not None
            yield from _iter_file(file, *kind, limit)
        return
    if not path.exists():
        yield InputError(Errors.E005, name, source=name)
        return
    kind = input_kind(path)
    if kind is None:
        yield InputError(Errors.E030, f"{name}: expected {SUPPORTED}", source=name)
        return
    yield from _iter_file(path, *kind, limit)


def walk_files(root: Path, ignored: Ignored | None = None) -> Iterator[Path]:
    """The input files under `root`, recursively, in sorted order; what is left out goes to
    `ignored`: hidden entries, symlinked folders (never followed: no cycles), files with
    other suffixes, and anything that is not a regular file (a FIFO would block a reader).

    A `.json` file named after an input beside it (`a.meta.json`, `a.expected.json` for
    `a.txt`) belongs to that input and is not counted.
    """
    ignored = ignored if ignored is not None else Ignored()
    if root.name.startswith(".") and root.name not in (".", ".."):
        LOGGER.debug("%s: hidden folder given explicitly, read", display_name(root))
    found: list[Path] = []

    def unreadable(error: OSError) -> None:
        ignored.add(Path(error.filename or root), f"unreadable folder ({error.strerror})")

    for directory, subdirs, files in os.walk(root, onerror=unreadable):
        here = Path(directory)
        kept = []
        for sub in subdirs:
            if sub.startswith("."):
                ignored.add(here / sub, "hidden folder")
            elif (here / sub).is_symlink():
                ignored.add(here / sub, "symlinked folder")
            else:
                kept.append(sub)
        subdirs[:] = kept
        stems = {name.split(".", 1)[0] for name in files if input_kind(Path(name))}
        for name in files:
            path = here / name
            reason = _not_input(path, name, stems)
            if reason is None:
                found.append(path)
            elif reason:
                ignored.add(path, reason)
    yield from sorted(found)


def _not_input(path: Path, name: str, stems: set[str]) -> str | None:
    """Why a folder entry is not read ('' for an input's companion file), or None to read it."""
    if name.startswith("."):
        return "hidden"
    if input_kind(path) is None:
        if name.endswith(".json") and name.split(".", 1)[0] in stems:
            return ""  # a companion of an input (sidecar, expected record)
        return "unsupported suffix"
    try:
        mode = path.stat().st_mode
    except OSError:
        return "unreadable entry"  # a dangling symlink
    if not stat.S_ISREG(mode):
        return file_kind(mode)
    return None


def count_inputs(specs: list[str]) -> int:
    """About how many outcomes `iter_inputs` gives for `specs`, reading no article (for ETAs)."""
    total = 0
    for spec in specs:
        if spec == "-" or "://" in spec:
            total += 1
            continue
        path = Path(spec)
        for file in walk_files(path) if path.is_dir() else [path]:
            kind = input_kind(file)
            try:
                if kind is None or kind[0] not in ("jsonl", "warc"):
                    total += 1  # one document, or one error
                elif kind[0] == "jsonl":
                    total += _count_lines(file, kind[1])
                else:
                    from vnextract.pipeline.sources.warc import count_warc_inputs

                    total += count_warc_inputs(file)
            except (OSError, EOFError, zlib.error):
                total += 1
    return total


def _count_lines(path: Path, gzipped: bool) -> int:
    with open_regular(path) as raw:
        handle: BinaryIO = gzip.GzipFile(fileobj=raw) if gzipped else raw  # type: ignore[assignment]
        return sum(1 for line in handle if line.strip())


def _iter_file(path: Path, kind: str, gzipped: bool, limit: int) -> Iterator[Outcome]:
    """The outcomes of one file; a reader's own bug costs this file, never the other inputs."""
    try:
        yield from _read_file(path, kind, gzipped, limit)
    except Exception as exc:  # any bug: reported as E099, the traceback in the log
        name = display_name(path)
        LOGGER.exception("unexpected error reading %s", name)
        yield InputError(Errors.E099, f"{name}: {exc!r}", source=name)


def _read_file(path: Path, kind: str, gzipped: bool, limit: int) -> Iterator[Outcome]:
    if kind == "warc":
        from vnextract.pipeline.sources.warc import (
            iter_warc,  # the reader only when needed
        )

        yield from iter_warc(path, limit)  # gzip or not, by the file's first bytes
    elif kind == "jsonl":
        yield from _iter_jsonl(path, gzipped, limit)
    else:
        yield _read_document(path, kind, gzipped, limit)


def _read_document(path: Path, kind: str, gzipped: bool, limit: int) -> Outcome:
    """One .txt/.html file (maybe gzipped) as a document; size checked before reading."""
    name = display_name(path)
    try:
        with open_regular(path) as raw:
            size = os.fstat(raw.fileno()).st_size
            if size > limit:  # the file is never read: its size says enough
                return InputError(Errors.E004, f"{name} is {size} bytes, limit {limit}", source=name)
            if gzipped:
                # The whole member is read (limit permitting), so the gzip CRC is checked.
                with gzip.GzipFile(fileobj=raw) as unzipped:
                    content = read_limited(unzipped, limit)  # type: ignore[arg-type]
            else:
                content = read_limited(raw, limit)
    except TooLarge:
        return InputError(Errors.E004, f"{name} decompresses to over {limit} bytes", source=name)
    except FileNotFoundError:
        return InputError(Errors.E005, name, source=name)
    except NotRegular as exc:
        return InputError(Errors.E034, str(exc), source=name)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        return InputError(Errors.E031, f"{name}: damaged gzip data ({exc})", source=name)
    except OSError as exc:
        return InputError(Errors.E006, f"{name}: {exc}", source=name)
    try:
        meta = read_sidecar(path)
    except InputError as error:
        return error
    return RawDocument(
        content=content,
        content_type=CONTENT_TYPES[kind],
        archive=name,
        url=meta.get("url"),
        published=meta.get("published"),
        fetched_at=meta.get("fetched_at"),
    )


SIDECAR_SUFFIX = ".meta.json"
SIDECAR_FIELDS = ("url", "published", "fetched_at")
_SIDECAR_LIMIT = 64 * 1024


def sidecar_path(path: Path) -> Path:
    """Where the metadata of a text or HTML file lives: `<name>.meta.json` beside it."""
    name = path.name.removesuffix(".gz")
    return path.with_name(name.rsplit(".", 1)[0] + SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> dict[str, str]:
    """The file's sidecar metadata (url, published, fetched_at), or {} when it has none.

    Plain text carries no publication date, yet partial dates ("ngày 4/1") need one: an archive
    of text files keeps it beside each file. A date that is not one is dropped with a warning.
    """
    sidecar = sidecar_path(path)
    name = display_name(sidecar)
    if not sidecar.is_file():
        return {}
    try:
        with open_regular(sidecar) as handle:
            data = handle.read(_SIDECAR_LIMIT + 1)
        if len(data) > _SIDECAR_LIMIT:
            raise ValueError(f"larger than {_SIDECAR_LIMIT} bytes")
        meta = json.loads(data.decode("utf-8"))
        if not isinstance(meta, dict):
            raise ValueError("not a JSON object")  # noqa: TRY004 - reported as bad input data
    except (OSError, ValueError) as exc:
        raise InputError(Errors.E006, f"{name}: {exc}", source=display_name(path)) from exc
    fields = {key: str(meta[key]) for key in SIDECAR_FIELDS if meta.get(key)}
    return _checked_dates(fields, name)


def _checked_dates(fields: dict[str, str], where: str) -> dict[str, str]:
    """`published` and `fetched_at` kept only when they are real dates (warned and dropped)."""
    for key in ("published", "fetched_at"):
        value = fields.get(key)
        if value is not None and valid_iso_date(value) is None:
            LOGGER.warning(
                "%s: %s %r is not an ISO date (YYYY-MM-DD or a datetime); ignored", where, key,
                value[:40],
            )
            del fields[key]
    return fields


def valid_iso_date(value: str) -> str | None:
    """`value` if it is a real calendar date or datetime in ISO 8601 (years 1-9999), else None."""
    text = value.strip()
    if len(text) < 10 or not text[:4].isdigit() or text[4:5] != "-":
        return None  # five-digit years and other shapes fromisoformat might accept
    try:
        if len(text) == 10:
            date.fromisoformat(text)
        else:
            datetime.fromisoformat(text)  # Python 3.11 reads "Z"
    except ValueError:
        return None
    return text


# -- JSON Lines ---------------------------------------------------------------------------------

# Field names of the input format, then the record format's (`vnextract extract -o` output),
# so that records fed back in keep their date and URL. First present one wins.
JSONL_FIELDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "url": (("url",), ("source", "url")),
    "published": (("published",), ("published_at",)),
    "fetched_at": (("fetched_at",), ("source", "fetched_at")),
    "html": (("html",),),
    "text": (("text",),),
}


def _iter_jsonl(path: Path, gzipped: bool, limit: int) -> Iterator[Outcome]:
    """One document per JSON line; a bad line is reported with its number and the rest go on.

    A .jsonl.gz is checked whole first (every gzip member's CRC): lines are handed out only
    from verified data, and damage ends the file with one E031 naming the first lost line.
    """
    name = display_name(path)
    verified: int | None = None
    damage = ""
    try:
        if gzipped:
            verified, damage = _verified_gzip_size(path)
        with open_regular(path) as raw:
            handle: BinaryIO = gzip.GzipFile(fileobj=raw) if gzipped else raw  # type: ignore[assignment]
            yield from _jsonl_lines(handle, name, limit, verified, damage)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:  # changed since it was checked
        yield InputError(Errors.E031, f"{name}: damaged gzip data ({exc})", source=name)
    except FileNotFoundError:
        yield InputError(Errors.E005, name, source=name)
    except NotRegular as exc:
        yield InputError(Errors.E034, str(exc), source=name)
    except OSError as exc:
        yield InputError(Errors.E006, f"{name}: {exc}", source=name)


def _jsonl_lines(
    handle: BinaryIO, name: str, limit: int, verified: int | None, damage: str
) -> Iterator[Outcome]:
    lineno = 0
    offset = 0
    while True:
        if verified is not None:
            if offset >= verified:
                break
            line = handle.readline(min(limit + 1, verified - offset))
        else:
            line = handle.readline(limit + 1)
        if not line:
            break
        offset += len(line)
        lineno += 1
        where = f"{name}:{lineno}"
        if len(line) > limit and not line.endswith(b"\n"):
            offset += _skip_rest_of_line(handle)
            yield InputError(Errors.E004, f"{name} line {lineno} is over {limit} bytes", source=where)
            continue
        if line.strip():
            yield _jsonl_document(line, name, lineno)
    if damage:
        yield InputError(
            Errors.E031, f"{name} from line {lineno + 1} on: {damage}", source=f"{name}:{lineno + 1}"
        )


def _verified_gzip_size(path: Path) -> tuple[int, str]:
    """(decompressed bytes up to the last whole gzip member, what is wrong after it or '')."""
    verified = size = 0
    inflater = None
    with open_regular(path) as handle:
        data = handle.read(_CHUNK)
        while True:
            if inflater is None:
                if not data.strip(b"\0"):  # between members: zero padding, or the end
                    data = handle.read(_CHUNK)
                    if not data:
                        return verified, ""
                    continue
                inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            try:
                # Output is counted and dropped, in bounded pieces: memory stays flat.
                size += len(inflater.decompress(data, 1 << 20))
            except zlib.error as exc:
                return verified, f"damaged gzip data ({exc})"
            if inflater.eof:  # the member's CRC and length matched
                verified, data, inflater = size, inflater.unused_data, None
                continue
            data = inflater.unconsumed_tail or handle.read(_CHUNK)
            if not data:
                return verified, "the gzip data is cut short"


_CHUNK = 1 << 16


def _skip_rest_of_line(handle: BinaryIO) -> int:
    skipped = 0
    while True:
        piece = handle.readline(1 << 20)
        skipped += len(piece)
        if not piece or piece.endswith(b"\n"):
            return skipped


def _field(obj: dict[str, Any], paths: tuple[tuple[str, ...], ...]) -> object:
    for keys in paths:
        value: object = obj
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        if value is not None:
            return value
    return None


def _jsonl_document(line: bytes, name: str, lineno: int) -> Outcome:
    where = f"{name}:{lineno}"
    label = f"{name} line {lineno}"
    try:
        obj = json.loads(line)
    except (ValueError, UnicodeDecodeError) as exc:
        return InputError(Errors.E006, f"{label}: invalid JSON ({exc})", source=where)
    if not isinstance(obj, dict):
        return InputError(Errors.E006, f"{label}: expected an object with 'html' or 'text'", source=where)
    return mapping_document(obj, where, label)


def mapping_document(obj: dict[str, Any], where: str, label: str | None = None) -> Outcome:
    """A RawDocument from an object shaped like an input line or a record ("html" or "text",
    "url" or "source.url", "published" or "published_at"); an InputError naming `where` otherwise."""
    label = label or where
    fields: dict[str, str] = {}
    for key, paths in JSONL_FIELDS.items():
        value = _field(obj, paths)
        if value is not None and not isinstance(value, str):
            return InputError(Errors.E006, f"{label}: '{key}' must be a string", source=where)
        if value is not None:
            fields[key] = value
    if "html" in fields:
        body, content_type = fields["html"], "text/html; charset=utf-8"
    elif "text" in fields:
        body, content_type = fields["text"], "text/plain; charset=utf-8"
    else:
        return InputError(Errors.E006, f"{label}: no 'html' or 'text' field", source=where)
    fields = _checked_dates(fields, label)
    return RawDocument(
        content=body.encode("utf-8", errors="replace"),  # JSON may escape lone surrogates
        url=fields.get("url"),
        content_type=content_type,
        encoding="utf-8",
        fetched_at=fields.get("fetched_at"),
        archive=where,  # file:line, so a later failure still names its line
        published=fields.get("published"),
    )
