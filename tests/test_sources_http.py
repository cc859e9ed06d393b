"""The fetcher against a loopback server: what it requested, waited for, refused and why."""
# ruff: noqa: F811  (fixtures are imported by name; pytest binds them to test arguments)

from __future__ import annotations

import gzip
import socket
import time
import tracemalloc
import unicodedata
from datetime import timedelta
from email.utils import format_datetime

import brotli
import pytest
from _sources_server import (  # noqa: F401  (fixtures)
    App,
    FakeClock,
    FakeResolver,
    RequestHandler,
    clock,
    connections,
    make_fetcher,
    resolver,
    server,
)

from vnextract.pipeline.sources.http import (
    charset_of,
    content_type_ok,
    parse_retry_after,
)
from vnextract.pipeline.sources.outcomes import FetchFailed

PAGE = "<html><head><title>Tin</title></head><body><p>Đức Trọng</p></body></html>".encode()


def fails(fetcher, url: str, kind: str = "page") -> FetchFailed:
    with pytest.raises(FetchFailed) as info:
        fetcher.fetch(url, kind=kind)
    return info.value


# -- a plain page -----------------------------------------------------------------------------


def test_http_fetches_page_with_identity_and_metadata(server: App, make_fetcher, clock: FakeClock):
    server.page("/a.html", PAGE)
    doc = make_fetcher(user_agent="vnextract-test/1 (+mailto:t@example.invalid)").fetch(
        server.url("/a.html")
    )
    assert doc.content == PAGE
    assert doc.url == server.url("/a.html")
    assert doc.status == 200
    assert doc.encoding == "utf-8"
    assert doc.fetched_at == "2024-01-04T03:00:00+00:00"
    seen = next(r for r in server.requests if r.path == "/a.html")
    assert seen.headers["User-Agent"] == "vnextract-test/1 (+mailto:t@example.invalid)"
    assert seen.headers["Accept-Encoding"] == "gzip, deflate, br"
    assert seen.headers["Accept"].startswith("text/html")
    assert server.paths() == ["/robots.txt", "/a.html"]


@pytest.mark.parametrize(
    "encoding,header",
    [
        pytest.param("br", None, id="brotli"),
        pytest.param("gzip", None, id="gzip"),
    ],
)
def test_http_decodes_content_encoding(server: App, make_fetcher, encoding: str, header: None):
    body = PAGE * 50
    packed = brotli.compress(body) if encoding == "br" else gzip.compress(body)
    server.page("/enc", packed, headers={"Content-Encoding": encoding})
    assert make_fetcher().fetch(server.url("/enc")).content == body


@pytest.mark.parametrize(
    "content_type,body,expected",
    [
        pytest.param(
            "text/html; charset=windows-1258",
            unicodedata.normalize("NFD", "Đà Lạt").encode("cp1258"),
            "windows-1258",
            id="declared-windows-1258",
        ),
        pytest.param(
            "text/html", "Đà Lạt café".encode("latin-1", "replace"), None, id="undeclared-latin-1"
        ),
        pytest.param(
            'text/html; charset="ISO-8859-1"',
            "café".encode("latin-1"),
            "iso-8859-1",
            id="quoted-latin-1",
        ),
        pytest.param("text/html;charset=UTF-8", "Lâm Đồng".encode(), "utf-8", id="utf-8"),
    ],
)
def test_http_passes_header_charset_and_raw_bytes(
    server: App, make_fetcher, content_type, body, expected
):
    server.page("/c", body, content_type)
    doc = make_fetcher().fetch(server.url("/c"))
    assert doc.encoding == expected
    assert doc.content == body  # never decoded here: the parse stage also reads meta tags


@pytest.mark.parametrize(
    "content_type,kind,accepted",
    [
        ("text/html; charset=utf-8", "page", True),
        ("application/xhtml+xml", "page", True),
        (None, "page", True),
        ("application/pdf", "page", False),
        ("image/png", "page", False),
        ("application/json", "page", False),
        ("application/rss+xml", "page", False),
        ("application/rss+xml", "feed", True),
        ("application/atom+xml", "feed", True),
        ("text/xml", "feed", True),
        ("application/x-gzip", "feed", True),
        ("text/html", "feed", False),
        ("text/plain", "robots", True),
    ],
)
def test_http_content_type_table(content_type, kind, accepted):
    assert content_type_ok(kind, content_type) is accepted


