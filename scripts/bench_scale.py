#!/usr/bin/env python3
"""Scaling check of the ray-data engine on a local Ray instance: 1 and 2 workers, same archive.

    scripts/bench_scale.py                          # 1,000 articles, SQLite, Parquet (+ PostgreSQL)
    scripts/bench_scale.py -n 5000 --workers 2 --sinks parquet     # the memory check at 5,000
    scripts/bench_scale.py --pg postgresql://vnextract:vnextract@127.0.0.1/vnextract

The archive is JSON Lines files of the corpus articles, each line with its own URL (so every line
is a distinct article, with the corpus text as it is), `--per-file` lines a file: one shard each.
For every worker count and sink it prints: articles/s of the whole run (Ray start and loading the
Language included) and per worker once started (articles over the seconds the worker spent on its
shards), the driver's CPU seconds per 1,000 articles, the peak memory of the driver and of the
largest worker, and rows/s into the sink (rows over the seconds the workers spent writing).
PostgreSQL runs get a schema of their own, dropped afterwards.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_PG = "postgresql://vnextract:vnextract@127.0.0.1:5432/vnextract"


def write_archive(folder: Path, articles: int, per_file: int) -> tuple[list[Path], int]:
    """JSON Lines files of `articles` distinct articles cut from the corpus; (files, words)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").rglob("*.txt"))]
    folder.mkdir(parents=True, exist_ok=True)
    files, words = [], 0
    for start in range(0, articles, per_file):
        path = folder / f"archive-{start // per_file:05d}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for number in range(start, min(start + per_file, articles)):
                text = texts[number % len(texts)]
                words += len(text.split())
                handle.write(json.dumps({"url": f"https://archive.example.invalid/{number}.html",
                                         "published": "2024-01-04", "text": text},
                                        ensure_ascii=False) + "\n")
        files.append(path)
    return files, words


def cpu_seconds() -> float:
    """User and system CPU seconds of this process (the driver) so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def pg_schema(url: str) -> tuple[str, str] | None:
    """(URL with a fresh schema on its search path, schema), or None when the server is absent."""
    try:
        import psycopg

        with psycopg.connect(url, autocommit=True, connect_timeout=3) as conn:
            schema = f"scale_{uuid.uuid4().hex[:8]}"
            conn.execute(f"CREATE SCHEMA {schema}")
    except Exception as exc:  # noqa: BLE001 - no server: the PostgreSQL rows are left out
        print(f"PostgreSQL left out: {type(exc).__name__}: {exc}", file=sys.stderr)
        return None
    return f"{url}{'&' if '?' in url else '?'}options={quote(f'-csearch_path={schema}')}", schema


def drop_schema(url: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


def measure(files: list[Path], workers: int, sink: str, folder: Path, pg: str) -> dict[str, float]:
    """One cluster run on a fresh local Ray instance of `workers` CPUs."""
    import ray

    from vnextract.pipeline.cluster import ShardSummary, run_cluster
    from vnextract.pipeline.run import ray_init_kwargs
    from vnextract.pipeline.settings import Settings

    run_id = uuid.uuid4().hex[:8]
    db_url, parquet, schema = None, None, None
    if sink == "sqlite":
        db_url = f"sqlite:///{folder / f'scale-{run_id}.db'}"
    elif sink == "parquet":
        parquet = str(folder / f"parquet-{run_id}")
    else:
        made = pg_schema(pg)
        if made is None:
            return {}
        db_url, schema = made
    summaries: list[ShardSummary] = []
    ray.init(**ray_init_kwargs(workers, None))
    try:
        cpu, started = cpu_seconds(), time.perf_counter()
        result = run_cluster([str(f) for f in files], Settings(), db_url=db_url, parquet=parquet,
                             workers=workers, resume=False, on_shard=summaries.append)
        wall, driver_cpu = time.perf_counter() - started, cpu_seconds() - cpu
    finally:
        ray.shutdown()
        if schema is not None:
            drop_schema(pg, schema)
    busy: dict[int, float] = defaultdict(float)
    first_peak: dict[int, float] = {}
    for summary in summaries:
        busy[summary.worker] += summary.seconds
        first_peak.setdefault(summary.worker, summary.peak_mb)
    last_peak = {s.worker: s.peak_mb for s in summaries}
    processed = result.processed
    rows = sum(s.rows for s in summaries)
    writing = sum(s.write_seconds for s in summaries)
    return {
        "articles": processed,
        "wall": wall,
        "articles_per_s": processed / wall,
        "per_worker": processed / sum(busy.values()) if busy else 0.0,  # one worker's steady rate
        "driver_cpu_per_1000": 1000 * driver_cpu / max(processed, 1),
        "driver_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_peak_mb": max((s.peak_mb for s in summaries), default=0.0),
        # a worker's peak after its first shard and after its last: flat memory keeps them close
        "worker_first_mb": max(first_peak.values(), default=0.0),
        "worker_last_mb": max(last_peak.values(), default=0.0),
        "rows": rows,
        "rows_per_s": rows / writing if writing else 0.0,
        "workers_seen": len(busy),
    }


def main() -> int:
    """Run every (workers, sink) pair and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--articles", type=int, default=1000)
    parser.add_argument("--per-file", type=int, default=50, help="articles per JSON Lines file (shard)")
    parser.add_argument("--workers", type=int, action="append", help="worker counts (default 1 and 2)")
    parser.add_argument("--sinks", default="sqlite,parquet,postgresql",
                        help="comma-separated: sqlite, parquet, postgresql")
    parser.add_argument("--pg", default=DEFAULT_PG, help="PostgreSQL server for the postgresql sink")
    args = parser.parse_args()
    import logging

    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files, words = write_archive(folder / "archive", args.articles, args.per_file)
        print(f"{args.articles:,} articles ({words:,} words) in {len(files)} JSON Lines shards")
        print("| workers | sink | articles/s (whole run) | articles/s per worker | driver CPU s / 1,000 "
              "| driver peak MB | worker peak MB (first → last shard) | rows/s into sink |")
        print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for workers in args.workers or [1, 2]:
            for sink in args.sinks.split(","):
                figures = measure(files, workers, sink.strip(), folder, args.pg)
                if not figures:
                    continue
                print(f"| {workers} | {sink} | {figures['articles_per_s']:.1f} | {figures['per_worker']:.1f} "
                      f"| {figures['driver_cpu_per_1000']:.2f} | {figures['driver_peak_mb']:.0f} "
                      f"| {figures['worker_first_mb']:.0f} → {figures['worker_last_mb']:.0f} "
                      f"| {figures['rows_per_s']:,.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
