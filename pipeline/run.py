"""Batch runs: many inputs -> records and dead letters in a sink, streaming, parallel, resumable.

The parent process reads the inputs one at a time (`iter_inputs` streams folders, JSON Lines and
WARC archives), groups them into small chunks and hands them to workers that each load the spaCy
Language once; results come back in input order and the parent alone writes to the sink, in
batches of one transaction each. Memory holds a bounded window of chunks plus one batch, never the
whole archive: the only thing that grows with the run is a 16-byte digest per distinct article id.

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

import hashlib
import logging
import os
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO, Protocol

import numpy as np

from vnextract.models import Record
from vnextract.pipeline import __version__
from vnextract.pipeline.errors import Errors, VnextractError
from vnextract.pipeline.extract import COMPONENTS
from vnextract.pipeline.settings import Settings
from vnextract.pipeline.sinks.rejections import (
    MAX_PAYLOAD_BYTES,
    RejectedInput,
    input_key,
    payload_of,
    rejected,
)
from vnextract.pipeline.time_budget import DEFAULT_ARTICLE_SECONDS, time_budget
from vnextract.pipeline.types import Article, RawDocument

LOGGER = logging.getLogger(__name__)

EXTRACTOR_VERSION = __version__
ENGINES = ("local", "ray")
DEFAULT_BATCH_SIZE = 200  # articles per transaction
DEFAULT_CHUNK_SIZE = 8  # inputs per message to a worker: small, so the ordered window stays short
WINDOW_PER_WORKER = 3  # chunks in flight per worker: enough to keep each busy, bounded memory
MAX_BATCH_SECONDS = 15.0  # a slow run still commits this often, so a kill loses little work
# Imported once by the fork server that local worker processes are forked from, so that each
# worker only builds its Language (0.1 s) instead of importing spaCy and the lexicons (4 s).
PRELOAD_MODULES = (
    "vnextract.pipeline.run",
    "vnextract.pipeline.nlp",
    "vnextract.pipeline.process",
    "vnextract.pipeline.parse.html",
    *(module for _name, module in COMPONENTS),
)
# Dead letter for an exception that is not a VnextractError: a bug, kept apart from bad inputs.
INTERNAL_ERROR_CODE = Errors.E099


class RecordSink(Protocol):
    """What `run` writes to: `pipeline.sinks.database.DatabaseSink` is the real one."""

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


# --------------------------------------------------------------------------------------------
# Sets of 64-hex ids kept as 16-byte digest prefixes (128 bits: collisions are out of reach).


def _digest(key: str) -> bytes:
    """16 bytes standing for a key: the first half of a sha256 hex id, else a hash of the key."""
    if len(key) == 64:
        try:
            return bytes.fromhex(key[:32])
        except ValueError:
            pass
    return hashlib.sha256(key.encode("utf-8")).digest()[:16]


class IdSet:
    """A compact set of sha256 hex ids: 16 bytes each in a sorted array plus a small recent set."""

    MERGE_AT = 50_000

    def __init__(self, ids: Iterable[str] = ()) -> None:
        digests = sorted({_digest(i) for i in ids})
        self._sorted = np.array(digests, dtype="S16") if digests else np.empty(0, dtype="S16")
        self._recent: set[bytes] = set()

    def __len__(self) -> int:
        return len(self._sorted) + len(self._recent)

    def __contains__(self, hex_id: object) -> bool:
        if not isinstance(hex_id, str):
            return False
        return self._has(_digest(hex_id))

    def _has(self, digest: bytes) -> bool:
        if digest in self._recent:
            return True
        # Compared inside numpy: an element read back as bytes loses trailing NUL bytes.
        low = np.searchsorted(self._sorted, digest, side="left")
        return bool(np.searchsorted(self._sorted, digest, side="right") > low)

    def add(self, hex_id: str) -> bool:
        """Add an id; False when it was already there."""
        digest = _digest(hex_id)
        if self._has(digest):
            return False
        self._recent.add(digest)
        if len(self._recent) >= self.MERGE_AT:
            merged = np.concatenate([self._sorted, np.array(list(self._recent), dtype="S16")])
            merged.sort()
            self._sorted, self._recent = merged, set()
        return True


# --------------------------------------------------------------------------------------------
# The work of one worker: a chunk of inputs -> records, skips and dead letters, in order.


@dataclass(frozen=True)
class Job:
    """One input for a worker."""

    raw: RawDocument


@dataclass(frozen=True)
class Skipped:
    """An input whose article is already stored for this extractor version (resume)."""

    article_id: str


Result = Record | Skipped | RejectedInput


@dataclass(frozen=True)
class WorkerConfig:
    """Everything a worker needs, pickled once per worker process or Ray actor."""

    settings: Settings
    published: str | None = None  # --published: wins over the page's own date
    done: IdSet | None = None  # article ids already stored (resume); None processes everything
    max_payload_bytes: int = MAX_PAYLOAD_BYTES
    article_seconds: float | None = DEFAULT_ARTICLE_SECONDS  # past it an input is an E040 letter


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
        """Parse, skip if done, extract and validate one input; never raises for a bad input."""
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
                record = extract_article(article, self.nlp, config.settings, config.published)
        except VnextractError as error:
            return dead_letter(error, raw, config.published, config.max_payload_bytes)
        except Exception as exc:  # noqa: BLE001 - one bad input must not stop an archive
            LOGGER.warning("unexpected error on %s", input_name(raw), exc_info=True)
            return _internal_error(exc, raw, config)
        if record.id != key and not self._warned_key:
            # Resume would not recognise this article: record_id and article_key have drifted.
            self._warned_key = True
            LOGGER.warning("record id %s differs from its article key %s", record.id, key)
        return record

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


# --------------------------------------------------------------------------------------------
# Executors: in-process, a local process pool, Ray actors. Each takes chunks and gives results
# back through handles that the run collects in submission order.


class Executor(Protocol):
    """Runs chunks somewhere; `result` blocks for one submitted chunk."""

    workers: int  # processes or actors doing the work
    window: int  # chunks in flight at most

    def submit(self, jobs: list[Job]) -> Any:
        """Start a chunk; returns a handle."""

    def result(self, handle: Any) -> list[Result]:
        """The chunk's results, in order."""

    def close(self) -> None:
        """Stop the workers."""


