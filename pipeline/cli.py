"""The `vnextract` command line: extract, schema, fetch."""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
from collections.abc import Iterable
from contextlib import ExitStack
from typing import TextIO

from vnextract.pipeline import __version__
from vnextract.pipeline.cli_types import iso_date
from vnextract.pipeline.errors import VnextractError
from vnextract.pipeline.settings import Settings

LOGGER = logging.getLogger(__name__)

# Stages that bring their own subcommands; each module has `register(subparsers)`.
SUBCOMMAND_MODULES: tuple[str, ...] = (
    "vnextract.pipeline.sources.cli",
    "vnextract.pipeline.sinks.cli",
    "vnextract.pipeline.review.cli",
    "vnextract.pipeline.run_cli",
)




def _input_name(raw_or_error: object, fallback: str) -> str:
    return getattr(raw_or_error, "url", None) or getattr(raw_or_error, "archive", None) or fallback


def run_extract(args: argparse.Namespace) -> int:
    """`vnextract extract`: one JSON record per input on stdout or -o; errors on stderr."""
    from dataclasses import replace

    from vnextract.pipeline.nlp import shared_nlp
    from vnextract.pipeline.process import process
    from vnextract.pipeline.sources.inputs import iter_inputs

    settings = Settings()
    settings.fetch.allow_private = args.allow_private
    if args.url and len(args.inputs) > 1:
        LOGGER.warning("--url applies to one input; it is ignored for %d inputs", len(args.inputs))
    nlp = shared_nlp()
    failures = 0
    with ExitStack() as stack:
        out: TextIO = (
            stack.enter_context(open(args.output, "w", encoding="utf-8")) if args.output else sys.stdout
        )
        stdin = sys.stdin.buffer if "-" in args.inputs else None
        for item in iter_inputs(args.inputs, settings, stdin=stdin):
            if isinstance(item, VnextractError):
                failures += 1
                _report(item, "input")
                continue
            if args.url and len(args.inputs) == 1:
                item = replace(item, url=args.url)
            try:
                record = process(item, nlp, settings, published=args.published)
            except VnextractError as error:
                failures += 1
                _report(error, _input_name(item, "input"))
                continue
            out.write(record.model_dump_json(exclude_none=False) + "\n")
            out.flush()
    return 1 if failures else 0


def _report(error: VnextractError, name: str) -> None:
    print(f"vnextract: {name}: [{error.code}] {error.reason}", file=sys.stderr)


def run_schema(_args: argparse.Namespace) -> int:
    """`vnextract schema`: the JSON Schema of a record."""
    from vnextract.models import record_json_schema

    print(json.dumps(record_json_schema(), ensure_ascii=False, indent=2))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="vnextract", description="Turn Vietnamese news articles into structured records."
    )
    parser.add_argument("--version", action="version", version=f"vnextract {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging (-vv: debug)")
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="extract records from files, URLs or stdin")
    extract.add_argument("inputs", nargs="+", metavar="PATH_OR_URL",
                         help=".txt, .html, a folder, .jsonl, .warc(.gz), an http(s) URL, or - for stdin")
    extract.add_argument("--published", type=iso_date,
                         help="publication date YYYY-MM-DD (anchors partial and relative dates)")
    extract.add_argument("--url", help="the URL a saved page or text came from (one input only)")
    extract.add_argument("-o", "--output", help="write JSON Lines here instead of stdout")
    extract.add_argument("--allow-private", action="store_true",
                         help="allow fetching from loopback/private addresses (testing)")
    extract.set_defaults(func=run_extract)

    schema = commands.add_parser("schema", help="print the JSON Schema of a record")
    schema.set_defaults(func=run_schema)

    for module_name in SUBCOMMAND_MODULES:
        importlib.import_module(module_name).register(commands)
    return parser


def main(argv: Iterable[str] | None = None) -> int:
    """Entry point of the console script."""
    parser = build_parser()
    args = parser.parse_args(list(argv) if argv is not None else None)
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(args.verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("vnextract: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1


if __name__ == "__main__":
    sys.exit(main())
