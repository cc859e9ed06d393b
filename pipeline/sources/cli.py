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
from vnextract.pipeline.errors import Errors
from vnextract.pipeline.settings import (
    CONTACT_ENV,
    Settings,
    build_settings,
)
from vnextract.pipeline.sources.discover import Discoverer, canonicalize_url
from vnextract.pipeline.sources.http import Fetched, Fetcher
from vnextract.pipeline.sources.outcomes import FetchFailed
from vnextract.pipeline.sources.warc import Archived, WarcSink

LOGGER = logging.getLogger(__name__)

# Policy refusals: the fetcher decided not to fetch, as opposed to the network failing.
REFUSAL_CODES = frozenset({Errors.E011, Errors.E012, Errors.E013, Errors.E014})
# What the exit status says (also the epilog of `vnextract fetch --help`).
EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

# One line per paragraph: the CLI's help formatter wraps each line on its own.
EPILOG = "\n".join(
    [
        "exit status:",
        f"  {EXIT_OK}  every URL asked for (given, or found in feeds and sitemaps) was archived",
        f"  {EXIT_SOME_FAILED}  a URL, feed or sitemap failed or was refused (the rest is archived)",
        f"  {EXIT_USAGE}  nothing to fetch, or bad arguments",
        "",
        (
            "One JSON line per URL goes to stderr, then a summary. The WARC file is created at "
            "the first page archived: a run that archives nothing leaves no file behind. With "
            "--cache-dir, a page the server reports unchanged is written as a revisit record "
            "when this WARC already holds it."
        ),
        f"The User-Agent names vnextract and the contact given by --contact or ${CONTACT_ENV}.",
    ]
)


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the `fetch` subcommand to an argparse subparsers object; returns its parser."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "fetch",
        help="fetch pages politely into a WARC archive",
        description=(
            "Fetch URLs (and pages listed by feeds and sitemaps) obeying robots.txt and a per-host "
            "delay, and append them to a WARC."
        ),
        epilog=EPILOG,
    )
    parser.add_argument("urls", nargs="*", metavar="URL", help="page URLs to fetch")
    parser.add_argument(
        "--warc", required=True, type=Path, help="WARC file to append to (.warc.gz)"
    )
    parser.add_argument("--feed", action="append", default=[], metavar="URL", help="RSS/Atom feed")
    parser.add_argument("--sitemap", action="append", default=[], metavar="URL", help="XML sitemap")
    parser.add_argument(
        "--since", type=calendar_date, help="skip feed/sitemap entries dated before this (YYYY-MM-DD)"
    )
    parser.add_argument("--limit", type=positive_int, help="fetch at most N discovered URLs")
    parser.add_argument("--allow-private", action="store_true", help="allow private/loopback hosts")
    parser.add_argument("--delay", type=float, help="seconds between requests to one host (default 1)")
    parser.add_argument(
        "--contact",
        help=f"e-mail or URL where site owners can reach you, put in the User-Agent "
        f"(default: ${CONTACT_ENV})",
    )
    parser.add_argument("--user-agent", help="the whole User-Agent header (overrides --contact)")
    parser.add_argument("--cache-dir", type=Path, help="conditional-GET cache directory")
    parser.add_argument("--max-bytes", type=positive_int, help="largest decoded page body")
    parser.add_argument(
        "-j", "--jobs", dest="jobs", type=positive_int, help="requests in flight at once (default 4)"
    )
    # The old name of -j, kept working for scripts that use it.
    parser.add_argument("--concurrency", dest="jobs", type=positive_int, help=argparse.SUPPRESS)
    progress = parser.add_mutually_exclusive_group()
    progress.add_argument(
        "--progress", dest="progress", action="store_true", default=None,
        help="show a progress bar (default: only when stderr is a terminal)",
    )
    progress.add_argument("--no-progress", dest="progress", action="store_false", help=argparse.SUPPRESS)
    parser.set_defaults(func=run_fetch)
    return parser


def settings_from_args(args: argparse.Namespace) -> Settings:
    """The run's Settings (`settings.build_settings`: the caller's, with this command's flags)."""
    return build_settings(args)


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


