"""`vnextract diff`: records matched by id, per-field added/removed/changed items in their sentences."""

from __future__ import annotations

import copy
import html
import json
import sqlite3
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from _review_support import TEXT, record, run, span, write_jsonl

from vnextract.pipeline.review.diff import (
    ADDED,
    CHANGED,
    REMOVED,
    Diff,
    diff_records,
    sentence_around,
)
from vnextract.pipeline.review.render import render_html, render_json, render_text


def edited(base: dict[str, Any], field: str, edit) -> dict[str, Any]:
    """A copy of base whose list `field` was changed in place by `edit`."""
    new = copy.deepcopy(base)
    edit(new[field])
    return new


class Example(NamedTuple):
    field: str
    edit: Any  # function changing the new record's list of that field
    change: str  # added | removed | changed
    label: str  # part of the change's label
    match: str  # the span shown in the context sentence
    attr: str | None = None  # the attribute reported as changed


def _add_date(dates: list) -> None:
    dates.append({**span(TEXT, "ngày 15/5/2016"), "value": "2016-05-15", "granularity": "day", "kind": "date"})


def _rekind_stat(stats: list) -> None:
    stats[0]["kind"] = "measure"


def _unit_stat(stats: list) -> None:
    stats[0]["unit"] = "tổ chức"


def _retitle(persons: list) -> None:
    persons[0]["titles"][0]["organization"] = None


def _add_person(persons: list) -> None:
    persons.append({"name": "Bộ Chính trị", "titles": [], "mentions": [span(TEXT, "Bộ Chính trị")]})


def _document_issuer(documents: list) -> None:
    documents[0]["issuer"] = "Ban Bí thư"


EXAMPLES = [
    Example("dates", _add_date, ADDED, "2016-05-15", "ngày 15/5/2016"),
    Example("dates", lambda d: d.pop(1), REMOVED, "năm 2023", "năm 2023"),
    Example("dates", lambda d: d[0].update(value="2023-01-04"), CHANGED, "2023-01-04", "Ngày 4/1", "value"),
    Example("statistics", lambda s: s.clear(), REMOVED, "= 63", "63 tổ chức cơ sở đảng"),
    Example("statistics", _rekind_stat, CHANGED, "63", "63 tổ chức cơ sở đảng", "kind"),
    Example("statistics", _unit_stat, CHANGED, "tổ chức", "63 tổ chức cơ sở đảng", "unit"),
    Example("persons", _add_person, ADDED, "Bộ Chính trị", "Bộ Chính trị"),
    Example("persons", lambda p: p.clear(), REMOVED, "Bùi Sơn Điền", "Bùi Sơn Điền"),
    Example("officials", _retitle, CHANGED, "Bùi Sơn Điền", "Bùi Sơn Điền", "titles"),
    Example("organizations", lambda o: o[0].update(kind="government"), CHANGED, "Huyện ủy Đức Trọng",
            "Huyện ủy Đức Trọng", "kind"),
    Example("locations", lambda o: o.clear(), REMOVED, "Đức Trọng", "Đức Trọng"),
    Example("documents", _document_issuer, CHANGED, "05-CT/TW", "Chỉ thị số 05-CT/TW", "issuer"),
]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e.field}-{e.change}-{e.label}")
def test_diff_records_reports_item_changes_with_context(example: Example) -> None:
    old = record()
    new = edited(old, example.field, example.edit)
    diff = diff_records([old], [new])
    assert not diff.empty and diff.compared == 1
    [record_diff] = diff.records
    assert list(record_diff.fields) == [example.field]
    [change] = record_diff.fields[example.field]
    assert change.change == example.change
    assert example.label in change.label
    assert change.context is not None and example.match in change.context.match
    # the context is the sentence the item sits in, not the paragraph or the whole text
    assert "\n" not in change.context.before + change.context.after
    if example.attr:
        assert [a.name for a in change.attrs] == [example.attr]
    assert diff.summary()[example.field][example.change] == 1


@pytest.mark.parametrize(
    "field,old_value,new_value",
    [("title", "Tin cũ", "Tin mới"), ("author", None, "Minh Anh"), ("published_at", "2024-01-04", "2024-01-05"),
     ("sapo", "Sapo", None)],
)
def test_diff_records_reports_scalar_fields(field: str, old_value: Any, new_value: Any) -> None:
    diff = diff_records([record(**{field: old_value})], [record(**{field: new_value})])
    [change] = diff.records[0].fields[field]
    assert (change.change, change.old, change.new) == (CHANGED, old_value, new_value)


@pytest.mark.parametrize("what", ["paragraph added"])
def test_diff_records_text_change_names_paragraphs_and_ignores_moved_offsets(what: str) -> None:
    old = record()
    shifted = "Tin mới nhất.\n" + TEXT  # every offset moves, nothing else changes
    new = record(text=shifted)
    diff = diff_records([old], [new])
    [record_diff] = diff.records
    # the items moved with the text but are the same items: only the text is reported
    assert list(record_diff.fields) == ["text"], record_diff.fields
    [change] = record_diff.fields["text"]
    assert (change.change, change.new, change.label) == (ADDED, "Tin mới nhất.", "¶1")


