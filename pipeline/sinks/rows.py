"""A record flattened into database rows: one `articles` row plus rows for each child table."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import marshal
import re
from typing import Any

TableRow = tuple[Any, ...]  # one table row, its values in the table's column order, as the driver takes them

from vnextract.models import Mention, Person, Record, Title
from vnextract.pipeline.sinks.engine import JsonText

LOGGER = logging.getLogger(__name__)

Row = dict[str, Any]

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

# A JSON escape of NUL, not preceded by an escaped backslash (`\\u0000` is text, not NUL).
_NUL_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\u0000")


def record_json(record: Record) -> tuple[Record, JsonText]:
    """The record and its JSON text; NUL characters (refused by PostgreSQL) become U+FFFD in both."""
    dumped = record.model_dump_json()
    if "\\u0000" in dumped:
        # One character for one: offsets into `text` stay right, and both databases agree.
        LOGGER.warning("record %s: NUL characters replaced by U+FFFD", record.id)
        dumped = _NUL_ESCAPE.sub(lambda m: m.group(1) + "\ufffd", dumped)
        record = Record.model_validate_json(dumped)
    return record, JsonText(dumped)


def article_row(record: Record, dumped: JsonText, now: dt.datetime, digest: str | None = None) -> Row:
    """The `articles` row of a record (`record`, `dumped` from `record_json`; `digest` of its
    child rows from `rows_digest`)."""
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


def merged_persons(record: Record) -> list[Person]:
    """`persons` and `officials` as one list by name (officials are persons with titles)."""
    merged: dict[str, Person] = {}
    for name, titles, mentions in _merged(record):
        merged[name] = Person(name=name, titles=titles, mentions=mentions)
    return list(merged.values())


def _merged(record: Record) -> list[tuple[str, list[Title], list[Mention]]]:
    """(name, titles, mentions) of every person of the record, merged by name, first seen first.

    Titles and mentions are told apart by their fields (what pydantic's equality compares), kept
    as tuples: comparing models and copying them took half of the loader's time.
    """
    merged: dict[str, tuple[list[Title], list[Mention], set[tuple[object, ...]], set[tuple[object, ...]]]] = {}
    for person in [*record.persons, *record.officials]:
        entry = merged.get(person.name)
        if entry is None:
            entry = merged[person.name] = ([], [], set(), set())
        titles, mentions, title_keys, mention_keys = entry
        for title in person.titles:
            key = (type(title), title.text, title.role, title.organization)
            if key not in title_keys:
                title_keys.add(key)
                titles.append(title)
        for mention in person.mentions:
            mention_key = (type(mention), mention.text, mention.start, mention.end)
            if mention_key not in mention_keys:
                mention_keys.add(mention_key)
                mentions.append(mention)
    return [(name, entry[0], entry[1]) for name, entry in merged.items()]


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
    for person_no, (name, person_titles, person_mentions) in enumerate(_merged(record)):
        persons.append((article_id, person_no, name))
        for title_no, title in enumerate(person_titles):
            titles.append((article_id, person_no, title_no, title.text, title.role, title.organization))
        add_mentions("persons", person_no, name, person_mentions)
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
