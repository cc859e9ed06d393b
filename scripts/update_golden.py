#!/usr/bin/env python3
"""Bring the corpus's hand-written expected records up to date, one shown and accepted item at a time.

    scripts/update_golden.py                                  # show each article's golden diff, ask per item
    scripts/update_golden.py corpus/politics/lam-dong*        # only these articles
    scripts/update_golden.py --accept statistics              # take every add/change in a field unasked
    scripts/update_golden.py --accept persons --allow-drop    # ... and drop the items no longer found

Expected records are written by a person reading the article; the program's output never replaces
them wholesale. Each proposal (add an item found by the program, change an attribute the corpus
eval compares, drop an expected item the program no longer finds) is printed with its sentence and
written only when accepted. Dropping an expected item needs --allow-drop, and is printed.
Without a terminal and without --accept nothing is written: the script only shows.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vnextract.pipeline.errors import VnextractError  # noqa: E402
from vnextract.pipeline.review.compare import KEYS, as_item, compared_attributes, corpus_files  # noqa: E402
from vnextract.pipeline.review.diff import context_of, item_label  # noqa: E402
from vnextract.pipeline.review.golden import Extract, extract_corpus_article  # noqa: E402
from vnextract.pipeline.review.render import clean, show_value  # noqa: E402

# expected field -> (key that identifies an item, attributes the eval compares beyond that key),
# read from the eval's own keys so the two never disagree
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {name: (name, attrs) for name, attrs in compared_attributes().items()}
NAMES_ONLY = ("persons", "organizations", "locations")  # listed as bare names in expected files


class Quit(Exception):
    """The reviewer answered q: stop, writing nothing more."""


@dataclass
class Proposal:
    """One edit of an expected list: add a found item, change attributes of one, or drop one."""

    field: str
    action: str  # add | change | drop
    index: int  # expected index changed or dropped; for add, the expected index it goes after
    item: Any  # the expected-shaped item to add, or the changed/dropped expected item
    attrs: dict[str, tuple[Any, Any]]  # change: attribute -> (expected, found)
    context: str


def shape(field: str, item: Mapping[str, Any]) -> Any:
    """A found item as a hand-written expected file writes it (no offsets, no mentions)."""
    if field in NAMES_ONLY:
        return item["name"]
    if field == "officials":
        titles = [{k: t.get(k) for k in ("text", "role", "organization")} for t in item.get("titles", [])]
        return {"name": item["name"], "titles": titles}
    if field == "dates":
        return {k: item.get(k) for k in ("text", "value", "granularity", "kind")}
    if field == "statistics":
        keys = ("text", "value", "low", "high", "total", "unit", "subject", "qualifier", "kind", "target", "period")
        return {k: item.get(k) for k in keys if k not in ("low", "high", "total") or item.get(k) is not None}
    return {k: item.get(k) for k in ("text", "kind", "number", "date", "issuer", "title")}


def _attr(field: str, item: Mapping[str, Any], name: str) -> Any:
    if name == "titles":  # what title_orgs compares: role and organisation, case-folded
        return sorted(((t.get("role") or "").casefold(), (t.get("organization") or "").casefold())
                      for t in item.get("titles", []))
    return bool(item.get(name)) if name == "target" else item.get(name)


def propose(field: str, expected: list[Any], found: Mapping[str, Any]) -> list[Proposal]:
    """Adds, changes and drops that would make `expected[field]` agree with the found record."""
    key_name, attrs = FIELDS[field]
    key = KEYS[key_name].key
    text = found.get("text") or ""
    want = [as_item(e) for e in expected]
    got = [item for _k, item in KEYS[key_name].pairs(found)]
    free = list(range(len(want)))
    matched: dict[int, int] = {}  # found index -> expected index, items paired by key in order
    for j, item in enumerate(got):
        i = next((i for i in free if key(want[i]) == key(item)), None)
        if i is not None:
            free.remove(i)
            matched[j] = i
    proposals: list[Proposal] = []
    anchor = -1
    for j, item in enumerate(got):
        context = _context(item, text)
        if j in matched:
            anchor = i = matched[j]
            diff = {a: (_attr(field, want[i], a), _attr(field, item, a)) for a in attrs}
            diff = {a: (old, new) for a, (old, new) in diff.items() if old != new}
            if diff:
                proposals.append(Proposal(field, "change", i, shape(field, item), diff, context))
        else:
            proposals.append(Proposal(field, "add", anchor, shape(field, item), {}, context))
    for i in free:
        proposals.append(Proposal(field, "drop", i, expected[i], {}, _context(want[i], text)))
    return proposals


def _context(item: Any, text: str) -> str:
    c = context_of(item, text)
    return f"{c.before}«{c.match}»{c.after}" if c else "(not found in the text)"


def apply(expected: list[Any], accepted: list[Proposal]) -> list[Any]:
    """The expected list with accepted proposals applied (hand-written fields otherwise kept)."""
    result: list[Any] = []
    dropped = {p.index for p in accepted if p.action == "drop"}
    changes = {p.index: p for p in accepted if p.action == "change"}
    adds: dict[int, list[Any]] = {}
    for p in accepted:
        if p.action == "add":
            adds.setdefault(p.index, []).append(p.item)
    result += adds.get(-1, [])
    for i, item in enumerate(expected):
        if i in changes:
            item = dict(item)
            for name in changes[i].attrs:
                item[name] = changes[i].item.get(name)
        if i not in dropped:
            result.append(item)
        result += adds.get(i, [])
    return result


def describe(p: Proposal) -> str:
    """One line naming the proposal, then its sentence."""
    label = item_label(p.field, as_item(p.item))
    detail = "".join(f"\n      {a}: {show_value(old)} → {show_value(new)}" for a, (old, new) in p.attrs.items())
    return clean(f"  {p.action} {p.field}: {label}{detail}\n      │ {p.context}")


def ask_tty(question: str) -> str:
    """The answer typed at the terminal ('' at end of input)."""
    try:
        return input(question).strip().lower()
    except EOFError:
        return ""


def review(path: Path, expected: dict[str, Any], found: Mapping[str, Any], args: argparse.Namespace,
           ask: Callable[[str], str] | None) -> dict[str, Any] | None:
    """The updated expected record, or None when nothing was accepted."""
    accepted: list[Proposal] = []
    updated = dict(expected)
    proposals = {field: propose(field, expected.get(field, []), found) for field in FIELDS}
    if any(proposals.values()):  # the golden diff of this article, as edits of its expected file
        print(clean(f"\n━ {path.name}: " + ", ".join(f"{f} {len(ps)}" for f, ps in proposals.items() if ps)))
    for field, field_proposals in proposals.items():
        chosen = []
        for p in field_proposals:
            print(describe(p))
            if p.action == "drop" and not args.allow_drop:
                print("      kept: dropping an expected item needs --allow-drop")
                continue
            if field in args.accept:
                answer = "y"
            elif ask is not None:
                answer = ask(f"      accept this {p.action}? [y/N/q] ")
            else:
                answer = "n"
            if answer == "q":
                raise Quit
            if answer == "y":
                chosen.append(p)
                if p.action == "drop":
                    print(f"      DROPPED from {path.name}: {show_value(p.item)}")
        if chosen:
            updated[field] = apply(expected.get(field, []), chosen)
            accepted += chosen
    return updated if accepted else None


def main(argv: list[str] | None = None, extract: Extract | None = None,
         ask: Callable[[str], str] | None = None) -> int:
    """Show every article's golden diff and write the accepted edits to its expected file."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles", nargs="*", type=Path, help="only these articles (default: all)")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--accept", action="append", default=[], choices=sorted(FIELDS), metavar="FIELD",
                        help=f"accept every add and change of this field unasked ({', '.join(FIELDS)})")
    parser.add_argument("--allow-drop", action="store_true", help="allow dropping expected items (each is printed)")
    args = parser.parse_args(argv)
    if ask is None and sys.stdin.isatty():
        ask = ask_tty
    wanted = {p.resolve() for p in args.articles}
    extract = extract or extract_corpus_article
    failures = 0
    for article, expected_path in corpus_files(args.corpus):
        if wanted and article.resolve() not in wanted and expected_path.resolve() not in wanted:
            continue
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        try:
            found = extract(article, expected)
        except VnextractError as error:
            print(f"FAILED {article.relative_to(args.corpus)}: {error}")
            failures += 1
            continue
        try:
            updated = review(expected_path, expected, found, args, ask)
        except Quit:
            print("stopped; this article's expected file is unchanged")
            return failures and 1
        if updated is not None:
            expected_path.write_text(json.dumps(updated, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            print(f"wrote {expected_path}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