@pytest.mark.parametrize("side", ["old", "new"])
def test_diff_records_lists_records_on_one_side_only(side: str) -> None:
    both, lonely = record("a" * 64), record("b" * 64)
    old, new = ([both, lonely], [both]) if side == "old" else ([both], [both, lonely])
    diff = diff_records(old, new)
    only = diff.only_old if side == "old" else diff.only_new
    assert [ref.id for ref in only] == ["b" * 64]
    assert "example.vn/bbbbbb" in only[0].label
    assert not diff.records and diff.compared == 1 and not diff.empty
    assert f"only in {side} (1)" in render_text(diff)


@pytest.mark.parametrize("case", ["identical"])
def test_diff_cli_identical_files_exit_0_and_empty(tmp_path: Path, capsys, case: str) -> None:
    records = [record("a" * 64), record("b" * 64)]
    old = write_jsonl(tmp_path / "old.jsonl", records)
    new = write_jsonl(tmp_path / "new.jsonl", records[::-1])  # order does not matter: ids match
    code, out, err = run(["diff", str(old), str(new)], capsys)
    assert code == 0, err
    assert "2 records compared, 0 changed" in out and "no differences" in out
    code, out, _ = run(["diff", str(old), str(new), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["records"] == [] and data["summary"] == {}


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_diff_cli_differences_exit_1_in_every_format(tmp_path: Path, capsys, fmt: str) -> None:
    old = write_jsonl(tmp_path / "old.jsonl", [record()])
    new = write_jsonl(tmp_path / "new.jsonl", [edited(record(), "dates", _add_date)])
    code, out, _ = run(["diff", str(old), str(new), "--format", fmt], capsys)
    assert code == 1
    assert "2016-05-15" in out
    output = tmp_path / f"diff.{fmt}"
    code, out, _ = run(["diff", str(old), str(new), "--format", fmt, "-o", str(output)], capsys)
    assert code == 1 and out == "" and "2016-05-15" in output.read_text(encoding="utf-8")


@pytest.mark.parametrize("color,escape", [("never", False), ("always", True), ("auto", False)])
def test_diff_cli_colours_only_on_request_or_terminal(tmp_path: Path, capsys, color: str, escape: bool) -> None:
    old = write_jsonl(tmp_path / "old.jsonl", [record()])
    new = write_jsonl(tmp_path / "new.jsonl", [edited(record(), "dates", _add_date)])
    _code, out, _ = run(["diff", str(old), str(new), "--color", color], capsys)  # capsys is not a TTY
    assert ("\x1b[" in out) is escape


@pytest.mark.parametrize("example", EXAMPLES[:6], ids=lambda e: f"{e.field}-{e.change}")
def test_diff_json_round_trip(example: Example) -> None:
    old = record()
    diff = diff_records([old, record("c" * 64)], [edited(old, example.field, example.edit), record("d" * 64)])
    text = render_json(diff)
    again = Diff.from_dict(json.loads(text))
    assert again == diff
    assert render_json(again) == text


@pytest.mark.parametrize(
    "argv,message",
    [
        (["diff"], "give two record sources"),
        (["diff", "only-one.jsonl"], "give two record sources"),
        (["diff", "a.jsonl", "b.jsonl", "--golden", "corpus"], "not both"),
        (["diff", "--golden", "no-such-corpus"], "not a corpus folder"),
        (["diff", "missing.jsonl", "missing.jsonl"], "no such file"),
        (["diff", "bad.jsonl", "bad.jsonl"], "bad.jsonl:2: not a JSON record"),
        (["diff", "noid.jsonl", "noid.jsonl"], 'needs an "id"'),
        (["diff", "sqlite:///no-such.db", "sqlite:///no-such.db"], "no-such.db"),
    ],
)
def test_diff_cli_usage_errors_exit_2(tmp_path: Path, capsys, monkeypatch, argv: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.jsonl").write_text(json.dumps(record()) + "\n{not json\n", encoding="utf-8")
    (tmp_path / "noid.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
    code, _out, err = run(argv, capsys)
    assert code == 2
    assert message in err
    assert not (tmp_path / "no-such.db").exists()  # reading never creates a database


def test_diff_cli_bad_format_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        run(["diff", "a", "b", "--format", "xml"], capsys)
    assert stop.value.code == 2


def _sqlite_with(path: Path, records: list[dict[str, Any]]) -> str:
    # The `articles` table as the sinks write it, reduced to what diff reads.
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE articles (id TEXT PRIMARY KEY, record JSON NOT NULL)")
    connection.executemany("INSERT INTO articles VALUES (?, ?)",
                           [(r["id"], json.dumps(r, ensure_ascii=False)) for r in records])
    connection.commit()
    connection.close()
    return f"sqlite:///{path}"


@pytest.mark.parametrize("changed,status", [(False, 0), (True, 1)])
def test_diff_cli_reads_sqlite_databases(tmp_path: Path, capsys, changed: bool, status: int) -> None:
    old = _sqlite_with(tmp_path / "old.db", [record("a" * 64), record("b" * 64)])
    new_record = edited(record("b" * 64), "statistics", _unit_stat) if changed else record("b" * 64)
    new = write_jsonl(tmp_path / "new.jsonl", [record("a" * 64), new_record])
    code, out, err = run(["diff", old, str(new)], capsys)
    assert code == status, err
    assert "2 records compared" in out
    assert ("unit: – → tổ chức" in out) is changed


@pytest.mark.parametrize("duplicates", [2])
def test_diff_records_last_duplicate_id_wins(tmp_path: Path, duplicates: int) -> None:
    first, last = record(title="bản cũ"), record(title="bản mới")
    diff = diff_records([first] * (duplicates - 1) + [last], [last])
    assert diff.empty


@pytest.mark.parametrize(
    "text,needle,sentence",
    [
        ("Câu một. Câu hai có 63 người. Câu ba.", "63 người", "Câu hai có 63 người."),
        ("Đoạn một.\nĐoạn hai có 4.872 đảng viên và thêm nữa", "4.872", "Đoạn hai có 4.872 đảng viên và thêm nữa"),
        ("Một câu! Năm 2023? Xong.", "Năm 2023", "Năm 2023?"),
    ],
)
def test_diff_sentence_around_keeps_to_one_sentence(text: str, needle: str, sentence: str) -> None:
    start = text.index(needle)
    context = sentence_around(text, start, start + len(needle))
    assert context.before + context.match + context.after == sentence


@pytest.mark.parametrize("payload", ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'])
def test_diff_html_escapes_record_content(payload: str) -> None:
    text = f"Ngày 4/1 có {payload} và 63 người."
    old = record(text=text, title=payload, persons=[], officials=[], organizations=[], locations=[],
                 documents=[], statistics=[], dates=[])
    new = record(text=text, title=payload + "!", persons=[], officials=[], organizations=[], locations=[],
                 documents=[], statistics=[],
                 dates=[{**span(text, "Ngày 4/1"), "value": "2024-01-04", "granularity": "day", "kind": "date"}])
    page = render_html(diff_records([old], [new]))
    assert "<script>" not in page and "<img" not in page
    assert html.escape(payload) in page
    assert "content=\"default-src 'none';" in page


@pytest.mark.parametrize("control", ["\x1b[2J", "\x1b]0;pwned\x07", "\u202e"])
def test_diff_text_never_prints_control_characters_from_records(control: str) -> None:
    old = record(title="Tin")
    new = record(title=f"Tin {control}")
    out = render_text(diff_records([old], [new]))
    assert control not in out
    assert ("\\u202e" if control == "\u202e" else "\\x1b") in out


@pytest.mark.parametrize("changed,status", [(False, 0), (True, 1)])
def test_diff_cli_reads_a_database_written_by_the_sinks(tmp_path: Path, capsys, changed: bool, status: int) -> None:
    database = pytest.importorskip("vnextract.pipeline.sinks.database")
    from vnextract.models import Record

    url = f"sqlite:///{tmp_path / 'records.db'}"
    sink = database.DatabaseSink(url)
    sink.write_batch([Record.model_validate(record("a" * 64)), Record.model_validate(record("b" * 64))])
    sink.close()
    new_b = edited(record("b" * 64), "dates", _add_date) if changed else record("b" * 64)
    new = write_jsonl(tmp_path / "new.jsonl", [new_b, record("a" * 64)])
    code, out, err = run(["diff", url, str(new)], capsys)
    assert code == status, err
    assert "2 records compared" in out


@pytest.mark.parametrize("command", ["diff", "show"])
def test_diff_cli_registers_beside_the_other_subcommands(command: str) -> None:
    from vnextract.pipeline import cli

    parser = cli.build_parser()  # the real wiring: nothing patched in
    args = parser.parse_args([command, "x.jsonl", "y.jsonl"] if command == "diff" else [command, "a.txt"])
    assert args.func.__module__ == "vnextract.pipeline.review.cli"


@pytest.mark.parametrize("order", ["contract", "id-last", "spaced"])
def test_diff_jsonl_records_index_any_key_order(tmp_path: Path, order: str) -> None:
    from vnextract.pipeline.review.sources import JsonlRecords

    data = record("f" * 64)
    if order == "id-last":
        data = {**{k: v for k, v in data.items() if k != "id"}, "id": data["id"]}
    text = json.dumps(data, ensure_ascii=False, indent=None if order != "spaced" else 0).replace("\n", " ")
    path = tmp_path / "r.jsonl"
    path.write_text("\n" + text + "\n\n", encoding="utf-8")
    records = JsonlRecords(path)
    assert list(records) == ["f" * 64] and "f" * 64 in records and "x" not in records
    assert records["f" * 64] == data
