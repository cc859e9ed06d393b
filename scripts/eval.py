#!/usr/bin/env python3
"""Precision, recall and F1 per field over the corpus, against hand-written expected records.

    scripts/eval.py                      # the table
    scripts/eval.py --check              # exit 1 when a field falls below its floor
    scripts/eval.py --raise-floors       # move floors up to today's scores (never down)
    scripts/eval.py --show dates         # list what each article missed and added in a field
    scripts/eval.py --corpus other/dir   # a held-out set written the same way
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.errors import VnextractError  # noqa: E402
from pipeline.review.compare import KEYS, corpus_files, multiset_diff  # noqa: E402
from pipeline.review.golden import extract_corpus_article  # noqa: E402

FLOORS = ROOT / "scripts" / "eval_floors.json"


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


def evaluate(corpus: Path) -> tuple[dict[str, Score], list[str]]:
    """Scores per field over every article of the corpus, and the articles that failed."""
    scores = {name: Score() for name in KEYS}
    failed: list[str] = []
    for article, expected_path in corpus_files(corpus):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        name = str(article.relative_to(corpus))
        try:
            found = extract_corpus_article(article, expected)
        except VnextractError as error:
            failed.append(f"{name}: {error}")
            found = {}
        for field_name, key in KEYS.items():
            scores[field_name].add(name, key(expected), key(found))
    return scores, failed


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
    parser.add_argument("--check", action="store_true", help="exit 1 when an F1 is below its floor")
    parser.add_argument("--raise-floors", action="store_true", help="raise floors to current F1")
    parser.add_argument("--show", metavar="FIELD", choices=sorted(KEYS), help="print misses of a field")
    args = parser.parse_args(argv)

    floors: dict[str, float] = json.loads(FLOORS.read_text()) if FLOORS.exists() else {}
    scores, failed = evaluate(args.corpus)
    print(f"{len(corpus_files(args.corpus))} articles in {args.corpus}")
    print(table(scores, floors))
    for line in failed:
        print(f"FAILED {line}")
    if args.show:
        for name, missed, extra in scores[args.show].misses:
            print(f"\n{name}\n  missed: {missed}\n  extra:  {extra}")
    if args.raise_floors:
        for name, s in scores.items():
            floors[name] = max(floors.get(name, 0.0), round(s.f1 - 0.0005, 3))
        FLOORS.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n")
    if args.check:
        below = [n for n, s in scores.items() if s.f1 + 1e-9 < floors.get(n, 0.0)]
        for name in below:
            print(f"BELOW FLOOR {name}: {scores[name].f1:.3f} < {floors[name]:.3f}")
        return 1 if below or failed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
