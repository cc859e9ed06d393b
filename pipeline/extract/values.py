"""The values extractors attach to spans: plain frozen dataclasses, one per field of the record.

Each span group has its own extension attribute (`Span._.date`, `Span._.statistic`, ...) because
spaCy keys span extensions by character offsets alone: a date and a document reference covering
the same characters would otherwise overwrite each other's value.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

# doc.spans keys, in the order the record lists them
PERSONS = "persons"
ORGANIZATIONS = "organizations"
LOCATIONS = "locations"
DOCUMENTS = "documents"
DATES = "dates"
STATISTICS = "statistics"
SENTENCES = "sentences"


@dataclass(frozen=True)
class DateValue:
    """A normalised date: ISO value, granularity and kind as in the contract."""

    value: str
    granularity: str  # day, month, quarter, year, interval
    kind: str  # date, range, term, birth_year, relative


@dataclass(frozen=True)
class StatisticValue:
    """A number with its meaning."""

    kind: str  # count, percent, ratio, money, measure, change, multiple
    value: float | None = None
    low: float | None = None
    high: float | None = None
    total: float | None = None
    unit: str | None = None
    subject: str | None = None
    qualifier: str | None = None  # gte, gt, lte, lt, approx
    target: bool = False
    period: str | None = None


@dataclass(frozen=True)
class DocumentValue:
    """A cited legal or party document."""

    kind: str
    number: str | None = None
    date: str | None = None
    issuer: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class EntityValue:
    """An organisation or place, by its resolved full name."""

    name: str
    kind: str
    province: str | None = None  # a place in Vietnam: its province (admin_units.py), else None


@dataclass(frozen=True)
class TitleValue:
    """One title of a person: phrase as written, the role alone, the resolved organisation."""

    text: str
    role: str
    organization: str | None = None


@dataclass(frozen=True)
class PersonValue:
    """One mention of a person: the canonical full name and the titles written at this mention."""

    name: str
    titles: tuple[TitleValue, ...] = ()


_SPAN_EXTENSIONS = ("date", "statistic", "document", "entity", "person")


def register_extensions() -> None:
    """Register the Span and Doc extension attributes (idempotent)."""
    for name in _SPAN_EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Doc.has_extension("published"):
        Doc.set_extension("published", default=None)  # ISO date that anchors partial dates
    if not Doc.has_extension("warnings"):
        Doc.set_extension("warnings", default=None)


def char_span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    """The span of the tokens covering doc.text[start:end] (widened to whole tokens).

    Offsets in the record come from the span, so `text == record.text[start:end]` holds even when
    a pattern ends inside a token; None only for an empty or out-of-range match.
    """
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def doc_text(doc: Doc) -> str:
    """doc.text, computed once per Doc: spaCy rebuilds it from every token on each access."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_TEXT_KEY = "vnx_text"


def keep_text(doc: Doc, text: str) -> None:
    """Record the text a Doc was made from, for `doc_text`: the tokenizer has it in hand, and
    rebuilding it from the tokens costs as much as the rest of the tokenizer."""
    doc.user_data[_TEXT_KEY] = text


def add_warning(doc: Doc, message: str) -> None:
    """Record something an extractor noticed but did not act on."""
    if doc._.warnings is None:
        doc._.warnings = []
    doc._.warnings.append(message)


register_extensions()
