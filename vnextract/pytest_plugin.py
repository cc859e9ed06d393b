"""pytest plugin: golden-record tests of extraction in users' own test suites.

    def test_lam_dong_report(vnextract_golden):
        vnextract_golden("articles/lam-dong.html", "golden/lam-dong.json", published="2024-01-12")

The fixture extracts the article and compares its record with the golden file field by field,
failing with the same diff `vnextract diff` prints. `pytest --vnextract-update` writes missing
golden files and records added or changed items; an item the golden file has and the extractor no
longer finds is never dropped silently: the test fails and names it, unless
`--vnextract-allow-drop` is given as well.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Golden = Callable[..., dict[str, Any]]


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("vnextract", "vnextract golden records")
    group.addoption("--vnextract-update", action="store_true", default=False,
                    help="write missing golden files and accept added or changed items")
    group.addoption("--vnextract-allow-drop", action="store_true", default=False,
                    help="with --vnextract-update: also drop golden items no longer found")


class GoldenMismatch(AssertionError):
    """The record differs from its golden file (the message is the field-level diff)."""


def _read(path: Path, what: str) -> str | bytes:
    if not path.is_file():
        raise FileNotFoundError(f"{what} not found: {path}")
    return path.read_bytes()


def _diff(golden: dict[str, Any], found: dict[str, Any], golden_path: Path) -> Any:
    from vnextract.pipeline.review.diff import Diff, diff_record

    changes = diff_record(golden, found)
    diff = Diff(mode="records", old_name=str(golden_path), new_name="extracted", compared=1)
    if changes.fields:
        diff.records.append(changes)
    return diff


def _dropped(diff: Any) -> list[str]:
    from vnextract.pipeline.review.diff import REMOVED, iter_changes

    return [f"{name}: {change.label}" for _record, name, change in iter_changes(diff)
            if change.change == REMOVED and name != "text"]


@pytest.fixture(scope="session")
def vnextract_extractor() -> Any:
    """One Extractor for the whole session: the language pipeline is loaded once."""
    from vnextract.api import Extractor

    return Extractor()


@pytest.fixture
def vnextract_golden(request: pytest.FixtureRequest, vnextract_extractor: Any) -> Golden:
    """A function (article, golden_file, *, published=None, url=None) -> record dict that fails
    the test with a field-level diff when the record differs from the golden file."""
    update = request.config.getoption("--vnextract-update")
    allow_drop = request.config.getoption("--vnextract-allow-drop")
    base = Path(request.path).parent

    def check(article: str | Path, golden: str | Path, *, published: str | None = None,
              url: str | None = None) -> dict[str, Any]:
        from vnextract.pipeline.review.render import render_text

        article_path, golden_path = base / article, base / golden
        found: dict[str, Any] = json.loads(vnextract_extractor.extract(
            _read(article_path, "article"), published=published, url=url).model_dump_json())
        if not golden_path.exists():
            if not update:
                raise GoldenMismatch(f"no golden file {golden_path}; run pytest --vnextract-update "
                                     "to write it from the current record, then review it")
            _write(golden_path, found)
            return found
        expected = json.loads(golden_path.read_text(encoding="utf-8"))
        diff = _diff(expected, found, golden_path)
        if diff.empty or not diff.records:
            return found
        if not update:
            raise GoldenMismatch("record differs from its golden file (pytest --vnextract-update "
                                 "accepts the changes)\n" + render_text(diff))
        dropped = _dropped(diff)
        if dropped and not allow_drop:
            raise GoldenMismatch(
                f"--vnextract-update refuses to drop {len(dropped)} golden item(s) the extractor no "
                "longer finds (add --vnextract-allow-drop to drop them):\n  " + "\n  ".join(dropped)
                + "\n" + render_text(diff))
        _write(golden_path, found)
        return found

    return check


def _write(path: Path, record: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
