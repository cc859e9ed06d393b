"""Expand input specs (files, folders, JSONL, WARC, stdin, URLs) into RawDocuments, never raising."""

from __future__ import annotations

import gzip
import json
import logging
import os
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

from vnextract.pipeline.errors import FetchError, InputError
from vnextract.pipeline.settings import Settings
from vnextract.pipeline.sources.limits import TooLarge, read_limited
from vnextract.pipeline.types import RawDocument

LOGGER = logging.getLogger(__name__)

Outcome = RawDocument | InputError | FetchError

# Kind of input by suffix (after an optional .gz).
KINDS = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".warc": "warc"}
CONTENT_TYPES = {"text": "text/plain", "html": "text/html"}
URL_PREFIXES = ("http://", "https://")


class PageFetcher(Protocol):
    """Anything that fetches one URL into a RawDocument or raises FetchError (the Fetcher does)."""

    def fetch(self, url: str) -> RawDocument:
        """Fetch `url`."""


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
) -> Iterator[Outcome]:
    """Yield a RawDocument per input found, or the InputError/FetchError that stopped one input."""
    limit = settings.fetch.max_input_bytes
    own_fetcher = None  # a Fetcher made here is closed here; an injected one belongs to the caller
    try:
        for spec in specs:
            if spec == "-":
                yield _read_stdin(stdin if stdin is not None else sys.stdin.buffer, limit)
            elif spec.lower().startswith(URL_PREFIXES):
                if fetcher is None:
                    from vnextract.pipeline.sources.http import (
                        Fetcher,  # requests only when a URL is given
                    )

                    fetcher = own_fetcher = Fetcher(settings)
                yield _fetch(fetcher, spec)
            elif "://" in spec:
                yield InputError("E030", f"{spec}: only http(s) URLs, files, folders and '-'")
            else:
                yield from _iter_path(Path(spec), limit)
    finally:
        if own_fetcher is not None:
            own_fetcher.close()


def _fetch(fetcher: PageFetcher, url: str) -> Outcome:
    try:
        return fetcher.fetch(url)
    except FetchError as exc:
        return exc


def _read_stdin(stream: BinaryIO, limit: int) -> Outcome:
    try:
        content = read_limited(stream, limit)
    except TooLarge:
        return InputError("E004", f"stdin is over {limit} bytes")
    except OSError as exc:
        return InputError("E006", f"stdin: {exc}")
    return RawDocument(content=content, content_type="text/plain")


def _iter_path(path: Path, limit: int) -> Iterator[Outcome]:
    if path.is_dir():
        yield from _iter_dir(path, limit)
        return
    if not path.exists():
        yield InputError("E005", str(path))
        return
    kind = input_kind(path)
    if kind is None:
        yield InputError(
            "E030", f"{path}: expected .txt, .html, .htm, .jsonl, .warc (or .gz of them)"
        )
        return
    yield from _iter_file(path, *kind, limit)


def _iter_dir(root: Path, limit: int) -> Iterator[Outcome]:
    """Supported files under `root`, recursively, in sorted path order; hidden entries skipped."""
    found: list[Path] = []
    for directory, subdirs, files in os.walk(root):  # does not follow symlinked folders: no cycles
        subdirs[:] = [d for d in subdirs if not d.startswith(".")]
        for name in files:
            path = Path(directory) / name
            if not name.startswith(".") and input_kind(path) is not None:
                found.append(path)
    for path in sorted(found):
        kind = input_kind(path)
        assert kind is not None
        yield from _iter_file(path, *kind, limit)


def _iter_file(path: Path, kind: str, gzipped: bool, limit: int) -> Iterator[Outcome]:
    if kind == "warc":
        from vnextract.pipeline.sources.warc import (
            iter_warc,  # warcio only when a WARC is given
        )

        yield from iter_warc(path, limit)  # warcio gunzips .warc.gz itself
    elif kind == "jsonl":
        yield from _iter_jsonl(path, gzipped, limit)
    else:
        yield _read_document(path, kind, gzipped, limit)


