#!/usr/bin/env python3
"""Speed and memory of `vnextract run`: articles/s into SQLite (and PostgreSQL), peak memory.

    scripts/bench_run.py                      # everything below
    scripts/bench_run.py --skip-memory        # throughput only
    scripts/bench_run.py --memory-sizes 1000  # a quicker memory check

Throughput: the corpus (its .txt and .html articles) and the shared news sample (one article per
line, fed as JSON Lines), with 1 and 2 workers, into SQLite and, when a server answers at
VNEXTRACT_TEST_PG (default postgresql://vnextract:vnextract@127.0.0.1:5432/vnextract), into
PostgreSQL in a schema of its own that is dropped afterwards. Memory: synthetic archives of 1,000,
10,000 and 100,000 articles (see `synthetic`: every article new, with names, places and numbers no
other article has, as a real archive's are), streamed from a JSONL file into SQLite; the resident
memory of the run's own process and of its largest worker is sampled every 0.2 s during the run,
and the peaks are printed (flat from 1,000 to 100,000 is the goal; ~10 minutes for 100,000).

Each measurement runs in a fresh process, so the start-up (imports, Language, worker processes)
is inside the wall time and the peaks belong to that run alone.
"""

from __future__ import annotations

import argparse
import json
import os
import random
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


# Lead sentences of synthetic articles; the slots get words no other article has, so that
# anything that remembers words (spaCy's vocabulary, caches) would grow with the archive.
LEADS = (
    ("Ngày {day}/{month}, ông {name}, Chủ tịch UBND xã {place}, cho biết năm {year} xã có {n1} hộ "
     "dân, tăng {pct}% so với năm trước."),
    ("Sáng {day}/{month}, bà {name}, Giám đốc Công ty cổ phần {place}, cho biết doanh thu đạt "
     "{n1} tỷ đồng, bằng {pct}% kế hoạch năm {year}."),
    ("Theo Quyết định số {n2}/QĐ-UBND ngày {day}/{month}/{year}, ông {name} được bổ nhiệm làm Phó "
     "trưởng phòng Tài chính huyện {place}."),
    ("Tính đến ngày {day}/{month}, toàn tỉnh {place} có {n1} đảng viên, trong đó {n2} đảng viên "
     "mới, theo ông {name}."),
)


def _word(rng: random.Random, syllables: list[str], parts: int) -> str:
    return " ".join(rng.choice(syllables) for _ in range(parts))


def synthetic(lines: list[str], count: int, seed: int = 4) -> Iterator[str]:
    """`count` JSON lines of distinct articles: a lead from `LEADS` with a new name, place and
    numbers, then two to five sentences of the sample's articles, with a URL of its own."""
    rng = random.Random(seed)
    sentences = [s.strip().rstrip(".") + "." for line in lines for s in line.split(". ")
                 if len(s.split()) >= 6]
    syllables = sorted({w for line in lines for w in line.split()
                        if len(w) > 1 and w.isalpha() and w[0].isupper() and w[1:].islower()})
    for number in range(count):
        lead = rng.choice(LEADS).format(
            day=rng.randint(1, 28), month=rng.randint(1, 12), year=rng.randint(2015, 2025),
            name=f"{rng.choice(syllables)} {_word(rng, syllables, 2)}",
            place=f"{_word(rng, syllables, 2)}{number % 1000}",  # a name never seen before
            n1=f"{rng.randint(100, 9_999_999):,}".replace(",", "."), n2=rng.randint(10, 99_999),
            pct=f"{rng.uniform(1, 99):.2f}".replace(".", ","))
        body = " ".join(rng.sample(sentences, rng.randint(2, 5)))
        yield json.dumps({"url": f"https://bench.example.invalid/{number}.html", "published":
                          f"2024-{number % 12 + 1:02d}-04", "text": f"{lead} {body}"}, ensure_ascii=False)


