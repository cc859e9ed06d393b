"""Fetch throughput against a loopback server, politeness off and on; prints pages/s.

    .venv/bin/python scripts/bench_fetch.py [--pages N] [--page-kb K]

Only 127.0.0.1 is contacted; host names *.bench are mapped to it without DNS so that the
multi-host case exercises per-host delays the way a crawl over several outlets does.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from vnextract.pipeline.settings import FetchSettings  # noqa: E402
from vnextract.pipeline.sources.http import Fetcher  # noqa: E402


def make_handler(page: bytes) -> type[BaseHTTPRequestHandler]:
    """A handler serving robots.txt (allow all) and the same HTML page for any other path."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes; without this, Nagle + delayed ACK add ~40 ms
        # per response and the bench would measure the server, not the fetcher.
        disable_nagle_algorithm = True

        def do_GET(self) -> None:  # noqa: N802
            body, ctype = (
                (b"User-agent: *\nAllow: /\n", "text/plain")
                if self.path == "/robots.txt"
                else (page, "text/html; charset=utf-8")
            )
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    return Handler


def resolver(host: str, port: int) -> list[str]:
    """Every *.bench name is the loopback server."""
    if host.endswith(".bench"):
        return ["127.0.0.1"]
    raise OSError(f"{host}: not a bench host")


def run(port: int, pages: int, hosts: int, delay: float, concurrency: int) -> tuple[float, int]:
    """Fetch `pages` URLs spread over `hosts` host names; return (seconds, bytes)."""
    settings = FetchSettings(
        allowed_networks=["127.0.0.0/8"],
        per_host_delay=delay,
        max_concurrency=concurrency,
        connect_timeout=5,
        read_timeout=5,
    )
    urls = [f"http://h{i % hosts}.bench:{port}/tin/{i}.html" for i in range(pages)]
    with Fetcher(settings, resolver=resolver) as fetcher:
        started = time.perf_counter()
        size = 0
        for _, outcome in fetcher.fetch_many(urls):
            if not hasattr(outcome, "doc"):
                raise SystemExit(f"fetch failed: {outcome}")
            size += len(outcome.doc.content)  # type: ignore[union-attr]
        return time.perf_counter() - started, size


def main() -> None:
    """Run the scenarios and print one line each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument(
        "--page-kb", type=int, default=60, help="size of each page (news pages ~60 KB)"
    )
    args = parser.parse_args()
    page = (b"<html><body>" + "<p>Huyện ủy Đức Trọng tổ chức hội nghị.</p>".encode() * 2000)[
        : args.page_kb * 1024
    ]
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(page))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    polite_pages = max(20, args.pages // 10)
    scenarios = [
        ("politeness off, 1 host, 1 thread", args.pages, 1, 0.0, 1),
        ("politeness off, 1 host, 4 threads", args.pages, 1, 0.0, 4),
        ("politeness on (0.05 s), 1 host, 4 threads", polite_pages, 1, 0.05, 4),
        ("politeness on (0.05 s), 4 hosts, 4 threads", polite_pages * 4, 4, 0.05, 4),
    ]
    print(f"page size {len(page)} bytes; robots.txt fetched once per host and counted in the time")
    for name, pages, hosts, delay, threads in scenarios:
        seconds, size = run(port, pages, hosts, delay, threads)
        print(
            f"{name:45s} {pages:5d} pages in {seconds:6.2f} s = {pages / seconds:7.1f} pages/s "
            f"({size / seconds / 1e6:6.1f} MB/s)"
        )
    server.shutdown()


if __name__ == "__main__":
    main()
