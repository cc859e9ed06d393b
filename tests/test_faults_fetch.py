"""Fault injection for the fetcher: hostile loopback servers (slow headers, endless or cut bodies).

Every URL ends as a document or a FetchFailed with an E-code, within the total timeout plus a
small margin, and `vnextract fetch` archives nothing it could not verify.
"""
# ruff: noqa: F811  (fixtures are imported by name; pytest binds them to test arguments)

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

import pytest
from _sources_server import (  # noqa: F401  (fixtures)
    App,
    RequestHandler,
    clock,
    connections,
    make_fetcher,
    resolver,
    server,
)

from vnextract.pipeline.settings import FetchSettings, Settings
from vnextract.pipeline.sources import cli
from vnextract.pipeline.sources.outcomes import FetchFailed
from vnextract.pipeline.sources.warc import iter_warc

pytestmark = pytest.mark.faults

TOTAL = 0.6  # the total timeout these tests give the fetcher, in seconds
MARGIN = 1.0  # what the check may overrun it by (thread scheduling, one read)
PAGE = ("<html><body>" + "<p>Huyện ủy Đức Trọng họp tổng kết năm 2023.</p>" * 40 + "</body></html>").encode()


def slow_headers(h: RequestHandler) -> None:
    """One header byte every 50 ms: each read is quick, the whole never arrives in time."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Pad: " + b"a" * 200 + b"\r\n\r\n"
    for byte in head:
        h.wfile.write(bytes([byte]))
        h.wfile.flush()
        time.sleep(0.05)


def silent(h: RequestHandler) -> None:
    """Accepts the request and says nothing for longer than the total timeout."""
    time.sleep(TOTAL + 2 * MARGIN)


def endless(h: RequestHandler) -> None:
    """A chunked body that never ends, a little every few milliseconds."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    while True:
        h.wfile.write(b"40\r\n" + b"x" * 64 + b"\r\n")
        h.wfile.flush()
        time.sleep(0.005)


def cut_gzip(h: RequestHandler) -> None:
    """A gzip body whose last third never comes, the connection closed (no Content-Length)."""
    body = gzip.compress(PAGE)
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Content-Encoding", "gzip")
    h.send_header("Connection", "close")
    h.end_headers()
    h.wfile.write(body[: len(body) * 2 // 3])
    h.close_connection = True


def gzip_without_trailer(h: RequestHandler) -> None:
    """All the deflate data but not the 8-byte gzip trailer, with a Content-Length that matches."""
    body = gzip.compress(PAGE)[:-8]
    h.send_body(200, body, headers={"Content-Encoding": "gzip"})


def short_length(h: RequestHandler) -> None:
    """Content-Length promises more than is sent before the connection closes."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Content-Length", str(len(PAGE)))
    h.send_header("Connection", "close")
    h.end_headers()
    h.wfile.write(PAGE[: len(PAGE) // 2])
    h.close_connection = True


HOSTILE = [
    pytest.param(slow_headers, "E016", id="slow-headers"),
    pytest.param(silent, "E016", id="silent"),
    pytest.param(endless, "E016", id="endless-body"),
    pytest.param(cut_gzip, "E017", id="gzip-cut-short"),
    pytest.param(gzip_without_trailer, "E017", id="gzip-no-trailer"),
    pytest.param(short_length, "E017", id="short-content-length"),
]


@pytest.mark.parametrize("handler, code", HOSTILE)
def test_faults_hostile_server_fails_in_bounded_time(server: App, make_fetcher, handler, code: str):
    server.routes["/p"] = handler
    fetcher = make_fetcher(
        total_timeout=TOTAL, read_timeout=5.0, obey_robots=False, max_retries=0
    )
    started = time.monotonic()
    with pytest.raises(FetchFailed) as info:
        fetcher.fetch(server.url("/p"))
    assert info.value.code == code
    assert time.monotonic() - started < TOTAL + MARGIN


def test_faults_fetch_cli_archives_only_verified_pages(server: App, tmp_path: Path, capsys):
    server.page("/good", PAGE)
    server.routes.update({"/slow": slow_headers, "/cut": cut_gzip, "/short": short_length})
    parser = argparse.ArgumentParser(prog="vnextract")
    cli.register(parser.add_subparsers(dest="command"))
    warc = tmp_path / "p.warc.gz"
    urls = [server.url(p) for p in ("/good", "/slow", "/cut", "/short")]
    args = parser.parse_args(["fetch", *urls, "--warc", str(warc), "--allow-private", "--delay", "0"])
    args.settings = Settings(fetch=FetchSettings(total_timeout=TOTAL, max_retries=0))
    started = time.monotonic()
    code = args.func(args)
    lines = [json.loads(x) for x in capsys.readouterr().err.splitlines() if x.startswith("{")]
    assert code == 1
    assert [(x["url"], x.get("code")) for x in lines[:-1]] == [
        (urls[0], None), (urls[1], "E016"), (urls[2], "E017"), (urls[3], "E017")
    ]
    assert lines[-1]["summary"] == {"fetched": 1, "failed": 3}
    assert [d.url for d in iter_warc(warc, 10**6)] == [urls[0]]
    assert time.monotonic() - started < 4 * (TOTAL + MARGIN)
