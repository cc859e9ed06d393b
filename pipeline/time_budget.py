"""A per-article time budget: an input that runs past it becomes an E040 rejection, not a stalled worker.

Rules are fast on news (milliseconds per article) but some inputs are not news: a megabyte of one
paragraph, a page of endless lists. On the main thread of a Unix process (run's worker processes
and its inline worker) the budget is a real-time alarm that interrupts the extractors wherever they
are; elsewhere (a thread, Windows) it is checked between pipeline stages only.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from vnextract.pipeline.errors import Errors, VnextractError

LOGGER = logging.getLogger(__name__)

DEFAULT_ARTICLE_SECONDS = 120.0  # a 1 MB article of ordinary news takes well under this
_REPEAT_SECONDS = 0.25


class OverBudget(VnextractError):
    """One input took longer than the per-article time budget."""

    def __init__(self, seconds: float, source: str | None = None) -> None:
        self.seconds = seconds
        super().__init__(Errors.E040, f"over {seconds:g} s", source)

    def __reduce__(self) -> tuple[type[OverBudget], tuple[object, ...]]:
        return (type(self), (self.seconds, self.source))


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


class Budget:
    """The deadline of one input; `check()` raises OverBudget once it has passed."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.deadline = None if seconds is None else time.monotonic() + seconds

    def check(self) -> None:
        """Raise OverBudget when the deadline has passed (the cooperative half of the budget)."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise OverBudget(self.seconds or 0.0)


@contextmanager
def time_budget(seconds: float | None) -> Iterator[Budget]:
    """Run the body under a budget of `seconds` (None: unlimited); raises OverBudget past it."""
    budget = Budget(seconds)
    if seconds is None or not _can_alarm():
        yield budget
        budget.check()  # no alarm here (a thread, Windows): the input is judged when it ends
        return

    def _on_alarm(_signum: int, _frame: FrameType | None) -> None:
        raise OverBudget(seconds)

    previous = signal.signal(signal.SIGALRM, _on_alarm)
    # Past the deadline the alarm rings again every _REPEAT_SECONDS: an OverBudget raised where
    # Python cannot pass it on (a garbage-collection callback, a broad `except`) is raised again
    # a moment later, in code that does pass it on.
    signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT_SECONDS)
    try:
        yield budget
        # The alarm's exception can land inside code that catches broadly (a library's fallback):
        # an input that ran past its budget is over budget even if that swallowed the alarm.
        budget.check()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
