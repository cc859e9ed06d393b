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


def spin_after_swallowing_once(seconds: float) -> None:
    """Work that loses the first alarm (as a garbage-collection callback or a library's broad
    `except` does), then runs on where nothing catches."""
    try:
        spin(1.0)  # the alarm lands here and is lost
    except Exception:  # noqa: BLE001, S110 - losing it is the point of the test
        pass
    spin(seconds)


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs POSIX timers")
def test_time_budget_alarm_rings_again_when_swallowed() -> None:
    started = time.monotonic()
    with pytest.raises(OverBudget), time_budget(0.2):
        spin_after_swallowing_once(30)
    assert time.monotonic() - started < 10  # not the 31 s of running to the end
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