def _read_document(path: Path, kind: str, gzipped: bool, limit: int) -> Outcome:
    """One .txt/.html file (maybe gzipped) as a document; size checked before reading."""
    try:
        size = path.stat().st_size
        if size > limit:  # the file is never read: stat says enough
            return InputError("E004", f"{path} is {size} bytes, limit {limit}")
        opener = gzip.open if gzipped else open
        with opener(path, "rb") as handle:
            content = read_limited(handle, limit)  # type: ignore[arg-type]
    except TooLarge:
        return InputError("E004", f"{path} decompresses to over {limit} bytes")
    except FileNotFoundError:
        return InputError("E005", str(path))
    except (OSError, EOFError, zlib.error) as exc:
        return InputError("E006", f"{path}: {exc}")
    try:
        meta = read_sidecar(path)
    except InputError as error:
        return error
    return RawDocument(
        content=content,
        content_type=CONTENT_TYPES[kind],
        archive=str(path),
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
    of text files keeps it beside each file.
    """
    sidecar = sidecar_path(path)
    if not sidecar.is_file():
        return {}
    try:
        if sidecar.stat().st_size > _SIDECAR_LIMIT:
            raise ValueError(f"larger than {_SIDECAR_LIMIT} bytes")
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
        if not isinstance(meta, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError) as exc:
        raise InputError("E006", f"{sidecar}: {exc}") from exc
    return {key: str(meta[key]) for key in SIDECAR_FIELDS if meta.get(key)}


def _iter_jsonl(path: Path, gzipped: bool, limit: int) -> Iterator[Outcome]:
    """One document per JSON line; a bad line is reported with its number and the rest go on."""
    try:
        handle: BinaryIO = gzip.open(path, "rb") if gzipped else open(path, "rb")  # type: ignore[assignment]
    except OSError as exc:
        yield InputError("E006", f"{path}: {exc}")
        return
    with handle:
        lineno = 0
        try:
            while True:
                line = handle.readline(limit + 1)
                if not line:
                    break
                lineno += 1
                if len(line) > limit and not line.endswith(b"\n"):
                    _skip_rest_of_line(handle)
                    yield InputError("E004", f"{path} line {lineno} is over {limit} bytes")
                    continue
                if line.strip():
                    yield _jsonl_document(line, path, lineno)
        except (OSError, EOFError, zlib.error) as exc:
            yield InputError("E006", f"{path} line {lineno + 1}: {exc}")


def _skip_rest_of_line(handle: BinaryIO) -> None:
    while True:
        piece = handle.readline(1 << 20)
        if not piece or piece.endswith(b"\n"):
            return


def _jsonl_document(line: bytes, path: Path, lineno: int) -> Outcome:
    where = f"{path} line {lineno}"
    try:
        obj = json.loads(line)
    except (ValueError, UnicodeDecodeError) as exc:
        return InputError("E006", f"{where}: invalid JSON ({exc})")
    if not isinstance(obj, dict):
        return InputError("E006", f"{where}: expected an object with 'html' or 'text'")
    for key in ("url", "published", "fetched_at", "html", "text"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            return InputError("E006", f"{where}: '{key}' must be a string")
    if obj.get("html") is not None:
        body, content_type = obj["html"], "text/html; charset=utf-8"
    elif obj.get("text") is not None:
        body, content_type = obj["text"], "text/plain; charset=utf-8"
    else:
        return InputError("E006", f"{where}: no 'html' or 'text' field")
    return RawDocument(
        content=body.encode("utf-8", errors="replace"),  # JSON may escape lone surrogates
        url=obj.get("url"),
        content_type=content_type,
        encoding="utf-8",
        fetched_at=obj.get("fetched_at"),
        archive=str(path),
        published=obj.get("published"),
    )
