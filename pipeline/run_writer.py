"""The run's writer: buffers results, writes batches (first wins per key), dead-letter file first."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from vnextract.models import Record
from vnextract.pipeline.errors import Errors
from vnextract.pipeline.run_executors import OutputError
from vnextract.pipeline.run_ids import IdSet
from vnextract.pipeline.run_progress import RunSummary
from vnextract.pipeline.run_worker import EXTRACTOR_VERSION, Result, Skipped
from vnextract.pipeline.sinks.rejections import (
    RejectedInput,
)

LOGGER = logging.getLogger(__name__)

MAX_BATCH_SECONDS = 15.0  # a slow run still commits this often, so a kill loses little work


class RecordSink(Protocol):
    """What `run` writes to: `pipeline.sinks.database.DatabaseSink` is the real one. A sink whose
    `takes_rows` attribute is true gets `RecordRows` (built by the workers) instead of records."""

    def write_batch(self, records: Sequence[Record]) -> int:
        """Upsert records in one transaction."""

    def write_rejections(self, items: Iterable[RejectedInput]) -> int:
        """Upsert dead letters in one transaction."""

    def done_ids(self, extractor_version: str) -> set[str]:
        """Ids already stored for this extractor version."""


class DeadLetterWriter(Protocol):
    """A second home for dead letters (`pipeline.sinks.jsonl.DeadLetterSink`)."""

    def write_rejections(self, items: Iterable[RejectedInput]) -> int:
        """Append dead letters."""



class _Writer:
    """Buffers results and writes them in batches: first-wins per key, dead-letter file first."""

    def __init__(
        self,
        sink: RecordSink,
        dead_letter: DeadLetterWriter | None,
        summary: RunSummary,
        batch_size: int,
        dead_letter_known: IdSet | None = None,
    ) -> None:
        self.sink = sink
        self.dead_letter = dead_letter
        self.summary = summary
        self.batch_size = batch_size
        self._records: list[Any] = []  # records, or their rows (`RecordRows`) for a sink that takes them
        self._rejections: list[RejectedInput] = []
        self._seen_ids = IdSet()
        self._seen_keys = IdSet()
        self._dead_letter_known = dead_letter_known or IdSet()
        self._last_flush = time.monotonic()

    def add(self, result: Result) -> None:
        if isinstance(result, Skipped):
            self.summary.skipped += 1
        elif isinstance(result, RejectedInput):
            self.summary.rejected[result.code] += 1
            if self._seen_keys.add(result.input_key):  # the same input twice: its first letter
                self._rejections.append(result)
        elif self._seen_ids.add(result.id):
            self._records.append(result)
            self.summary.processed += 1
        else:
            self.summary.duplicates += 1
        if (
            len(self._records) >= self.batch_size
            or len(self._rejections) >= self.batch_size
            or time.monotonic() - self._last_flush > MAX_BATCH_SECONDS
        ):
            self.flush()

    def flush(self) -> None:
        if self._records:
            self.sink.write_batch(self._records)
            self._records = []
        if self._rejections:
            if self.dead_letter is not None:
                # The file first: a kill between the two leaves the row to redo, not a line lost;
                # the redo finds the key already in the file and does not append it twice.
                fresh = [r for r in self._rejections if self._dead_letter_known.add(r.input_key)]
                if fresh:
                    try:
                        self.dead_letter.write_rejections(fresh)
                    except OSError as exc:
                        raise OutputError(Errors.E050, f"dead letters ({exc.strerror or exc})") from exc
            self.sink.write_rejections(self._rejections)
            self._rejections = []
        self._last_flush = time.monotonic()


def _open_dead_letter(
    dead_letter: str | os.PathLike[str] | DeadLetterWriter | None,
) -> tuple[Any, IdSet, bool]:
    """The dead-letter writer, the keys its file already holds for this version, and ownership."""
    if dead_letter is None:
        return None, IdSet(), False
    if not isinstance(dead_letter, (str, os.PathLike)):
        return dead_letter, IdSet(), False
    from vnextract.pipeline.sinks.jsonl import DeadLetterSink, iter_jsonl

    path = Path(dead_letter)
    try:
        writer = DeadLetterSink(path)  # cuts a partial last line left by a kill before reading
    except OSError as exc:
        raise OutputError(Errors.E050, f"{path} ({exc.strerror or exc})") from exc
    if not path.is_file():  # /dev/stderr, a FIFO: nothing to read back (/dev/full never ends)
        return writer, IdSet(), True
    known = IdSet(
        obj["input_key"]
        for obj in iter_jsonl(path)
        if isinstance(obj.get("input_key"), str)
        and obj.get("extractor_version") == EXTRACTOR_VERSION
    )
    return writer, known, True
