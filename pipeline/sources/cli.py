"""The `vnextract fetch` subcommand: discover, fetch politely, archive pages to a WARC."""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from vnextract.pipeline.cli_types import calendar_date, positive_int
from vnextract.pipeline.settings import Settings
from vnextract.pipeline.sources.discover import Discoverer, canonicalize_url
from vnextract.pipeline.sources.http import Fetched, Fetcher
from vnextract.pipeline.sources.outcomes import FetchFailed
from vnextract.pipeline.sources.warc import WarcSink

LOGGER = logging.getLogger(__name__)

# Policy refusals: the fetcher decided not to fetch, as opposed to the network failing.
REFUSAL_CODES = frozenset({"E011", "E012", "E013", "E014"})






def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the `fetch` subcommand to an argparse subparsers object; returns its parser."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "fetch",
        help="fetch pages politely into a WARC archive",
        description=(
            "Fetch URLs (and pages listed by feeds and sitemaps) obeying robots.txt and a per-host "
            "delay, and append them to a WARC. One JSON line per URL goes to stderr, then a summary."
        ),
    )
    parser.add_argument("urls", nargs="*", metavar="URL", help="page URLs to fetch")
    parser.add_argument(
        "--warc", required=True, type=Path, help="WARC file to append to (.warc.gz)"
    )
    parser.add_argument("--feed", action="append", default=[], metavar="URL", help="RSS/Atom feed")
    parser.add_argument("--sitemap", action="append", default=[], metavar="URL", help="XML sitemap")
    parser.add_argument("--since", type=calendar_date, help="skip feed/sitemap entries dated before this")
    parser.add_argument("--limit", type=positive_int, help="fetch at most N discovered URLs")
    parser.add_argument("--allow-private", action="store_true", help="allow private/loopback hosts")
    parser.add_argument("--delay", type=float, help="seconds between requests to one host")
    parser.add_argument("--user-agent", help="User-Agent header")
    parser.add_argument("--cache-dir", type=Path, help="conditional-GET cache directory")
    parser.add_argument("--max-bytes", type=positive_int, help="largest decoded page body")
    parser.add_argument("--concurrency", type=positive_int, help="requests in flight at once")
    parser.set_defaults(func=run_fetch)
    return parser


def settings_from_args(args: argparse.Namespace) -> Settings:
    """The run's Settings: the caller's (args.settings) if any, with this command's flags applied."""
    base: Settings = getattr(args, "settings", None) or Settings()
    updates: dict[str, Any] = {}
    if args.allow_private:
        updates["allow_private"] = True
    for flag, field in (
        ("delay", "per_host_delay"),
        ("user_agent", "user_agent"),
        ("cache_dir", "cache_dir"),
        ("max_bytes", "max_bytes"),
        ("concurrency", "max_concurrency"),
    ):
        value = getattr(args, flag, None)
        if value is not None:
            updates[field] = value
    fetch = base.fetch.model_copy(update=updates)
    return base.model_copy(update={"fetch": fetch})


def _emit(stream: TextIO, payload: dict[str, Any]) -> None:
    stream.write(json.dumps(payload, ensure_ascii=False) + "\n")
    stream.flush()


def _failure_line(url: str, exc: FetchFailed, source: str = "page") -> dict[str, Any]:
    return {
        "url": url,
        "status": "refused" if exc.code in REFUSAL_CODES else "failed",
        "code": exc.code,
        "http_status": exc.status,
        "reason": exc.reason,
        "source": source,
    }


def run_fetch(args: argparse.Namespace, *, fetcher: Fetcher | None = None) -> int:
    """Run `vnextract fetch`; exit code 0 if any page was fetched, 1 if none, 2 if nothing to do."""
    out: TextIO = sys.stderr
    if not (args.urls or args.feed or args.sitemap):
        _emit(out, {"error": "nothing to fetch: give URLs, --feed or --sitemap"})
        return 2
    settings = settings_from_args(args)
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings)
    totals: Counter[str] = Counter()
    try:
        discoverer = Discoverer(fetcher)
        discovered = discoverer.discover(args.feed, args.sitemap, args.since, args.limit)
        urls = _unique(itertools.chain(args.urls, discovered))
        with WarcSink(args.warc) as sink:
            for url, outcome in fetcher.fetch_many(urls):
                # Feed and sitemap failures surface as they happen, before the pages they held.
                while discoverer.errors:
                    failed = discoverer.errors.pop(0)
                    totals["source_errors"] += 1
                    _emit(out, _failure_line(failed.url or "", failed, source="discovery"))
                totals[_report(out, url, outcome, sink)] += 1
        for failed in discoverer.errors:
            totals["source_errors"] += 1
            _emit(out, _failure_line(failed.url or "", failed, source="discovery"))
    finally:
        if own:
            fetcher.close()
    got = totals["fetched"] + totals["cached"]
    _emit(
        out,
        {"summary": dict(totals), "warc": str(args.warc), "requests": fetcher.stats["requests"]},
    )
    return 0 if got else 1


def _unique(urls: Iterator[str]) -> Iterator[str]:
    """URLs once each, by canonical form (given URLs and discovered ones may repeat each other)."""
    seen: set[str] = set()
    for url in urls:
        key = canonicalize_url(url)
        if key not in seen:
            seen.add(key)
            yield url


def _report(out: TextIO, url: str, outcome: Fetched | FetchFailed, sink: WarcSink) -> str:
    """Write a fetched page to the WARC and its outcome line to `out`; return the outcome status."""
    if isinstance(outcome, FetchFailed):
        line = _failure_line(url, outcome)
        _emit(out, line)
        return str(line["status"])
    sink.write(outcome)
    status = "cached" if outcome.from_cache else "fetched"
    _emit(
        out,
        {
            "url": url,
            "status": status,
            "http_status": outcome.doc.status,
            "final_url": outcome.doc.url,
            "bytes": len(outcome.doc.content),
            "reason": "not modified" if outcome.from_cache else "ok",
        },
    )
    return status
