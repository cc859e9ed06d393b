"""The `vnextract` command line: extract and schema here, the other stages' subcommands from their
own modules; options every subcommand shares (-v/-q after it too), and one way to end."""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
import textwrap
from collections.abc import Iterable

from vnextract.pipeline import __version__
from vnextract.pipeline.cli_io import (
    CANNOT,
    DONE,
    SOME_FAILED,
    gather_inputs,
    note,
    open_output,
    plural,
    report,
)
from vnextract.pipeline.cli_types import calendar_date, iso_date, positive_int
from vnextract.pipeline.errors import VnextractError
from vnextract.pipeline.settings import Settings, build_settings

LOGGER = logging.getLogger(__name__)

# Stages that bring their own subcommands; each module has `register(subparsers)`.
SUBCOMMAND_MODULES: tuple[str, ...] = (
    "vnextract.pipeline.sources.cli",
    "vnextract.pipeline.sinks.cli",
    "vnextract.pipeline.review.cli",
    "vnextract.pipeline.run_cli",
)
BUILTIN_COMMANDS = ("extract", "schema")
INTERRUPTED = 130  # 128 + SIGINT, as shells report it
DEFAULT_MAX_BYTES = Settings().extract.max_input_bytes
DEFAULT_MAX_TEXT_CHARS = Settings().extract.max_text_chars
DEFAULT_ARTICLE_SECONDS = Settings().extract.article_seconds or 0
LOG_LEVELS = {-1: logging.ERROR, 0: logging.WARNING, 1: logging.INFO, 2: logging.DEBUG}


