"""The `vnextract run` and `vnextract retry` subcommands: a whole archive, or the dead letters of
an earlier run, into a database, in parallel, resumable."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from vnextract.pipeline.cli_io import CANNOT, DatabaseError, gather_inputs, note, plural
from vnextract.pipeline.cli_types import iso_date, positive_int
from vnextract.pipeline.errors import Errors, VnextractError
from vnextract.pipeline.run import DEFAULT_BATCH_SIZE, ENGINES
from vnextract.pipeline.types import RawDocument

LOGGER = logging.getLogger(__name__)

DEFAULT_DB = "sqlite:///records.db"
USAGE_ERROR = CANNOT
EXIT_STATUSES = (
    "Exit status: 0 every input became a record (or was already stored), 1 some were rejected, "
    "2 the command could not run (usage, a database it cannot open or write), 130 interrupted "
    "(what was complete is kept: --resume goes on from there)."
)
# Single-document inputs: a dead letter that kept no bytes is retried by reading its file again.
# An archive or a JSON Lines file is not: reading it again would redo every article in it.
SINGLE_DOCUMENT_KINDS = ("text", "html")
MAX_FIRST_LINE = 4 * 1024 * 1024  # bytes read to tell a dead-letter file from an input file


def _add_database_options(parser: argparse.ArgumentParser) -> None:
    """Options `run` and `retry` share: where records go, how many workers, what to show."""
    parser.add_argument("--db", default=DEFAULT_DB, metavar="URL",
                        help=f"sqlite:///FILE or postgresql://user@host/db (default {DEFAULT_DB})")
    parser.add_argument("-j", "--jobs", type=positive_int, metavar="N",
                        help="worker processes (local, default 1) or Ray actors "
                             "(default: every CPU of the cluster)")
    parser.add_argument("--workers", dest="jobs", type=positive_int, help=argparse.SUPPRESS)
    parser.add_argument("--engine", choices=(*ENGINES, "ray-data"), default="local",
                        help="local processes, or a Ray cluster (RAY_ADDRESS, else a local Ray); "
                             "ray-data: workers read shards and write rows themselves")
    parser.add_argument("--dead-letter", metavar="FILE",
                        help="also append dead letters to this JSON Lines file (`vnextract retry "
                             "FILE` tries them again)")
    parser.add_argument("--published", type=iso_date, metavar="YYYY-MM-DD",
                        help="publication date (wins over the pages' own)")
    parser.add_argument("--batch-size", type=positive_int, default=DEFAULT_BATCH_SIZE, metavar="N",
                        help="articles per database transaction")
    parser.add_argument("--no-progress", action="store_true",
                        help="no progress bar even on a terminal")


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the `run` and `retry` subcommands to an argparse subparsers object; returns run's."""
    from vnextract.pipeline.cli import add_input_options

    parser: argparse.ArgumentParser = subparsers.add_parser(
        "run",
        help="extract a whole archive into a database (parallel, resumable)",
        description=(
            "Extract every input (files, folders, .jsonl, .warc(.gz), URLs) into a database: "
            "records upserted by id in one transaction per batch, inputs that cannot become "
            "records kept as dead letters with their reason (the rejections table, and "
            "--dead-letter FILE). Dates are written YYYY-MM-DD.\n" + EXIT_STATUSES
        ),
    )
    parser.add_argument("inputs", nargs="*", metavar="INPUT",
                        help=".txt, .html, a folder, .jsonl, .warc(.gz), an http(s) URL, "
                             "or - for stdin")
    _add_database_options(parser)
    from vnextract.pipeline.cluster import add_cluster_options

    add_cluster_options(parser)
    parser.add_argument("--resume", action="store_true",
                        help="skip articles already stored by this extractor version")
    add_input_options(parser)
    parser.set_defaults(func=run_command)

    retry = subparsers.add_parser(
        "retry",
        help="extract the dead letters of an earlier run again",
        description=(
            "Read the dead-letter files that `run --dead-letter FILE` wrote and extract each "
            "input again, from the bytes the dead letter kept (or, when it was too large to "
            "keep, from its file or URL), with the publication date it had. Records and new "
            "dead letters go where `run` puts them; a dead letter is replaced by its new outcome. "
            "Dates are written YYYY-MM-DD.\n" + EXIT_STATUSES
        ),
    )
    retry.add_argument("dead_letters", nargs="+", metavar="DEAD.jsonl",
                       help="dead-letter JSON Lines files (as --dead-letter writes them)")
    _add_database_options(retry)
    add_input_options(retry)
    retry.set_defaults(func=retry_command)
    return parser


