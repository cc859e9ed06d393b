#!/usr/bin/env python3
"""Speed and memory of `vnextract run`: articles/s into SQLite (and PostgreSQL), peak memory.

    scripts/bench_run.py                      # everything below
    scripts/bench_run.py --skip-memory        # throughput only
    scripts/bench_run.py --memory-sizes 1000  # a quicker memory check

Throughput: the corpus (its .txt and .html articles) and the shared news sample (one article per
line, fed as JSON Lines), with 1 and 2 workers, into SQLite and, when a server answers at
VNEXTRACT_TEST_PG (default postgresql://vnextract:vnextract@127.0.0.1:5432/vnextract), into
PostgreSQL in a schema of its own that is dropped afterwards. Memory: synthetic archives of 1k and
20k articles (the sample's lines repeated with a varying suffix, so every id differs), streamed
from a JSONL file; the peak resident memory of the run's own process and of its largest worker.

Each measurement runs in a fresh process, so the start-up (imports, Language, worker processes)
is inside the wall time and the peaks belong to that run alone.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT.parent / "shared" / "data" / "binhvq-news-sample.txt"
DEFAULT_PG = "postgresql://vnextract:vnextract@127.0.0.1:5432/vnextract"


def sample_lines() -> list[str]:
    """The shared sample's articles (one per line), or nothing when it is absent."""
    if not SAMPLE.exists():
        return []
    return [line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]


def synthetic(lines: list[str], count: int) -> Iterator[str]:
    """`count` JSON lines: the sample's articles in turn, each with a suffix that makes it unique."""
    for number in range(count):
        text = f"{lines[number % len(lines)]} (Bản tin số {number + 1}.)"
        yield json.dumps({"text": text, "published": "2024-01-04"}, ensure_ascii=False)


def write_jsonl(path: Path, rows: Iterator[str]) -> Path:
    """Stream rows into a JSON Lines file."""
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(row + "\n")
    return path


def postgres_url() -> str | None:
    """The PostgreSQL URL when a server answers there, else None."""
    url = os.environ.get("VNEXTRACT_TEST_PG") or DEFAULT_PG
    try:
        import psycopg

        with psycopg.connect(url.replace("+psycopg", ""), connect_timeout=3):
            return url
    except Exception:  # noqa: BLE001 - no server, no driver, refused: PostgreSQL is skipped
        return None