class InlineExecutor:
    """One worker in this process (workers=1): no pickling, no second copy of the Language."""

    window = 1
    workers = 1

    def __init__(self, config: WorkerConfig) -> None:
        self._worker = Worker(config)

    def submit(self, jobs: list[Job]) -> list[Job]:
        return jobs

    def result(self, handle: list[Job]) -> list[Result]:
        return self._worker.process_chunk(handle)

    def close(self) -> None:
        pass


class PoolExecutor:
    """N spawned worker processes, each loading the Language once in its initializer."""

    def __init__(self, config: WorkerConfig, workers: int) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # A fork server, not fork: the run holds database connections and threads (progress bar)
        # that a forked child must not inherit. It imports spaCy and the pipeline once, and each
        # worker forks from it with those modules loaded, then builds its own Language.
        if "forkserver" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(list(PRELOAD_MODULES))
            import multiprocessing.forkserver
            import multiprocessing.resource_tracker

            # Started now, with SIGINT blocked: the fork server (importing spaCy for seconds) and
            # every worker forked from it inherit the mask, so Ctrl-C reaches the run alone. The
            # resource tracker first: starting it unblocks SIGINT (it protects itself the same way).
            multiprocessing.resource_tracker.ensure_running()
            _without_sigint(multiprocessing.forkserver.ensure_running)
        else:  # Windows: each worker imports everything itself
            context = multiprocessing.get_context("spawn")
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_init_pool_worker,
            initargs=(config, os.getpid()),
        )
        self.workers = workers
        self.window = workers * WINDOW_PER_WORKER

    def submit(self, jobs: list[Job]) -> Any:
        with _sigint_deferred():
            return self._pool.submit(_pool_process_chunk, jobs)

    def result(self, handle: Any) -> list[Result]:
        return handle.result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _without_sigint(start: Callable[[], None]) -> None:
    """Call `start` with SIGINT blocked in this thread: a process it spawns inherits the mask and
    never sees Ctrl-C, while this process still takes it (another thread runs the handler, or this
    one once the mask is restored). The disposition is left alone, so no Ctrl-C is lost."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: the workers' initializer ignores SIGINT
        start()
        return
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


@contextmanager
def _sigint_deferred() -> Iterator[None]:
    """Hold a Ctrl-C back until the block is done, then raise it as usual. A submit may start a
    worker process; interrupted half-way, the pool would not know the process, stop without it,
    and the orphan would print a traceback while unpickling its state."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught and previous is not signal.SIG_IGN:
            raise KeyboardInterrupt


