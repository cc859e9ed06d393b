"""The golden diff: each corpus article's hand-written expected record against the current output.

Items are compared with `pipeline.review.compare.KEYS`, exactly as `scripts/eval.py` scores them:
an expected item the program did not find is "missed" (the removed side of a `Diff`), an item it
found that the expected record lacks is "extra" (the added side), each shown in its sentence.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from vnextract.pipeline.review.compare import (
    KEYS,
    Item,
    Key,
    corpus_files,
    multiset_diff,
)
from vnextract.pipeline.review.diff import (
    ADDED,
    REMOVED,
    Diff,
    ItemChange,
    RecordDiff,
    context_of,
    item_label,
)

LOGGER = logging.getLogger(__name__)

Extract = Callable[[Path, Mapping[str, Any]], dict[str, Any]]


def extract_corpus_article(article: Path, expected: Mapping[str, Any]) -> dict[str, Any]:
    """The current record of a corpus article, read as `vnextract extract` reads it (sidecar
    metadata included); a publication date in the expected file wins, as --published does."""
    from vnextract.pipeline.errors import VnextractError
    from vnextract.pipeline.nlp import shared_nlp
    from vnextract.pipeline.process import process
    from vnextract.pipeline.settings import Settings
    from vnextract.pipeline.sources.inputs import iter_inputs

    settings = Settings()
    (item,) = iter_inputs([str(article)], settings)
    if isinstance(item, VnextractError):
        raise item
    return process(item, shared_nlp(), settings, published=expected.get("published")).model_dump()


def _slim(item: Item) -> Item:
    return {k: v for k, v in item.items() if k != "mentions"}


def _pick(pairs: list[tuple[Key, Item]], wanted: Mapping[Key, int]) -> list[Item]:
    # Several items may share a key (a date repeated); which copy is "the" missing one cannot be
    # known, so the last ones are named.
    left = dict(wanted)
    picked: list[Item] = []
    for key, item in reversed(pairs):
        if left.get(key, 0) > 0:
            left[key] -= 1
            picked.append(item)
    return picked[::-1]


def _not_in_parent(items: list[Item], parent: str | None, listed: dict[str, Counter[Key]]) -> list[Item]:
    # A statistic missed altogether is listed once, under "statistics", not again under each
    # stat_* key: a refining key shows only items whose coarser key matched.
    if parent is None:
        return items
    left = Counter(listed[parent])
    kept = []
    for item in items:
        key = KEYS[parent].key(item)
        if left[key] > 0:
            left[key] -= 1
        else:
            kept.append(item)
    return kept


def golden_record_diff(name: str, expected: Mapping[str, Any], found: Mapping[str, Any]) -> RecordDiff:
    """Per compare key: expected items missed and extra items found, in their sentences.

    Keys refining another (title_orgs, date_kinds, stat_units, ...) list only the items whose
    coarser key matched, so each difference is shown once, under the most telling key.
    """
    text = found.get("text") or ""
    result = RecordDiff(id=name, label=name)
    listed_missed: dict[str, Counter[Key]] = {}
    listed_extra: dict[str, Counter[Key]] = {}
    for field_name, compare in KEYS.items():
        want, got = compare.pairs(expected), compare.pairs(found)
        _common, missed, extra = multiset_diff([k for k, _ in want], [k for k, _ in got])
        listed_missed[field_name], listed_extra[field_name] = missed, extra
        changes = [
            ItemChange(REMOVED, item_label(field_name, item), old=_slim(item), context=context_of(item, text))
            for item in _not_in_parent(_pick(want, missed), compare.parent, listed_missed)
        ] + [
            ItemChange(ADDED, item_label(field_name, item), new=_slim(item), context=context_of(item, text))
            for item in _not_in_parent(_pick(got, extra), compare.parent, listed_extra)
        ]
        if changes:
            result.fields[field_name] = changes
    return result


def golden_diff(corpus: Path, extract: Extract | None = None) -> Diff:
    """The golden diff of every article of a corpus folder (`extract` runs the pipeline)."""
    from vnextract.pipeline.errors import VnextractError

    extract = extract or extract_corpus_article
    result = Diff(mode="golden", old_name="expected", new_name="found")
    for article, expected_path in corpus_files(corpus):
        name = str(article.relative_to(corpus))
        try:
            expected = json.loads(expected_path.read_text(encoding="utf-8"))
        except ValueError as error:
            result.failed.append(f"{expected_path.relative_to(corpus)}: not valid JSON ({error})")
            continue
        try:
            found = extract(article, expected)
        except VnextractError as error:
            result.failed.append(f"{name}: {error}")
            continue
        result.compared += 1
        changes = golden_record_diff(name, expected, found)
        if changes.fields:
            result.records.append(changes)
    return result
