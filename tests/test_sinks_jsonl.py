"""JSON Lines sinks: records and dead letters appended, flushed per batch, crash-tolerant."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _sinks_support import example_records

from vnextract.models import Record
from vnextract.pipeline.errors import InputError
from vnextract.pipeline.sinks.jsonl import DeadLetterSink, JsonlSink, iter_jsonl
from vnextract.pipeline.sinks.rejections import rejected
from vnextract.pipeline.types import RawDocument


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_jsonl_records_appended_and_flushed(tmp_path: Path) -> None:
    path = tmp_path / "out" / "records.jsonl"
    records = example_records()
    sink = JsonlSink(path)
    assert sink.write_batch(records[:2]) == 2
    assert len(lines(path)) == 2  # flushed: readable before close
    sink.write_batch(records[2:])
    sink.close()
    with JsonlSink(path) as again:  # a second run appends
        again.write_batch(records[:1])
    read = [Record.model_validate_json(line) for line in lines(path)]
    assert read == [*records, records[0]]


def test_jsonl_same_form_as_extract(tmp_path: Path) -> None:
    record = example_records()[0]
    with JsonlSink(tmp_path / "r.jsonl") as sink:
        sink.write_batch([record])
    assert lines(tmp_path / "r.jsonl") == [record.model_dump_json()]


@pytest.mark.parametrize(
    ("existing", "kept"),
    [
        ('{"id": "a"}\n{"id": "b"}\n{"id": "c', 2),
        ('{"id": "a"}\n{"id', 1),
        ('{"id', 0),
        ('{"id": "a"}\n', 1),
        ("", 0),
    ],
    ids=["partial-third", "partial-second", "partial-only", "whole", "empty"],
)
def test_jsonl_partial_last_line_dropped(tmp_path: Path, existing: str, kept: int) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text(existing, encoding="utf-8")
    record = example_records()[0]
    with JsonlSink(path) as sink:
        sink.write_batch([record])
    objects = [json.loads(line) for line in lines(path)]
    assert len(objects) == kept + 1
    assert objects[-1]["id"] == record.id


def test_jsonl_done_ids(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    with JsonlSink(path) as sink:
        sink.write_batch(example_records("0.1.0")[:2])
        sink.write_batch(example_records("0.2.0")[2:3])
        assert sink.done_ids("0.1.0") == {"a-lamdong-2024", "b-nhandan-2023"}
        assert sink.done_ids("0.2.0") == {"c-lamdong-2022"}
        assert sink.done_ids("9") == set()


def test_jsonl_dead_letters(tmp_path: Path) -> None:
    path = tmp_path / "dead.jsonl"
    raw = RawDocument(content="Tiếng Việt".encode(), archive="in/a.txt", published="2024-01-04")
    item = rejected(InputError("E007", "no body"), raw, "in/a.txt")
    with DeadLetterSink(path) as sink:
        assert sink.write_rejections([item, item]) == 2
    (first, second) = list(iter_jsonl(path))
    assert first == second
    assert first["input"] == "in/a.txt"
    assert first["code"] == "E007"
    assert first["payload"]["text"] == "Tiếng Việt"
    assert first["input_key"] == item.input_key
    assert "Tiếng Việt" in path.read_text(encoding="utf-8")  # readable, not \u-escaped
