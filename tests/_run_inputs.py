"""Helpers of the batch-run tests: a folder of good and bad inputs, and a comparable database dump."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
PAGES = ROOT / "tests" / "fixtures" / "pages"

NO_ARTICLE_PAGE = (
    "<html><head><title>Trang chủ</title></head><body><nav><a href='/'>Trang chủ</a> "
    "<a href='/the-thao'>Thể thao</a></nav></body></html>"
)
# Columns that say when a row was written, not what it holds: left out of comparisons.
VOLATILE = {"articles": {"updated_at"}, "rejections": {"id", "created_at"}}


@dataclass(frozen=True)
class Inputs:
    """A folder to run over and what a run of it must give."""

    root: Path
    articles: int  # distinct article ids
    rejected: dict[str, int]  # dead letters by code
    duplicates: int

    @property
    def inputs(self) -> int:
        return self.articles + sum(self.rejected.values()) + self.duplicates


def corpus_texts(limit: int | None = None) -> list[Path]:
    """Plain-text articles of the corpus, in a stable order."""
    texts = sorted(CORPUS.glob("*/*.txt"))
    return texts[:limit] if limit is not None else texts


def make_inputs(root: Path, good: int = 6, *, bad: bool = True, pages: bool = True) -> Inputs:
    """`good` corpus texts, two saved pages, a JSONL feed, a duplicate and the bad inputs."""
    root.mkdir(parents=True, exist_ok=True)
    texts = corpus_texts(good)
    for number, path in enumerate(texts):
        shutil.copy(path, root / f"a{number:03d}-{path.name}")
    articles = len(texts)
    duplicates = 0
    if texts:
        shutil.copy(texts[0], root / "z-copy-of-the-first.txt")  # same text, same id: first wins
        duplicates += 1
    if pages:
        for name in ("dantri.html", "baolamdong.html"):
            shutil.copy(PAGES / name, root / f"p-{name}")
            articles += 1
    seed = texts[0].read_text(encoding="utf-8") if texts else "Ngày 4/1, Huyện ủy họp."
    feed = [
        json.dumps({"url": "https://example.invalid/tin/1.html", "published": "2024-01-04",
                    "text": seed}, ensure_ascii=False),
    ]
    articles += 1
    rejected: dict[str, int] = {}
    if bad:
        (root / "b-empty.txt").write_bytes(b"")
        (root / "b-binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
        (root / "b-no-article.html").write_text(NO_ARTICLE_PAGE, encoding="utf-8")
        feed.append("{not json")
        rejected = {"E001": 1, "E002": 1, "E007": 1, "E006": 1}
    (root / "feed.jsonl").write_text("\n".join(feed) + "\n", encoding="utf-8")
    return Inputs(root=root, articles=articles, rejected=rejected, duplicates=duplicates)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def run_into(url: str, inputs: Inputs, settings: Any, **kwargs: Any) -> Any:
    """Run `vnextract run` in this process over the inputs into the database at `url`."""
    from vnextract.pipeline.run import run
    from vnextract.pipeline.sinks.database import DatabaseSink

    with DatabaseSink(url) as sink:
        return run([str(inputs.root)], settings, sink, progress=False, **kwargs)


def reference_run(inputs: Inputs, folder: Path, settings: Any, **kwargs: Any) -> tuple[str, Any, Path]:
    """A one-worker reference run into folder/records.db: (url, summary, dead-letter file)."""
    url, dead = sqlite_url(folder / "records.db"), folder / "dead.jsonl"
    return url, run_into(url, inputs, settings, dead_letter=dead, **kwargs), dead


def dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every table as sorted rows of JSON-comparable values, without the write-time columns."""
    from vnextract.pipeline.sinks.schema import METADATA

    engine = create_engine(url)
    tables: dict[str, list[tuple[Any, ...]]] = {}
    try:
        with engine.connect() as conn:
            for table in METADATA.sorted_tables:
                if table.name == "meta":
                    continue
                skip = VOLATILE.get(table.name, set())
                columns = [c for c in table.columns if c.name not in skip]
                rows = conn.execute(select(*columns)).all()
                tables[table.name] = sorted(
                    tuple(json.dumps(v, ensure_ascii=False, sort_keys=True, default=str) for v in row)
                    for row in rows
                )
    finally:
        engine.dispose()
    return tables


def count(url: str, table: str) -> int:
    """Rows in one table (0 when the database or the table is not there yet)."""
    import sqlite3

    path = url.removeprefix("sqlite:///")
    if not os.path.exists(path):
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:
        return 0

