"""A wall-clock deadline over one HTTP exchange, from connect to last byte.

Socket timeouts bound each read, not the exchange: a server sending one header byte a second
never trips them. The fetcher opens a Deadline around each attempt; the guarded connections
register their socket with the deadline of their thread, and when time is up a timer shuts the
socket down, so whatever read is blocked (TLS handshake, status line, headers, body) returns at
once and the attempt fails as timed out.
"""

from __future__ import annotations

import heapq
import logging
import socket
import threading
import time
from types import TracebackType
from typing import Self

LOGGER = logging.getLogger(__name__)

_CURRENT = threading.local()


class Deadline:
    """Shuts down every socket registered with it once `seconds` have passed."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expires = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._done = False
        self._outer: Deadline | None = None

    def remaining(self) -> float:
        """Seconds left (negative once past)."""
        return self.expires - time.monotonic()

    def passed(self) -> bool:
        """True once the deadline has passed, whether or not the timer has fired yet."""
        return self.expired or self.remaining() <= 0

    def watch(self, sock: socket.socket | None) -> None:
        """Shut `sock` down when the deadline passes (at once if it already has)."""
        if sock is None:
            return
        with self._lock:
            if not self.expired:
                self._sockets.append(sock)
                return
        _shutdown(sock)

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = True
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            _shutdown(sock)

    def __enter__(self) -> Self:
        _WATCHDOG.add(self)
        self._outer = getattr(_CURRENT, "deadline", None)  # restored on exit (nested fetches)
        _CURRENT.deadline = self
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        _CURRENT.deadline = self._outer
        with self._lock:
            self._done = True
            self._sockets = []
        _WATCHDOG.finished()


class _Watchdog:
    """One thread for every deadline of the process: a heap of expiry times, earliest first.

    A timer thread per request would cost a thread start per page (about 0.1-0.2 ms); this
    costs a heap push.
    """

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Deadline]] = []
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None
        self._count = 0
        self._finished = 0  # entries of the heap whose exchange is over

    def finished(self) -> None:
        """One exchange ended before its deadline; the heap is swept once they are the most."""
        with self._wake:
            self._finished += 1
            if self._finished > 1024 and self._finished * 2 > len(self._heap):
                self._heap = [entry for entry in self._heap if not entry[2]._done]
                heapq.heapify(self._heap)
                self._finished = 0

    def add(self, deadline: Deadline) -> None:
        with self._wake:
            self._count += 1
            heapq.heappush(self._heap, (deadline.expires, self._count, deadline))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="fetch-deadlines", daemon=True)
                self._thread.start()
            self._wake.notify()

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._heap:
                    self._wake.wait()
                expires, _n, deadline = self._heap[0]
                wait = expires - time.monotonic()
                if wait > 0:
                    self._wake.wait(wait)
                    continue  # re-check: an earlier deadline may have arrived meanwhile
                heapq.heappop(self._heap)
            deadline._expire()  # outside the lock: shutting sockets down may take a moment


_WATCHDOG = _Watchdog()


def _shutdown(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed: nothing left to unblock


def watch_socket(sock: socket.socket | None) -> None:
    """Register a connection's socket with the deadline of the current thread, if there is one."""
    deadline: Deadline | None = getattr(_CURRENT, "deadline", None)
    if deadline is not None:
        deadline.watch(sock)