def write_jsonl(path: Path, rows: Iterator[str]) -> Path:
    """Stream rows into a JSON Lines file."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.writelines(row + "\n" for row in rows)
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
    from vnextract.pipeline.sinks import DEFAULT_BATCH_SIZE
    from vnextract.pipeline.sinks.database import DatabaseSink

    with DatabaseSink(config["db"]) as sink:
        summary = run(config["inputs"], Settings(), sink, workers=config["workers"],
                      progress=False, batch_size=config.get("batch_size", DEFAULT_BATCH_SIZE))
        stats = sink.stats
    return {
        **summary.as_dict(),
        "rows": stats.rows,
        "loader_rows_per_s": round(stats.rows_per_second),
    }


def _rss_tree(root: int) -> tuple[int, int, int]:
    """(RSS of `root`, of `root` plus all its descendants, of its largest descendant) in kB."""
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
    total, largest, stack = 0, 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        if pid != root:
            largest = max(largest, rss.get(pid, 0))
        stack.extend(children.get(pid, []))
    return rss.get(root, 0), total, largest


def measure(inputs: list[str], db: str, workers: int) -> dict[str, Any]:
    """Run `child` in a new interpreter, sampling the memory of its process tree meanwhile.

    Besides the peaks, the memory when a fifth of the run's time had passed and at its last
    sample: what grows with the articles read shows as the second above the first."""
    config = {"inputs": inputs, "db": db, "workers": workers}
    samples: list[tuple[float, int, int, int]] = []  # (seconds, run, tree, largest worker) kB
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, __file__, "--child", json.dumps(config)],
                                cwd=ROOT, stdout=out, stderr=err)
        while proc.poll() is None:
            samples.append((time.perf_counter() - started, *_rss_tree(proc.pid)))
            time.sleep(0.2)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise RuntimeError(f"benchmark run failed: {err.read().decode()[-2000:]}")
        result = json.loads(out.read().decode().strip().splitlines()[-1])
    result["wall"] = round(time.perf_counter() - started, 2)  # interpreter start and exit included
    samples = samples or [(0.0, 0, 0, 0)]
    result["peak_rss_mb_run"] = round(max(s[1] for s in samples) / 1024)
    result["peak_rss_mb_tree"] = round(max(s[2] for s in samples) / 1024)
    result["peak_rss_mb_worker"] = round(max(s[3] for s in samples) / 1024)
    early = next(s for s in samples if s[0] >= samples[-1][0] / 5)
    busiest = 3 if workers > 1 else 1  # the extracting process: a worker, or the run itself
    result["rss_mb_early"] = round(early[busiest] / 1024)
    result["rss_mb_late"] = round(samples[-1][busiest] / 1024)
    return result


# "After start-up" is left blank when the start-up (measured in runs of its own) takes more
# than this share of a run's wall time: what is left is too short, and too noisy, to tell a rate.
MAX_STARTUP_SHARE = 0.75


def line(label: str, result: dict[str, Any], startup: float) -> str:
    rejected = sum(result["rejected"].values())
    after = result["wall"] - startup
    steady = f"{result['processed'] / after:.1f}" if after > (1 - MAX_STARTUP_SHARE) * result["wall"] else "–"
    return (
        f"| {label} | {result['workers']} | {result['processed']} | {rejected} | {result['wall']:.1f} "
        f"| {result['processed'] / result['wall']:.1f} | {steady} | {result['loader_rows_per_s']} "
        f"| {result['peak_rss_mb_run']} | {result['peak_rss_mb_tree']} |"
    )


HEADER = (
    "| input → database | workers | records | rejected | wall s | articles/s | after start-up "
    "| loader rows/s | peak MB (run process) | peak MB (all processes) |\n"
    "|---|---|---|---|---|---|---|---|---|---|"
)


MEMORY_HEADER = (
    "| articles | workers | records | wall s | articles/s | peak MB run process | peak MB largest "
    "worker | MB at 1/5 of the run → at its end (extracting process) |\n"
    "|---:|---:|---:|---:|---:|---:|---:|---|"
)


def memory_line(size: int, result: dict[str, Any]) -> str:
    worker = result["peak_rss_mb_worker"] if result["workers"] > 1 else "(in the run process)"
    return (
        f"| {size:,} | {result['workers']} | {result['processed']:,} | {result['wall']:.0f} "
        f"| {result['processed'] / result['wall']:.0f} | {result['peak_rss_mb_run']} | {worker} "
        f"| {result['rss_mb_early']} → {result['rss_mb_late']} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--skip-memory", action="store_true", help="throughput only")
    parser.add_argument("--skip-throughput", action="store_true", help="memory only")
    parser.add_argument("--memory-sizes", default="1000,10000,100000", help="synthetic archive sizes")
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
        sets: list[tuple[str, list[str]]] = [("corpus", [str(ROOT / "corpus")])]
        if lines:
            sample = write_jsonl(folder / "sample.jsonl",
                                 (json.dumps({"text": t}, ensure_ascii=False) for t in lines))
            sets.append(("news sample", [str(sample)]))
        if not args.skip_throughput:
            print(HEADER, flush=True)
            for name, inputs in sets:
                for count in workers:
                    db = f"sqlite:///{folder / f'{name}-{count}.db'}"
                    print(line(f"{name} → SQLite", measure(inputs, db, count), startup[count]), flush=True)
                    if pg:
                        with PgSchema(pg) as url:
                            print(line(f"{name} → PostgreSQL", measure(inputs, url, count), startup[count]),
                                  flush=True)
        if not args.skip_memory and lines:
            print(MEMORY_HEADER, flush=True)
            for size in (int(n) for n in args.memory_sizes.split(",")):
                archive = write_jsonl(folder / f"synthetic-{size}.jsonl", synthetic(lines, size))
                for count in workers:
                    db = f"sqlite:///{folder / f'synthetic-{size}-{count}.db'}"
                    print(memory_line(size, measure([str(archive)], db, count)), flush=True)
                    Path(db.removeprefix("sqlite:///")).unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
