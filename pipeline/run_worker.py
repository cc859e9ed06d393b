"""The work of one worker: a chunk of inputs -> records, skips and dead letters, in input order."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from vnextract.models import Record
from vnextract.pipeline import __version__
from vnextract.pipeline.errors import Errors, VnextractError
from vnextract.pipeline.run_ids import IdSet
from vnextract.pipeline.settings import Settings
from vnextract.pipeline.sinks.rejections import (
    MAX_PAYLOAD_BYTES,
    RejectedInput,
    input_key,
    payload_of,
    rejected,
)
from vnextract.pipeline.sinks.rows import RecordRows, record_rows
from vnextract.pipeline.time_budget import DEFAULT_ARTICLE_SECONDS, time_budget
from vnextract.pipeline.types import Article, RawDocument

LOGGER = logging.getLogger(__name__)

EXTRACTOR_VERSION = __version__
# Dead letter for an exception that is not a VnextractError: a bug, kept apart from bad inputs.
INTERNAL_ERROR_CODE = Errors.E099




@dataclass(frozen=True)
class Job:
    """One input for a worker."""

    raw: RawDocument


@dataclass(frozen=True)
class Skipped:
    """An input whose article is already stored for this extractor version (resume)."""

    article_id: str


Result = Record | RecordRows | Skipped | RejectedInput


@dataclass(frozen=True)
class WorkerConfig:
    """Everything a worker needs, pickled once per worker process or Ray actor."""

    settings: Settings
    published: str | None = None  # --published: wins over the page's own date
    done: IdSet | None = None  # article ids already stored (resume); None processes everything
    max_payload_bytes: int = MAX_PAYLOAD_BYTES
    article_seconds: float | None = DEFAULT_ARTICLE_SECONDS  # past it an input is an E040 letter
    # Records sent as their database rows (`RecordRows`), for a sink that takes them: the rows
    # are built here, in parallel, and cross to the writer at a twentieth of a record's cost.
    rows: bool = False


def input_name(raw: RawDocument | None, error: VnextractError | None = None) -> str:
    """How a person would name an input: its URL, else its file, else the source its error names.

    Never the error's message: the rejections table's `input` column holds a path or URL ("-" for
    stdin), and the reason column says what went wrong."""
    if raw is not None and (raw.url or raw.archive):
        return str(raw.url or raw.archive)
    for where in (getattr(error, "url", None), getattr(error, "source", None)):
        if where:
            return str(where)
    return "input"


def article_key(article: Article) -> str:
    """The record id an article will get, early: the one function `build_record` uses too."""
    # Imported here: it brings spaCy, which only the workers need, not the parent.
    from vnextract.pipeline.record import article_id

    return article_id(article)


def dead_letter(
    error: VnextractError,
    raw: RawDocument | None,
    published: str | None = None,
    max_payload_bytes: int = MAX_PAYLOAD_BYTES,
) -> RejectedInput:
    """The dead letter of an input; the payload carries the effective publication date."""
    item = rejected(
        error,
        raw,
        input_name(raw, error),
        extractor_version=EXTRACTOR_VERSION,
        max_payload_bytes=max_payload_bytes,
    )
    if published and raw is not None:
        item = replace(item, payload={**item.payload, "published": published})
    return item


def _internal_error(exc: Exception, raw: RawDocument, config: WorkerConfig) -> RejectedInput:
    """A bug while extracting one input: dead-lettered so that the rest of the run goes on."""
    name = input_name(raw)
    payload = payload_of(raw, config.max_payload_bytes)
    if config.published:
        payload["published"] = config.published
    return RejectedInput(
        input=name,
        input_key=input_key(raw, name),
        code=INTERNAL_ERROR_CODE,
        reason=(
            "unexpected error while extracting (a bug, please report it): "
            f"{type(exc).__name__}: {exc}"
        ),
        payload=payload,
        extractor_version=EXTRACTOR_VERSION,
    )


class Worker:
    """One worker: the Language loaded once, then chunk after chunk."""

    def __init__(self, config: WorkerConfig) -> None:
        from vnextract.pipeline.nlp import shared_nlp

        self.config = config
        self.nlp = shared_nlp()
        self._warned_key = False

    def process_one(self, raw: RawDocument) -> Result:
        """Parse, skip if done, extract and validate one input; never raises for a bad input.
        A record comes back as its rows when the config asks for them."""
        from vnextract.pipeline.parse import parse
        from vnextract.pipeline.process import extract_article

        config = self.config
        try:
            with time_budget(config.article_seconds) as budget:  # a runaway input: E040, not a stall
                article = parse(raw, config.settings)
                key = article_key(article)
                if config.done is not None and key in config.done:
                    return Skipped(key)
                budget.check()
                # A memory zone frees the words spaCy's vocabulary and string store learned from
                # this article (every new number, name, typo) once its record is built: without
                # it a worker grows ~0.8 MB per 1,000 news articles, for the whole run. Nothing
                # made from the Doc outlives the zone: the record holds plain strings.
                with self.nlp.memory_zone():
                    record = extract_article(article, self.nlp, config.settings, config.published)
        except VnextractError as error:
            return dead_letter(error, raw, config.published, config.max_payload_bytes)
        except Exception as exc:  # one bad input must not stop an archive
            LOGGER.warning("unexpected error on %s", input_name(raw), exc_info=True)
            return _internal_error(exc, raw, config)
        if record.id != key and not self._warned_key:
            # Resume would not recognise this article: record_id and article_key have drifted.
            self._warned_key = True
            LOGGER.warning("record id %s differs from its article key %s", record.id, key)
        return record_rows(record) if config.rows else record

    def process_chunk(self, jobs: Sequence[Job]) -> list[Result]:
        """Results of a chunk, in the chunk's order."""
        return [self.process_one(job.raw) for job in jobs]


_WORKER: Worker | None = None


def _process_state(pid: int) -> tuple[str, str] | None:
    """(state, start time) of a process from /proc, or None when there is no such process."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            stat = handle.read()
    except FileNotFoundError:
        return None
    fields = stat[stat.rindex(")") + 2:].split()  # after "pid (comm) ": state ppid pgrp …
    return fields[0], fields[19]  # state, starttime (the 22nd field of stat)


def _alive(pid: int, started: str | None) -> bool:
    """Whether the process `pid` that began at `started` still runs (a zombie does not)."""
    try:
        state = _process_state(pid)
    except OSError:  # no /proc here: fall back on signal 0
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    if state is None or state[0] in ("Z", "X"):
        return False
    return started is None or state[1] == started  # another process may have the pid by now


def _exit_with_run(run_pid: int) -> None:
    """Stop this worker once the run that started it is gone (killed with -9: no orphans)."""
    try:
        started = (_process_state(run_pid) or (None, None))[1]
    except OSError:
        started = None
    while True:
        time.sleep(1.0)
        if not _alive(run_pid, started):
            os._exit(1)


def _init_pool_worker(config: WorkerConfig, run_pid: int) -> None:
    """ProcessPoolExecutor initializer: load the Language once in this process."""
    global _WORKER
    # Ctrl-C is the run's to handle (it flushes, then stops the pool): a worker that took it too
    # would print a KeyboardInterrupt traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A fork-server worker's parent is the fork server, which lives as long as its workers do:
    # it is the run's own process that is watched (by pid and start time, zombies count as gone).
    threading.Thread(target=_exit_with_run, args=(run_pid,), daemon=True).start()
    _WORKER = Worker(config)


def _pool_process_chunk(jobs: Sequence[Job]) -> list[Result]:
    assert _WORKER is not None, "worker not initialised"
    return _WORKER.process_chunk(jobs)
