"""The record contract as pydantic models."""

from vnextract.models.record import (
    SCHEMA_VERSION,
    DateMention,
    DocumentRef,
    Entity,
    Extractor,
    Mention,
    Person,
    Record,
    Source,
    Statistic,
    Title,
    record_json_schema,
)

__all__ = [
    "SCHEMA_VERSION",
    "DateMention",
    "DocumentRef",
    "Entity",
    "Extractor",
    "Mention",
    "Person",
    "Record",
    "Source",
    "Statistic",
    "Title",
    "record_json_schema",
]
