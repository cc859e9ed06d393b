"""The `vnextract run` subcommand: a whole archive into a database, in parallel, resumable."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterable
from typing import Any

from vnextract.pipeline.cli_types import iso_date, positive_int
from vnextract.pipeline.run import DEFAULT_BATCH_SIZE, ENGINES

LOGGER = logging.getLogger(__name__)

DEFAULT_DB = "sqlite:///records.db"
USAGE_ERROR = 2






def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the `run` subcommand to an argparse subparsers object; returns its parser."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "run",
        help="extract a whole archive into a database (parallel, resumable)",
        description=(
            "Extract every input (files, folders, .jsonl, .warc(.gz), URLs) into a database: "
            "records upserted by id in one transaction per batch, inputs that cannot become "
            "records kept as dead letters with their reason. Exit status 0 when every input "
            "became a record, 1 when some were rejected, 2 on usage errors."
        ),
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help=".txt, .html, a folder, .jsonl, .warc(.gz), an http(s) URL, "
                             "or - for stdin")
    parser.add_argument("--db", default=DEFAULT_DB, metavar="URL",
                        help=f"sqlite:///FILE or postgresql://user@host/db (default {DEFAULT_DB})")
    parser.add_argument("--workers", type=positive_int, metavar="N",
                        help="worker processes (local, default 1) or Ray actors "
                             "(default: every CPU of the cluster)")
    parser.add_argument("--engine", choices=ENGINES, default="local",
                        help="local processes, or a Ray cluster (RAY_ADDRESS, else a local Ray)")
    parser.add_argument("--resume", action="store_true",
                        help="skip articles already stored by this extractor version")
    parser.add_argument("--dead-letter", metavar="FILE",
                        help="also append dead letters to this JSON Lines file")
    parser.add_argument("--published", type=iso_date,
                        help="publication date YYYY-MM-DD (wins over the pages' own)")
    parser.add_argument("--batch-size", type=positive_int, default=DEFAULT_BATCH_SIZE, metavar="N",
                        help=f"articles per database transaction (default {DEFAULT_BATCH_SIZE})")
    parser.add_argument("--allow-private", action="store_true",
                        help="allow fetching from loopback/private addresses (testing)")
    parser.add_argument("--no-progress", action="store_true",
                        help="no progress bar even on a terminal")
    parser.set_defaults(func=run_command)
    return parser


def _fail(message: str) -> int:
    print(f"vnextract run: {message}", file=sys.stderr)
    return USAGE_ERROR


def run_command(args: argparse.Namespace) -> int:
    """`vnextract run`: 0 when all inputs became records, 1 when some were rejected, 2 on usage."""
    from vnextract.pipeline.run import EngineError, run
    from vnextract.pipeline.settings import Settings
    from vnextract.pipeline.sinks.engine import DatabaseURLError, redact

    settings: Settings = getattr(args, "settings", None) or Settings()
    if args.allow_private:
        settings = settings.model_copy(
            update={"fetch": settings.fetch.model_copy(update={"allow_private": True})}
        )
    if args.engine == "ray":
        try:
            import ray  # noqa: F401  (only whether it is installed)
        except ImportError:
            return _fail("--engine ray needs Ray: pip install 'vnextract[ray]'")
    if args.inputs.count("-") > 1:
        return _fail("'-' (stdin) can be given once")
    try:
        from vnextract.pipeline.sinks.database import DatabaseSink

        sink = DatabaseSink(args.db)
    except DatabaseURLError as exc:
        return _fail(str(exc))
    except Exception as exc:  # noqa: BLE001 - a server that refuses us, a newer schema, …
        return _fail(f"cannot open the database {redact_safely(args.db, redact)}: {exc}")
    try:
        summary = run(
            args.inputs,
            settings,
            sink,
            workers=args.workers if args.engine == "ray" else (args.workers or 1),
            engine=args.engine,
            resume=args.resume,
            batch_size=args.batch_size,
            dead_letter=args.dead_letter,
            progress=False if args.no_progress else None,
            published=args.published,
            stdin=sys.stdin.buffer if "-" in args.inputs else None,
        )
    except EngineError as exc:
        return _fail(str(exc))
    finally:
        sink.close()
    print(f"vnextract run: {summary.render()}", file=sys.stderr)
    if summary.rejected_total:
        where = "the database's rejections table"
        if args.dead_letter:
            where += f" and {args.dead_letter}"
        print(f"vnextract run: rejected inputs are in {where}", file=sys.stderr)
    return summary.exit_code


def redact_safely(url: str, redact: Any) -> str:
    """The database URL without its password, or a placeholder when it does not even parse."""
    try:
        return str(redact(url))
    except Exception:  # noqa: BLE001
        return "(unparsable URL)"


def main(argv: Iterable[str] | None = None) -> int:
    """`python -m pipeline.run_cli INPUT...`: the run subcommand alone (tests, scripts)."""
    parser = argparse.ArgumentParser(prog="vnextract")
    parser.add_argument("-v", "--verbose", action="count", default=0)
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["run", *(list(argv) if argv is not None else sys.argv[1:])])
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(args.verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
