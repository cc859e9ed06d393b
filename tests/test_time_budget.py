"""The per-article time budget: an alarm on the main thread, a check between stages elsewhere."""

from __future__ import annotations

import pickle
import signal
import threading
import time

import pytest

from vnextract.pipeline.time_budget import Budget, OverBudget, time_budget


def spin(seconds: float) -> None:
    """Pure-Python work that only an alarm can stop."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs POSIX timers")
def test_time_budget_interrupts_runaway_work() -> None:
    started = time.monotonic()
    with pytest.raises(OverBudget) as caught, time_budget(0.2):
        spin(5)
    assert time.monotonic() - started < 2
    assert caught.value.code == "E040" and "0.2 s" in caught.value.reason
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # the alarm is gone afterwards


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs POSIX timers")
def test_time_budget_quick_work_untouched_and_handler_restored() -> None:
    before = signal.getsignal(signal.SIGALRM)
    with time_budget(5):
        spin(0.01)
    time.sleep(0.05)
    assert signal.getsignal(signal.SIGALRM) is before


@pytest.mark.parametrize("seconds", [pytest.param(None, id="unlimited"), pytest.param(60.0, id="generous")])
def test_time_budget_off_the_main_thread_is_checked_between_stages(seconds: float | None) -> None:
    outcome: list[object] = []

    def work() -> None:
        with time_budget(seconds) as budget:
            budget.check()
            outcome.append(budget.deadline is None)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert outcome == [seconds is None]


def test_time_budget_check_raises_after_deadline() -> None:
    budget = Budget(0.01)
    time.sleep(0.02)
    with pytest.raises(OverBudget):
        budget.check()


def test_time_budget_error_crosses_processes() -> None:
    error = pickle.loads(pickle.dumps(OverBudget(2.5, source="a.txt")))
    assert (error.code, error.seconds, error.source) == ("E040", 2.5, "a.txt")
