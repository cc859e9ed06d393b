#!/usr/bin/env python3
"""Precision, recall and F1 per field over the corpus, against hand-written expected records.

    scripts/eval.py                      # the table
    scripts/eval.py --check              # exit 1 when a field falls below its floor
    scripts/eval.py --raise-floors       # move floors up to today's scores (never down)
    scripts/eval.py --record-digest      # accept an edit of the corpus: write its new digest
    scripts/eval.py --show dates         # list what each article missed and added in a field
    scripts/eval.py --corpus other/dir   # a held-out set written the same way
    scripts/eval.py --devset DIR         # the real-news dev set's folder (default ../shared/data)

Two tables: the corpus (articles the team wrote, with expected records), then the real-news dev
set (real articles with hand-written gold records, `scripts/devset.py`), each with its own floors.
The dev set is scored only where its folder exists.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import devset
from vnextract.pipeline.errors import VnextractError
from vnextract.pipeline.review.compare import (
    KEYS,
    CompareKey,
    corpus_files,
    multiset_diff,
)
from vnextract.pipeline.review.golden import extract_corpus_article

FLOORS = ROOT / "scripts" / "eval_floors.json"
DEVSET_FLOORS = ROOT / "scripts" / "eval_floors_devset.json"
DEVSET_DIR = ROOT.parent / "shared" / "data"
DIGEST = ROOT / "scripts" / "corpus_digest.json"


@dataclass
class Score:
    """Counts for one field, summed over articles (micro-average)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[tuple[str, list, list]] = field(default_factory=list)

    def add(self, name: str, expected: Iterable[tuple], found: Iterable[tuple]) -> None:
        common, missed, extra = multiset_diff(expected, found)
        self.tp += sum(common.values())
        self.fp += sum(extra.values())
        self.fn += sum(missed.values())
        if missed or extra:
            self.misses.append((name, sorted(missed.elements(), key=str), sorted(extra.elements(), key=str)))

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


# one scored article: its name, its expected record, and how to extract the record found
Case = tuple[str, dict, Callable[[], dict]]


def _score(cases: Iterable[Case], keys: dict[str, CompareKey]) -> tuple[dict[str, Score], list[str]]:
    """Scores per field over the cases, and the articles that failed."""
    scores = {name: Score() for name in keys}
    failed: list[str] = []
    for name, expected, extract in cases:
        try:
            found = extract()
        except VnextractError as error:
            failed.append(f"{name}: {error}")
            found = {}
        for field_name, key in keys.items():
            scores[field_name].add(name, key(expected), key(found))
    return scores, failed


def evaluate(corpus: Path) -> tuple[dict[str, Score], list[str]]:
    """Scores per field over every article of the corpus, and the articles that failed."""
    def cases() -> Iterator[Case]:
        for article, expected_path in corpus_files(corpus):
            expected = json.loads(expected_path.read_text(encoding="utf-8"))
            yield str(article.relative_to(corpus)), expected, lambda a=article, e=expected: extract_corpus_article(a, e)

    return _score(cases(), KEYS)


def evaluate_devset(folder: Path) -> tuple[dict[str, Score], list[str]]:
    """Scores per field over the real-news dev set in `folder` (no articles: empty scores)."""
    cases = ((f"article {a.number}", a.gold, lambda a=a: devset.extract(a)) for a in devset.load(folder))
    return _score(cases, devset.DEVSET_KEYS)


def corpus_digest(corpus: Path) -> dict[str, object]:
    """The corpus gate's record: the number of articles and a sha256 per file (article, sidecar,
    expected record), so that an edit of any expected file shows in review as a digest change."""
    files: dict[str, str] = {}
    for article, expected_path in corpus_files(corpus):
        sidecar = article.with_name(article.name.rsplit(".", 1)[0] + ".meta.json")
        for path in (article, sidecar, expected_path):
            if path.exists():
                files[path.relative_to(corpus).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return {"articles": len(corpus_files(corpus)), "files": dict(sorted(files.items()))}


def digest_changes(recorded: dict[str, object], current: dict[str, object]) -> list[str]:
    """Files added, removed or edited since the digest was recorded, one line each."""
    old, new = dict(recorded.get("files") or {}), dict(current.get("files") or {})  # type: ignore[call-overload]
    return ([f"added {f}" for f in sorted(new.keys() - old.keys())]
            + [f"removed {f}" for f in sorted(old.keys() - new.keys())]
            + [f"edited {f}" for f in sorted(old.keys() & new.keys()) if old[f] != new[f]])


def load_floors(path: Path) -> dict[str, float]:
    return json.loads(path.read_text()) if path.exists() else {}


def raise_floors(path: Path, scores: dict[str, Score]) -> None:
    """Floors move up to today's F1 (rounded down), never down."""
    floors = load_floors(path)
    for name, s in scores.items():
        floors[name] = max(floors.get(name, 0.0), round(s.f1 - 0.0005, 3))
    path.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n")


def below_floors(scores: dict[str, Score], floors: dict[str, float]) -> list[str]:
    return [n for n, s in scores.items() if s.f1 + 1e-9 < floors.get(n, 0.0)]


def table(scores: dict[str, Score], floors: dict[str, float]) -> str:
    """The Markdown table printed and pasted in the README."""
    lines = ["| field | precision | recall | F1 | floor |", "| --- | ---: | ---: | ---: | ---: |"]
    for name, s in scores.items():
        floor = floors.get(name)
        lines.append(
            f"| {name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | "
            f"{'' if floor is None else f'{floor:.3f}'} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the table; with --check, fail below the floors."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--devset", type=Path, default=DEVSET_DIR, help="folder of the real-news dev set")
    parser.add_argument("--check", action="store_true", help="exit 1 when an F1 is below its floor")
    parser.add_argument("--raise-floors", action="store_true", help="raise floors to current F1")
    parser.add_argument("--show", metavar="FIELD", choices=sorted(KEYS), help="print misses of a field")
    parser.add_argument("--record-digest", action="store_true",
                        help="write the corpus digest (after reviewing an edit of the corpus)")
    args = parser.parse_args(argv)
    if args.record_digest:
        DIGEST.write_text(json.dumps(corpus_digest(args.corpus), indent=1) + "\n", encoding="utf-8")
        print(f"recorded the digest of {args.corpus} in {DIGEST.relative_to(ROOT)}")
        return 0

    runs = [("corpus", FLOORS, evaluate(args.corpus), f"{len(corpus_files(args.corpus))} articles in {args.corpus}")]
    articles = devset.load(args.devset)
    if articles:
        runs.append(("dev set", DEVSET_FLOORS, evaluate_devset(args.devset), f"{len(articles)} real-news articles in {args.devset}"))
    else:
        print(f"(real-news dev set not found in {args.devset}: its table is skipped)")
    status = 0
    for label, floors_path, (scores, failed), heading in runs:
        floors = load_floors(floors_path)
        print(f"\n{heading}")
        print(table(scores, floors))
        for line in failed:
            print(f"FAILED {line}")
        if args.show and args.show in scores:
            for name, missed, extra in scores[args.show].misses:
                print(f"\n[{label}] {name}\n  missed: {missed}\n  extra:  {extra}")
        if args.raise_floors:
            raise_floors(floors_path, scores)
        if args.check:
            for name in below_floors(scores, floors):
                print(f"BELOW FLOOR ({label}) {name}: {scores[name].f1:.3f} < {floors[name]:.3f}")
                status = 1
            status = status or (1 if failed else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
