"""Fault injection end to end: a batch of damaged inputs through `run` (and `--resume`) and
`extract`: nothing crashes, the good inputs are stored, and the counts add up."""

from __future__ import annotations

import codecs
import json
import os
import time
from pathlib import Path

import pytest
from _run_inputs import sqlite_url
from test_faults_sources import PARAGRAPH, write_warc

from vnextract.pipeline.run import run
from vnextract.pipeline.settings import Settings
from vnextract.pipeline.sinks.database import DatabaseSink
from vnextract.pipeline.sources.inputs import iter_inputs

pytestmark = pytest.mark.faults


def damaged_batch(root: Path) -> int:
    """A folder of damaged and good inputs; returns how many outcomes its readers give."""
    root.mkdir()
    plain, packed = root / "a.warc", root / "b.warc.gz"
    write_warc(plain)  # 5 pages, an image, a resource: 7 inputs each
    write_warc(packed)
    data = plain.read_bytes()
    plain.write_bytes(data[: data.index(b"WARC/1", len(data) // 2) + 30])  # inside a header
    data = packed.read_bytes()
    packed.write_bytes(data[: len(data) * 3 // 4])  # inside a gzip member
    with open(os.path.join(os.fsencode(root), b"t\xe9n.txt"), "wb") as handle:  # not UTF-8
        handle.write(PARAGRAPH.format(n=11).encode())
    (root / "bom.txt").write_bytes(
        codecs.BOM_UTF8 + ("Cafe au lait a la francaise, tres bon. Hôm qua. " * 4).encode("latin-1")
    )
    (root / "c.jsonl").write_text(
        json.dumps({"text": PARAGRAPH.format(n=12), "published": "2024-02-30"}) + "\nnot json\n",
        encoding="utf-8",
    )
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "pipe.txt")  # left out of the walk, never opened
    # The two cut WARCs give their pages before the damage plus one E031 each; the texts one
    # each; the JSONL two (a record, a bad line); the FIFO none (listed, never opened).
    return sum(1 for _ in iter_inputs([str(root)], Settings()))


def test_faults_run_and_resume_store_the_good_inputs_of_a_damaged_batch(tmp_path: Path, settings):
    expected = damaged_batch(tmp_path / "in")
    url = sqlite_url(tmp_path / "r.db")
    started = time.monotonic()
    with DatabaseSink(url) as sink:
        first = run([str(tmp_path / "in")], settings, sink, progress=False)
    assert first.inputs == expected
    assert first.inputs == first.processed + first.rejected_total + first.duplicates + first.skipped
    assert first.rejected["E031"] == 2 and first.processed >= 4
    assert first.left_out == (1 if hasattr(os, "mkfifo") else 0)  # the FIFO, counted in the summary
    assert "folder entries not read" in first.render() or not first.left_out
    with DatabaseSink(url) as sink, sink.engine.connect() as conn:
        urls = {row[0] for row in conn.exec_driver_sql(
            "SELECT json_extract(record, '$.source.url') FROM articles")}
        archives = {row[0] for row in conn.exec_driver_sql(
            "SELECT json_extract(record, '$.source.archive') FROM articles")}
    assert "https://tin.test/0.html" in urls  # pages before the damage were kept
    assert any(str(a).endswith("t\\xe9n.txt") for a in archives)  # the odd name, stored as text
    with DatabaseSink(url) as sink:
        again = run([str(tmp_path / "in")], settings, sink, progress=False, resume=True)
    assert again.inputs == first.inputs
    assert again.skipped == first.processed + first.duplicates  # duplicates share a stored id
    assert time.monotonic() - started < 60


def test_faults_extract_reports_every_input_once(tmp_path: Path, capsys, nlp):
    from vnextract.pipeline.cli import main

    expected = damaged_batch(tmp_path / "in")
    code = main(["extract", str(tmp_path / "in")])
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    failures = [line for line in captured.err.splitlines() if "] " in line and "[E0" in line]
    assert code == 1
    assert "Traceback" not in captured.err
    # a.warc: 2 pages before the damage + E031; b.warc.gz: its whole members + E031; tên.txt;
    # bom.txt; c.jsonl: one record, one bad line. Each appears once, as a record or a failure.
    assert len(records) + len(failures) == expected
    assert sum("[E031]" in line for line in failures) == 2
    dated = [r for r in records if r["source"]["archive"] and r["source"]["archive"].endswith("c.jsonl:1")]
    assert dated and dated[0]["published_at"] is None  # "2024-02-30" was dropped, not stored
