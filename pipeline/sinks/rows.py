"""A record flattened into database rows: one `articles` row plus rows for each child table."""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

from vnextract.models import Entity, Mention, Person, Record
from vnextract.pipeline.sinks.engine import JsonText

LOGGER = logging.getLogger(__name__)

Row = dict[str, Any]

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


def article_row(record: Record, dumped: JsonText, now: dt.datetime) -> Row:
    """The `articles` row of a record (`record`, `dumped` from `record_json`)."""
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
    }


def merged_persons(record: Record) -> list[Person]:
    """`persons` and `officials` as one list by name (officials are persons with titles)."""
    merged: dict[str, Person] = {}
    for person in [*record.persons, *record.officials]:
        entry = merged.get(person.name)
        if entry is None:
            merged[person.name] = person.model_copy(
                update={"titles": list(person.titles), "mentions": list(person.mentions)}
            )
            continue
        for title in person.titles:
            if title not in entry.titles:
                entry.titles.append(title)
        for mention in person.mentions:
            if mention not in entry.mentions:
                entry.mentions.append(mention)
    return list(merged.values())


def _span(item: Mention) -> Row:
    return {"start": item.start, "end": item.end, "text": item.text}


def child_rows(record: Record) -> dict[str, list[Row]]:
    """Rows of every child table for one record, keyed by table name."""
    article_id = record.id
    rows: dict[str, list[Row]] = {
        name: [] for name in
        ("persons", "titles", "organizations", "locations", "dates", "statistics", "documents", "mentions")
    }
    mentions = rows["mentions"]

    def add_mentions(field: str, owner_no: int, owner: Person | Entity) -> None:
        for mention in owner.mentions:
            mentions.append({
                "article_id": article_id, "mention_no": len(mentions), "field": field,
                "owner_no": owner_no, "owner_name": owner.name, **_span(mention),
            })

    for person_no, person in enumerate(merged_persons(record)):
        rows["persons"].append({"article_id": article_id, "person_no": person_no, "name": person.name})
        for title_no, title in enumerate(person.titles):
            rows["titles"].append({
                "article_id": article_id, "person_no": person_no, "title_no": title_no,
                "text": title.text, "role": title.role, "organization": title.organization,
            })
        add_mentions("persons", person_no, person)
    for table, entities in (("organizations", record.organizations), ("locations", record.locations)):
        for entity_no, entity in enumerate(entities):
            rows[table].append({
                "article_id": article_id, "entity_no": entity_no, "name": entity.name, "kind": entity.kind,
            })
            add_mentions(table, entity_no, entity)
    for date_no, date in enumerate(record.dates):
        rows["dates"].append({
            "article_id": article_id, "date_no": date_no, **_span(date),
            "value": date.value, "granularity": date.granularity, "kind": date.kind,
        })
    for statistic_no, stat in enumerate(record.statistics):
        rows["statistics"].append({
            "article_id": article_id, "statistic_no": statistic_no, **_span(stat),
            "value": stat.value, "low": stat.low, "high": stat.high, "total": stat.total,
            "unit": stat.unit, "subject": stat.subject, "qualifier": stat.qualifier,
            "kind": stat.kind, "target": bool(stat.target), "period": stat.period,
        })
    for document_no, document in enumerate(record.documents):
        rows["documents"].append({
            "article_id": article_id, "document_no": document_no, **_span(document),
            "kind": document.kind, "number": document.number, "date": document.date,
            "issuer": document.issuer, "title": document.title,
        })
    return rows