@pytest.mark.parametrize("content_type", ["application/pdf", "image/jpeg", "application/json"])
def test_http_refuses_non_html_page(server: App, make_fetcher, content_type: str):
    server.page("/file", b"%PDF-1.4 ...", content_type)
    error = fails(make_fetcher(), server.url("/file"))
    assert error.code == "E014"
    assert content_type in error.reason


@pytest.mark.parametrize(
    "header,expected",
    [
        ("text/html; charset=windows-1258", "windows-1258"),
        ("text/html", None),
        (None, None),
        ("text/html; charset=", None),
    ],
)
def test_http_charset_of(header, expected):
    assert charset_of(header) == expected


# -- redirects --------------------------------------------------------------------------------


def test_http_follows_redirects_and_reports_hops(server: App, make_fetcher):
    server.redirect("/old", "/older", 301)
    server.redirect("/older", server.url("/new"), 308)
    server.page("/new", PAGE)
    fetched = make_fetcher().fetch_full(server.url("/old"))
    assert fetched.doc.url == server.url("/new")
    assert fetched.redirects == (server.url("/old"), server.url("/older"))
    assert server.paths() == ["/robots.txt", "/old", "/older", "/new"]


def test_http_redirect_loop_is_refused(server: App, make_fetcher):
    server.redirect("/loop-a", "/loop-b")
    server.redirect("/loop-b", "/loop-a")
    error = fails(make_fetcher(), server.url("/loop-a"))
    assert error.code == "E015"
    assert "loop" in error.reason
    assert server.count("/loop-a") == 1 and server.count("/loop-b") == 1


def test_http_redirects_are_capped(server: App, make_fetcher):
    for i in range(6):
        server.redirect(f"/hop{i}", f"/hop{i + 1}")
    server.page("/hop6", PAGE)
    error = fails(make_fetcher(max_redirects=3), server.url("/hop0"))
    assert error.code == "E015"
    assert [p for p in server.paths() if p.startswith("/hop")] == [
        "/hop0",
        "/hop1",
        "/hop2",
        "/hop3",
    ]


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://example.invalid/x", "gopher://x/"])
def test_http_redirect_to_other_scheme_is_refused(server: App, make_fetcher, target: str):
    server.redirect("/jump", target)
    error = fails(make_fetcher(), server.url("/jump"))
    assert error.code == "E012"
    assert "only http and https" in error.reason


def test_http_redirect_hop_is_checked_against_robots(server: App, make_fetcher):
    server.redirect("/go", "/private/page")
    server.page("/private/page", PAGE)
    error = fails(make_fetcher(), server.url("/go"))
    assert error.code == "E011"
    assert server.count("/private/page") == 0


# -- retries and backoff ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "retry_after,expected_sleep",
    [
        pytest.param("2", 2.0, id="seconds"),
        pytest.param("http-date+3", 3.0, id="http-date"),
        pytest.param("600", 5.0, id="capped-by-max-backoff"),
        pytest.param(None, 0.1, id="absent-uses-backoff"),
        pytest.param("soon", 0.1, id="garbage-uses-backoff"),
    ],
)
def test_http_429_honours_retry_after(
    server: App, make_fetcher, clock: FakeClock, retry_after, expected_sleep
):
    if retry_after == "http-date+3":
        retry_after = format_datetime(clock.now() + timedelta(seconds=3), usegmt=True)
    headers = {"Retry-After": retry_after} if retry_after else {}
    server.sequence("/busy", (429, b"slow down", headers), (200, PAGE, {}))
    fetched = make_fetcher(max_backoff=5.0).fetch_full(server.url("/busy"))
    assert fetched.doc.content == PAGE
    assert fetched.attempts == 2
    assert clock.sleeps == [expected_sleep]
    assert server.count("/busy") == 2