def _fail(command: str, message: str) -> int:
    print(f"vnextract {command}: {message}", file=sys.stderr)
    return USAGE_ERROR


def _settings(args: argparse.Namespace) -> Any:
    from vnextract.pipeline.cli import input_settings

    return getattr(args, "settings", None) or input_settings(args)


def _open_sink(command: str, args: argparse.Namespace) -> Any:
    """The database sink, or None after one line saying why it cannot be opened."""
    from vnextract.pipeline.sinks.database import DatabaseSink
    from vnextract.pipeline.sinks.engine import DatabaseURLError

    try:
        return DatabaseSink(args.db)
    except DatabaseURLError as exc:
        _fail(command, str(exc))
    except Exception as exc:  # noqa: BLE001 - a server that refuses us, a newer schema, a bad path…
        error = DatabaseError(exc)
        _fail(command, f"cannot open the database {_where(args.db)}: [{error.code}] {error.reason}")
    return None


def _where(db: str) -> str:
    """The database URL without its password, and for SQLite the file it is."""
    from vnextract.pipeline.sinks.engine import normalize_url, redact

    try:
        url = normalize_url(db)
    except Exception:  # noqa: BLE001 - a URL that does not even parse is named as such
        return "(unparsable URL)"
    if url.get_backend_name() == "sqlite" and url.database:
        return f"{redact(url)} (the file {url.database})"
    return str(redact(url))


def _execute(command: str, args: argparse.Namespace, specs: list[str],
             items: Iterable[RawDocument | VnextractError] | None = None) -> int:
    """Run `specs` (or `items` already read) into --db; the summary and where things went."""
    from sqlalchemy.exc import SQLAlchemyError

    from vnextract.pipeline.run import EngineError, run
    from vnextract.pipeline.sinks.database import BatchWriteError

    settings = _settings(args)
    if args.engine == "ray-data":
        return _execute_cluster(command, args, specs, items, settings)
    if args.engine == "ray":
        try:
            import ray  # noqa: F401  (only whether it is installed)
        except ImportError:
            return _fail(command, "--engine ray needs Ray: pip install 'vnextract[ray]'")
    sink = _open_sink(command, args)
    if sink is None:
        return USAGE_ERROR
    quiet = getattr(args, "verbosity", 0) < 0
    try:
        summary = run(
            specs,
            settings,
            sink,
            workers=args.jobs if args.engine == "ray" else (args.jobs or 1),
            engine=args.engine,
            resume=getattr(args, "resume", False),
            batch_size=args.batch_size,
            dead_letter=args.dead_letter,
            progress=False if (args.no_progress or quiet) else None,
            published=args.published,
            stdin=sys.stdin.buffer if "-" in specs else None,
            items=items,
            article_seconds=settings.extract.article_seconds,
        )
    except EngineError as exc:
        return _fail(command, str(exc))
    except (BatchWriteError, SQLAlchemyError) as exc:  # the server went away, the disk is full…
        error = DatabaseError(exc)
        return _fail(command, f"[{error.code}] {error.reason}")
    finally:
        sink.close()
    note(args, command, summary.render())
    note(args, command, f"records are in {_where(args.db)}")
    if summary.rejected_total:
        where = "the database's rejections table"
        if args.dead_letter:
            where += f" and {args.dead_letter} (`vnextract retry {args.dead_letter}` tries them again)"
        note(args, command, f"{plural(summary.rejected_total, 'rejected input')}: in {where}")
    return summary.exit_code


def _execute_cluster(command: str, args: argparse.Namespace, specs: list[str],
                     items: Iterable[RawDocument | VnextractError] | None, settings: Any) -> int:
    """--engine ray-data (pipeline.cluster): the workers read the inputs and write the rows."""
    from vnextract.pipeline.cluster import run_from_args

    if items is not None or args.dead_letter:
        return _fail(command, "--engine ray-data runs over files and folders into --db/--parquet; "
                              "retry and --dead-letter use --engine local or ray")
    try:
        summary = run_from_args(args, specs, settings)
    except VnextractError as exc:
        return _fail(command, f"[{exc.code}] {exc.reason}")
    note(args, command, summary.render())
    note(args, command, f"records are in {_where(args.db)}"
                        + (f" and the Parquet dataset {args.parquet}" if args.parquet else ""))
    return summary.exit_code


