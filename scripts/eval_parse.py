#!/usr/bin/env python3
"""HTML parsing accuracy and speed: the outlet/era fixtures against floors, the unit fixtures.

    scripts/eval_parse.py                       # the tables
    scripts/eval_parse.py --sites-only          # the outlet/era table alone (no speed runs)
    scripts/eval_parse.py --show                # each page's missed and extra paragraphs, wrong fields
    scripts/eval_parse.py --sites-only --no-adapters     # the generic path alone on every page
    scripts/eval_parse.py --sites-only --unknown-sites   # every page as an unknown site's (no adapter, no outlets table)
    scripts/eval_parse.py --pages other/dir     # another set of <name>.html + <name>.expected.json
    scripts/eval_parse.py --seconds 5           # time the throughput run longer

The outlet/era fixtures (`tests/fixtures/sites/`, written from the markup notes by writers who
never saw the parser) are scored per page on the fields a reader checks: title, author,
published day, body complete (the sapo and every expected paragraph are in the text), body clean
(no `noise` string, no caption and nothing said twice in the text), and every field right. Each
page is read as a saved file (no URL given: the parser must find the outlet from the page). The
same fields are scored for trafilatura 2.x (and htmldate for the date) in the same run when they
are installed. Floors for our figures are in `eval_parse_floors.json` and only go up.

The unit fixtures (`tests/fixtures/pages/`): body paragraphs are scored as a multiset (precision, recall, F1, micro-averaged over pages);
each metadata field by exact match with the expected value. A page whose expected file is
{"error": "E007"} scores when the parser refuses it with that code. Throughput is whole pages
through `pipeline.parse.parse` (decode + parse) on one core.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bs4 import BeautifulSoup

from vnextract.pipeline.errors import VnextractError
from vnextract.pipeline.nlp.normalize import normalize_text
from vnextract.pipeline.parse import parse
from vnextract.pipeline.parse.furniture import strip_wire_prefix
from vnextract.pipeline.settings import Settings
from vnextract.pipeline.types import RawDocument

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


SITES = ROOT / "tests" / "fixtures" / "sites"
FLOORS = ROOT / "scripts" / "eval_parse_floors.json"
SITE_FIELDS = ("title", "author", "published", "complete", "clean", "all", "lead", "outlet")
_ALL_OF = ("title", "author", "published", "complete", "clean")


def _norm(text: str | None) -> str:
    """Whitespace collapsed, in the parser's normal form (NFC, the tone of "oa", "uy" on its first
    vowel: "Hoà Vân" is "Hòa Vân"), whichever form the page's writer used."""
    return " ".join(normalize_text(text or "").split())


@dataclass(frozen=True)
class Parsed:
    """What one extractor gave for a page, in the terms the scores compare."""

    title: str | None = None
    author: str | None = None
    published: str | None = None  # the day, YYYY-MM-DD
    outlet: str | None = None
    text: str = ""  # the article's text, sapo and body, one paragraph a line
    adapter: str | None = None
    error: str | None = None


def parse_ours(data: bytes) -> Parsed:
    """Our parser on a saved page (no URL: the outlet is found from the page)."""
    from vnextract.pipeline.parse.html import repair_markup
    from vnextract.pipeline.parse.metadata import read_page

    try:
        article = parse(RawDocument(data, content_type="text/html"), Settings())
    except VnextractError as exc:
        return Parsed(error=exc.code)
    page = read_page(BeautifulSoup(repair_markup(data.decode("utf-8", "replace")), "lxml"), RawDocument(data))
    text = "\n".join(p for p in ((article.sapo or ""), *article.paragraphs) if p)
    return Parsed(article.title, article.author, (article.published_at or "")[:10] or None, article.outlet,
                  text, page.adapter.name if page.adapter else None)


def parse_trafilatura(data: bytes) -> Parsed | None:
    """trafilatura 2.x with its metadata (its date comes from htmldate); None when not installed."""
    try:
        import trafilatura
    except ImportError:
        return None
    doc = trafilatura.bare_extraction(data.decode("utf-8", "replace"), with_metadata=True,
                                      include_comments=False, include_tables=True, favor_precision=False)
    if doc is None:
        return Parsed(error="none")
    get = doc.get if isinstance(doc, dict) else lambda key: getattr(doc, key, None)
    author = get("author")
    return Parsed(get("title"), author.replace("; ", ", ") if author else None, get("date"), get("sitename"),
                  get("text") or "")


def parse_justext(data: bytes) -> Parsed | None:
    """jusText's main text (its Vietnamese stop list); None when not installed. Text only."""
    try:
        import justext
    except ImportError:
        return None
    paragraphs = justext.justext(data, justext.get_stoplist("Vietnamese"), encoding="utf-8")
    return Parsed(text="\n".join(p.text for p in paragraphs if not p.is_boilerplate))


