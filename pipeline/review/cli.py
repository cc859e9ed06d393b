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

from vnextract.pipeline.cli_io import (
    DatabaseError,
    gather_inputs,
    note,
    open_output,
    output_path,
    plural,
)

LOGGER = logging.getLogger(__name__)

# Exit statuses of `diff`: CI gates on 1; 2 means the command itself was wrong or could not read.
SAME, DIFFERENT, USAGE = 0, 1, 2


def _usage(command: str, message: str) -> int:
    print(f"vnextract {command}: {message}", file=sys.stderr)
    return USAGE


def _output_choice(args: argparse.Namespace) -> tuple[str, str | None]:
    """(format, file) from --format/-o, with --html FILE as the short form of both."""
    if args.html:
        return "html", args.html
    return args.format, args.output


def _add_output_options(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    """The one output convention of `diff` and `show`: --format and -o, or --html FILE."""
    parser.add_argument("--format", choices=formats, default="text",
                        help="text for a terminal" + (", json for programs" if "json" in formats else "")
                        + ", html for a review page")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write here instead of stdout (missing folders are made)")
    parser.add_argument("--html", metavar="FILE", help="short for --format html -o FILE")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="colour the text format (auto: only on a terminal)")


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
        cause = error.__cause__
        if cause is not None and hasattr(cause, "orig"):  # a database's error: the driver's words
            return _usage("diff", f"{error.args[0].split(':')[0]}: [E051] {DatabaseError(cause).reason}")
        return _usage("diff", str(error))

    fmt, output = _output_choice(args)
    with open_output(output) as out:
        if fmt == "json":
            out.write(render_json(diff))
        elif fmt == "html":
            out.write(render_html(diff))
        else:
            out.write(render_text(diff, color=_use_color(args.color, out)))
    if output:
        note(args, "diff", f"{'no differences' if diff.empty else 'differences'} written to {output}")
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


def _records_from_articles(args: argparse.Namespace, articles: list[str]) -> tuple[list[dict[str, Any]], int]:
    from vnextract.pipeline.cli import input_settings
    from vnextract.pipeline.errors import VnextractError
    from vnextract.pipeline.nlp import shared_nlp
    from vnextract.pipeline.process import process
    from vnextract.pipeline.sources.inputs import iter_inputs

    settings, nlp = input_settings(args), shared_nlp()
    records, failures = [], 0
    stdin = sys.stdin.buffer if "-" in articles else None
    url = args.url if len(articles) == 1 else None
    for item in iter_inputs(articles, settings, stdin=stdin):
        try:
            if isinstance(item, VnextractError):
                raise item
            records.append(process(item, nlp, settings, published=args.published, url=url).model_dump())
        except VnextractError as error:
            failures += 1
            name = getattr(item, "url", None) or getattr(item, "archive", None) or "input"
            print(f"vnextract show: {name}: [{error.code}] {error.reason}", file=sys.stderr)
    return records, failures


def run_show(args: argparse.Namespace) -> int:
    """`vnextract show`: the text with extracted spans highlighted, in the terminal or as HTML."""
    from vnextract.pipeline.review.show import render_page, render_terminal

    articles = gather_inputs(args, "articles")
    if not articles:
        return _usage("show", "give at least one article (ARTICLE, or -i FILE)")
    fmt, output = _output_choice(args)
    if output:
        output_path(output)  # a bad output fails before any extraction
    records, failures = _records_from_jsonl(articles) if args.records else _records_from_articles(args, articles)
    with open_output(output) as out:
        if fmt == "html":
            out.write(render_page(records))
        else:
            color = _use_color(args.color, out)
            out.write("\n".join(render_terminal(record, color=color) for record in records))
    if output:
        note(args, "show", f"{plural(len(records), 'record')} written to {output}")
    return 1 if failures or not records else 0


def register(subparsers: Any) -> None:
    """Add the `diff` and `show` subcommands to an argparse subparsers object."""
    from vnextract.pipeline.cli import add_input_options
    from vnextract.pipeline.cli_types import iso_date

    diff = subparsers.add_parser(
        "diff",
        help="field-by-field differences between two record sets, or the corpus and the current output",
        description=(
            "Compare records matched by id (JSON Lines files, or sqlite:///... and postgresql://... "
            "databases written by `vnextract run`), or with --golden each corpus article's expected "
            "record against the current output. Output as text, JSON or an HTML page (--format, -o, or "
            "--html FILE as in `show`).\n"
            "Exit status: 0 no differences, 1 differences, 2 usage or a side that cannot be read."
        ),
    )
    diff.add_argument("sides", nargs="*", metavar="OLD NEW", help="two .jsonl files or database URLs")
    diff.add_argument("--golden", type=Path, metavar="CORPUS", help="expected records of a corpus vs current output")
    _add_output_options(diff, ("text", "json", "html"))
    diff.set_defaults(func=run_diff)

    show = subparsers.add_parser(
        "show",
        help="an article's text with its extracted spans highlighted",
        description="Extract an article and show its text with persons, organisations, places, dates, "
        "statistics and documents highlighted, on the terminal or as an HTML review page (values on "
        "hover): --format html -o FILE, or --html FILE, as in `diff`. Dates are written YYYY-MM-DD.\n"
        "Exit status: 0 every article shown, 1 some failed, 2 usage or an output it cannot write.",
    )
    show.add_argument("articles", nargs="*", metavar="ARTICLE",
                      help="what `extract` accepts (.txt, .html, folder, URL, -), or record .jsonl with --records")
    show.add_argument("--published", type=iso_date, metavar="YYYY-MM-DD", help="publication date")
    show.add_argument("--url", help="the URL a saved page or text came from (one input only)")
    show.add_argument("--records", action="store_true", help="ARTICLE files are JSON Lines of records: no extraction")
    _add_output_options(show, ("text", "html"))
    add_input_options(show)
    show.set_defaults(func=run_show)
