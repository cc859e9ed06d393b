"""Per-host throttle and concurrency limit, on a fake clock."""


from __future__ import annotations

import threading
import time

import pytest
from _sources_server import FakeClock, connections  # noqa: F401  (fixture)

from vnextract.pipeline.sources.politeness import (
    ConcurrencyLimit,
    HostThrottle,
    SystemClock,
)


@pytest.mark.parametrize(
    "hosts,delay,expected",
    [
        pytest.param(["a", "a", "a"], 1.0, [1.0, 1.0], id="same-host-spaced"),
        pytest.param(["a", "b", "a", "b"], 1.0, [1.0], id="two-hosts-interleaved"),
        pytest.param(["a", "a"], 0.0, [], id="no-delay"),
    ],
)
def test_politeness_throttle_table(hosts: list[str], delay: float, expected: list[float]):
    clock = FakeClock()
    throttle = HostThrottle(delay, clock)
    for host in hosts:
        throttle.wait(host)
    assert clock.sleeps == expected


def test_politeness_time_already_passed_is_not_waited_again():
    clock = FakeClock()
    throttle = HostThrottle(1.0, clock)
    throttle.wait("a")
    clock.t += 0.7  # the fetch itself took 0.7 s
    throttle.wait("a")
    assert clock.sleeps == [pytest.approx(0.3)]


def test_politeness_crawl_delay_raises_reserved_slot():
    clock = FakeClock()
    throttle = HostThrottle(0.5, clock)
    throttle.wait("a")  # robots.txt
    throttle.set_delay("a", 3.0)  # robots.txt said Crawl-delay: 3
    throttle.wait("a")
    throttle.set_delay("a", 0.1)  # never below the settings' delay
    assert throttle.delay_for("a") == 0.5
    assert clock.sleeps == [3.0]


def test_politeness_threads_get_distinct_slots():
    clock = FakeClock()
    throttle = HostThrottle(1.0, clock)
    waited: list[float] = []
    lock = threading.Lock()

    def worker() -> None:
        w = throttle.wait("a")
        with lock:
            waited.append(w)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # Slots were reserved one delay apart whatever order the threads ran in: one went at once,
    # and the next free slot is four delays after the start.
    assert waited.count(0.0) == 1
    assert throttle._next_slot["a"] == pytest.approx(1004.0)


def test_politeness_concurrency_limit_caps_in_flight():
    limit = ConcurrencyLimit(2)
    state = {"now": 0, "max": 0}
    lock = threading.Lock()

    def worker() -> None:
        with limit:
            with lock:
                state["now"] += 1
                state["max"] = max(state["max"], state["now"])
            time.sleep(0.02)
            with lock:
                state["now"] -= 1

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert state["max"] == 2


def test_politeness_system_clock_is_aware_utc():
    now = SystemClock().now()
    assert now.utcoffset() is not None and now.utcoffset().total_seconds() == 0