def htmldate_day(data: bytes) -> str | None | bool:
    """htmldate's publication day for the page; False when htmldate is not installed."""
    try:
        from htmldate import find_date
    except ImportError:
        return False
    try:
        return find_date(data.decode("utf-8", "replace"), original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - any failure of the library on a page is 'no date found'
        return None


# An outlet's tag opening a lead, in brackets ("(Người Đưa Tin) - "): the parser moves it to the
# record's outlet, whether or not the wire-prefix table knows it.
# An outlet's tag opening a lead: "(BPL) - ", "EVNHANOI - ", "GD&TĐ - "
_OUTLET_TAG = re.compile(r"^\([^()]{2,40}\)\s*[-–—:]?\s*|^[A-ZĐ][A-ZĐ0-9&.]{1,15}\s+[-–—]\s+")


def _without_outlet_name(lead: str, outlet: str | None) -> str:
    """A lead opened by its outlet's own name as a tag ("AgroMonitor - Giá ..."), the tag off."""
    for dash in ("-", "–", "—"):
        if outlet and lead.startswith(f"{outlet} {dash} "):
            return lead[len(outlet) + 3:]
    return lead


def score_page(found: Parsed, expected: dict[str, Any]) -> dict[str, bool]:
    """Each scored field of one page, right or wrong."""
    if "error" in expected:  # a page without an article: right when refused, on every field
        return dict.fromkeys(SITE_FIELDS, found.error is not None and not found.text)
    text = _norm(found.text.replace("\n", " \u2029 "))
    paragraphs = [_norm(p) for p in expected.get("paragraphs", ()) if p]
    lead = _norm(expected.get("sapo"))
    unwanted = [_norm(n) for n in (*expected.get("noise", ()), *expected.get("captions", ())) if n]
    published = expected.get("published_at")
    scores = {
        "title": _norm(found.title) == _norm(expected.get("title")),
        "author": _norm(found.author) == _norm(expected.get("author")),
        "published": (found.published or None) == (published[:10] if published else None),
        "complete": all(p in text or _norm(strip_wire_prefix(p)) in text for p in paragraphs),
        # nothing unwanted, and no paragraph or lead said twice (issue 9, bug 1)
        "clean": not any(n in text for n in unwanted) and all(text.count(p) <= 1 for p in [*paragraphs, lead] if p),
        # the sapo, as sapo or first paragraph; its outlet's wire prefix ("(BPL) -") goes to the
        # record's outlet, so a lead may be found without it
        "lead": not lead or any(form in text for form in (lead, _norm(strip_wire_prefix(lead)), _norm(_OUTLET_TAG.sub("", lead)),
                                                          _without_outlet_name(lead, expected.get("outlet")))),
        "outlet": _norm(found.outlet) == _norm(expected.get("outlet")),
    }
    scores["all"] = all(scores[key] for key in _ALL_OF)
    return scores


def _site_items(pages: Path) -> list[tuple[str, bytes, dict[str, Any]]]:
    return _load(pages)


def evaluate_sites(pages: Path = SITES, *, libraries: bool = True, show: bool = False) -> dict[str, Any]:
    """Per-page and overall scores of ours (and of trafilatura/htmldate when installed)."""
    rows = []
    for name, data, expected in _site_items(pages):
        ours = parse_ours(data)
        row: dict[str, Any] = {
            "page": name, "outlet": expected.get("outlet"), "era": expected.get("era"),
            "adapter": ours.adapter, "expects_adapter": bool(expected.get("adapter")),
            "ours": score_page(ours, expected),
        }
        if show:
            _show(name, ours, expected, row["ours"])
        if libraries:
            theirs = parse_trafilatura(data)
            if theirs is not None:
                row["trafilatura"] = score_page(theirs, expected)
            text_only = parse_justext(data)
            if text_only is not None:
                scores = score_page(text_only, expected)
                row["justext"] = {key: scores[key] for key in ("complete", "clean", "lead")}
            day = htmldate_day(data)
            if day is not False:
                published = expected.get("published_at")
                row["htmldate"] = {"published": day == (published[:10] if published else None)}
        rows.append(row)
    return {"pages": rows, "overall": _overall(rows)}


def _share(rows: list[dict[str, Any]], side: str, key: str) -> float | None:
    marks = [row[side][key] for row in rows if side in row and key in row[side]]
    return sum(marks) / len(marks) if marks else None


def _overall(rows: list[dict[str, Any]]) -> dict[str, dict[str, float | None]]:
    groups = {
        "all": rows,
        "adapter": [r for r in rows if r["adapter"]],
        "generic": [r for r in rows if not r["adapter"]],
    }
    result: dict[str, dict[str, float | None]] = {}
    for group, members in groups.items():
        for side in ("ours", "trafilatura", "justext", "htmldate"):
            scores = {key: _share(members, side, key) for key in SITE_FIELDS}
            scores = {k: v for k, v in scores.items() if v is not None}
            if scores:
                result[f"{side} ({group}, {len(members)})" if group != "all" else side] = scores
    return result


def _show(name: str, found: Parsed, expected: dict[str, Any], scores: dict[str, bool]) -> None:
    if "error" in expected:
        if not scores["all"]:
            print(f"{name}: expected {expected['error']}, got text")
        return
    fields = (("title", found.title), ("author", found.author), ("published", found.published),
              ("outlet", found.outlet))
    for key, value in fields:
        if not scores[key]:
            want = expected.get("published_at" if key == "published" else key)
            print(f"{name}.{key}: expected {want!r}, got {value!r}")
    text = _norm(found.text.replace("\n", " \u2029 "))
    for paragraph in (expected.get("sapo"), *expected.get("paragraphs", ())):
        if paragraph and _norm(paragraph) not in text:
            print(f"{name}: missed {paragraph[:100]!r}")
        elif paragraph and text.count(_norm(paragraph)) > 1:
            print(f"{name}: twice  {paragraph[:100]!r}")
    for noise in (*expected.get("noise", ()), *expected.get("captions", ())):
        if noise and _norm(noise) in text:
            print(f"{name}: noise  {noise[:100]!r}")
    if found.error:
        print(f"{name}: refused {found.error}")


def switch_off_adapters() -> None:
    """Make every page go the generic path: how it holds on layouts nobody wrote an adapter for."""
    from vnextract.pipeline.parse import metadata

    metadata.SITES = ()
    metadata.adapters_for = lambda url: ()


def switch_off_outlets() -> None:
    """Make every page an unknown site's: no adapter and no row of outlets.tsv, so the outlet's
    name, the site-name checks and the bylines rest on what the page says of itself."""
    from vnextract.pipeline.parse import metadata

    switch_off_adapters()
    metadata.outlet_by_domain = lambda url: None
    metadata.outlet_by_name = lambda text: None


def below_floors(overall: dict[str, dict[str, float | None]], floors: dict[str, Any]) -> list[str]:
    """The fields of ours (all pages) under their floor, as readable lines (nested tables of
    floors, such as the generic-only run's, are checked by their own runs)."""
    ours = overall.get("ours", {})
    return [f"{key} {ours.get(key) or 0.0:.3f} < floor {floor}" for key, floor in floors.items()
            if isinstance(floor, (int, float)) and (ours.get(key) or 0.0) + 1e-9 < floor]


def print_sites(result: dict[str, Any]) -> None:
    """The per-page table and the overall table, as Markdown."""
    print("| page | outlet | era | adapter | " + " | ".join(SITE_FIELDS) + " | trafilatura all |")
    print("| --- | --- | --- | --- | " + " | ".join("---:" for _ in SITE_FIELDS) + " | ---: |")
    for row in result["pages"]:
        marks = " | ".join("1" if row["ours"][k] else "0" for k in SITE_FIELDS)
        theirs = row.get("trafilatura", {}).get("all")
        print(f"| {row['page']} | {row['outlet']} | {row['era']} | {row['adapter'] or 'generic'} | {marks} | "
              f"{'' if theirs is None else int(theirs)} |")
    print()
    print("| extractor | " + " | ".join(SITE_FIELDS) + " |")
    print("| --- | " + " | ".join("---:" for _ in SITE_FIELDS) + " |")
    for side, scores in result["overall"].items():
        cells = " | ".join("" if scores.get(k) is None else f"{scores[k]:.2f}" for k in SITE_FIELDS)
        print(f"| {side} | {cells} |")


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
    parser.add_argument("--sites", type=Path, default=SITES, help="outlet/era fixtures (default %(default)s)")
    parser.add_argument("--sites-only", action="store_true", help="score the outlet/era fixtures only")
    parser.add_argument("--no-libraries", action="store_true", help="leave trafilatura and htmldate out")
    parser.add_argument("--no-adapters", action="store_true",
                        help="score the generic path alone on every page (adapters switched off)")
    parser.add_argument("--unknown-sites", action="store_true",
                        help="score every page as an unknown site's (adapters and the outlets table off)")
    args = parser.parse_args(argv)
    if args.unknown_sites:
        switch_off_outlets()
    elif args.no_adapters:
        switch_off_adapters()
    sites = evaluate_sites(args.sites, libraries=not args.no_libraries, show=args.show)
    if args.sites_only:
        if args.json:
            print(json.dumps(sites, indent=2, ensure_ascii=False))
        else:
            print_sites(sites)
        floors = json.loads(FLOORS.read_text()) if FLOORS.exists() else {}
        chosen = floors.get("unknown_sites", {}) if args.unknown_sites else (
            floors.get("generic_only", {}) if args.no_adapters else floors)
        failed = below_floors(sites["overall"], chosen)
        for line in failed:
            print(f"below floor: {line}", file=sys.stderr)
        return 1 if failed else 0
    scores = evaluate(args.pages, args.show)
    scores["speed"] = throughput(args.pages, args.seconds)
    scores["large_page"] = large_page_speed(args.pages)
    if args.json:
        scores["sites"] = sites
        print(json.dumps(scores, indent=2, ensure_ascii=False))
        return 0
    print_sites(sites)
    print()
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
