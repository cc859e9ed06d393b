"""Test helpers for pipeline.sources: a loopback HTTP server, a fake clock, a fake resolver.

Imported by the test_sources_*.py files; nothing here touches any address but 127.0.0.1.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from vnextract.pipeline.settings import FetchSettings, Settings
from vnextract.pipeline.sources.http import Fetcher

Handler = Callable[["RequestHandler"], None]
LOOPBACK = "127.0.0.1"


@dataclass
class Seen:
    """One request as the server received it."""

    method: str
    path: str
    headers: dict[str, str]
    host: str


class RequestHandler(BaseHTTPRequestHandler):
    """Dispatches to the server's route table and records every request."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else Nagle + delayed ACK add ~40 ms to every response
    server: LoopbackServer  # type: ignore[assignment]

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        """Record the request, then run its route (404 when there is none)."""
        app = self.server.app
        app.record(Seen("GET", self.path, dict(self.headers.items()), self.headers.get("Host", "")))
        route = app.routes.get(self.path.split("?", 1)[0])
        with app.in_flight():
            try:
                if route is None:
                    self.send_body(404, b"not found", "text/plain")
                else:
                    route(self)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeouts, size limits): expected in these tests

    def send_body(
        self,
        status: int,
        body: bytes,
        content_type: str | None = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        """Send a complete response with Content-Length."""
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Silence the default stderr logging."""


class LoopbackServer(ThreadingHTTPServer):
    """ThreadingHTTPServer that carries the test app."""

    daemon_threads = True
    app: App

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients that hang up mid-response are expected here (timeouts, size limits)."""


@dataclass
class App:
    """Route table plus a log of what the server saw."""

    routes: dict[str, Handler] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)
    max_in_flight: int = 0
    port: int = 0
    _in_flight: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, seen: Seen) -> None:
        with self._lock:
            self.requests.append(seen)

    def in_flight(self) -> _InFlight:
        return _InFlight(self)

    @property
    def base(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def url(self, path: str, host: str | None = None) -> str:
        """A URL on this server, optionally under a fake host name that the test resolver maps here."""
        return f"http://{host or LOOPBACK}:{self.port}{path}"

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    def count(self, path: str) -> int:
        return sum(1 for r in self.requests if r.path == path)

    # -- route builders -------------------------------------------------------------------------
    def page(
        self,
        path: str,
        body: bytes,
        content_type: str | None = "text/html; charset=utf-8",
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.routes[path] = lambda h: h.send_body(status, body, content_type, headers)

    def cached_page(
        self, path: str, body: bytes, etag: str | None = None, last_modified: str | None = None
    ) -> None:
        """A page with validators that answers 304 to a matching conditional GET."""

        def handle(h: RequestHandler) -> None:
            validators = {k: v for k, v in (("ETag", etag), ("Last-Modified", last_modified)) if v}
            if (etag and h.headers.get("If-None-Match") == etag) or (
                last_modified and h.headers.get("If-Modified-Since") == last_modified
            ):
                h.send_body(304, b"", None, validators)
            else:
                h.send_body(200, body, headers=validators)

        self.routes[path] = handle

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        self.routes[path] = lambda h: h.send_body(status, b"", None, {"Location": location})

    def sequence(self, path: str, *responses: tuple[int, bytes, dict[str, str]]) -> None:
        """Answer successive requests with successive responses (the last one repeats)."""
        calls = iter(range(10**6))

        def handle(h: RequestHandler) -> None:
            n = next(calls)
            status, body, headers = responses[min(n, len(responses) - 1)]
            h.send_body(status, body, "text/html; charset=utf-8", headers)

        self.routes[path] = handle


class _InFlight:
    def __init__(self, app: App) -> None:
        self.app = app

    def __enter__(self) -> None:
        with self.app._lock:
            self.app._in_flight += 1
            self.app.max_in_flight = max(self.app.max_in_flight, self.app._in_flight)

    def __exit__(self, *exc: object) -> None:
        with self.app._lock:
            self.app._in_flight -= 1


@pytest.fixture
def server() -> Iterator[App]:
    """A fresh loopback server on a free port, with a robots.txt disallowing /private."""
    httpd = LoopbackServer((LOOPBACK, 0), RequestHandler)
    app = App(port=httpd.server_address[1])
    httpd.app = app
    app.page("/robots.txt", b"User-agent: *\nDisallow: /private\n", "text/plain")
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield app
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(autouse=True)
def connections(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """Every socket connect attempt of the test; anything but loopback is refused and fails it."""
    attempts: list[object] = []
    real_connect = socket.socket.connect

    def connect(sock: socket.socket, address: object) -> None:
        attempts.append(address)
        host = address[0] if isinstance(address, tuple) else ""
        if host not in ("127.0.0.1", "::1"):
            # Refused here, so no packet leaves the machine whatever the code under test does.
            raise ConnectionRefusedError(f"test tried to connect to {address}")
        real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    yield attempts
    outside = [a for a in attempts if not (isinstance(a, tuple) and a[0] in ("127.0.0.1", "::1"))]
    assert outside == [], f"connection attempts outside loopback: {outside}"


class FakeClock:
    """A clock whose sleep() only records and advances time: delays are asserted, not waited."""

    def __init__(self, start: datetime = datetime(2024, 1, 4, 3, 0, tzinfo=timezone.utc)) -> None:
        self.t = 1000.0
        self.start = start
        self.sleeps: list[float] = []
        self._lock = threading.Lock()

    def monotonic(self) -> float:
        with self._lock:
            return self.t

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(round(seconds, 6))
            self.t += seconds

    def now(self) -> datetime:
        with self._lock:
            return self.start + timedelta(seconds=self.t - 1000.0)


class FakeResolver:
    """Maps host names to addresses without DNS; any *.test name not listed goes to loopback."""

    def __init__(self, table: dict[str, str] | None = None) -> None:
        self.table = table or {}
        self.calls: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.calls.append(host)
        if host in self.table:
            return [self.table[host]]
        if host.endswith(".test") or host == "localhost":
            return [LOOPBACK]
        raise socket.gaierror(socket.EAI_NONAME, f"{host} unknown in tests")


def quick_settings(**fetch: object) -> Settings:
    """Settings for fast loopback tests: only 127.0.0.0/8 let through, tiny delays and timeouts."""
    # Not allow_private: a test that strays to 10.x or 169.254.x must be refused, never dialled.
    base = dict(
        allow_private=False,
        allowed_networks=["127.0.0.0/8"],
        per_host_delay=0.0,
        backoff_base=0.1,
        max_backoff=5.0,
        connect_timeout=2.0,
        read_timeout=2.0,
        max_retries=2,
        obey_robots=True,
    )
    base.update(fetch)
    return Settings(fetch=FetchSettings(**base))  # type: ignore[arg-type]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def resolver() -> FakeResolver:
    return FakeResolver()


@pytest.fixture
def make_fetcher(clock: FakeClock, resolver: FakeResolver) -> Iterator[Callable[..., Fetcher]]:
    """Build Fetchers on the fake clock and resolver; all are closed after the test."""
    made: list[Fetcher] = []

    def build(**fetch: object) -> Fetcher:
        fetcher = Fetcher(quick_settings(**fetch), clock=clock, resolver=resolver)
        made.append(fetcher)
        return fetcher

    yield build
    for fetcher in made:
        fetcher.close()


def wait_until(predicate: Callable[[], bool], timeout: float = 2.0) -> bool:
    """Poll until predicate() is true (for server-side effects that land after the response)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()