class PgSchema:
    """A throwaway schema, so that benchmark rows never mix with anyone else's."""

    def __init__(self, url: str) -> None:
        self.base = url
        self.name = "bench_" + uuid.uuid4().hex[:10]

    def __enter__(self) -> str:
        import psycopg

        with psycopg.connect(self.base, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {self.name}")
        separator = "&" if "?" in self.base else "?"
        return f"{self.base}{separator}options=-csearch_path%3D{self.name}"

    def __exit__(self, *_exc: object) -> None:
        import psycopg

        with psycopg.connect(self.base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {self.name} CASCADE")


def child(config: dict[str, Any]) -> dict[str, Any]:
    """One measured run in this (fresh) process."""
    from vnextract.pipeline.run import run
    from vnextract.pipeline.settings import Settings
    from vnextract.pipeline.sinks.database import DatabaseSink

    with DatabaseSink(config["db"]) as sink:
        summary = run(config["inputs"], Settings(), sink, workers=config["workers"],
                      progress=False, batch_size=config.get("batch_size", 200))
        stats = sink.stats
    return {
        **summary.as_dict(),
        "rows": stats.rows,
        "loader_rows_per_s": round(stats.rows_per_second),
    }


def _rss_tree(root: int) -> tuple[int, int]:
    """(RSS of `root`, RSS of `root` plus all its descendants) in kB, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
        for field in status.splitlines():
            if field.startswith("VmRSS:"):
                rss[int(entry.name)] = int(field.split()[1])
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return rss.get(root, 0), total


def measure(inputs: list[str], db: str, workers: int) -> dict[str, Any]:
    """Run `child` in a new interpreter, sampling the memory of its process tree meanwhile."""
    config = {"inputs": inputs, "db": db, "workers": workers}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, __file__, "--child", json.dumps(config)],
                                cwd=ROOT, stdout=out, stderr=err)
        peak_run = peak_tree = 0
        while proc.poll() is None:
            run_kb, tree_kb = _rss_tree(proc.pid)
            peak_run, peak_tree = max(peak_run, run_kb), max(peak_tree, tree_kb)
            time.sleep(0.2)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise RuntimeError(f"benchmark run failed: {err.read().decode()[-2000:]}")
        result = json.loads(out.read().decode().strip().splitlines()[-1])
    result["wall"] = round(time.perf_counter() - started, 2)  # interpreter start and exit included
    result["peak_rss_mb_run"] = round(peak_run / 1024)
    result["peak_rss_mb_tree"] = round(peak_tree / 1024)
    return result


def line(label: str, result: dict[str, Any], startup: float) -> str:
    rejected = sum(result["rejected"].values())
    steady = result["processed"] / max(result["wall"] - startup, 1e-9)
    return (
        f"| {label} | {result['workers']} | {result['processed']} | {rejected} | {result['wall']:.1f} "
        f"| {result['processed'] / result['wall']:.1f} | {steady:.1f} | {result['loader_rows_per_s']} "
        f"| {result['peak_rss_mb_run']} | {result['peak_rss_mb_tree']} |"
    )


HEADER = (
    "| input → database | workers | records | rejected | wall s | articles/s | after start-up "
    "| loader rows/s | peak MB (run process) | peak MB (all processes) |\n"
    "|---|---|---|---|---|---|---|---|---|---|"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--skip-memory", action="store_true", help="throughput only")
    parser.add_argument("--skip-throughput", action="store_true", help="memory only")
    parser.add_argument("--memory-sizes", default="1000,20000", help="synthetic archive sizes")
    parser.add_argument("--workers", default="1,2", help="worker counts to compare")
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return 0

    workers = [int(n) for n in args.workers.split(",")]
    lines = sample_lines()
    pg = postgres_url()
    sample_note = f"{len(lines)} lines" if lines else "absent, skipped"
    print(f"cpus: {os.cpu_count()}, PostgreSQL: {'yes' if pg else 'no server, skipped'}, "
          f"sample: {sample_note}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench_run_") as tmp:
        folder = Path(tmp)
        tiny = folder / "one.txt"
        tiny.write_text("Ngày 4/1, Huyện ủy Đức Trọng tổ chức hội nghị.\n", encoding="utf-8")
        startup: dict[int, float] = {}
        for count in workers:  # imports, Language, worker processes, schema: a run of one line
            startup[count] = measure([str(tiny)], f"sqlite:///{folder / f'one-{count}.db'}", count)["wall"]
        print("start-up (a run over one sentence): "
              + ", ".join(f"{n} worker(s) {t:.1f}s" for n, t in startup.items()), flush=True)
        print(HEADER, flush=True)
        sets: list[tuple[str, list[str]]] = [("corpus", [str(ROOT / "corpus")])]
        if lines:
            sample = write_jsonl(folder / "sample.jsonl",
                                 (json.dumps({"text": t}, ensure_ascii=False) for t in lines))
            sets.append(("news sample", [str(sample)]))
        if not args.skip_throughput:
            for name, inputs in sets:
                for count in workers:
                    db = f"sqlite:///{folder / f'{name}-{count}.db'}"
                    print(line(f"{name} → SQLite", measure(inputs, db, count), startup[count]), flush=True)
                    if pg:
                        with PgSchema(pg) as url:
                            print(line(f"{name} → PostgreSQL", measure(inputs, url, count), startup[count]),
                                  flush=True)
        if not args.skip_memory and lines:
            for size in (int(n) for n in args.memory_sizes.split(",")):
                archive = write_jsonl(folder / f"synthetic-{size}.jsonl", synthetic(lines, size))
                for count in workers:
                    db = f"sqlite:///{folder / f'synthetic-{size}-{count}.db'}"
                    result = measure([str(archive)], db, count)
                    print(line(f"{size:,} synthetic → SQLite", result, startup[count]), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
