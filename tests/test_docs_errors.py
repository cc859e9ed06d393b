"""docs/errors.md, the README's "What happens to bad input" table, covers every code of errors.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vnextract.pipeline.errors import MESSAGES

ERRORS_MD = Path(__file__).resolve().parent.parent / "docs" / "errors.md"
ROW = re.compile(r"^\| (E\d{3}) \| ([^|]+) \| ([^|]+) \|$", re.MULTILINE)


def documented() -> dict[str, tuple[str, str]]:
    """(when it happens, what the user sees) per code, from the table's rows."""
    return {code: (when.strip(), seen.strip()) for code, when, seen in ROW.findall(ERRORS_MD.read_text("utf-8"))}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_docs_errors_every_code_documented(code: str) -> None:
    when, seen = documented().get(code, ("", ""))
    assert when and seen, f"{code} is in pipeline/errors.py but has no row in docs/errors.md"


def test_docs_errors_no_code_that_does_not_exist() -> None:
    assert sorted(set(documented()) - set(MESSAGES)) == []


def test_docs_errors_rows_in_code_order() -> None:
    codes = [code for code, _when, _seen in ROW.findall(ERRORS_MD.read_text("utf-8"))]
    assert codes == sorted(codes) and len(codes) == len(set(codes))