class _Bar:
    """tqdm on stderr when wanted (a terminal by default), as `vnextract run` shows one."""

    def __init__(self, wanted: bool | None, total: int | None) -> None:
        show = sys.stderr.isatty() if wanted is None else wanted
        self._bar = None
        if show:
            from tqdm import tqdm

            self._bar = tqdm(
                total=total, unit="page", desc="vnextract fetch", file=sys.stderr, dynamic_ncols=True
            )

    def update(self, totals: Counter[str]) -> None:
        if self._bar is not None:
            self._bar.update(1)
            failed = totals["failed"] + totals["refused"]
            self._bar.set_postfix(failed=failed, refresh=False)

    def write(self, line: str) -> None:
        """A line above the bar (tqdm keeps the bar intact), or straight to stderr."""
        if self._bar is not None:
            self._bar.write(line, file=sys.stderr)
        else:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def run_fetch(args: argparse.Namespace, *, fetcher: Fetcher | None = None) -> int:
    """Run `vnextract fetch`: 0 when every URL was archived, 1 when any failed, 2 for usage."""
    if not (args.urls or args.feed or args.sitemap):
        _emit(sys.stderr, {"error": "nothing to fetch: give URLs, --feed or --sitemap"})
        return EXIT_USAGE
    settings = settings_from_args(args)
    if "contact:" not in settings.fetch.user_agent and not getattr(args, "user_agent", None):
        LOGGER.warning(
            "no contact in the User-Agent: pass --contact EMAIL_OR_URL or set %s so that site "
            "owners can reach you", CONTACT_ENV,
        )
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings)
    totals: Counter[str] = Counter()
    known_total = None if (args.feed or args.sitemap) else len(args.urls)
    quiet = getattr(args, "verbosity", 0) < 0  # -q: no progress bar, as for `run`
    bar = _Bar(False if quiet else getattr(args, "progress", None), known_total)
    out = _Lines(bar)
    try:
        discoverer = Discoverer(fetcher)
        discovered = discoverer.discover(args.feed, args.sitemap, args.since, args.limit)
        urls = _unique(itertools.chain(args.urls, discovered))
        with WarcSink(args.warc) as sink:
            for url, outcome in fetcher.fetch_many(urls):
                # Feed and sitemap failures surface as they happen, before the pages they held.
                _report_discovery(out, discoverer, totals)
                totals[_report(out, url, outcome, sink, fetcher)] += 1
                bar.update(totals)
        _report_discovery(out, discoverer, totals)
    finally:
        bar.close()
        if own:
            fetcher.close()
    archived = sink.records > 0
    _emit(
        sys.stderr,
        {
            "summary": dict(totals),
            "warc": str(args.warc) if archived else None,
            "requests": fetcher.stats["requests"],
        },
    )
    failed = totals["failed"] + totals["refused"] + totals["source_errors"]
    return EXIT_SOME_FAILED if failed or not (totals["fetched"] + totals["cached"]) else EXIT_OK


class _Lines:
    """JSON lines to stderr, above the progress bar when there is one."""

    def __init__(self, bar: _Bar) -> None:
        self.bar = bar

    def emit(self, payload: dict[str, Any]) -> None:
        self.bar.write(json.dumps(payload, ensure_ascii=False))


def _report_discovery(out: _Lines, discoverer: Discoverer, totals: Counter[str]) -> None:
    while discoverer.errors:
        failed = discoverer.errors.pop(0)
        totals["source_errors"] += 1
        out.emit(_failure_line(failed.url or "", failed, source="discovery"))


def _unique(urls: Iterator[str]) -> Iterator[str]:
    """URLs once each, by canonical form (given URLs and discovered ones may repeat each other)."""
    seen: set[str] = set()
    for url in urls:
        key = canonicalize_url(url)
        if key not in seen:
            seen.add(key)
            yield url


def _report(
    out: _Lines, url: str, outcome: Fetched | FetchFailed, sink: WarcSink, fetcher: Fetcher
) -> str:
    """Archive a fetched page and write its outcome line; return the outcome status."""
    if isinstance(outcome, FetchFailed):
        line = _failure_line(url, outcome)
        out.emit(line)
        return str(line["status"])
    how = _archive(outcome, sink, fetcher)
    status = "cached" if outcome.from_cache else "fetched"
    out.emit(
        {
            "url": url,
            "status": status,
            "http_status": outcome.doc.status,
            "final_url": outcome.doc.url,
            "bytes": len(outcome.doc.content),
            "reason": "not modified" if outcome.from_cache else "ok",
            "archived": how,
        }
    )
    return status


def _archive(outcome: Fetched, sink: WarcSink, fetcher: Fetcher) -> str:
    """Write the page: a revisit when this very WARC holds the unchanged body, else in full."""
    cache = fetcher.cache
    url = outcome.doc.url or ""
    identity = sink.identity()
    entry = cache.get(url) if cache is not None and outcome.from_cache else None
    where = entry.archived.get(identity) if entry is not None and identity else None
    if where and len(where) == 3:
        original = Archived(identity or "", where[0], where[1], where[2])
        sink.write_revisit(outcome, original, fetcher.clock.now().isoformat())
        return "revisit"
    archived = sink.write(outcome)
    if cache is not None:
        cache.note_archived(url, archived.warc, [archived.record_id, archived.date, archived.payload_digest])
    return "response"