class HelpFormatter(argparse.HelpFormatter):
    """Descriptions wrapped line by line (a line break starts a paragraph), and every option's
    default in its help unless it already says."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(
            textwrap.fill(line, width, initial_indent=indent, subsequent_indent=indent)
            for line in text.splitlines()
        )

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        default = action.default
        if (
            action.option_strings
            and default not in (None, False, [], argparse.SUPPRESS)
            and "default" not in text.lower()
            and text != argparse.SUPPRESS
        ):
            text += " (default: %(default)s)"
        return text


def add_common_options(parser: argparse.ArgumentParser) -> None:
    """-v/-q on a subcommand, so that they work after it too (`vnextract run corpus/ -v`)."""
    taken = set(parser._option_string_actions)  # argparse has no public look-up
    if not taken & {"-v", "--verbose"}:
        parser.add_argument("-v", "--verbose", dest="verbose_after", action="count", default=0,
                            help="more logging (-vv: debug)")
    if not taken & {"-q", "--quiet"}:
        parser.add_argument("-q", "--quiet", dest="quiet_after", action="count", default=0,
                            help="only errors: no notes, no progress bar")


def show_date_formats(parser: argparse.ArgumentParser) -> None:
    """Every date option shows how to write it: `--since YYYY-MM-DD` in usage and help."""
    for action in parser._actions:
        if action.type in (calendar_date, iso_date) and action.metavar is None:
            action.metavar = "YYYY-MM-DD"


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """Options of every subcommand that reads articles: -i lists, size limit, private hosts."""
    parser.add_argument("-i", "--input-list", action="append", metavar="FILE",
                        help="read inputs from FILE, one path or URL per line ('#' starts a "
                             "comment; - for stdin); may be repeated")
    parser.add_argument("--max-bytes", type=positive_int, metavar="N",
                        help=f"largest input in bytes: file, stdin, JSON Lines line, WARC record, "
                             f"fetched page (default {DEFAULT_MAX_BYTES}); a larger N also raises "
                             f"the body text limit (default {DEFAULT_MAX_TEXT_CHARS} characters) to N")
    parser.add_argument("--article-seconds", type=float, metavar="S",
                        help=f"time one input may take to parse and extract before it is rejected "
                             f"with E040 (default {DEFAULT_ARTICLE_SECONDS:g}; 0: no limit)")
    parser.add_argument("--allow-private", action="store_true",
                        help="allow fetching from loopback/private addresses (testing)")


def input_settings(args: argparse.Namespace) -> Settings:
    """The Settings of a subcommand that reads articles (`settings.build_settings`)."""
    return build_settings(args)


def _input_name(raw_or_error: object, fallback: str) -> str:
    return getattr(raw_or_error, "url", None) or getattr(raw_or_error, "archive", None) or fallback


def run_extract(args: argparse.Namespace) -> int:
    """`vnextract extract`: one JSON record per input on stdout or -o; errors on stderr."""
    from vnextract.pipeline.nlp import shared_nlp
    from vnextract.pipeline.process import process
    from vnextract.pipeline.sinks.jsonl import record_line
    from vnextract.pipeline.sources.inputs import iter_inputs
    from vnextract.pipeline.time_budget import time_budget

    inputs = gather_inputs(args)
    if not inputs:
        print("vnextract extract: give at least one input (PATH_OR_URL, or -i FILE)", file=sys.stderr)
        return CANNOT
    settings = input_settings(args)
    url = args.url if len(inputs) == 1 else None
    if args.url and url is None:
        LOGGER.warning("--url applies to one input; it is ignored for %d inputs", len(inputs))
    failures = written = 0
    with open_output(args.output) as out:  # before the Language loads: a bad -o fails at once
        nlp = shared_nlp()
        stdin = sys.stdin.buffer if "-" in inputs else None
        for item in iter_inputs(inputs, settings, stdin=stdin):
            if isinstance(item, VnextractError):
                failures += 1
                report("extract", item, "input")
                continue
            try:
                with time_budget(settings.extract.article_seconds):  # a runaway input: E040
                    record = process(item, nlp, settings, published=args.published, url=url)
            except VnextractError as error:
                failures += 1
                report("extract", error, _input_name(item, "input"))
                continue
            out.write(record_line(record) + "\n")
            out.flush()
            written += 1
    if args.output:
        failed = f"; {plural(failures, 'input')} failed" if failures else ""
        note(args, "extract", f"{plural(written, 'record')} written to {args.output}{failed}")
    return SOME_FAILED if failures else DONE


def run_schema(_args: argparse.Namespace) -> int:
    """`vnextract schema`: the JSON Schema of a record."""
    from vnextract.models import record_json_schema

    print(json.dumps(record_json_schema(), ensure_ascii=False, indent=2))
    return DONE


def _add_builtin_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    extract = commands.add_parser(
        "extract",
        help="extract records from files, URLs or stdin",
        description=(
            "Extract one JSON record per input, as JSON Lines on stdout or in -o FILE. An input "
            "that cannot become a record gives one line on stderr with its error code and reason, "
            "and the others still go through.\n"
            "Dates are written YYYY-MM-DD. Exit status: 0 every input became a record, 1 some "
            "failed, 2 the command could not run (usage, an output it cannot write), 130 "
            "interrupted."
        ),
    )
    extract.add_argument("inputs", nargs="*", metavar="PATH_OR_URL",
                         help=".txt, .html, a folder, .jsonl, .warc(.gz), an http(s) URL, or - for stdin")
    extract.add_argument("--published", type=iso_date, metavar="YYYY-MM-DD",
                         help="publication date (anchors partial and relative dates; wins over the page's)")
    extract.add_argument("--url", help="the URL a saved page or text came from (one input only; "
                                       "wins over the page's canonical link)")
    extract.add_argument("-o", "--output", metavar="FILE",
                         help="write JSON Lines here instead of stdout (missing folders are made)")
    add_input_options(extract)
    extract.set_defaults(func=run_extract)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of a record",
        description="Print the JSON Schema of the records vnextract writes (pydantic models of "
                    "the record contract), e.g. to validate records in another program.",
    )
    schema.set_defaults(func=run_schema)


def build_parser(only_builtin: bool = False) -> argparse.ArgumentParser:
    """The argument parser of every subcommand (`only_builtin`: extract and schema alone)."""
    parser = argparse.ArgumentParser(
        prog="vnextract",
        description="Turn Vietnamese news articles into structured, validated JSON records.",
        epilog="Run `vnextract COMMAND --help` for a command's options.",
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"vnextract {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging (-vv: debug)")
    parser.add_argument("-q", "--quiet", action="count", default=0,
                        help="only errors: no notes, no progress bar")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_builtin_commands(commands)
    if not only_builtin:
        for module_name in SUBCOMMAND_MODULES:
            importlib.import_module(module_name).register(commands)
    for subparser in commands.choices.values():
        subparser.formatter_class = HelpFormatter
        add_common_options(subparser)
        show_date_formats(subparser)
    return parser


def _builtin_command(argv: list[str]) -> bool:
    """Whether argv names `extract` or `schema`: then the other stages' CLI modules (requests,
    WARC, SQLAlchemy, the run) need not be imported, which is a third of a one-article start-up."""
    words = [word for word in argv if not word.startswith("-")]
    return bool(words) and words[0] in BUILTIN_COMMANDS


def verbosity(args: argparse.Namespace) -> int:
    """-v minus -q, counted before and after the subcommand."""
    count: int = (args.verbose + getattr(args, "verbose_after", 0)
                  - args.quiet - getattr(args, "quiet_after", 0))
    return count


def main(argv: Iterable[str] | None = None) -> int:
    """Entry point of the console script: the subcommand's exit status, 2 when it cannot run
    (one line on stderr, no traceback), 130 on Ctrl-C."""
    command = ""
    try:
        arguments = list(argv) if argv is not None else sys.argv[1:]
        args = build_parser(only_builtin=_builtin_command(arguments)).parse_args(arguments)
        command = args.command
        args.verbosity = verbosity(args)
        level = LOG_LEVELS[max(-1, min(args.verbosity, 2))]
        logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
        status: int = args.func(args)  # each subcommand's handler returns its exit status
        return status
    except VnextractError as error:  # the command itself cannot go on: output, database, -i list
        report(command, error)
        return CANNOT
    except KeyboardInterrupt:
        print("vnextract: interrupted", file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:
        return SOME_FAILED


if __name__ == "__main__":
    sys.exit(main())
