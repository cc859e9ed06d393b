#!/usr/bin/env python3
"""Speed of the whole extraction (text -> validated record) against underthesea.ner, same texts.

    scripts/bench.py                 # the shared news sample and the corpus
    scripts/bench.py --repeat 1      # one pass for each side (default: best of three)

Words are whitespace-separated syllables, counted the same way for both sides. Models and
lexicons are loaded once before timing (the load time is printed apart). Run it on one core:
`taskset -c 0 scripts/bench.py` where taskset exists; the script pins itself when it can.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT.parent / "shared" / "data" / "binhvq-news-sample.txt"


def pin_one_core() -> str:
    """Pin this process to one CPU so both sides get the same single core."""
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to cpu {cpu}"
    return "not pinned"


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(run: Callable[[str], object], texts: list[str], repeat: int) -> float:
    """Best wall time of `repeat` passes over all texts."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            run(text)
        best = min(best, time.perf_counter() - start)
    return best


def load_sets() -> dict[str, list[str]]:
    """The benchmark text sets: the shared sample (one text per line) and the corpus articles."""
    sets: dict[str, list[str]] = {}
    if SAMPLE.exists():
        sets["binhvq-news-sample (1,000 lines)"] = [
            line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()
        ]
    corpus = sorted((ROOT / "corpus").rglob("*.txt"))
    if corpus:
        sets[f"corpus ({len(corpus)} articles)"] = [p.read_text(encoding="utf-8") for p in corpus]
    return sets


def main(argv: list[str] | None = None) -> int:
    """Print words/s of both sides, the ratio and peak memory, per text set."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    # best of three: one pass moves by 30% with what else a shared machine is doing
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(pin_one_core())

    from vnextract.pipeline.errors import VnextractError
    from vnextract.pipeline.nlp import shared_nlp
    from vnextract.pipeline.process import process
    from vnextract.pipeline.settings import Settings
    from vnextract.pipeline.types import RawDocument

    start = time.perf_counter()
    nlp, settings = shared_nlp(), Settings()
    process(RawDocument(content="Ngày 4/1, ông Nguyễn Văn A nói.".encode()), nlp, settings, "2024-01-04")
    load_pipeline = time.perf_counter() - start

    def extract(text: str) -> None:
        try:
            process(RawDocument(content=text.encode("utf-8"), content_type="text/plain"), nlp, settings,
                    "2024-01-04")
        except VnextractError:
            pass  # a rejected input still costs its extraction; it is counted like the others

    sets = load_sets()
    for texts in sets.values():  # one untimed pass: the peak memory of vnextract alone
        for text in texts[:50]:
            extract(text)
    pipeline_peak = peak_rss_mb()

    start = time.perf_counter()
    from underthesea import ner

    ner("Ngày 4/1, ông Nguyễn Văn A nói.")
    load_ner = time.perf_counter() - start

    print(f"load: vnextract {load_pipeline:.2f} s, underthesea.ner {load_ner:.2f} s")
    print("| texts | words | vnextract words/s | underthesea.ner words/s | ratio |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, texts in sets.items():
        words = sum(len(t.split()) for t in texts)
        # the two sides take turns, pass by pass, so a busy spell of the machine falls on both
        seconds, ner_seconds = float("inf"), float("inf")
        for _ in range(args.repeat):
            seconds = min(seconds, timed(extract, texts, 1))
            ner_seconds = min(ner_seconds, timed(ner, texts, 1))
        ours, theirs = words / seconds, words / ner_seconds
        print(f"| {name} | {words:,} | {ours:,.0f} | {theirs:,.0f} | {ours / theirs:.1f}x |")
    print(f"peak memory: {pipeline_peak:.0f} MB after vnextract, {peak_rss_mb():.0f} MB after both")
    return 0


if __name__ == "__main__":
    sys.exit(main())