def test_http_503_backs_off_exponentially(server: App, make_fetcher, clock: FakeClock):
    server.sequence("/flaky", (503, b"", {}), (502, b"", {}), (200, PAGE, {}))
    fetched = make_fetcher(backoff_base=0.1, max_retries=3).fetch_full(server.url("/flaky"))
    assert fetched.doc.status == 200
    assert clock.sleeps == [0.1, 0.2]


def test_http_gives_up_after_max_retries(server: App, make_fetcher, clock: FakeClock):
    server.sequence("/down", (500, b"", {}))
    error = fails(make_fetcher(max_retries=2, backoff_base=0.5), server.url("/down"))
    assert (error.code, error.status) == ("E010", 500)
    assert "gave up after 3 attempts" in error.reason
    assert server.count("/down") == 3
    assert clock.sleeps == [0.5, 1.0]


@pytest.mark.parametrize("status", [400, 403, 404, 410])
def test_http_client_errors_are_not_retried(server: App, make_fetcher, clock: FakeClock, status):
    server.sequence("/gone", (status, b"", {}))
    error = fails(make_fetcher(), server.url("/gone"))
    assert (error.code, error.status) == ("E010", status)
    assert server.count("/gone") == 1
    assert clock.sleeps == []


def test_http_connection_refused_is_retried_then_reported(make_fetcher, clock: FakeClock):
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    error = fails(make_fetcher(max_retries=2, obey_robots=False), f"http://127.0.0.1:{port}/")
    assert error.code == "E010"
    assert "connection failed" in error.reason
    assert clock.sleeps == [0.1, 0.2]


@pytest.mark.parametrize(
    "value,now,expected",
    [
        ("0", 0.0, 0.0),
        ("7", 0.0, 7.0),
        ("Thu, 04 Jan 2024 03:00:10 GMT", 1704337200.0, 10.0),
        ("Thu, 04 Jan 2024 02:00:00 GMT", 1704337200.0, 0.0),
        ("", 0.0, None),
        ("-1", 0.0, None),
    ],
)
def test_http_parse_retry_after(value, now, expected):
    assert parse_retry_after(value, now) == expected


# -- timeouts and size limits -----------------------------------------------------------------


def test_http_slow_response_times_out_without_retry(server: App, make_fetcher):
    def slow(h: RequestHandler) -> None:
        time.sleep(1.0)
        h.send_body(200, PAGE)

    server.routes["/slow"] = slow
    started = time.monotonic()
    error = fails(make_fetcher(read_timeout=0.2, obey_robots=False), server.url("/slow"))
    assert error.code == "E016"
    assert "timed out" in error.reason
    assert time.monotonic() - started < 0.9
    assert server.count("/slow") == 1  # a slow server is not asked again


