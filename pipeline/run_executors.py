"""Executors of a run: in-process, a local process pool, Ray actors; results come back in order."""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from vnextract.pipeline.errors import Errors, VnextractError
from vnextract.pipeline.extract import COMPONENTS
from vnextract.pipeline.run_worker import (
    Job,
    Result,
    Worker,
    WorkerConfig,
    _init_pool_worker,
    _pool_process_chunk,
)

LOGGER = logging.getLogger(__name__)

ENGINES = ("local", "ray")
WINDOW_PER_WORKER = 3  # chunks in flight per worker: enough to keep each busy, bounded memory
# Imported once by the fork server that local worker processes are forked from, so that each
# worker only builds its Language (0.1 s) instead of importing spaCy and the lexicons (4 s).
PRELOAD_MODULES = (
    "vnextract.pipeline.run",
    "vnextract.pipeline.run_worker",
    "vnextract.pipeline.nlp",
    "vnextract.pipeline.process",
    "vnextract.pipeline.parse.html",
    *(module for _name, module in COMPONENTS),
)




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
        context: multiprocessing.context.BaseContext
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
        results: list[Result] = handle.result()  # a Future of _pool_process_chunk
        return results

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
        # Ray types a handle as `ActorHandle | type[RayWorker]` (a Ray Client handle is neither),
        # and only `@ray.method` methods as having `.remote`; decorating needs Ray at import time,
        # which the local engine must not load. Handles are only used by `process_chunk.remote`
        # and `ray.kill`, both checked by tests/test_run_ray.py.
        self._actors: list[Any] = [actor_class.remote(config_ref) for _ in range(count)]
        self._next = 0
        self.workers = count
        self.window = count * WINDOW_PER_WORKER
        LOGGER.info("ray: %d actors on %s", count, ray.get_runtime_context().gcs_address)

    def submit(self, jobs: list[Job]) -> Any:
        actor = self._actors[self._next % len(self._actors)]
        self._next += 1
        return actor.process_chunk.remote(jobs)

    def result(self, handle: Any) -> list[Result]:
        results: list[Result] = self._ray.get(handle)  # an ObjectRef of RayWorker.process_chunk
        return results

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