class RayWorker:
    """The body of a Ray actor: one Worker, so the Language is loaded once per actor."""

    def __init__(self, config: WorkerConfig) -> None:
        logging.basicConfig(level=logging.WARNING)
        self._worker = Worker(config)

    def process_chunk(self, jobs: list[Job]) -> list[Result]:
        return self._worker.process_chunk(jobs)


def ray_init_kwargs(workers: int | None, address: str | None) -> dict[str, Any]:
    """Arguments of `ray.init`: a cluster at RAY_ADDRESS, else a local instance on loopback."""
    kwargs: dict[str, Any] = {
        "address": address,
        "include_dashboard": False,  # no web server, no extra downloads
        "log_to_driver": False,  # worker logs stay in Ray's session folder, not over the bar
        "logging_level": logging.WARNING,
    }
    if address is None:
        kwargs["_node_ip_address"] = "127.0.0.1"  # a local instance listens on loopback only
        if workers:
            kwargs["num_cpus"] = workers
    return kwargs


class EngineError(RuntimeError):
    """The engine could not start (Ray missing, or its instance or cluster unreachable)."""


class OutputError(VnextractError, EngineError):
    """An output file of the run cannot be written (a full disk, read-only media): the run stops
    with one line, as when its engine cannot start; what was committed before stays."""

    def __init__(self, code: str = Errors.E050, detail: str = "", source: str | None = None) -> None:
        super().__init__(code, detail, source)


class RayExecutor:
    """Chunks sent to Ray actors, round-robin; the driver collects them in order and writes."""

    def __init__(self, config: WorkerConfig, workers: int | None) -> None:
        try:
            import ray
        except ImportError as exc:
            raise EngineError("--engine ray needs Ray: pip install 'vnextract[ray]'") from exc
        # No usage statistics sent anywhere; set before Ray reads it.
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        self._ray = ray
        self._own_session = not ray.is_initialized()
        if self._own_session:
            address = os.environ.get("RAY_ADDRESS") or None
            try:
                ray.init(**ray_init_kwargs(workers, address))
            except Exception as exc:  # noqa: BLE001 - Ray raises many kinds; all mean "no engine"
                where = address or "a local instance"
                raise EngineError(
                    f"Ray could not start on {where}: {type(exc).__name__}: {exc}"
                ) from exc
        count = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        actor_class = ray.remote(num_cpus=1)(RayWorker)
        config_ref = ray.put(config)  # the done set travels once, not once per actor
        self._actors = [actor_class.remote(config_ref) for _ in range(count)]
        self._next = 0
        self.workers = count
        self.window = count * WINDOW_PER_WORKER
        LOGGER.info("ray: %d actors on %s", count, ray.get_runtime_context().gcs_address)

    def submit(self, jobs: list[Job]) -> Any:
        actor = self._actors[self._next % len(self._actors)]
        self._next += 1
        return actor.process_chunk.remote(jobs)

    def result(self, handle: Any) -> list[Result]:
        return self._ray.get(handle)

    def close(self) -> None:
        for actor in self._actors:
            self._ray.kill(actor)
        self._actors = []
        if self._own_session:
            self._ray.shutdown()


def make_executor(engine: str, config: WorkerConfig, workers: int | None) -> Executor:
    """The executor for an engine name and a worker count."""
    if engine == "ray":
        return RayExecutor(config, workers)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}: expected one of {', '.join(ENGINES)}")
    if (workers or 1) <= 1:
        return InlineExecutor(config)
    return PoolExecutor(config, workers or 1)


