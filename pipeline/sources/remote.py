"""Inputs behind fsspec URLs (s3://, gs://, file://, hdfs://, ...): listed, then read file by file.

A URL names one file or a folder (an S3/GCS prefix), walked like a local folder: hidden entries,
other suffixes and sidecars are left out, files come in sorted order. Each file is copied to a
local temporary file in bounded pieces and read by the same readers as a local file (gzip
verified, WARC revisits, JSON Lines, `.meta.json` sidecars), then deleted; the outcomes name the
URL, never the temporary copy. Disk needed: the largest single input file.

Credentials are the filesystem package's own: the usual environment (AWS_ACCESS_KEY_ID,
AWS_PROFILE, AWS_ENDPOINT_URL for s3fs; GOOGLE_APPLICATION_CREDENTIALS for gcsfs; ...).
A URL whose package is missing gives E074 naming it; a folder or bucket that cannot be listed
gives E075.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

from vnextract.pipeline.errors import Errors, FetchError, InputError
from vnextract.pipeline.settings import Settings
from vnextract.pipeline.types import RawDocument

LOGGER = logging.getLogger(__name__)

WEB_PREFIXES = ("http://", "https://")  # pages to fetch, not files: pipeline.sources.http
_COPY_CHUNK = 1 << 20
_IGNORED_SUFFIXES = (".json",)  # sidecars and expected records: read with their input


def is_remote(spec: str) -> bool:
    """True for a URL with a scheme fsspec may know (s3://, file://, ...), not http(s)."""
    return "://" in spec and not spec.lower().startswith(WEB_PREFIXES)


def filesystem(url: str) -> tuple[Any, str]:
    """(fsspec filesystem, path inside it) for `url`; InputError E074 when its package is missing,
    E030 for a scheme no filesystem knows, E075 for one that cannot connect."""
    try:
        from fsspec.core import url_to_fs
    except ImportError as exc:
        raise InputError(Errors.E074, f"{url}: fsspec ({exc})", source=url) from exc
    try:
        fs, path = url_to_fs(url)
    except ImportError as exc:  # fsspec says which package: "Install s3fs to access S3"
        raise InputError(Errors.E074, f"{url}: {exc}", source=url) from exc
    except ValueError as exc:  # "Protocol not known: xyz"
        raise InputError(Errors.E030, f"{url}: {exc}", source=url) from exc
    except Exception as exc:  # a filesystem that connects when made (ftp, sftp) and cannot
        raise InputError(Errors.E075, f"{url}: {type(exc).__name__}: {exc}", source=url) from exc
    return fs, str(path)


def list_files(url: str, ignored: Any = None) -> list[tuple[str, dict[str, Any]]]:
    """(URL, fsspec info) of each input file `url` names: the file itself, or the files under
    the folder or prefix in sorted order. Raises InputError: E074/E030 (see `filesystem`), E005
    for nothing there, E075 when listing fails (permissions, credentials, a missing bucket)."""
    fs, root = filesystem(url)
    try:
        info = fs.info(root)
    except FileNotFoundError as exc:
        raise InputError(Errors.E005, url, source=url) from exc
    except Exception as exc:  # each backend has its own errors (botocore, google.auth, ...)
        raise InputError(Errors.E075, f"{url}: {type(exc).__name__}: {exc}", source=url) from exc
    if info.get("type") != "directory":
        return [(url, info)]
    try:
        found = fs.find(root, detail=True)
    except Exception as exc:
        raise InputError(Errors.E075, f"{url}: {type(exc).__name__}: {exc}", source=url) from exc
    files = []
    base = PurePosixPath(fs._strip_protocol(root))
    for path in sorted(found):
        reason = _not_input(PurePosixPath(path), base)
        if reason is None:
            files.append((fs.unstrip_protocol(path), found[path]))
        elif reason and ignored is not None:
            ignored.add(Path(fs.unstrip_protocol(path)), reason)
    return files


def _not_input(path: PurePosixPath, base: PurePosixPath) -> str | None:
    """Why a listed file is not read ('' for an input's companion), or None to read it."""
    from vnextract.pipeline.sources.inputs import input_kind

    try:
        parts = path.relative_to(base).parts
    except ValueError:
        parts = path.parts
    if any(part.startswith(".") for part in parts):
        return "hidden"
    if input_kind(Path(path.name)) is None:
        return "" if path.name.endswith(_IGNORED_SUFFIXES) else "unsupported suffix"
    return None


def iter_remote(url: str, settings: Settings, ignored: Any = None) -> Iterator[RawDocument | InputError | FetchError]:
    """The outcomes of every input file `url` names, as `iter_inputs` gives them for local files."""
    try:
        files = list_files(url, ignored)
    except InputError as error:
        yield error
        return
    for file_url, info in files:
        yield from read_file(file_url, info, settings)


def read_file(url: str, info: dict[str, Any], settings: Settings) -> Iterator[RawDocument | InputError | FetchError]:
    """One remote input file's outcomes: copied to a temporary folder, read there, deleted."""
    from vnextract.pipeline.sources.inputs import (
        SUPPORTED,
        input_kind,
        iter_inputs,
        sidecar_path,
    )

    name = PurePosixPath(url.split("://", 1)[1]).name or "input"
    kind = input_kind(Path(name))
    if kind is None:
        yield InputError(Errors.E030, f"{url}: expected {SUPPORTED}", source=url)
        return
    limit = settings.fetch.max_input_bytes
    size = info.get("size")
    if kind[0] not in ("jsonl", "warc") and isinstance(size, int) and size > limit:
        yield InputError(Errors.E004, f"{url} is {size} bytes, limit {limit}", source=url)
        return  # never copied: its size says enough
    with tempfile.TemporaryDirectory(prefix="vnextract-remote-") as folder:
        local = Path(folder) / name
        try:
            fs, path = filesystem(url)
            _copy(fs, path, local)
            if kind[0] in ("text", "html"):  # its sidecar, when it has one
                sidecar = sidecar_path(local).name
                remote_sidecar = str(PurePosixPath(path).with_name(sidecar))
                if fs.exists(remote_sidecar):
                    _copy(fs, remote_sidecar, local.with_name(sidecar))
        except InputError as error:
            yield error
            return
        except FileNotFoundError:
            yield InputError(Errors.E005, url, source=url)
            return
        except Exception as exc:  # noqa: BLE001 - the backend's own errors: network, permissions, credentials
            yield InputError(Errors.E006, f"{url}: {type(exc).__name__}: {exc}", source=url)
            return
        for outcome in iter_inputs([str(local)], settings):
            yield _renamed(outcome, str(local), url)


def _copy(fs: Any, path: str, local: Path) -> None:
    with fs.open(path, "rb") as source, local.open("wb") as target:
        shutil.copyfileobj(source, target, _COPY_CHUNK)


def _renamed(outcome: Any, local: str, url: str) -> Any:
    """The outcome naming `url` where the reader named the temporary copy."""
    if isinstance(outcome, RawDocument):
        if outcome.archive and outcome.archive.startswith(local):
            return replace(outcome, archive=url + outcome.archive[len(local):])
        return outcome
    source = outcome.source.replace(local, url) if outcome.source else url
    return type(outcome)(outcome.code, outcome.detail.replace(local, url), source)
