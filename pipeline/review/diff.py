"""What changed between two sets of records, field by field, each change in its sentence.

`diff_records(old, new)` matches records by id and, inside a record, list items by stable keys
(dates and statistics by their offsets, then by their text; persons by name; ...), so a reviewer
sees "this date was added, this statistic's unit changed" rather than two JSON blobs. The same
`Diff` carries the golden diff (expected record vs current output, `pipeline.review.golden`), so
the renderers in `pipeline.review.render` serve both.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from vnextract.models import Record
from vnextract.models.fields import list_fields, optional_text_fields
from vnextract.pipeline.review.compare import KEYS, Item, as_item, norm

LOGGER = logging.getLogger(__name__)

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
# Record fields in the order a reviewer reads them (the models' order); "text" last, it is long.
SCALAR_FIELDS = optional_text_fields(Record)
LIST_FIELDS = list_fields(Record)
FIELDS = LIST_FIELDS + SCALAR_FIELDS + ("text",)
CONTEXT_CHARS = 240  # longest sentence shown around a change; longer ones are cut around the span


@dataclass
class Context:
    """The sentence around a span: `before` + `match` + `after`, `match` being the span itself."""

    before: str
    match: str
    after: str


@dataclass
class AttrChange:
    """One attribute of a matched item that differs: `name`: old → new."""

    name: str
    old: Any = None
    new: Any = None


@dataclass
class ItemChange:
    """An item added, removed or changed in one field of one record."""

    change: str  # added | removed | changed
    label: str  # one readable line naming the item
    old: Any = None  # the item (or value) before; None when added
    new: Any = None  # the item (or value) after; None when removed
    attrs: list[AttrChange] = field(default_factory=list)  # for "changed" items
    context: Context | None = None  # the sentence it sits in (new side; old side when removed)


@dataclass
class RecordRef:
    """A record named for a reviewer: id plus URL, archive path or title."""

    id: str
    label: str


@dataclass
class RecordDiff:
    """The changes in one record, per field (fields without changes left out)."""

    id: str
    label: str
    fields: dict[str, list[ItemChange]] = field(default_factory=dict)


@dataclass
class Diff:
    """Everything that differs between two sides: changed records, records on one side only."""

    mode: str = "records"  # "records" (old vs new) or "golden" (expected vs found)
    old_name: str = "old"
    new_name: str = "new"
    compared: int = 0  # records present on both sides
    records: list[RecordDiff] = field(default_factory=list)  # only those with changes
    only_old: list[RecordRef] = field(default_factory=list)
    only_new: list[RecordRef] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # inputs that could not be compared, and why

    @property
    def empty(self) -> bool:
        """True when both sides agree everywhere."""
        return not (self.records or self.only_old or self.only_new or self.failed)

    def summary(self) -> dict[str, dict[str, int]]:
        """Per field: how many items were added, removed and changed over all records."""
        counts: dict[str, Counter[str]] = {}
        for record in self.records:
            for name, changes in record.fields.items():
                counts.setdefault(name, Counter()).update(change.change for change in changes)
        return {
            name: {kind: counts[name][kind] for kind in (ADDED, REMOVED, CHANGED)}
            for name in sorted(counts, key=field_order)
        }

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (the `--format json` output); `from_dict` reads it back."""
        data = asdict(self)
        data["summary"] = self.summary()
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Diff:
        """The Diff that `to_dict` wrote (extra keys such as "summary" ignored)."""
        records = [
            RecordDiff(
                id=r["id"],
                label=r["label"],
                fields={name: [_item_change(c) for c in changes] for name, changes in r["fields"].items()},
            )
            for r in data.get("records", [])
        ]
        return cls(
            mode=data.get("mode", "records"),
            old_name=data.get("old_name", "old"),
            new_name=data.get("new_name", "new"),
            compared=data.get("compared", 0),
            records=records,
            only_old=[RecordRef(**r) for r in data.get("only_old", [])],
            only_new=[RecordRef(**r) for r in data.get("only_new", [])],
            failed=list(data.get("failed", [])),
        )


def _item_change(data: Mapping[str, Any]) -> ItemChange:
    context = data.get("context")
    return ItemChange(
        change=data["change"],
        label=data["label"],
        old=data.get("old"),
        new=data.get("new"),
        attrs=[AttrChange(**a) for a in data.get("attrs", [])],
        context=Context(**context) if context else None,
    )


