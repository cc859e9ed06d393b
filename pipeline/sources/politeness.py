"""Politeness: a per-host delay between requests and a global limit on requests in flight."""

from __future__ import annotations

import logging
import threading
import time
from datetime import UTC, datetime
from typing import Protocol, Self

LOGGER = logging.getLogger(__name__)


class Clock(Protocol):
    """Time as the fetcher sees it; injectable so tests assert delays without sleeping."""

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back."""

    def sleep(self, seconds: float) -> None:
        """Wait `seconds`."""

    def now(self) -> datetime:
        """The current wall-clock time, timezone-aware UTC."""


class SystemClock:
    """The real clock."""

    def monotonic(self) -> float:
        """Seconds on time.monotonic."""
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        """Sleep for real."""
        if seconds > 0:
            time.sleep(seconds)

    def now(self) -> datetime:
        """UTC now."""
        return datetime.now(UTC)


class HostThrottle:
    """Spaces the start of requests to one host by at least its delay; thread-safe."""

    def __init__(self, default_delay: float, clock: Clock) -> None:
        self.default_delay = max(0.0, default_delay)
        self.clock = clock
        self._lock = threading.Lock()
        self._next_slot: dict[str, float] = {}
        self._host_delay: dict[str, float] = {}

    def set_delay(self, host: str, delay: float | None) -> None:
        """Raise one host's delay (Crawl-delay); never below the default from settings."""
        if delay is None:
            return
        with self._lock:
            old = self.delay_for(host)
            new = max(self.default_delay, float(delay))
            self._host_delay[host] = new
            # The slot already reserved (after robots.txt itself) was spaced by the old delay.
            if host in self._next_slot and new > old:
                self._next_slot[host] += new - old

    def delay_for(self, host: str) -> float:
        """The delay kept between two requests to `host`."""
        return self._host_delay.get(host, self.default_delay)

    def wait(self, host: str) -> float:
        """Block until `host` may be asked again; return the seconds waited."""
        # Reserve a slot under the lock and sleep outside it, so threads bound for other hosts
        # are never held up, and two threads for one host get slots one delay apart.
        with self._lock:
            now = self.clock.monotonic()
            slot = max(now, self._next_slot.get(host, now))
            self._next_slot[host] = slot + self.delay_for(host)
        waited = slot - now
        if waited > 0:
            LOGGER.debug("waiting %.3fs before next request to %s", waited, host)
            self.clock.sleep(waited)
        return waited


class ConcurrencyLimit:
    """A global cap on requests in flight, shared by every fetching thread."""

    def __init__(self, limit: int) -> None:
        self._sem = threading.BoundedSemaphore(max(1, limit))

    def __enter__(self) -> Self:
        self._sem.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self._sem.release()
