"""Doc + Article -> a record as plain dicts (the contract's shape), before validation."""

from __future__ import annotations

import hashlib
from typing import Any

import vnextract.pipeline.spacy_import  # noqa: F401  (first: spaCy without its command line)

# isort: split
from spacy.tokens import Doc, Span

from vnextract.pipeline import __version__
from vnextract.pipeline.extract.values import (
    DATES,
    DOCUMENTS,
    LOCATIONS,
    ORGANIZATIONS,
    PERSONS,
    STATISTICS,
    doc_text,
)
from vnextract.pipeline.types import Article

EXTRACTOR_NAME = "vnextract"


def record_id(url: str | None, text: str) -> str:
    """sha256 of the canonical URL, or of the normalised text when there is no URL."""
    key = url if url else text
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def article_text(article: Article) -> str:
    """The text the extractors read and the record keeps: the sapo (the lead carries the who and
    when of most stories), then the body paragraphs."""
    return "\n".join(((article.sapo,) if article.sapo else ()) + tuple(article.paragraphs))


def article_id(article: Article) -> str:
    """The record id of an article, known before extraction: `run --resume` skips by it and
    `build_record` stamps it, so the two can never disagree."""
    return record_id(article.url, article_text(article))


def _mention(span: Span) -> dict[str, Any]:
    return {"text": span.text, "start": span.start_char, "end": span.end_char}


def _spans(doc: Doc, key: str) -> list[Span]:
    return sorted(doc.spans[key], key=lambda s: (s.start_char, s.end_char)) if key in doc.spans else []


def _title_key(role: str, organization: str | None) -> tuple[str, str | None]:
    return role.casefold(), organization.casefold() if organization else None


def _persons(doc: Doc) -> list[dict[str, Any]]:
    """One entry per person (first-mention order), titles merged across mentions."""
    people: dict[str, dict[str, Any]] = {}
    for span in _spans(doc, PERSONS):
        value = span._.person
        person = people.setdefault(value.name, {"name": value.name, "titles": [], "mentions": []})
        person["mentions"].append(_mention(span))
        # "Phó chủ tịch UBND quận 1" and "Phó Chủ tịch UBND quận 1" are one title written twice
        seen = {_title_key(t["role"], t["organization"]) for t in person["titles"]}
        for title in value.titles:
            if _title_key(title.role, title.organization) not in seen:
                seen.add(_title_key(title.role, title.organization))
                person["titles"].append(
                    {"text": title.text, "role": title.role, "organization": title.organization}
                )
    return list(people.values())


def _entities(doc: Doc, key: str) -> list[dict[str, Any]]:
    entities: dict[tuple[str, str], dict[str, Any]] = {}
    for span in _spans(doc, key):
        value = span._.entity
        entity = entities.setdefault(
            (value.name, value.kind), {"name": value.name, "kind": value.kind, "mentions": []}
        )
        if value.province is not None:  # places only: organisations carry no province
            entity.setdefault("province", value.province)
        entity["mentions"].append(_mention(span))
    return list(entities.values())


def _valued(doc: Doc, key: str, attribute: str) -> list[dict[str, Any]]:
    items = []
    for span in _spans(doc, key):
        items.append({**_mention(span), **vars(getattr(span._, attribute))})
    return items


def build_record(doc: Doc, article: Article, published: str | None) -> dict[str, Any]:
    """The record of one article as a dict shaped like `models.Record`."""
    persons = _persons(doc)
    return {
        "id": article_id(article),
        "source": {
            "url": article.url,
            "outlet": article.outlet,
            "fetched_at": article.fetched_at,
            "archive": article.archive,
        },
        "title": article.title,
        "sapo": article.sapo,
        "author": article.author,
        "published_at": published,
        "text": doc_text(doc),
        "captions": list(article.captions),
        "persons": persons,
        "officials": [p for p in persons if p["titles"]],
        "organizations": _entities(doc, ORGANIZATIONS),
        "locations": _entities(doc, LOCATIONS),
        "documents": _valued(doc, DOCUMENTS, "document"),
        "dates": _valued(doc, DATES, "date"),
        "statistics": _valued(doc, STATISTICS, "statistic"),
        "extractor": {"name": EXTRACTOR_NAME, "version": __version__},
        "warnings": list(article.warnings) + list(doc._.warnings or []),
    }
