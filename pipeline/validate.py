"""The boundary where data leaves the program: pydantic models plus cross-field checks."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from vnextract.models import Mention, Record
from vnextract.pipeline.errors import Errors, Rejection

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_PARTS = re.compile(
    r"^(?:\d{4}|\d{4}-(?:0[1-9]|1[0-2])|\d{4}-Q[1-4]|\d{4}-\d{2}-\d{2}|--\d{2}-\d{2})$"
)


def iso_value_problem(value: str) -> str | None:
    """Why an ISO date value of the contract is invalid, or None."""
    for part in value.split("/") if "/" in value else [value]:
        if not _ISO_PARTS.match(part):
            return f"{value!r} is not an ISO date, month, quarter or year"
        day = _ISO_DAY.match(part) or re.match(r"^--(\d{2})-(\d{2})$", part)
        if day:
            numbers = [int(g) for g in day.groups()]
            year, month, dom = numbers if len(numbers) == 3 else [2024, *numbers]  # leap year
            try:
                dt.date(year, month, dom)
            except ValueError:
                return f"{value!r} is not a calendar date"
    if "/" in value:
        start, end = value.split("/", 1)
        if start[:4].isdigit() and end[:4].isdigit() and start[:4] > end[:4]:
            return f"{value!r} ends before it starts"
    return None


def _mentions(record: Record) -> Iterator[tuple[str, Mention]]:
    for field in ("documents", "dates", "statistics"):
        for item in getattr(record, field):
            yield field, item
    for field in ("persons", "officials", "organizations", "locations"):
        for owner in getattr(record, field):
            for mention in owner.mentions:
                yield field, mention


def cross_check(record: Record) -> list[str]:
    """Problems that make the record wrong (not merely incomplete)."""
    problems: list[str] = []
    for field, mention in _mentions(record):
        if not 0 <= mention.start <= mention.end <= len(record.text):
            problems.append(f"{field}: offsets {mention.start}-{mention.end} outside the text")
        elif record.text[mention.start : mention.end] != mention.text:
            problems.append(f"{field}: {mention.text!r} is not text[{mention.start}:{mention.end}]")
    for date in record.dates:
        problem = iso_value_problem(date.value)
        if problem:
            problems.append(f"dates: {problem}")
    for document in record.documents:
        if document.date and iso_value_problem(document.date):
            problems.append(f"documents: {iso_value_problem(document.date)}")
    for stat in record.statistics:
        if stat.low is not None and stat.high is not None and stat.low > stat.high:
            problems.append(f"statistics: {stat.text!r} has low {stat.low} > high {stat.high}")
        if stat.value is None and (stat.low is None or stat.high is None):
            problems.append(f"statistics: {stat.text!r} has neither a value nor a range")
    return problems


def validate_record(data: dict[str, Any]) -> Record:
    """A Record, or Rejection(E020) naming every problem found."""
    try:
        record = Record.model_validate(data)
    except ValidationError as exc:
        reasons = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()[:10]
        )
        raise Rejection(Errors.E020, reasons) from exc
    problems = cross_check(record)
    if problems:
        raise Rejection(Errors.E020, "; ".join(problems[:10]))
    return record