# --------------------------------------------------------------------------------------------
# The run itself.


@dataclass
class RunSummary:
    """What a run did: counts per outcome and rejections per reason code."""

    inputs: int = 0  # inputs read (documents and unreadable inputs alike)
    processed: int = 0  # records written
    skipped: int = 0  # already stored for this extractor version (resume)
    duplicates: int = 0  # a later input whose article id an earlier one of the run already had
    rejected: Counter[str] = field(default_factory=Counter)  # dead letters by reason code
    left_out: int = 0  # folder entries that are not inputs (hidden, other suffixes, FIFOs)
    seconds: float = 0.0
    engine: str = "local"
    workers: int = 1

    @property
    def rejected_total(self) -> int:
        """All dead letters of the run."""
        return sum(self.rejected.values())

    @property
    def articles_per_second(self) -> float:
        """Records written per second of the whole run (start-up included)."""
        return self.processed / self.seconds if self.seconds else 0.0

    @property
    def exit_code(self) -> int:
        """0 when every input became a record (or was already stored), 1 when some were rejected."""
        return 1 if self.rejected_total else 0

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready summary."""
        return {
            "inputs": self.inputs,
            "processed": self.processed,
            "skipped": self.skipped,
            "duplicates": self.duplicates,
            "rejected": dict(sorted(self.rejected.items())),
            "left_out": self.left_out,
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.articles_per_second, 2),
            "engine": self.engine,
            "workers": self.workers,
        }

    def render(self) -> str:
        """One readable paragraph for the end of a run."""
        reasons = ", ".join(f"{code}: {count}" for code, count in sorted(self.rejected.items()))
        return (
            f"{self.inputs} inputs in {self.seconds:.1f}s "
            f"({self.articles_per_second:.1f} articles/s, {self.engine} engine, {self.workers} worker{'s' if self.workers != 1 else ''}): "
            f"{self.processed} processed, {self.skipped} skipped as already done, "
            f"{self.duplicates} duplicates, {self.rejected_total} rejected"
            + (f" ({reasons})" if reasons else "")
            + (f"; {self.left_out} folder entries not read (-v lists them)" if self.left_out else "")
        )


class _Progress:
    """A tqdm bar on stderr (articles/s, errors, ETA once the inputs are counted), or nothing."""

    def __init__(self, enabled: bool, specs: list[str], settings: Settings) -> None:
        self._bar = None
        if not enabled:
            return
        from tqdm import tqdm

        self._bar = tqdm(total=None, unit="art", desc="vnextract run", file=sys.stderr,
                         dynamic_ncols=True, smoothing=0.1)
        # Counting an archive is cheap next to extracting it; it runs beside the work.
        threading.Thread(target=self._count, args=(specs, settings), daemon=True).start()

    def _count(self, specs: list[str], settings: Settings) -> None:
        try:
            total = count_inputs(specs, settings)
        except Exception:  # noqa: BLE001 - no ETA is no reason to fail a run
            LOGGER.debug("could not count inputs", exc_info=True)
            return
        if self._bar is not None:
            self._bar.total = total  # shown, with the ETA, at the next update

    def update(self, summary: RunSummary, count: int = 1) -> None:
        if self._bar is None:
            return
        self._bar.update(count)
        self._bar.set_postfix(errors=summary.rejected_total, skipped=summary.skipped, refresh=False)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def count_inputs(specs: list[str], settings: Settings) -> int:
    """How many inputs the specs hold, without extracting anything (for the progress bar's ETA)."""
    from vnextract.pipeline.sources.inputs import count_inputs as count_source_inputs

    return count_source_inputs(specs)  # the one folder walk, in pipeline/sources/inputs.py


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
        self._records: list[Record] = []
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


def _chunks(jobs: Iterator[Job], size: int) -> Iterator[list[Job]]:
    chunk: list[Job] = []
    for job in jobs:
        chunk.append(job)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


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
    config = WorkerConfig(settings=settings, published=published, done=done,
                          max_payload_bytes=max_payload_bytes, article_seconds=article_seconds)
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
