"""scripts/update_golden.py: hand-written expected records change only item by item, never silently."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from _review_support import EXPECTED, TEXT, corpus_with, fake_extract, record, span

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import update_golden  # noqa: E402


def found_record(persons: bool = True, extra_date: bool = False, unit: str | None = None) -> dict[str, Any]:
    """The 'current output' for TEXT: optionally without persons, with a date more, a unit."""
    found = record()
    if not persons:
        found["persons"] = found["officials"] = []
    if extra_date:
        found["dates"].append({**span(TEXT, "ngày 15/5/2016"), "value": "2016-05-15", "granularity": "day",
                               "kind": "date"})
    found["statistics"][0]["unit"] = unit
    return found


def update(tmp_path: Path, found: dict[str, Any], argv: list[str], answers: list[str] | None = None):
    """Run the script on a one-article corpus; returns (status, expected file after, questions asked)."""
    corpus = corpus_with(tmp_path, copy.deepcopy(EXPECTED))
    asked: list[str] = []

    def ask(question: str) -> str:
        asked.append(question)
        return answers.pop(0) if answers else "n"

    code = update_golden.main(["--corpus", str(corpus), *argv], extract=fake_extract(found),
                              ask=ask if answers is not None else None)
    path = corpus / "politics" / "a.expected.json"
    return code, json.loads(path.read_text(encoding="utf-8")), asked, path


@pytest.mark.parametrize("argv", [["--accept", "persons"], ["--accept", "officials"], []])
def test_update_golden_refuses_silent_drops(tmp_path: Path, capsys, argv: list[str]) -> None:
    code, after, _asked, path = update(tmp_path, found_record(persons=False), argv, answers=["y"] * 5)
    out = capsys.readouterr().out
    assert code == 0
    assert after == EXPECTED  # nothing dropped
    assert "drop persons: Bùi Sơn Điền" in out and "dropping an expected item needs --allow-drop" in out
    assert "DROPPED" not in out


@pytest.mark.parametrize("field", ["persons", "officials"])
def test_update_golden_drops_only_with_allow_drop_and_prints_them(tmp_path: Path, capsys, field: str) -> None:
    code, after, _asked, _path = update(tmp_path, found_record(persons=False), ["--accept", field, "--allow-drop"])
    out = capsys.readouterr().out
    assert code == 0 and after[field] == []
    assert "DROPPED from a.expected.json: " in out and "Bùi Sơn Điền" in out
    other = "officials" if field == "persons" else "persons"
    assert after[other] == EXPECTED[other]  # only the accepted field changed


@pytest.mark.parametrize("found", [found_record(extra_date=True, unit="tổ chức")], ids=["date-and-unit"])
def test_update_golden_without_terminal_or_accept_writes_nothing(tmp_path: Path, capsys, found) -> None:
    corpus = corpus_with(tmp_path, copy.deepcopy(EXPECTED))
    path = corpus / "politics" / "a.expected.json"
    before = path.read_bytes()
    code = update_golden.main(["--corpus", str(corpus)], extract=fake_extract(found))  # stdin is not a TTY
    out = capsys.readouterr().out
    assert code == 0 and path.read_bytes() == before
    assert "add dates: “ngày 15/5/2016” = 2016-05-15" in out and "unit: – → tổ chức" in out


@pytest.mark.parametrize("field,check", [
    ("dates", lambda after: [d["value"] for d in after["dates"]] == ["2024-01-04", "2023", "2016-05-15"]),
    ("statistics", lambda after: after["statistics"][0] == {**EXPECTED["statistics"][0], "unit": "tổ chức"}),
])
def test_update_golden_accept_field_adds_and_changes_only_that_field(tmp_path: Path, field: str, check) -> None:
    code, after, _asked, path = update(tmp_path, found_record(extra_date=True, unit="tổ chức"), ["--accept", field])
    assert code == 0 and check(after)
    untouched = {k: v for k, v in EXPECTED.items() if k != field}
    assert {k: v for k, v in after.items() if k != field} == untouched
    assert path.read_text(encoding="utf-8").endswith("}\n")  # the corpus's own formatting


@pytest.mark.parametrize("answers,dates,unit", [
    (["y", "n"], ["2024-01-04", "2023", "2016-05-15"], None),
    (["n", "y"], ["2024-01-04", "2023"], "tổ chức"),
    (["n", "n"], ["2024-01-04", "2023"], None),
])
def test_update_golden_interactive_accepts_item_by_item(tmp_path: Path, answers, dates, unit) -> None:
    code, after, asked, _path = update(tmp_path, found_record(extra_date=True, unit="tổ chức"), [], list(answers))
    assert code == 0 and len(asked) == 2
    assert [d["value"] for d in after["dates"]] == dates
    assert after["statistics"][0]["unit"] == unit
    # the hand-written text of the statistic stays as the person wrote it
    assert after["statistics"][0]["text"] == EXPECTED["statistics"][0]["text"]


@pytest.mark.parametrize("answers", [["q"]])
def test_update_golden_quit_writes_nothing(tmp_path: Path, answers) -> None:
    code, after, asked, _path = update(tmp_path, found_record(extra_date=True, unit="tổ chức"), [], answers)
    assert after == EXPECTED and len(asked) == 1


@pytest.mark.parametrize("expected,found,actions", [
    (["A", "B"], ["B", "A"], []),  # order alone is no change
    (["A"], ["A", "C"], [("add", "C")]),
    (["A", "B"], ["A"], [("drop", "B")]),
])
def test_update_golden_propose_matches_items_by_eval_key(expected, found, actions) -> None:
    proposals = update_golden.propose("persons", expected, {"text": "", "persons": [{"name": n} for n in found]})
    assert [(p.action, p.item) for p in proposals] == actions
