"""argparse value types shared by every subcommand, so they all refuse bad values the same way."""

from __future__ import annotations

import argparse
import datetime as dt


def calendar_date(value: str) -> dt.date:
    """A real calendar date written YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date written YYYY-MM-DD") from None


def iso_date(value: str) -> str:
    """A real calendar date written YYYY-MM-DD, kept as that text."""
    return calendar_date(value).isoformat()


def positive_int(value: str) -> int:
    """A whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number
