"""The `vnextract export` and `vnextract query` subcommands (read-only over a records database)."""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import decimal
import json
import logging
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from vnextract.pipeline.cli_io import CANNOT, DatabaseError, database_cause, note, plural, report
from vnextract.pipeline.sinks import DEFAULT_URL, EXPORT_FORMATS

LOGGER = logging.getLogger(__name__)

DEFAULT_MAX_WIDTH = 60


def register(subparsers: Any) -> None:
    """Add the `export` and `query` subcommands to an argparse subparsers object."""
    export = subparsers.add_parser(
        "export",
        help="export records (jsonl) or one table (csv, parquet) from a database",
        description=(
            "Export a vnextract database. jsonl without --table: one full record per line, as "
            "`vnextract extract` prints them. csv and parquet: one table, one row per line "
            "(articles without the record JSON). Tables: articles, persons, titles, officials "
            "(view), organizations, locations, dates, statistics, documents, mentions, rejections."
        ),
    )
    export.add_argument("--db", default=DEFAULT_URL, help=f"database URL (default {DEFAULT_URL})")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="jsonl", help="output format")
    export.add_argument("-o", "--output", metavar="FILE",
                        help="output file (default stdout; required for parquet; missing folders are made)")
    export.add_argument("--table", help="table or view to export (required for csv and parquet)")
    export.set_defaults(func=run_export)

    query = subparsers.add_parser(
        "query",
        help="run one read-only SQL query (SELECT or WITH) and print the rows",
        description=(
            "Run one SELECT or WITH statement on a vnextract database opened read-only, and print "
            'the rows as a table, or as JSON Lines with --json. Quote the column "end" in SQL.'
        ),
    )
    query.add_argument("sql", help='the statement, e.g. "SELECT name FROM persons LIMIT 5"')
    query.add_argument("--db", default=DEFAULT_URL, help=f"database URL (default {DEFAULT_URL})")
    query.add_argument("--json", action="store_true", help="one JSON object per row")
    query.add_argument("--max-width", type=int, default=DEFAULT_MAX_WIDTH,
                       help=f"cut table cells to this many characters (default {DEFAULT_MAX_WIDTH}, 0: never)")
    query.set_defaults(func=run_query)


def _fail(command: str, message: str) -> int:
    print(f"vnextract {command}: {message}", file=sys.stderr)
    return CANNOT


def run_export(args: argparse.Namespace) -> int:
    """`vnextract export`: records or one table out of a database."""
    from sqlalchemy.exc import SQLAlchemyError  # imported here: building the parser stays quick

    from vnextract.pipeline.sinks.engine import DatabaseURLError
    from vnextract.pipeline.sinks.export import ExportError, export

    try:
        count = export(args.db, args.format, args.output, args.table)
    except (ExportError, DatabaseURLError) as error:
        return _fail("export", str(error))
    except SQLAlchemyError as error:
        report("export", DatabaseError(error))
        return CANNOT
    if args.output:
        what = plural(count, "record" if args.format == "jsonl" and not args.table else "row")
        note(args, "export", f"exported {what} to {args.output}")
    return 0


def json_value(value: Any) -> Any:
    """A database cell as JSON-ready data."""
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (bytes, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _cell(value: Any, max_width: int) -> str:
    if value is None:
        text = ""
    elif isinstance(value, (dict, list)):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(json_value(value))
    text = text.replace("\n", " ")
    if max_width and len(text) > max_width:
        text = text[: max_width - 1] + "…"
    return text


def print_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], out: TextIO,
                max_width: int = DEFAULT_MAX_WIDTH) -> None:
    """Rows as an aligned text table with a header line, then a row count."""
    cells = [[_cell(v, max_width) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    out.write(" | ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip() + "\n")
    out.write("-+-".join("-" * w for w in widths) + "\n")
    out.writelines(" | ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() + "\n" for row in cells)
    out.write(f"({len(cells)} row{'s' if len(cells) != 1 else ''})\n")


def run_query(args: argparse.Namespace) -> int:
    """`vnextract query`: one read-only statement; rows as a table or JSON Lines on stdout."""
    from sqlalchemy.exc import SQLAlchemyError

    from vnextract.pipeline.sinks.engine import DatabaseURLError
    from vnextract.pipeline.sinks.query import QueryRefused, open_query

    try:
        with open_query(args.db, args.sql) as result:
            columns = list(result.keys())
            if args.json:
                for row in result:  # streamed: a large result never sits in memory
                    obj = {c: json_value(v) for c, v in zip(columns, row)}
                    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
            else:
                print_table(columns, result.all(), sys.stdout, args.max_width)
    except (QueryRefused, DatabaseURLError) as error:
        return _fail("query", str(error))
    except SQLAlchemyError as error:
        if getattr(error, "statement", None) is None:  # no statement ran: the database itself failed
            report("query", DatabaseError(error))
            return CANNOT
        return _fail("query", f"query failed: {database_cause(error)}")  # the driver says what is wrong
    return 0
