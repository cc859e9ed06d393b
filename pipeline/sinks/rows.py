"""A record flattened into database rows: one `articles` row plus rows for each child table."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import marshal
import re
from dataclasses import dataclass
from typing import Any

TableRow = tuple[Any, ...]  # one table row, its values in the table's column order, as the driver takes them

from vnextract.models import Mention, Record

LOGGER = logging.getLogger(__name__)

Row = dict[str, Any]


class JsonText(str):
    """JSON already serialised: the engine's JSON serialiser passes it through as it is."""


# Columns of each child table in the order of its CREATE TABLE (`pipeline.sinks.schema`); the
# tuples of `child_rows` follow it (tests/test_sinks_database.py checks the two agree).
CHILD_COLUMNS: dict[str, tuple[str, ...]] = {
    "persons": ("article_id", "person_no", "name"),
    "titles": ("article_id", "person_no", "title_no", "text", "role", "organization"),
    "organizations": ("article_id", "entity_no", "name", "kind"),
    "locations": ("article_id", "entity_no", "name", "kind", "province"),
    "dates": ("article_id", "date_no", "start", "end", "text", "value", "granularity", "kind"),
    "statistics": ("article_id", "statistic_no", "start", "end", "text", "value", "low", "high",
                   "total", "unit", "subject", "qualifier", "kind", "target", "period"),
    "documents": ("article_id", "document_no", "start", "end", "text", "kind", "number", "date",
                  "issuer", "title"),
    "mentions": ("article_id", "mention_no", "field", "owner_no", "owner_name", "start", "end",
                 "text"),
}

# Columns of `articles` in the order of its CREATE TABLE: the order of an article row's values
# (written out, as CHILD_COLUMNS, so that a worker building rows need not import SQLAlchemy).
ARTICLE_COLUMNS: tuple[str, ...] = ("id", "url", "outlet", "title", "published_at", "text", "extractor_version",
                                    "schema_version", "record", "updated_at", "rows_digest")

# A JSON escape of NUL, not preceded by an escaped backslash (`\\u0000` is text, not NUL).
_NUL_ESCAPE = re.compile(rb"(?<!\\)((?:\\\\)*)\\u0000")


def record_json_utf8(record: Record) -> tuple[Record, bytes]:
    """The record and its JSON in UTF-8 (`model_dump_json`'s, before it is decoded: PostgreSQL's
    COPY takes it as it is); NUL characters (refused by PostgreSQL) become U+FFFD in both."""
    dumped = record.__pydantic_serializer__.to_json(record)
    if b"\\u0000" in dumped:
        # One character for one: offsets into `text` stay right, and both databases agree.
        LOGGER.warning("record %s: NUL characters replaced by U+FFFD", record.id)
        dumped = _NUL_ESCAPE.sub(lambda m: m.group(1) + "\ufffd".encode(), dumped)
        record = Record.model_validate_json(dumped)
    return record, dumped


def record_json(record: Record) -> tuple[Record, JsonText]:
    """The record and its JSON text (`record_json_utf8` decoded: what SQLite and Parquet take)."""
    record, dumped = record_json_utf8(record)
    return record, JsonText(dumped.decode())


def article_row(record: Record, dumped: JsonText | bytes, now: dt.datetime | None, digest: str | None = None) -> Row:
    """The `articles` row of a record (`record`, `dumped` from `record_json` or, for
    PostgreSQL, `record_json_utf8`; `digest` of its child rows from `rows_digest`; `now` None
    when the loader stamps the row as it writes it)."""
    return {
        "id": record.id,
        "url": record.source.url,
        "outlet": record.source.outlet,
        "title": record.title,
        "published_at": record.published_at,
        "text": record.text,
        "extractor_version": record.extractor.version,
        "schema_version": record.schema_version,
        "record": dumped,
        "updated_at": now,
        "rows_digest": digest,
    }