_ORDER = {name: i for i, name in enumerate(dict.fromkeys(FIELDS + tuple(KEYS)))}


def field_order(name: str) -> tuple[int, str]:
    """Sort key: record fields in reading order, then compare keys, then anything else by name."""
    return (_ORDER.get(name, len(_ORDER)), name)


# --- context -------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)\]]*\s+")


def sentence_around(text: str, start: int, end: int, limit: int = CONTEXT_CHARS) -> Context:
    """The sentence (within its paragraph) holding text[start:end], cut to about `limit` chars."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    sent_start = para_start
    for stop in _SENTENCE_END.finditer(text, para_start, start):
        sent_start = stop.end()
    closing = _SENTENCE_END.search(text, end, para_end)
    sent_end = closing.start() + len(closing.group().rstrip()) if closing else para_end
    before, after = text[sent_start:start], text[end:sent_end]
    room = max(0, limit - (end - start)) // 2
    if len(before) > room:
        before = "…" + before[len(before) - room :].lstrip()
    if len(after) > room:
        after = after[:room].rstrip() + "…"
    return Context(before=before, match=text[start:end], after=after)


def locate(item: Any, text: str) -> tuple[int, int] | None:
    """Where an item sits in `text`: its own offsets, its first mention, or its text found."""
    if not isinstance(item, Mapping) or not text:
        return None
    start, end = item.get("start"), item.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text):
        return start, end
    for mention in item.get("mentions") or []:
        found = locate(mention, text)
        if found:
            return found
    for key in ("text", "name"):
        needle = item.get(key)
        if isinstance(needle, str) and needle.strip():
            at = text.find(needle)
            if at < 0:  # expected files are typed by hand: try again ignoring case
                folded = text.casefold()
                at = folded.find(needle.casefold()) if len(folded) == len(text) else -1
            if at >= 0:
                return at, at + len(needle)
    return None


def context_of(item: Any, text: str | None) -> Context | None:
    """The sentence around an item, when it can be found in `text`."""
    where = locate(item, text or "")
    return sentence_around(text or "", *where) if where else None


# --- labels --------------------------------------------------------------------------------


def fmt(value: Any) -> str:
    """A value as a reviewer reads it: 63.0 → 63, None → –, strings unquoted."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 else f"{value:.0f}"
    return str(value)


def _quoted(item: Item) -> str:
    return f"“{item['text']}” " if item.get("text") else ""


def _stat_numbers(item: Item) -> str:
    if item.get("value") is None and (item.get("low") is not None or item.get("high") is not None):
        numbers = f"{fmt(item.get('low'))}..{fmt(item.get('high'))}"
    else:
        numbers = fmt(item.get("value"))
    if item.get("total") is not None:
        numbers += f"/{fmt(item['total'])}"
    return numbers


def _person_label(item: Item) -> str:
    titles = "; ".join(
        t.get("role", "") + (f" ({t['organization']})" if t.get("organization") else "")
        for t in item.get("titles") or []
    )
    return f"{item['name']}" + (f" — {titles}" if titles else "")


def _title_label(item: Item) -> str:
    org = f" ({item['organization']})" if item.get("organization") else ""
    return f"{item['name']} — {item.get('role', '')}{org}"


def item_label(field_name: str, item: Any) -> str:
    """One line naming an item of a field (list fields of records and of compare keys)."""
    if not isinstance(item, Mapping):
        return fmt(item)
    item = dict(item)
    if field_name in ("persons", "officials"):
        return _person_label(item)
    if field_name in ("titles", "title_orgs"):
        return _title_label(item)
    if field_name in ("organizations", "locations"):
        return f"{item['name']}" + (f" ({item['kind']})" if item.get("kind") else "")
    if field_name in ("dates", "date_kinds"):
        return f"{_quoted(item)}= {item.get('value')} ({item.get('kind', '–')})"
    if field_name == "statistics" or field_name.startswith("stat_"):
        extras = [fmt(item.get(k)) for k in ("unit", "kind") if item.get(k)]
        extras += [item["qualifier"]] if item.get("qualifier") else []
        extras += ["target"] if item.get("target") else []
        return f"{_quoted(item)}= {_stat_numbers(item)}" + (f" ({', '.join(extras)})" if extras else "")
    if field_name == "documents":
        parts = [item.get("kind") or "", item.get("number") or ""]
        parts += [f"ngày {item['date']}"] if item.get("date") else []
        parts += [f"của {item['issuer']}"] if item.get("issuer") else []
        return " ".join(p for p in parts if p) or _quoted(item).strip()
    return fmt(item.get("text") or item.get("name") or item)


