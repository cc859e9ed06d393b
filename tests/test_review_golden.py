"""`vnextract diff --golden`: expected corpus records vs current output, with eval's compare keys."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from _review_support import EXPECTED, TEXT, corpus_with, fake_extract, record, run, span

from vnextract.pipeline.review import golden
from vnextract.pipeline.review.compare import KEYS, corpus_files, multiset_diff
from vnextract.pipeline.review.diff import ADDED, REMOVED
from vnextract.pipeline.review.golden import golden_diff, golden_record_diff

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import eval as corpus_eval  # noqa: E402

def _with_extra_date(found: dict[str, Any]) -> None:
    found["dates"].append({**span(TEXT, "ngày 15/5/2016"), "value": "2016-05-15", "granularity": "day",
                           "kind": "date"})


def _unit(found: dict[str, Any]) -> None:
    found["statistics"][0]["unit"] = "tổ chức"


def _no_persons(found: dict[str, Any]) -> None:
    found["persons"] = found["officials"] = []


CASES = [
    # (id, change to the found record, field, change kind, part of the label, span in the context)
    ("extra-date", _with_extra_date, "dates", ADDED, "2016-05-15", "ngày 15/5/2016"),
    ("missed-person", _no_persons, "persons", REMOVED, "Bùi Sơn Điền", "Bùi Sơn Điền"),
    ("missed-official", _no_persons, "officials", REMOVED, "Bùi Sơn Điền", "Bùi Sơn Điền"),
    ("unit-missed", _unit, "stat_units", REMOVED, "63", "63 tổ chức cơ sở đảng"),
    ("unit-extra", _unit, "stat_units", ADDED, "tổ chức", "63 tổ chức cơ sở đảng"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c[0])
def test_golden_record_diff_names_missed_and_extra_items_in_context(case) -> None:
    _name, edit, field, change, label, match = case
    found = record()
    edit(found)
    diff = golden_record_diff("politics/a.txt", EXPECTED, found)
    changes = [c for c in diff.fields[field] if c.change == change]
    assert len(changes) == 1, diff.fields
    assert label in changes[0].label
    assert changes[0].context is not None and changes[0].context.match == match


@pytest.mark.parametrize("field", ["titles", "title_orgs"])
def test_golden_record_diff_lists_a_missed_official_once(field: str) -> None:
    found = record()
    _no_persons(found)
    diff = golden_record_diff("a", EXPECTED, found)
    # the official is listed under officials; its titles are not listed again under refining keys
    assert field not in diff.fields


@pytest.mark.parametrize("edit", [_with_extra_date, _no_persons, _unit], ids=lambda f: f.__name__)
def test_golden_record_diff_agrees_with_eval_counts(edit) -> None:
    found = record()
    edit(found)
    diff = golden_record_diff("a", EXPECTED, found)
    for field, compare in KEYS.items():
        if compare.parent is not None:  # refining keys list only what their parent did not
            continue
        _common, missed, extra = multiset_diff(compare(EXPECTED), compare(found))
        listed = diff.fields.get(field, [])
        assert sum(c.change == REMOVED for c in listed) == sum(missed.values()), field
        assert sum(c.change == ADDED for c in listed) == sum(extra.values()), field
        score = corpus_eval.Score()
        score.add("a", compare(EXPECTED), compare(found))
        assert (score.fn, score.fp) == (sum(missed.values()), sum(extra.values()))


@pytest.mark.parametrize("edit,status", [(None, 0), (_with_extra_date, 1)])
def test_golden_cli_on_a_tiny_corpus(tmp_path: Path, capsys, monkeypatch, edit, status: int) -> None:
    corpus = corpus_with(tmp_path, EXPECTED)
    found = record()
    if edit:
        edit(found)
    monkeypatch.setattr(golden, "extract_corpus_article", fake_extract(found))
    code, out, err = run(["diff", "--golden", str(corpus)], capsys)
    assert code == status, err
    assert "1 articles compared" in out
    if status:
        assert "politics/a.txt" in out and "+ extra “ngày 15/5/2016” = 2016-05-15" in out
        assert "Thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị." in out
    code, out, _ = run(["diff", "--golden", str(corpus), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == status and data["mode"] == "golden" and data["compared"] == 1


@pytest.mark.parametrize("published", ["2024-01-04"])
def test_golden_diff_runs_the_real_pipeline(tmp_path: Path, published: str) -> None:
    text = "Ngày 4/1/2024, Huyện ủy Đức Trọng tổ chức hội nghị.\n"
    expected = {"published": published,
                "dates": [{"text": "Ngày 4/1/2024", "value": "2024-01-04", "granularity": "day", "kind": "date"}]}
    corpus = corpus_with(tmp_path, expected, text)
    diff = golden_diff(corpus)
    assert diff.compared == 1 and not diff.failed
    fields = diff.records[0].fields if diff.records else {}
    assert "dates" not in fields and "date_kinds" not in fields, fields


@pytest.mark.parametrize("broken", ["{not json"])
def test_golden_diff_reports_unreadable_expected_files(tmp_path: Path, broken: str) -> None:
    corpus = corpus_with(tmp_path, EXPECTED)
    (corpus / "politics" / "a.expected.json").write_text(broken, encoding="utf-8")
    diff = golden_diff(corpus, extract=fake_extract(record()))
    assert diff.failed and "not valid JSON" in diff.failed[0] and not diff.empty


@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_compare_corpus_files_pairs_articles_with_expected(tmp_path: Path, suffix: str) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / f"a{suffix}").write_text("x")
    (tmp_path / "x" / "a.expected.json").write_text("{}")
    (tmp_path / "x" / "orphan.expected.json").write_text("{}")
    assert corpus_files(tmp_path) == [(tmp_path / "x" / f"a{suffix}", tmp_path / "x" / "a.expected.json")]
