"""Pydantic models of the record contract (`docs/contract.md`): the program's public output format."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, GetPydanticSchema
from pydantic_core import core_schema

SCHEMA_VERSION = "1.0"


class _Model(BaseModel):
    """Strict base: unknown fields are an error, so a typo never slips into the public output."""

    model_config = ConfigDict(extra="forbid", frozen=False)


class Mention(_Model):
    """A span of `record.text`: `text == record.text[start:end]`."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Source(_Model):
    """Where the article came from."""

    url: str | None = None
    outlet: str | None = None
    fetched_at: str | None = None
    archive: str | None = None


class Title(_Model):
    """One position held by a person, as written next to the name."""

    text: str
    role: str
    organization: str | None = None


class Person(_Model):
    """A named person: one entry per person however often mentioned."""

    name: str
    titles: list[Title] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)


class Entity(_Model):
    """An organisation or a place."""

    name: str
    kind: str
    # a place in Vietnam: the province it lies in (itself for a province), as the map stood at
    # publication (one of the 63 before 1 July 2025, of the 34 after); None abroad or unknown
    province: str | None = None
    mentions: list[Mention] = Field(default_factory=list)


DateGranularity = Literal["day", "month", "quarter", "year", "interval"]
DateKind = Literal["date", "range", "term", "birth_year", "relative"]


class DateMention(Mention):
    """A date, month, quarter, year, interval or relative date, normalised to ISO 8601."""

    value: str
    granularity: DateGranularity
    kind: DateKind


def _integral_as_int(number: float) -> float:
    """63.0 -> 63 (exact up to 2**53, as floats are), so that JSON says 63."""
    if isinstance(number, float) and number.is_integer() and abs(number) <= 2**53:
        return int(number)
    return number


# A float whose integral values are kept, and serialised, as integers: 63, not 63.0, in JSON. Done
# while validating, in pydantic-core's own serialiser: a Python serialiser would turn a Ctrl-C
# that lands in it into a serialisation error.
Number = Annotated[
    float | None,
    GetPydanticSchema(lambda _source, _handler: core_schema.nullable_schema(
        core_schema.no_info_after_validator_function(
            _integral_as_int,
            core_schema.union_schema([core_schema.int_schema(strict=True), core_schema.float_schema()]),
        )
    )),
]

StatisticKind = Literal["count", "percent", "ratio", "money", "measure", "change", "multiple"]
Qualifier = Literal["gte", "gt", "lte", "lt", "approx"]


class Statistic(Mention):
    """A number the article reports or sets as a goal."""

    value: Number = None
    low: Number = None
    high: Number = None
    total: Number = None
    unit: str | None = None
    subject: str | None = None
    qualifier: Qualifier | None = None
    kind: StatisticKind
    target: bool = False
    period: str | None = None


class DocumentRef(Mention):
    """A legal or party document cited by the article."""

    kind: str
    number: str | None = None
    date: str | None = None
    issuer: str | None = None
    title: str | None = None


class Extractor(_Model):
    """Which program and version produced the record."""

    name: str
    version: str


class Record(_Model):
    """Everything vnextract extracts from one article."""

    schema_version: str = SCHEMA_VERSION
    id: str
    source: Source = Field(default_factory=Source)
    title: str | None = None
    sapo: str | None = None
    author: str | None = None
    published_at: str | None = None
    text: str
    captions: list[str] = Field(default_factory=list)
    persons: list[Person] = Field(default_factory=list)
    officials: list[Person] = Field(default_factory=list)
    organizations: list[Entity] = Field(default_factory=list)
    locations: list[Entity] = Field(default_factory=list)
    documents: list[DocumentRef] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    statistics: list[Statistic] = Field(default_factory=list)
    extractor: Extractor
    warnings: list[str] = Field(default_factory=list)


def record_json_schema() -> dict[str, Any]:
    """The JSON Schema of a record, as `vnextract schema` prints it."""
    return Record.model_json_schema()