def test_http_trickling_body_hits_total_timeout(server: App, make_fetcher):
    def trickle(h: RequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", "1000")
        h.end_headers()
        for _ in range(10):
            h.wfile.write(b"x" * 10)
            h.wfile.flush()
            time.sleep(0.1)

    server.routes["/trickle"] = trickle
    error = fails(make_fetcher(total_timeout=0.25, obey_robots=False), server.url("/trickle"))
    assert error.code == "E016"
    assert "within 0.25 s" in error.reason


def _chunked(h: RequestHandler, body: bytes, headers: dict[str, str] | None = None) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    for key, value in (headers or {}).items():
        h.send_header(key, value)
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    for i in range(0, len(body), 65536):
        piece = body[i : i + 65536]
        h.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
    h.wfile.write(b"0\r\n\r\n")


@pytest.mark.parametrize("framing", ["content-length", "chunked"])
def test_http_oversized_body_is_refused(server: App, make_fetcher, framing: str):
    big = b"<p>" + b"a" * 300_000
    if framing == "chunked":
        server.routes["/big"] = lambda h: _chunked(h, big)
    else:
        server.page("/big", big)
    error = fails(make_fetcher(max_bytes=100_000), server.url("/big"))
    assert error.code == "E013"
    assert "100000" in error.reason


def test_http_gzip_bomb_is_refused_not_inflated(server: App, make_fetcher):
    # 64 gzip members of 1 MiB of zeros each: a valid 64 MiB stream from about 64 KB, built fast.
    bomb = gzip.compress(b"\0" * (1024 * 1024), compresslevel=9) * 64
    assert len(bomb) < 100_000
    server.routes["/bomb"] = lambda h: _chunked(h, bomb, {"Content-Encoding": "gzip"})
    fetcher = make_fetcher(max_bytes=1_000_000)
    tracemalloc.start()
    try:
        error = fails(fetcher, server.url("/bomb"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.code == "E013"
    assert "decoded" in error.reason
    assert peak < 8 * 1024 * 1024  # 64 MiB were never inflated


# -- address safety: refused before any connection ---------------------------------------------


@pytest.mark.parametrize(
    "url,label",
    [
        pytest.param("http://10.0.0.1/tin", "private", id="rfc1918"),
        pytest.param("http://192.168.1.1/", "private", id="home-router"),
        pytest.param("http://169.254.169.254/latest/meta-data/", "link-local", id="cloud-metadata"),
        pytest.param("http://127.0.0.1/", "loopback", id="loopback"),
        pytest.param("http://[::1]/", "loopback", id="ipv6-loopback"),
        pytest.param("http://[::ffff:10.0.0.1]/", "private", id="ipv4-mapped"),
        pytest.param("http://0.0.0.0/", "unspecified", id="unspecified"),
        pytest.param("http://224.0.0.1/", "multicast", id="multicast"),
        pytest.param("http://100.64.0.1/", "not globally routable", id="carrier-nat"),
        pytest.param("http://intranet.test/", "private", id="name-resolving-private"),
        pytest.param("http://metadata.test/", "link-local", id="name-resolving-link-local"),
    ],
)
def test_http_refuses_private_addresses_without_connecting(
    make_fetcher, resolver: FakeResolver, connections: list[object], url: str, label: str
):
    resolver.table.update({"intranet.test": "10.0.0.5", "metadata.test": "169.254.169.254"})
    error = fails(make_fetcher(allowed_networks=[]), url)
    assert error.code == "E012"
    assert f"({label} address)" in error.reason
    assert "--allow-private" in error.reason
    assert connections == []  # not even robots.txt was asked for


@pytest.mark.parametrize(
    "url", ["ftp://example.invalid/a", "file:///etc/passwd", "javascript:alert(1)", "//no-scheme/x"]
)
def test_http_refuses_non_http_schemes(make_fetcher, connections: list[object], url: str):
    error = fails(make_fetcher(), url)
    assert error.code == "E012"
    assert connections == []


def test_http_redirect_to_private_address_is_refused_before_connecting(
    server: App, make_fetcher, connections: list[object]
):
    server.redirect("/out", "http://10.0.0.1/admin")
    error = fails(make_fetcher(), server.url("/out"))
    assert error.code == "E012"
    assert "10.0.0.1" in error.reason
    assert all(address[0] == "127.0.0.1" for address in connections)  # type: ignore[index]


def test_http_dns_rebinding_is_caught_at_connect_time(
    server: App, make_fetcher, connections: list[object]
):
    answers = iter(["127.0.0.1", "10.0.0.1"])  # the pre-check sees loopback, the dial sees private

    def rebinding(host: str, port: int) -> list[str]:
        return [next(answers, "10.0.0.1")]

    fetcher = make_fetcher(obey_robots=False)
    fetcher.policy.resolver = rebinding
    server.page("/p", PAGE)
    error = fails(fetcher, f"http://rebind.test:{server.port}/p")
    assert error.code == "E012"
    assert connections == []
    assert server.requests == []


def test_http_unresolvable_host_is_a_fetch_failure(make_fetcher, connections: list[object]):
    error = fails(make_fetcher(), "http://nowhere.invalid/")
    assert error.code == "E010"
    assert "cannot resolve" in error.reason


# -- politeness and concurrency ----------------------------------------------------------------


def test_http_per_host_delay_is_kept(server: App, make_fetcher, clock: FakeClock):
    server.page("/p", PAGE)
    fetcher = make_fetcher(per_host_delay=0.5, obey_robots=False)
    for _ in range(3):
        fetcher.fetch(server.url("/p", host="a.test"))
    assert clock.sleeps == [0.5, 0.5]


def test_http_delay_is_per_host_not_global(server: App, make_fetcher, clock: FakeClock):
    server.page("/p", PAGE)
    fetcher = make_fetcher(per_host_delay=0.5, obey_robots=False)
    for host in ("a.test", "b.test", "c.test"):
        fetcher.fetch(server.url("/p", host=host))
    assert clock.sleeps == []
    assert {r.host.split(":")[0] for r in server.requests} == {"a.test", "b.test", "c.test"}


def test_http_fetch_many_caps_concurrency_and_keeps_order(server: App, make_fetcher):
    def slow(h: RequestHandler) -> None:
        time.sleep(0.15)
        h.send_body(200, h.path.encode())

    for i in range(6):
        server.routes[f"/s{i}"] = slow
    fetcher = make_fetcher(max_concurrency=2, obey_robots=False)
    urls = [server.url(f"/s{i}", host=f"h{i}.test") for i in range(6)]
    results = list(fetcher.fetch_many(urls))
    assert [url for url, _ in results] == urls
    assert [outcome.doc.content for _, outcome in results] == [f"/s{i}".encode() for i in range(6)]
    assert server.max_in_flight == 2


def test_http_fetch_many_reports_failures_in_place(server: App, make_fetcher):
    server.page("/ok", PAGE)
    results = list(
        make_fetcher().fetch_many([server.url("/ok"), server.url("/private/x"), "http://10.0.0.1/"])
    )
    kinds = [type(outcome).__name__ for _, outcome in results]
    assert kinds == ["Fetched", "FetchFailed", "FetchFailed"]
    assert [outcome.code for _, outcome in results[1:]] == ["E011", "E012"]  # type: ignore[union-attr]


@pytest.mark.parametrize("url", ["http://[::1", "http://exa mple.test/", "http://a.test:99999/"])
def test_http_malformed_urls_fail_cleanly(make_fetcher, url: str):
    with pytest.raises(FetchFailed) as info:
        make_fetcher(obey_robots=False).fetch(url)
    assert info.value.code in ("E010", "E012")


def test_http_allow_private_reaches_loopback(server: App, make_fetcher):
    server.page("/p", PAGE)
    assert (
        make_fetcher(allow_private=True, allowed_networks=[]).fetch(server.url("/p")).content
        == PAGE
    )
    assert fails(make_fetcher(allowed_networks=[]), server.url("/p")).code == "E012"


# -- userinfo ----------------------------------------------------------------------------------


def test_http_userinfo_is_stripped_and_shares_one_host_key(
    server: App, make_fetcher, clock: FakeClock, tmp_path
):
    from vnextract.pipeline.sources.warc import WarcSink, iter_warc

    server.page("/a", PAGE)
    server.page("/b", PAGE)
    fetcher = make_fetcher(per_host_delay=1.0)
    base = f"127.0.0.1:{server.port}"
    first = fetcher.fetch_full(f"http://u1:secret@{base}/a")
    second = fetcher.fetch_full(f"http://u2@{base}/b")
    assert (first.doc.url, second.doc.url) == (f"http://{base}/a", f"http://{base}/b")
    assert server.count("/robots.txt") == 1  # one robots.txt verdict for every userinfo
    assert clock.sleeps == [1.0, 1.0]  # robots, /a, /b: one delay slot, not one per user
    assert all("Authorization" not in r.headers for r in server.requests)
    with WarcSink(tmp_path / "p.warc") as sink:
        sink.write(second)
    raw = (tmp_path / "p.warc").read_bytes()
    assert b"u2@" not in raw and b"secret" not in raw
    assert [d.url for d in iter_warc(tmp_path / "p.warc", 10**6)] == [f"http://{base}/b"]