def run_command(args: argparse.Namespace) -> int:
    """`vnextract run`: 0 when all inputs became records, 1 when some were rejected, 2 on usage."""
    specs = gather_inputs(args)
    if not specs:
        return _fail("run", "give at least one input (INPUT, or -i FILE)")
    if specs.count("-") > 1:
        return _fail("run", "'-' (stdin) can be given once")
    for spec in specs:
        if is_dead_letter_file(Path(spec)):
            return _fail("run", f"{spec} holds dead letters, not articles: `vnextract retry {spec}` "
                                "extracts them again")
    return _execute("run", args, specs)


def is_dead_letter_file(path: Path) -> bool:
    """Whether a .jsonl file's first line is a dead letter (as --dead-letter writes them)."""
    if path.suffix.lower() != ".jsonl" or not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            line = handle.readline(MAX_FIRST_LINE)
        letter = json.loads(line)
    except (OSError, ValueError):
        return False
    return isinstance(letter, dict) and {"input", "input_key", "payload"} <= letter.keys()


def retry_command(args: argparse.Namespace) -> int:
    """`vnextract retry`: the dead letters' inputs extracted again, into --db."""
    paths = [Path(p) for p in args.dead_letters]
    for path in paths:
        if not path.is_file():
            return _fail("retry", f"{path}: no such dead-letter file")
    settings = _settings(args)
    # Sizes now: letters that this retry appends to one of these files are not read back.
    sizes = [path.stat().st_size for path in paths]
    items = (item for path, size in zip(paths, sizes) for item in retry_inputs(path, settings, size))
    return _execute("retry", args, [str(p) for p in paths], items)


def retry_inputs(path: Path, settings: Any, size: int | None = None) -> Iterator[RawDocument | VnextractError]:
    """The inputs the dead letters of `path` stand for (its first `size` bytes), in file order:
    the bytes a letter kept, else its single file or URL read again, else an E052/E053 error."""
    from vnextract.pipeline.sinks.rejections import raw_from_payload

    limit = path.stat().st_size if size is None else size
    read = 0
    with path.open("rb") as handle:
        for number, line in enumerate(handle, 1):
            read += len(line)
            if read > limit:
                break
            if not line.strip():
                continue
            where = f"{path} line {number}"
            try:
                letter = json.loads(line)
            except ValueError:
                yield VnextractError(Errors.E053, f"{where}: not JSON")
                continue
            payload = letter.get("payload") if isinstance(letter, dict) else None
            if not isinstance(payload, dict) or not isinstance(letter.get("input"), str):
                yield VnextractError(Errors.E053, f"{where}: no 'input' and 'payload'")
                continue
            try:
                raw = raw_from_payload(payload)
            except (TypeError, ValueError) as exc:  # hand-edited payload: bad base64, odd types
                yield VnextractError(Errors.E053, f"{where}: payload unreadable ({exc})")
                continue
            if raw is not None:
                yield raw
            else:
                yield from _read_again(letter["input"], payload, settings, where)


def _read_again(name: str, payload: dict[str, Any], settings: Any, where: str) -> Iterator[RawDocument | VnextractError]:
    """A dead letter's input read again from its URL or its own file (too large to keep)."""
    from vnextract.pipeline.sources.inputs import URL_PREFIXES, input_kind, iter_inputs

    url = payload.get("url") if isinstance(payload.get("url"), str) else None
    spec = url if url and url.lower().startswith(URL_PREFIXES) else None
    if spec is None:
        kind = input_kind(Path(name))
        if Path(name).is_file() and kind is not None and kind[0] in SINGLE_DOCUMENT_KINDS:
            spec = name
    if spec is None:
        yield VnextractError(Errors.E052, f"{where}: {name}")
        return
    published = payload.get("published")
    for item in iter_inputs([spec], settings):
        if isinstance(item, RawDocument) and isinstance(published, str) and not item.published:
            item = replace(item, published=published)
        yield item


def main(argv: Iterable[str] | None = None) -> int:
    """`python -m vnextract.pipeline.run_cli INPUT...`: `vnextract run` alone (tests, scripts)."""
    from vnextract.pipeline.cli import main as cli_main

    return cli_main(["run", *(list(argv) if argv is not None else sys.argv[1:])])


if __name__ == "__main__":
    sys.exit(main())
