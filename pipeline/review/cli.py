"""The `vnextract diff` and `vnextract show` subcommands (review of extraction results)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TextIO

LOGGER = logging.getLogger(__name__)

# Exit statuses of `diff`: CI gates on 1; 2 means the command itself was wrong or could not read.
SAME, DIFFERENT, USAGE = 0, 1, 2


def _usage(command: str, message: str) -> int:
    print(f"vnextract {command}: {message}", file=sys.stderr)
    return USAGE


def _use_color(choice: str, out: TextIO) -> bool:
    if choice != "auto":
        return choice == "always"
    return out.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _close(sources: list[Any]) -> None:
    for source in sources:
        if hasattr(source, "close"):
            source.close()


def run_diff(args: argparse.Namespace) -> int:
    """`vnextract diff`: exit 0 when both sides agree, 1 when they differ, 2 on usage errors."""
    from vnextract.pipeline.review.diff import diff_records
    from vnextract.pipeline.review.golden import golden_diff
    from vnextract.pipeline.review.render import render_html, render_json, render_text
    from vnextract.pipeline.review.sources import RecordSourceError, open_records

    if args.golden is not None:
        if args.sides:
            return _usage("diff", "give either --golden CORPUS or OLD NEW, not both")
        if not args.golden.is_dir():
            return _usage("diff", f"{args.golden}: not a corpus folder")
    elif len(args.sides) != 2:
        return _usage("diff", "give two record sources: OLD NEW (JSON Lines files or database URLs)")

    try:
        with ExitStack() as sources:
            if args.golden is not None:
                diff = golden_diff(args.golden)
            else:
                old, new = args.sides
                sides = [open_records(old)]
                sources.callback(_close, sides)
                sides.append(open_records(new))
                diff = diff_records(sides[0], sides[1], old_name=old, new_name=new)
    except RecordSourceError as error:
        return _usage("diff", str(error))

    with ExitStack() as stack:
        out: TextIO = (
            stack.enter_context(open(args.output, "w", encoding="utf-8")) if args.output else sys.stdout
        )
        if args.format == "json":
            out.write(render_json(diff))
        elif args.format == "html":
            out.write(render_html(diff))
        else:
            out.write(render_text(diff, color=_use_color(args.color, out)))
    return SAME if diff.empty else DIFFERENT


def _records_from_jsonl(paths: list[str]) -> tuple[list[dict[str, Any]], int]:
    records, failures = [], 0
    for path in paths:
        try:
            with open(path, encoding="utf-8") as handle:
                records += [json.loads(line) for line in handle if line.strip()]
        except (OSError, ValueError) as error:
            failures += 1
            print(f"vnextract show: {path}: {error}", file=sys.stderr)
    return records, failures


def _records_from_articles(args: argparse.Namespace) -> tuple[list[dict[str, Any]], int]:
    from dataclasses import replace

    from vnextract.pipeline.errors import VnextractError
    from vnextract.pipeline.nlp import shared_nlp
    from vnextract.pipeline.process import process
    from vnextract.pipeline.settings import Settings
    from vnextract.pipeline.sources.inputs import iter_inputs

    settings, nlp = Settings(), shared_nlp()
    records, failures = [], 0
    stdin = sys.stdin.buffer if "-" in args.articles else None
    for item in iter_inputs(args.articles, settings, stdin=stdin):
        try:
            if isinstance(item, VnextractError):
                raise item
            if args.url and len(args.articles) == 1:
                item = replace(item, url=args.url)
            records.append(process(item, nlp, settings, published=args.published).model_dump())
        except VnextractError as error:
            failures += 1
            name = getattr(item, "url", None) or getattr(item, "archive", None) or "input"
            print(f"vnextract show: {name}: [{error.code}] {error.reason}", file=sys.stderr)
    return records, failures


def run_show(args: argparse.Namespace) -> int:
    """`vnextract show`: the text with extracted spans highlighted, in the terminal or as HTML."""
    from vnextract.pipeline.review.show import render_page, render_terminal

    records, failures = _records_from_jsonl(args.articles) if args.records else _records_from_articles(args)
    if args.html:
        Path(args.html).write_text(render_page(records), encoding="utf-8")
        LOGGER.info("wrote %s (%d records)", args.html, len(records))
    else:
        color = _use_color(args.color, sys.stdout)
        sys.stdout.write("\n".join(render_terminal(record, color=color) for record in records))
    return 1 if failures or not records else 0


def register(subparsers: Any) -> None:
    """Add the `diff` and `show` subcommands to an argparse subparsers object."""
    from vnextract.pipeline.cli_types import iso_date

    diff = subparsers.add_parser(
        "diff",
        help="field-by-field differences between two record sets, or the corpus and the current output",
        description=(
            "Compare records matched by id (JSON Lines files, or sqlite:///... and postgresql://... "
            "databases written by `vnextract run`), or with --golden each corpus article's expected "
            "record against the current output. Exit status: 0 no differences, 1 differences, 2 usage."
        ),
    )
    diff.add_argument("sides", nargs="*", metavar="OLD NEW", help="two .jsonl files or database URLs")
    diff.add_argument("--golden", type=Path, metavar="CORPUS", help="expected records of a corpus vs current output")
    diff.add_argument("--format", choices=("text", "json", "html"), default="text")
    diff.add_argument("-o", "--output", help="write here instead of stdout")
    diff.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                      help="colour the text format (auto: only on a terminal)")
    diff.set_defaults(func=run_diff)

    show = subparsers.add_parser(
        "show",
        help="an article's text with its extracted spans highlighted",
        description="Extract an article and show its text with persons, organisations, places, dates, "
        "statistics and documents highlighted; --html writes a review page (values on hover).",
    )
    show.add_argument("articles", nargs="+", metavar="ARTICLE",
                      help="what `extract` accepts (.txt, .html, folder, URL, -), or record .jsonl with --records")
    show.add_argument("--published", type=iso_date, help="publication date YYYY-MM-DD")
    show.add_argument("--url", help="the URL a saved page or text came from (one input only)")
    show.add_argument("--records", action="store_true", help="ARTICLE files are JSON Lines of records: no extraction")
    show.add_argument("--html", metavar="FILE", help="write an HTML review page here")
    show.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    show.set_defaults(func=run_show)