def _merged(record: Record) -> dict[str, tuple[dict[TableRow, None], dict[TableRow, None]]]:
    """Each person of the record by name (`persons` and `officials` together: officials are
    persons with titles), first seen first, with the values of their titles (text, role,
    organisation) and of their mentions (start, end, text), each once, in the order first seen.

    Kept as plain tuples in insertion-ordered dicts: comparing and copying models took half of
    the loader's time.
    """
    merged: dict[str, tuple[dict[TableRow, None], dict[TableRow, None]]] = {}
    for person in (*record.persons, *record.officials):
        entry = merged.get(person.name)
        if entry is None:
            entry = merged[person.name] = ({}, {})
        titles, mentions = entry
        for title in person.titles:
            titles[title.text, title.role, title.organization] = None
        for mention in person.mentions:
            mentions[mention.start, mention.end, mention.text] = None
    return merged


def rows_digest(children: dict[str, list[TableRow]]) -> str:
    """A digest of an article's child rows (`child_rows`): equal digests, equal rows. Marshal's
    version 2 writes values only (no back-references, which follow how objects are shared), and
    at a fifth of repr's cost."""
    return hashlib.blake2b(marshal.dumps(children, 2), digest_size=16).hexdigest()


def child_rows(record: Record) -> dict[str, list[TableRow]]:
    """Rows of every child table for one record, keyed by table name, each a tuple of the
    table's columns in schema order (`CHILD_COLUMNS`): what COPY and executemany take as is."""
    article_id = record.id
    rows: dict[str, list[TableRow]] = {name: [] for name in CHILD_COLUMNS}
    mentions = rows["mentions"]

    def add_mentions(field: str, owner_no: int, owner_name: str, owned: list[Mention]) -> None:
        for mention in owned:
            mentions.append((article_id, len(mentions), field, owner_no, owner_name,
                             mention.start, mention.end, mention.text))

    persons, titles = rows["persons"], rows["titles"]
    for person_no, (name, (person_titles, person_mentions)) in enumerate(_merged(record).items()):
        persons.append((article_id, person_no, name))
        titles.extend([(article_id, person_no, title_no, *title)
                       for title_no, title in enumerate(person_titles)])
        mentions.extend([(article_id, len(mentions) + mention_no, "persons", person_no, name, *span)
                         for mention_no, span in enumerate(person_mentions)])
    for entity_no, entity in enumerate(record.organizations):
        rows["organizations"].append((article_id, entity_no, entity.name, entity.kind))
        add_mentions("organizations", entity_no, entity.name, entity.mentions)
    for entity_no, entity in enumerate(record.locations):
        rows["locations"].append((article_id, entity_no, entity.name, entity.kind, entity.province))
        add_mentions("locations", entity_no, entity.name, entity.mentions)
    rows["dates"] = [
        (article_id, date_no, date.start, date.end, date.text, date.value, date.granularity, date.kind)
        for date_no, date in enumerate(record.dates)
    ]
    rows["statistics"] = [
        (article_id, statistic_no, stat.start, stat.end, stat.text, stat.value, stat.low, stat.high,
         stat.total, stat.unit, stat.subject, stat.qualifier, stat.kind, bool(stat.target), stat.period)
        for statistic_no, stat in enumerate(record.statistics)
    ]
    rows["documents"] = [
        (article_id, document_no, document.start, document.end, document.text, document.kind,
         document.number, document.date, document.issuer, document.title)
        for document_no, document in enumerate(record.documents)
    ]
    return rows


@dataclass(frozen=True, slots=True)
class RecordRows:
    """A record flattened into its database rows, ready for the loader.

    Built where the record is made (a `run` worker): the process that writes only copies them,
    and they cross from worker to writer as plain values, pickled at a twentieth of the cost of
    the record's models. `article` holds the `articles` columns in `ARTICLE_COLUMNS` order, the
    record's JSON as UTF-8 bytes and `updated_at` left None: the loader stamps it when it writes.
    """

    id: str
    article: TableRow
    children: dict[str, list[TableRow]]


def record_rows(record: Record) -> RecordRows:
    """The rows of a record (`record_json_utf8`, `child_rows`, `rows_digest`, `article_row`)."""
    record, dumped = record_json_utf8(record)
    children = child_rows(record)
    row = article_row(record, dumped, None, rows_digest(children))
    return RecordRows(record.id, tuple(row[name] for name in ARTICLE_COLUMNS), children)
