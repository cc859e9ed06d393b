"""scripts/bench_run.py's table line: a rate after start-up only where the run outlasts its start-up."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "bench_run.py"


def bench_run() -> Any:
    spec = importlib.util.spec_from_file_location("bench_run", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def result(wall: float) -> dict[str, Any]:
    return {"workers": 2, "processed": 107, "rejected": {}, "wall": wall, "loader_rows_per_s": 1000,
            "peak_rss_mb_run": 80, "peak_rss_mb_tree": 500}


def cells(text: str) -> list[str]:
    return [cell.strip() for cell in text.strip("|").split("|")]


def test_bench_run_rate_after_start_up() -> None:
    """4 s of run after 2 s of start-up: 107 articles in 2 s."""
    assert cells(bench_run().line("corpus → SQLite", result(4.0), 2.0))[6] == "53.5"


def test_bench_run_no_rate_when_the_start_up_takes_the_run() -> None:
    """A run shorter than the start-up measured apart (2.5 s against 2.7 s), or hardly longer,
    has no rate after start-up: a blank, not a figure in the billions."""
    module = bench_run()
    assert cells(module.line("corpus → SQLite", result(2.5), 2.7))[6] == "–"
    assert cells(module.line("corpus → SQLite", result(3.3), 2.7))[6] == "–"