# --- matching ------------------------------------------------------------------------------

KeyFn = Callable[[Item], Any]


def _offsets(item: Item) -> Any:
    start, end = item.get("start"), item.get("end")
    return (start, end) if start is not None and end is not None else None


def _text(item: Item) -> Any:
    return norm(item.get("text")) or None


def _name(item: Item) -> Any:
    return norm(item.get("name")).casefold() if item.get("name") else None


def _document(item: Item) -> Any:
    return (item.get("kind"), norm(item.get("number")), norm(item.get("title")))


# field -> keys tried in order to pair an old item with a new one (first hit wins)
MATCH_KEYS: dict[str, tuple[KeyFn, ...]] = {
    "persons": (_name,),
    "officials": (_name,),
    "organizations": (_name,),
    "locations": (_name,),
    "documents": (_offsets, _document, _text),
    "dates": (_offsets, _text),
    "statistics": (_offsets, _text),
}


def match_items(
    old: list[Item], new: list[Item], keys: Iterable[KeyFn]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pairs (old index, new index) matched by the first key that fits; unmatched old; unmatched new."""
    pairs: list[tuple[int, int]] = []
    free_old, free_new = list(range(len(old))), list(range(len(new)))
    for key in keys:
        waiting: dict[Any, list[int]] = {}
        for i in free_old:
            k = key(old[i])
            if k is not None:
                waiting.setdefault(k, []).append(i)
        still_new = []
        for j in free_new:
            k = key(new[j])
            if k is not None and waiting.get(k):
                pairs.append((waiting[k].pop(0), j))
            else:
                still_new.append(j)
        matched = {i for i, _ in pairs}
        free_old, free_new = [i for i in free_old if i not in matched], still_new
    return sorted(pairs, key=lambda p: p[1]), free_old, free_new


def _comparable(item: Item, same_text: bool) -> dict[str, Any]:
    # Offsets only mean the same thing when both records have the same text; when the text moved,
    # a date that merely shifted is not a change.
    out: dict[str, Any] = {}
    for key, value in item.items():
        if key in ("start", "end") and not same_text:
            continue
        if key == "mentions" and isinstance(value, list):
            value = [
                (m.get("text"), m.get("start"), m.get("end")) if same_text else m.get("text")
                for m in value
                if isinstance(m, Mapping)
            ]
            value = value if same_text else sorted(value, key=str)
        out[key] = value
    return out


def attr_changes(old: Item, new: Item, same_text: bool) -> list[AttrChange]:
    """The attributes that differ between two matched items (missing counts as null)."""
    a, b = _comparable(old, same_text), _comparable(new, same_text)
    changes = []
    for name in list(a) + [k for k in b if k not in a]:
        if a.get(name) != b.get(name):
            old_value, new_value = old.get(name), new.get(name)
            if name == "mentions":  # counts and texts, not a wall of offsets
                old_value, new_value = _mention_summary(old_value), _mention_summary(new_value)
            changes.append(AttrChange(name, old_value, new_value))
    return changes


def _mention_summary(mentions: Any) -> list[str]:
    return [m.get("text", "") for m in mentions or [] if isinstance(m, Mapping)]


def diff_list(field_name: str, old: Iterable[Any], new: Iterable[Any], old_text: str, new_text: str) -> list[ItemChange]:
    """Added, removed and changed items of one list field, each with its sentence."""
    old_items, new_items = [as_item(i) for i in old], [as_item(i) for i in new]
    same_text = old_text == new_text
    pairs, gone, came = match_items(old_items, new_items, MATCH_KEYS.get(field_name, (_text,)))
    changes: list[ItemChange] = []
    for i, j in pairs:
        attrs = attr_changes(old_items[i], new_items[j], same_text)
        if attrs:
            changes.append(ItemChange(CHANGED, item_label(field_name, new_items[j]), old_items[i],
                                      new_items[j], attrs, context_of(new_items[j], new_text)))
    for i in gone:
        changes.append(ItemChange(REMOVED, item_label(field_name, old_items[i]), old=old_items[i],
                                  context=context_of(old_items[i], old_text)))
    for j in came:
        changes.append(ItemChange(ADDED, item_label(field_name, new_items[j]), new=new_items[j],
                                  context=context_of(new_items[j], new_text)))
    return changes


def diff_text(old: str, new: str) -> list[ItemChange]:
    """Paragraphs of the body text added, removed or rewritten."""
    a, b = old.split("\n"), new.split("\n")
    changes: list[ItemChange] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        olds, news = a[i1:i2], b[j1:j2]
        for k in range(max(len(olds), len(news))):
            before = olds[k] if k < len(olds) else None
            after = news[k] if k < len(news) else None
            kind = CHANGED if before is not None and after is not None else (ADDED if before is None else REMOVED)
            label = f"¶{(j1 if after is not None else i1) + k + 1}"
            changes.append(ItemChange(kind, label, old=before, new=after))
    return changes


def diff_record(old: Mapping[str, Any], new: Mapping[str, Any]) -> RecordDiff:
    """The per-field changes between two versions of one record."""
    old_text, new_text = old.get("text") or "", new.get("text") or ""
    result = RecordDiff(id=str(new.get("id") or old.get("id")), label=record_label(new))
    for name in LIST_FIELDS:
        changes = diff_list(name, old.get(name) or [], new.get(name) or [], old_text, new_text)
        if changes:
            result.fields[name] = changes
    for name in SCALAR_FIELDS:
        if old.get(name) != new.get(name):
            result.fields[name] = [ItemChange(CHANGED, name, old.get(name), new.get(name))]
    if old_text != new_text:
        result.fields["text"] = diff_text(old_text, new_text)
    return result


def record_label(record: Mapping[str, Any]) -> str:
    """URL, archive path, title or short id: whatever names the record best."""
    source = record.get("source") or {}
    return str(
        source.get("url") or source.get("archive") or record.get("title") or str(record.get("id", "?"))[:12]
    )


def _by_id(records: Iterable[Mapping[str, Any]], side: str) -> dict[str, Mapping[str, Any]]:
    found: dict[str, Mapping[str, Any]] = {}
    for record in records:
        key = str(record.get("id"))
        if key in found:  # the later one wins, as an upsert into the database would
            LOGGER.warning("%s: record id %s appears more than once; the last one is compared", side, key)
            del found[key]
        found[key] = record
    return found


Records = Iterable[Mapping[str, Any]] | Mapping[str, Mapping[str, Any]]


def diff_records(old: Records, new: Records, old_name: str = "old", new_name: str = "new") -> Diff:
    """Match records by id and diff each pair field by field; list those on one side only.

    Either side may be an iterable of records or a mapping id -> record; a lazy mapping (such as
    `pipeline.review.sources.JsonlRecords`) keeps memory flat in the number of records.
    """
    old_by_id = old if isinstance(old, Mapping) else _by_id(old, old_name)
    new_by_id = new if isinstance(new, Mapping) else _by_id(new, new_name)
    result = Diff(mode="records", old_name=old_name, new_name=new_name)
    seen: set[str] = set()
    raw_old, raw_new = getattr(old_by_id, "raw", None), getattr(new_by_id, "raw", None)
    for key in new_by_id:
        seen.add(key)
        if key not in old_by_id:
            result.only_new.append(RecordRef(key, record_label(new_by_id[key])))
            continue
        result.compared += 1
        if raw_old and raw_new and raw_old(key) == raw_new(key):  # same bytes: nothing to parse
            continue
        before, record = old_by_id[key], new_by_id[key]
        if before == record:
            continue
        changes = diff_record(before, record)
        if changes.fields:
            result.records.append(changes)
    result.only_old = [RecordRef(k, record_label(old_by_id[k])) for k in old_by_id if k not in seen]
    return result


def iter_changes(diff: Diff) -> Iterator[tuple[RecordDiff, str, ItemChange]]:
    """Every (record, field, change) of a diff, in reading order."""
    for record in diff.records:
        for name in sorted(record.fields, key=field_order):
            for change in record.fields[name]:
                yield record, name, change
