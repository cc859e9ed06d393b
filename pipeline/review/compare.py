"""How an expected (hand-written, partial) record and an extracted record are compared.

One table, `KEYS`, shared by `scripts/eval.py` (precision/recall/F1), `vnextract diff --golden`
and `scripts/update_golden.py`, so a score, a golden diff and an accepted change always agree on
what "the same item" means. Each key turns a record-shaped dict (full record or expected file)
into the multiset of comparable tuples for one field; `CompareKey.pairs` also keeps the item each
tuple came from, so a diff can show it in its sentence.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Item = dict[str, Any]  # one entry of a record's list field, as JSON gives it
Key = tuple[object, ...]  # the comparable values of one item: hashed and compared, never read


def norm(text: Any) -> Any:
    """NFC, single spaces; other values unchanged."""
    if isinstance(text, str):
        return " ".join(unicodedata.normalize("NFC", text).split())
    return text


def number(value: Any) -> float | None:
    """Numbers compared at 6 significant digits so 48.5 and 48.50000001 agree."""
    return None if value is None else float(f"{float(value):.6g}")


def stat_key(item: dict[str, Any]) -> Key:
    """The numbers of a statistic: value, low, high, total."""
    return tuple(number(item.get(k)) for k in ("value", "low", "high", "total"))


def as_item(entry: Any) -> Item:
    """Expected files list persons, organisations and places as bare names; records as objects."""
    return {"name": entry} if isinstance(entry, str) else entry


def _each(field: str) -> Callable[[Mapping[str, Any]], Iterator[Item]]:
    def items(record: Mapping[str, Any]) -> Iterator[Item]:
        for entry in record.get(field, []):
            yield as_item(entry)

    return items


def _titles(record: Mapping[str, Any]) -> Iterator[Item]:
    # A title alone does not say whose it is: keep the person's name and mentions beside it.
    for person in record.get("officials", []):
        for title in person["titles"]:
            yield {"name": person["name"], "mentions": person.get("mentions", []), **title}


@dataclass(frozen=True)
class CompareKey:
    """One compared field: where its items are, the tuple each compares by, set or multiset."""

    items: Callable[[Mapping[str, Any]], Iterable[Item]]
    key: Callable[[Item], Key]
    multiset: bool = False  # dates and statistics repeat in the article; names count once
    parent: str | None = None  # the coarser key this one refines (stat_units refines statistics)
    attribute: str | None = None  # the item attribute a refining key adds to its parent's key

    def pairs(self, record: Mapping[str, Any]) -> list[tuple[Key, Item]]:
        """(key, item) for every item; for set fields the first item of each key only."""
        found: list[tuple[Key, Item]] = []
        seen: set[Key] = set()
        for item in self.items(record):
            key = self.key(item)
            if self.multiset or key not in seen:
                seen.add(key)
                found.append((key, item))
        return found

    def __call__(self, record: Mapping[str, Any]) -> set[Key] | list[Key]:
        """The comparable keys of a record: a set, or a list for multiset fields."""
        keys = [self.key(item) for item in self.items(record)]
        return keys if self.multiset else set(keys)


def _name(item: Item) -> Key:
    return (norm(item["name"]),)


def _folded_name(item: Item) -> Key:
    return (norm(item["name"]).casefold(),)


# field -> comparison over a record-shaped dict (see CompareKey)
KEYS: dict[str, CompareKey] = {
    "officials": CompareKey(_each("officials"), _name),
    "titles": CompareKey(_titles, lambda t: (norm(t["name"]), norm(t["role"]).casefold()), parent="officials",
                         attribute="titles"),
    "title_orgs": CompareKey(
        _titles,
        lambda t: (norm(t["name"]), norm(t["role"]).casefold(), (norm(t.get("organization")) or "").casefold()),
        parent="titles",
    ),
    "persons": CompareKey(_each("persons"), _name),
    "dates": CompareKey(_each("dates"), lambda d: (d["value"],), multiset=True),
    "date_kinds": CompareKey(_each("dates"), lambda d: (d["value"], d["kind"]), multiset=True, parent="dates",
                             attribute="kind"),
    "statistics": CompareKey(_each("statistics"), stat_key, multiset=True),
    "stat_units": CompareKey(
        _each("statistics"), lambda s: stat_key(s) + (norm(s.get("unit")),), multiset=True, parent="statistics",
        attribute="unit",
    ),
    "stat_kinds": CompareKey(
        _each("statistics"), lambda s: stat_key(s) + (s.get("kind"),), multiset=True, parent="statistics",
        attribute="kind",
    ),
    "stat_qualifiers": CompareKey(
        _each("statistics"), lambda s: stat_key(s) + (s.get("qualifier"),), multiset=True, parent="statistics",
        attribute="qualifier",
    ),
    "stat_targets": CompareKey(
        _each("statistics"), lambda s: stat_key(s) + (bool(s.get("target")),), multiset=True, parent="statistics",
        attribute="target",
    ),
    "documents": CompareKey(_each("documents"), lambda d: (d["kind"], norm(d.get("number")))),
    "organizations": CompareKey(_each("organizations"), _folded_name),
    "locations": CompareKey(_each("locations"), _folded_name),
}


def compared_attributes() -> dict[str, tuple[str, ...]]:
    """Top-level field -> the item attributes its refining keys compare (statistics -> unit, kind, ...)."""
    return {
        name: tuple(k.attribute for k in KEYS.values() if k.parent == name and k.attribute)
        for name, key in KEYS.items() if key.parent is None
    }


def multiset_diff(expected: Iterable[Key], found: Iterable[Key]) -> tuple[Counter[Key], Counter[Key], Counter[Key]]:
    """(common, missed, extra) multisets of two key collections."""
    want, got = Counter(expected), Counter(found)
    common = want & got
    return common, want - common, got - common


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
