"""scripts/bench_sinks.py end to end on a small SQLite load: both inputs (rows built as `run`'s
workers build them, and records), every pass, the rows it says it wrote, min and median."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "bench_sinks.py"


def test_bench_sinks_prints_both_inputs_and_their_summary(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--db", f"sqlite:///{tmp_path}/bench.db", "-n", "12", "--batch", "5",
         "--runs", "2"],
        capture_output=True, text=True, timeout=300, check=True,
    )
    lines = [line.split() for line in done.stdout.splitlines()]
    assert any(line[:3] == ["rows", "built", "by"] for line in lines)
    passes = [line for line in lines if line[:1] == ["sqlite"] and len(line) == 9]
    assert [(line[1], line[2]) for line in passes[:6]] == [
        (source, label) for source in ("rows", "records") for label in ("insert", "changed", "same")]
    # 12 articles of 84 rows; `same` writes only the article rows (their child rows are kept).
    assert {(line[2], line[3]) for line in passes} == {("insert", "1008"), ("changed", "1008"), ("same", "12")}
    summary = [line for line in lines if line[:1] == ["sqlite"] and len(line) == 7]
    assert len(summary) == 6
    assert not list(tmp_path.iterdir())  # every run's database removed
