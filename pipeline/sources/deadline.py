"""A wall-clock deadline over one HTTP exchange, from connect to last byte.

Socket timeouts bound each read, not the exchange: a server sending one header byte a second
never trips them. The fetcher opens a Deadline around each attempt; the guarded connections
register their socket with the deadline of their thread, and when time is up a timer shuts the
socket down, so whatever read is blocked (TLS handshake, status line, headers, body) returns at
once and the attempt fails as timed out.
"""

from __future__ import annotations

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
        self._timer = threading.Timer(max(0.0, seconds), self._expire)
        self._timer.daemon = True

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
            self.expired = True
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            _shutdown(sock)

    def __enter__(self) -> Self:
        self._timer.start()
        _CURRENT.deadline = self
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._timer.cancel()
        _CURRENT.deadline = None
        with self._lock:
            self._sockets = []


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
