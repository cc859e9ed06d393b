"""JSON Lines sinks: records, and dead letters, appended one object per line, flushed per batch."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from vnextract.models import Record
from vnextract.pipeline.sinks.closing import ClosingSink
from vnextract.pipeline.sinks.rejections import RejectedInput

LOGGER = logging.getLogger(__name__)


def _drop_partial_line(path: Path) -> None:
    """Cut a last line without its newline: what a crash mid-write leaves, never valid JSON."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb+") as handle:
        handle.seek(-1, os.SEEK_END)
        if handle.read(1) == b"\n":
            return
        size = handle.seek(0, os.SEEK_END)
        position = size
        while position > 0:  # find the last newline, reading backwards in blocks
            step = min(65536, position)
            position -= step
            handle.seek(position)
            block = handle.read(step)
            cut = block.rfind(b"\n")
            if cut >= 0:
                position += cut + 1
                break
        LOGGER.warning("%s: dropping a partial last line (%d bytes)", path, size - position)
        handle.truncate(position)


def iter_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The objects of a JSON Lines file, skipping blank and unreadable lines (logged)."""
    with open(path, encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError:
                LOGGER.warning("%s line %d: not JSON, skipped", path, lineno)
                continue
            if isinstance(obj, dict):
                yield obj


class _AppendingFile(ClosingSink):
    """A UTF-8 file opened for appending after its partial last line (if any) is cut."""

    def __init__(self, path: str | os.PathLike[str], *, fsync: bool = False) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        _drop_partial_line(self.path)
        self._fsync = fsync
        self._handle: IO[str] = open(self.path, "a", encoding="utf-8")

    def _write_lines(self, lines: Iterable[str]) -> int:
        # One write per batch: a crash leaves whole lines plus at most one partial one.
        chunk = "".join(line + "\n" for line in lines)
        count = chunk.count("\n")
        if chunk:
            self._handle.write(chunk)
            self._handle.flush()
            if self._fsync:
                os.fsync(self._handle.fileno())
        return count

    def close(self) -> None:
        """Flush and close the file."""
        if not self._handle.closed:
            self._handle.close()



def record_line(record: Record) -> str:
    """A record as one line of JSON, without the newline: the one form `extract`, `export jsonl`
    and this sink all write, so the same record gives the same bytes everywhere."""
    return record.model_dump_json()


class JsonlSink(_AppendingFile):
    """Records as JSON Lines, in the same form as `vnextract extract` prints them."""

    def write_batch(self, records: Sequence[Record]) -> int:
        """Append the records and flush; the number of lines written."""
        return self._write_lines(record_line(record) for record in records)

    def done_ids(self, extractor_version: str) -> set[str]:
        """Ids already in the file from this extractor version (to skip on --resume)."""
        self._handle.flush()
        return {
            obj["id"]
            for obj in iter_jsonl(self.path)
            if "id" in obj and (obj.get("extractor") or {}).get("version") == extractor_version
        }


class DeadLetterSink(_AppendingFile):
    """Dead letters (inputs that could not become records) as JSON Lines."""

    def write_rejections(self, items: Iterable[RejectedInput]) -> int:
        """Append the dead letters and flush; the number of lines written."""
        return self._write_lines(
            json.dumps(item.to_json(), ensure_ascii=False) for item in items
        )
