#!/usr/bin/env python3
"""Rows per second of the database loader (DatabaseSink.write_batch) on synthetic records.

    scripts/bench_sinks.py                                   # SQLite file in a temp folder
    scripts/bench_sinks.py --db sqlite:///tmp/b.db --db postgresql://vnextract:vnextract@127.0.0.1/vnextract
    scripts/bench_sinks.py -n 2000 --batch 200 --input rows

Each synthetic article has 84 rows (article, persons, titles, entities, dates, statistics,
documents, mentions), like a long news report. Three passes per database: `insert` writes new
ids; `changed` re-writes them with every article's statistics changed (a re-extraction that
changed each article: its child rows deleted and written again); `same` re-writes them as they
are, under another extractor version (a re-extraction that changed nothing in the rows, a resumed
run: the articles are updated, their child rows stay, and only the written rows are counted).

Two inputs (`--input`, both by default): `rows`, the records' rows built beforehand by
`record_rows`, as `run`'s workers build them and the loader gets them (their building, done in
the workers in parallel, is timed apart and printed first); `records`, the records themselves,
as the Python API's `write_batch(records)` gets them (the loader builds their rows).
`rows/s` counts the whole write_batch; `tx rows/s` only the time inside the database
transactions (PostgreSQL builds a share's rows while the shares before it are written, inside its
transactions: there the two figures come close).
Each run gets a fresh database: a PostgreSQL schema of its own, or a new SQLite file beside the
one named, dropped or removed afterwards. `--runs 3` prints min and median at the end.
`cpu s` is this process's CPU time for the pass (building rows, driver calls; not the
PostgreSQL server's): a pass whose seconds are far above it waited for a busy machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vnextract.models import Record
from vnextract.pipeline.sinks import DEFAULT_BATCH_SIZE
from vnextract.pipeline.sinks.database import DatabaseSink
from vnextract.pipeline.sinks.engine import normalize_url
from vnextract.pipeline.sinks.rows import RecordRows, record_rows

SENTENCE = "Ông Nguyễn Văn {i}, Bí thư Huyện ủy, cho biết năm 2023 có {n} đảng viên tại tỉnh Lâm Đồng. "


def synthetic_record(number: int, variant: int = 0, version: str = "bench") -> Record:
    """One article: 10 persons (15 titles), 5+5 entities, 10 dates, 15 statistics, 3 documents
    (their values moved by `variant`)."""
    text = "".join(SENTENCE.format(i=chr(65 + k), n=100 + k) for k in range(15))
    step = len(SENTENCE.format(i="A", n=100))

    def at(k: int, phrase: str) -> dict[str, Any]:
        start = (k % 15) * step + SENTENCE.format(i=chr(65 + k % 15), n=100 + k % 15).index(phrase)
        return {"text": phrase, "start": start, "end": start + len(phrase)}

    persons: list[dict[str, Any]] = [
        {
            "name": f"Nguyễn Văn {chr(65 + k)}",
            "titles": [{"text": "Bí thư Huyện ủy", "role": "Bí thư", "organization": f"Huyện ủy {k}"}]
            * (1 + k % 2),
            "mentions": [at(k, f"Nguyễn Văn {chr(65 + k)}")],
        }
        for k in range(10)
    ]
    for person in persons:  # distinct titles, as the extractor emits them
        person["titles"] = [dict(t, text=f"{t['text']} {j}") for j, t in enumerate(person["titles"])]
    return Record.model_validate({
        "id": f"bench-{number:08d}",
        "source": {"url": f"https://example.invalid/{number}", "outlet": "Báo Lâm Đồng"},
        "title": f"Bài {number}",
        "published_at": "2024-01-04",
        "text": text,
        "persons": persons,
        "officials": persons,
        "organizations": [{"name": f"Huyện ủy {k}", "kind": "party", "mentions": [at(k, "Huyện ủy")]}
                          for k in range(5)],
        "locations": [{"name": "Lâm Đồng", "kind": "province", "mentions": [at(k, "Lâm Đồng")]}
                      for k in range(5)],
        "dates": [{**at(k, "năm 2023"), "value": "2023", "granularity": "year", "kind": "date"}
                  for k in range(10)],
        "statistics": [{**at(k, str(100 + k % 15)), "value": 100 + k % 15 + variant, "unit": "người",
                        "subject": "đảng viên", "kind": "count", "period": "2023"} for k in range(15)],
        "documents": [{**at(k, "Huyện ủy"), "kind": "Nghị quyết", "number": f"{k}-NQ/TW"}
                      for k in range(3)],
        "extractor": {"name": "vnextract", "version": version},
    })


PASSES = ("insert", "changed", "same")
INPUTS = ("rows", "records")


def bench(
    url: str, passes: dict[str, list[Record]] | dict[str, list[RecordRows]], batch: int
) -> list[tuple[str, int, int, float, float, float]]:
    """(pass, articles, rows, seconds, seconds inside transactions, CPU seconds of this process)
    for each pass, in order."""
    results = []
    with DatabaseSink(url) as sink:
        for label, records in passes.items():
            rows = 0
            in_db = sink.stats.seconds
            cpu = time.process_time()
            started = time.perf_counter()
            for start in range(0, len(records), batch):
                rows += sink.write_batch(records[start:start + batch])
            elapsed = time.perf_counter() - started
            results.append((label, len(records), rows, elapsed, sink.stats.seconds - in_db,
                            time.process_time() - cpu))
    return results


@contextmanager
def fresh_database(url: str) -> Iterator[str]:
    """A URL to an empty database for one run: a PostgreSQL schema of its own, or a new SQLite
    file beside the one named; dropped or removed afterwards."""
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "postgresql":
        import psycopg

        plain = parsed.set(drivername="postgresql").render_as_string(False)
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        try:
            yield f"{url}{'&' if '?' in url else '?'}options={quote(f'-csearch_path={schema}')}"
        finally:
            with psycopg.connect(plain, autocommit=True) as conn:
                conn.execute(f"DROP SCHEMA {schema} CASCADE")
        return
    named = Path(parsed.database or "bench.db")
    path = named.with_name(f"{named.stem}.{uuid.uuid4().hex[:8]}{named.suffix or '.db'}")
    try:
        yield f"sqlite:///{path}"
    finally:
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)


def built_rows(passes: dict[str, list[Record]]) -> tuple[dict[str, list[RecordRows]], float]:
    """Every pass's records as rows (`record_rows`, what a `run` worker sends), and the CPU
    seconds per article that building takes, timed on a thousand records apart: here all of the
    passes' rows pile up, a million tuples the garbage collector walks again and again, which a
    worker (one record's rows at a time) never holds."""
    sample = passes["insert"][:1000]
    started = time.process_time()
    for record in sample:
        record_rows(record)
    per_article = (time.process_time() - started) / len(sample)
    return {label: [record_rows(record) for record in records] for label, records in passes.items()}, per_article


def main() -> int:
    """Run the benchmark and print one line per run, database, input and pass, then min and median."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", action="append", help="database URL (repeatable)")
    parser.add_argument("-n", "--articles", type=int, default=5000)
    parser.add_argument("--batch", type=int, default=DEFAULT_BATCH_SIZE,
                        help=f"records per transaction (default {DEFAULT_BATCH_SIZE}, as `run`)")
    parser.add_argument("--runs", type=int, default=1, help="runs per database, each on a fresh one")
    parser.add_argument("--input", choices=INPUTS, action="append",
                        help="what write_batch gets: rows built by `record_rows` (as in `run`) or "
                             "records (repeatable; default both)")
    args = parser.parse_args()
    records = {
        "insert": [synthetic_record(i) for i in range(args.articles)],
        "changed": [synthetic_record(i, variant=1) for i in range(args.articles)],
        "same": [synthetic_record(i, variant=1, version="bench-2") for i in range(args.articles)],
    }
    inputs = args.input or list(INPUTS)
    sources: dict[str, dict[str, list[Record]] | dict[str, list[RecordRows]]] = {}
    for name in inputs:
        if name == "rows":
            sources[name], per_article = built_rows(records)
        else:
            sources[name] = records
    with tempfile.TemporaryDirectory() as tmp:
        urls = args.db or [f"sqlite:///{tmp}/bench.db"]
        load = ", ".join(f"{figure:.1f}" for figure in os.getloadavg())
        print(f"{args.articles} articles, batches of {args.batch}, {args.runs} run(s) per database; "
              f"{os.cpu_count()} cores, load average {load}")
        if "rows" in sources:
            print(f"rows built by record_rows (in `run`'s workers, in parallel): "
                  f"{per_article * 1e6:.0f} µs of CPU per article")
        print(f"{'database':<12} {'input':<8} {'pass':<8} {'rows':>8} {'seconds':>8} {'rows/s':>9} "
              f"{'articles/s':>10} {'tx rows/s':>10} {'cpu s':>6}")
        summary: dict[tuple[str, str, str], list[tuple[float, float]]] = {}
        for url in urls:
            backend = normalize_url(url).get_backend_name()
            for _ in range(args.runs):
                for name, passes in sources.items():
                    with fresh_database(url) as target:
                        for label, articles, rows, seconds, in_db, cpu in bench(target, passes, args.batch):
                            print(f"{backend:<12} {name:<8} {label:<8} {rows:>8} {seconds:>8.2f} "
                                  f"{rows / seconds:>9.0f} {articles / seconds:>10.0f} {rows / in_db:>10.0f} "
                                  f"{cpu:>6.2f}")
                            summary.setdefault((backend, name, label), []).append((rows / seconds, rows / in_db))
        if args.runs > 1:
            print(f"\n{'database':<12} {'input':<8} {'pass':<8} {'rows/s min':>11} {'median':>9} "
                  f"{'tx min':>9} {'tx median':>10}")
            for (backend, name, label), figures in summary.items():
                whole, inside = [f for f, _ in figures], [t for _, t in figures]
                print(f"{backend:<12} {name:<8} {label:<8} {min(whole):>11.0f} {statistics.median(whole):>9.0f} "
                      f"{min(inside):>9.0f} {statistics.median(inside):>10.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
