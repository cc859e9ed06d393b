#!/usr/bin/env python3
"""Main-text extraction accuracy and speed over the saved-page fixtures.

    scripts/eval_parse.py                       # the table
    scripts/eval_parse.py --show                # each page's missed and extra paragraphs, wrong fields
    scripts/eval_parse.py --pages other/dir     # another set of <name>.html + <name>.expected.json
    scripts/eval_parse.py --seconds 5           # time the throughput run longer

Body paragraphs are scored as a multiset (precision, recall, F1, micro-averaged over pages);
each metadata field by exact match with the expected value. A page whose expected file is
{"error": "E007"} scores when the parser refuses it with that code. Throughput is whole pages
through `pipeline.parse.parse` (decode + parse) on one core.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vnextract.pipeline.errors import VnextractError  # noqa: E402
from vnextract.pipeline.parse import parse  # noqa: E402
from vnextract.pipeline.settings import Settings  # noqa: E402
from vnextract.pipeline.types import RawDocument  # noqa: E402

PAGES = ROOT / "tests" / "fixtures" / "pages"
FIELDS = (
    "title", "sapo", "author", "published_at", "modified_at", "url", "outlet", "tags", "captions",
    "language",
)


def _load(pages: Path) -> list[tuple[str, bytes, dict[str, Any]]]:
    items = []
    for expected_path in sorted(pages.glob("*.expected.json")):
        name = expected_path.name.removesuffix(".expected.json")
        html_path = pages / f"{name}.html"
        if html_path.exists():
            items.append((name, html_path.read_bytes(), json.loads(expected_path.read_text("utf-8"))))
    return items


def _run(data: bytes, settings: Settings) -> dict[str, Any]:
    try:
        article = parse(RawDocument(data, content_type="text/html"), settings)
    except VnextractError as exc:
        return {"error": exc.code, "paragraphs": []}
    found = asdict(article)
    return {k: list(v) if isinstance(v, tuple) else v for k, v in found.items()}


def evaluate(pages: Path, show: bool) -> dict[str, Any]:
    """Scores per field over the fixtures in `pages`."""
    settings = Settings()
    items = _load(pages)
    tp = n_pred = n_gold = 0
    field_hits: Counter[str] = Counter()
    field_total: Counter[str] = Counter()
    refusals_ok = refusals = 0
    for name, data, expected in items:
        found = _run(data, settings)
        if "error" in expected:
            refusals += 1
            refusals_ok += found.get("error") == expected["error"]
            n_pred += len(found["paragraphs"])  # anything taken from a page without article is noise
            if show and found.get("error") != expected["error"]:
                print(f"{name}: expected refusal {expected['error']}, got {len(found['paragraphs'])} paragraphs")
            continue
        pred, gold = Counter(found["paragraphs"]), Counter(expected["paragraphs"])
        hits = sum((pred & gold).values())
        tp, n_pred, n_gold = tp + hits, n_pred + sum(pred.values()), n_gold + sum(gold.values())
        for key in FIELDS:
            if key not in expected:
                continue
            field_total[key] += 1
            ok = found.get(key) == expected[key]
            field_hits[key] += ok
            if show and not ok:
                print(f"{name}.{key}: expected {expected[key]!r}, got {found.get(key)!r}")
        if show:
            for missing in (gold - pred).elements():
                print(f"{name}: missed  {missing[:90]!r}")
            for extra in (pred - gold).elements():
                print(f"{name}: extra   {extra[:90]!r}")
    precision = tp / n_pred if n_pred else 1.0
    recall = tp / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "pages": len(items),
        "articles": len(items) - refusals,
        "paragraphs": {"precision": precision, "recall": recall, "f1": f1, "gold": n_gold, "found": n_pred},
        "fields": {k: field_hits[k] / field_total[k] for k in FIELDS if field_total[k]},
        "refused_correctly": f"{refusals_ok}/{refusals}",
    }


def throughput(pages: Path, seconds: float) -> dict[str, float]:
    """Pages and megabytes parsed per second, cycling over the fixtures for about `seconds`."""
    settings = Settings()
    blobs = [data for _, data, _ in _load(pages)]
    count = size = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for data in blobs:
            _run(data, settings)
            count += 1
            size += len(data)
    elapsed = time.perf_counter() - start
    return {"pages_per_second": count / elapsed, "mb_per_second": size / elapsed / 1e6,
            "mean_page_kb": size / count / 1e3}


_TEASER = (
    '<li class="item"><a href="/tin-{i}.html"><img src="/anh/{i}.jpg" alt=""></a>'
    '<h3 class="title-news"><a href="/tin-{i}.html">Tin số {i}: giá lúa gạo, xăng dầu và vàng biến động</a></h3>'
    '<p class="description"><a href="/tin-{i}.html">Tóm tắt tin {i}, vài dấu phẩy, để giống một trang thật.</a></p></li>'
)


def large_page_speed(pages: Path, teasers: int = 600, rounds: int = 5) -> dict[str, float]:
    """Milliseconds per page of news-site size: a fixture padded with menus and teaser lists.

    Fixtures are a few kB; a real article page is 100-300 kB, mostly menus and teasers. The
    adapter page keeps its URL; the generic one has its outlet's markers renamed, so the
    generic extractor does the work. The bare BeautifulSoup parse is timed for reference.
    """
    from bs4 import BeautifulSoup

    base = (pages / "vnexpress.html").read_text(encoding="utf-8")
    half = "".join(_TEASER.format(i=i) for i in range(teasers // 2))
    padded = base.replace('<div class="sidebar-2">', f'<div class="sidebar-2"><ul>{half}</ul>', 1)
    padded = padded.replace('<footer class="footer">', f'<div class="menu-bottom"><ul>{half}</ul></div><footer class="footer">', 1)
    generic = padded.replace("vnexpress.net", "example.vn").replace("fck_detail", "noidung")
    settings = Settings()
    result = {"page_kb": len(padded.encode()) / 1e3}
    for label, html in (("adapter_ms", padded), ("generic_ms", generic)):
        data = html.encode()
        _run(data, settings)  # selectors compile on first use
        start = time.perf_counter()
        for _ in range(rounds):
            _run(data, settings)
        result[label] = (time.perf_counter() - start) / rounds * 1e3
    start = time.perf_counter()
    for _ in range(rounds):
        BeautifulSoup(padded, "lxml")
    result["beautifulsoup_only_ms"] = (time.perf_counter() - start) / rounds * 1e3
    return result


def main(argv: list[str] | None = None) -> int:
    """Print the accuracy table and the throughput."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=Path, default=PAGES)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--json", action="store_true", help="one JSON object instead of the table")
    args = parser.parse_args(argv)
    scores = evaluate(args.pages, args.show)
    scores["speed"] = throughput(args.pages, args.seconds)
    scores["large_page"] = large_page_speed(args.pages)
    if args.json:
        print(json.dumps(scores, indent=2))
        return 0
    body = scores["paragraphs"]
    print(f"pages: {scores['pages']} ({scores['articles']} articles, refusals correct {scores['refused_correctly']})")
    print(f"body paragraphs: precision {body['precision']:.3f}  recall {body['recall']:.3f}  "
          f"F1 {body['f1']:.3f}  ({body['found']} found, {body['gold']} expected)")
    print("metadata exact match:")
    for key, rate in scores["fields"].items():
        print(f"  {key:<13} {rate:.3f}")
    speed = scores["speed"]
    print(f"speed: {speed['pages_per_second']:.1f} pages/s, {speed['mb_per_second']:.2f} MB/s "
          f"(mean page {speed['mean_page_kb']:.1f} kB, one core)")
    large = scores["large_page"]
    print(f"large page ({large['page_kb']:.0f} kB): adapter {large['adapter_ms']:.0f} ms, generic "
          f"{large['generic_ms']:.0f} ms, of which BeautifulSoup(lxml) alone {large['beautifulsoup_only_ms']:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
