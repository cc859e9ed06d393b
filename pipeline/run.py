"""Batch runs: many inputs -> records and dead letters in a sink, streaming, parallel, resumable.

The parent process reads the inputs one at a time (`iter_inputs` streams folders, JSON Lines and
WARC archives), groups them into small chunks and hands them to workers that each load the spaCy
Language once; results come back in input order (for a database, each record as its rows, built
by the worker) and the parent alone writes to the sink, in batches of one transaction each.
Memory holds a bounded window of chunks plus one batch, never the whole archive: the only thing
that grows with the run is a 16-byte digest per distinct article id.

Keys and idempotence (the conventions that make a killed run resumable):

- An article's key is its record id (`pipeline.record.record_id`: sha256 of the canonical URL,
  else of the normalised text), computed in the worker right after parsing, before the expensive
  extractors. With `resume=True` the ids that the sink already holds for this extractor version
  (`sink.done_ids`) are skipped there. Without it, a re-run upserts the same rows again.
- A dead letter's key is `pipeline.sinks.rejections.input_key` (sha256 of the URL, else of the
  archive plus the content hash, else of the input's name); the sink upserts on it plus the
  extractor version. Rejected inputs are retried on resume (cheaply: most fail while parsing) and
  overwrite their own row, so nothing is doubled.
- Within one run the FIRST input of a given article id (or dead-letter key) wins, in input order;
  later ones are counted as duplicates and not written. First-wins, unlike last-wins, gives the
  same rows whether or not the run was interrupted: a resumed run skips an id exactly when an
  unbroken run would have kept the earlier copy.
- Records and dead letters are written in separate transactions, each idempotent; a kill between
  or inside them loses at most the batches not yet committed, which the resumed run redoes. The
  dead-letter JSON Lines file is written before the database and skips keys it already holds.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from vnextract.pipeline.errors import VnextractError
from vnextract.pipeline.run_executors import (
    ENGINES,
    EngineError,
    OutputError,
    make_executor,
    ray_init_kwargs,
)
from vnextract.pipeline.run_ids import IdSet
from vnextract.pipeline.run_progress import RunSummary, _Progress, count_inputs
from vnextract.pipeline.run_worker import (
    EXTRACTOR_VERSION,
    Job,
    Result,
    Skipped,
    Worker,
    WorkerConfig,
    article_key,
    dead_letter,
    input_name,
)
from vnextract.pipeline.run_writer import (
    DeadLetterWriter,
    RecordSink,
    _open_dead_letter,
    _Writer,
)
from vnextract.pipeline.settings import Settings
from vnextract.pipeline.sinks import DEFAULT_BATCH_SIZE
from vnextract.pipeline.sinks.rejections import (
    MAX_PAYLOAD_BYTES,
    RejectedInput,
)
from vnextract.pipeline.time_budget import DEFAULT_ARTICLE_SECONDS
from vnextract.pipeline.types import RawDocument

LOGGER = logging.getLogger(__name__)

# The run's parts live in run_ids, run_worker, run_executors, run_progress and run_writer; the
# names callers use are re-exported here.
__all__ = [
    "DEFAULT_BATCH_SIZE", "DEFAULT_CHUNK_SIZE", "ENGINES", "EXTRACTOR_VERSION", "DeadLetterWriter",
    "EngineError", "IdSet", "Job", "OutputError", "RecordSink", "RunSummary", "Skipped", "Worker",
    "WorkerConfig", "article_key", "count_inputs", "dead_letter", "dead_letter_of_source", "input_name",
    "make_executor", "ray_init_kwargs", "run",
]

DEFAULT_CHUNK_SIZE = 8  # inputs per message to a worker: small, so the ordered window stays short


def _chunks(jobs: Iterator[Job], size: int) -> Iterator[list[Job]]:
    chunk: list[Job] = []
    for job in jobs:
        chunk.append(job)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run(
    specs: list[str],
    settings: Settings,
    sink: RecordSink,
    *,
    workers: int | None = 1,
    engine: str = "local",
    resume: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    dead_letter: str | os.PathLike[str] | DeadLetterWriter | None = None,
    progress: bool | None = None,
    published: str | None = None,
    stdin: BinaryIO | None = None,
    max_payload_bytes: int = MAX_PAYLOAD_BYTES,
    items: Iterable[RawDocument | VnextractError] | None = None,
    article_seconds: float | None = DEFAULT_ARTICLE_SECONDS,
) -> RunSummary:
    """Extract every input of `specs` into `sink`; dead letters to the sink (and `dead_letter`).

    `workers`: processes (local) or actors (ray; None = every CPU of the cluster). `resume`: skip
    articles the sink already holds for this extractor version. `progress`: a bar on stderr;
    None shows it only when stderr is a terminal. `published`: YYYY-MM-DD that wins over pages'.
    `items`: inputs already read (dead letters to retry), used instead of reading `specs`, which
    then only size the progress bar. `article_seconds`: the time one input may take (parse and
    extraction) before it becomes an E040 dead letter; None: no limit.
    """
    from vnextract.pipeline.sources.inputs import Ignored, iter_inputs

    if batch_size < 1 or chunk_size < 1:
        raise ValueError("batch_size and chunk_size must be at least 1")
    started = time.perf_counter()
    summary = RunSummary(engine=engine, workers=workers or 0)
    done: IdSet | None = None
    if resume:
        stored = sink.done_ids(EXTRACTOR_VERSION)
        done = IdSet(stored)
        LOGGER.info("resume: %d articles already stored for extractor %s",
                    len(stored), EXTRACTOR_VERSION)
        del stored
    # A sink that takes rows (the database) gets them built by the workers, in parallel: this
    # process then neither unpickles records' models nor flattens them, it only writes.
    config = WorkerConfig(settings=settings, published=published, done=done,
                          max_payload_bytes=max_payload_bytes, article_seconds=article_seconds,
                          rows=getattr(sink, "takes_rows", False))
    executor = make_executor(engine, config, workers)  # Ray may take seconds to start
    summary.workers = executor.workers
    letters, known, own_letters = None, IdSet(), False
    bar = _Progress(False, specs, settings)
    try:
        letters, known, own_letters = _open_dead_letter(dead_letter)
        writer = _Writer(sink, letters, summary, batch_size, known)
        bar = _Progress(sys.stderr.isatty() if progress is None else progress, specs, settings)

        def jobs() -> Iterator[Job]:
            # Unreadable inputs never reach a worker: they become dead letters right here.
            left_out = Ignored()  # counted here, so the summary says what the walk left out
            source = items if items is not None else iter_inputs(
                specs, settings, stdin=stdin, ignored=left_out)
            for item in source:
                summary.inputs += 1
                if isinstance(item, VnextractError):
                    writer.add(dead_letter_of_source(item, published, max_payload_bytes))
                    bar.update(summary)
                    continue
                yield Job(item)
            summary.left_out = left_out.total

        window: deque[Any] = deque()  # chunks in flight, oldest first: results come in input order
        try:
            for chunk in _chunks(jobs(), chunk_size):
                window.append(executor.submit(chunk))
                while len(window) >= executor.window:
                    _collect(executor.result(window.popleft()), writer, bar, summary)
            while window:
                _collect(executor.result(window.popleft()), writer, bar, summary)
        except KeyboardInterrupt:
            writer.flush()  # what is complete is kept; --resume goes on from there
            raise
        writer.flush()
    finally:
        bar.close()
        executor.close()
        if own_letters and letters is not None:
            failing = sys.exc_info()[1] is not None  # a failure on its way out: reported already
            try:
                letters.close()
            except OSError as exc:  # each batch was flushed: only a write that already failed is lost
                LOGGER.log(logging.DEBUG if failing else logging.WARNING, "closing the dead-letter file: %s", exc)
    summary.seconds = time.perf_counter() - started
    LOGGER.info("run: %s", summary.render())
    return summary


def dead_letter_of_source(
    error: VnextractError, published: str | None = None, max_payload_bytes: int = MAX_PAYLOAD_BYTES
) -> RejectedInput:
    """The dead letter of an input that could not even be read (missing file, bad JSON line)."""
    return dead_letter(error, None, published, max_payload_bytes)


def _collect(results: list[Result], writer: _Writer, bar: _Progress, summary: RunSummary) -> None:
    for result in results:
        writer.add(result)
    bar.update(summary, len(results))
