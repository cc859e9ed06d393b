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
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.errors import VnextractError  # noqa: E402
from pipeline.nlp import shared_nlp  # noqa: E402
from pipeline.process import process  # noqa: E402
from pipeline.settings import Settings  # noqa: E402
from pipeline.types import RawDocument  # noqa: E402

FLOORS = ROOT / "scripts" / "eval_floors.json"


def norm(text: Any) -> Any:
    """NFC, single spaces; other values unchanged."""
    if isinstance(text, str):
        return " ".join(unicodedata.normalize("NFC", text).split())
    return text


def number(value: Any) -> float | None:
    """Numbers compared at 6 significant digits so 48.5 and 48.50000001 agree."""
    return None if value is None else float(f"{float(value):.6g}")


def stat_key(item: dict[str, Any]) -> tuple:
    return tuple(number(item.get(k)) for k in ("value", "low", "high", "total"))


# field -> function from a record-shaped dict to the multiset of comparable keys
KEYS: dict[str, Callable[[dict[str, Any]], Iterable[tuple]]] = {
    "officials": lambda r: {(norm(p["name"]),) for p in r.get("officials", [])},
    "titles": lambda r: {
        (norm(p["name"]), norm(t["role"]).casefold()) for p in r.get("officials", []) for t in p["titles"]
    },
    "title_orgs": lambda r: {
        (norm(p["name"]), norm(t["role"]).casefold(), (norm(t.get("organization")) or "").casefold())
        for p in r.get("officials", [])
        for t in p["titles"]
    },
    "persons": lambda r: {
        (norm(p if isinstance(p, str) else p["name"]),) for p in r.get("persons", [])
    },
    "dates": lambda r: [(d["value"],) for d in r.get("dates", [])],
    "date_kinds": lambda r: [(d["value"], d["kind"]) for d in r.get("dates", [])],
    "statistics": lambda r: [stat_key(s) for s in r.get("statistics", [])],
    "stat_units": lambda r: [stat_key(s) + (norm(s.get("unit")),) for s in r.get("statistics", [])],
    "stat_kinds": lambda r: [stat_key(s) + (s.get("kind"),) for s in r.get("statistics", [])],
    "stat_qualifiers": lambda r: [stat_key(s) + (s.get("qualifier"),) for s in r.get("statistics", [])],
    "stat_targets": lambda r: [stat_key(s) + (bool(s.get("target")),) for s in r.get("statistics", [])],
    "documents": lambda r: {(d["kind"], norm(d.get("number"))) for d in r.get("documents", [])},
    "organizations": lambda r: {
        (norm(o if isinstance(o, str) else o["name"]).casefold(),) for o in r.get("organizations", [])
    },
    "locations": lambda r: {
        (norm(o if isinstance(o, str) else o["name"]).casefold(),) for o in r.get("locations", [])
    },
}


@dataclass
class Score:
    """Counts for one field, summed over articles (micro-average)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[tuple[str, list, list]] = field(default_factory=list)

    def add(self, name: str, expected: Iterable[tuple], found: Iterable[tuple]) -> None:
        want, got = Counter(expected), Counter(found)
        common = want & got
        self.tp += sum(common.values())
        self.fp += sum((got - common).values())
        self.fn += sum((want - common).values())
        if want != got:
            self.misses.append((name, sorted((want - common).elements(), key=str),
                                sorted((got - common).elements(), key=str)))

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


def corpus_files(corpus: Path) -> list[tuple[Path, Path]]:
    """(article, expected) pairs under the corpus folder."""
    pairs = []
    for expected in sorted(corpus.rglob("*.expected.json")):
        stem = expected.name[: -len(".expected.json")]
        for suffix in (".txt", ".html", ".htm"):
            article = expected.with_name(stem + suffix)
            if article.exists():
                pairs.append((article, expected))
                break
    return pairs


def evaluate(corpus: Path) -> tuple[dict[str, Score], list[str]]:
    """Scores per field over every article of the corpus, and the articles that failed."""
    nlp, settings = shared_nlp(), Settings()
    scores = {name: Score() for name in KEYS}
    failed: list[str] = []
    for article, expected_path in corpus_files(corpus):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        content_type = "text/html" if article.suffix != ".txt" else "text/plain"
        raw = RawDocument(content=article.read_bytes(), content_type=content_type, archive=str(article))
        name = str(article.relative_to(corpus))
        try:
            found = process(raw, nlp, settings, published=expected.get("published")).model_dump()
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
