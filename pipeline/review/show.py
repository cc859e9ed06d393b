"""A record's text with its extracted spans highlighted: an HTML review page, or a terminal view.

Like spaCy's displacy "span" style (overlapping spans nest), but with our own small template so
that every value can sit in a hover title and every byte of the article is escaped: article text,
titles, URLs and values are untrusted. The page carries a Content-Security-Policy that forbids
scripts, images, fonts and connections, so even a mistake in escaping could not run code.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from vnextract.pipeline.review.diff import fmt, item_label
from vnextract.pipeline.review.render import CSP, clean

# field -> (legend label, background colour, ANSI background for terminals)
FIELD_STYLES: dict[str, tuple[str, str, str]] = {
    "persons": ("person", "#c9bcff", "45"),
    "organizations": ("organization", "#7aecec", "46"),
    "locations": ("location", "#ffb38a", "43"),
    "dates": ("date", "#ffe27a", "103"),
    "statistics": ("statistic", "#b5e8a0", "42"),
    "documents": ("document", "#f6a9cb", "105"),
}


@dataclass(frozen=True)
class Highlight:
    """One span of the text to highlight, with what a reviewer sees on hover."""

    start: int
    end: int
    field: str
    hover: str


_JSON_KINDS = {type(None): "null", list: "array", str: "string", int: "number", float: "number", bool: "true/false"}
_TEXT_FIELDS = ("text", "title", "sapo", "published_at", "id")
_LIST_FIELDS = ("persons", "officials", "organizations", "locations", "dates", "statistics", "documents", "warnings")


def showable(record: Any) -> dict[str, Any]:
    """A record as the views read it, whatever the JSON held (`null`, `{"text": 5}`, odd lists).

    Records read with --records come from files anyone may have edited: a field of the wrong type
    is left out and said in a warning, so the view shows what is there instead of crashing."""
    if not isinstance(record, Mapping):
        kind = _JSON_KINDS.get(type(record), type(record).__name__)
        return {"warnings": [f"not a record: JSON {kind}, not an object"]}
    shown: dict[str, Any] = dict(record)
    problems = []
    for name in _TEXT_FIELDS:
        if shown.get(name) is not None and not isinstance(shown[name], str):
            problems.append(f"{name} is not a string")
            shown[name] = None
    for name in _LIST_FIELDS:
        if shown.get(name) is not None and not isinstance(shown[name], list):
            problems.append(f"{name} is not a list")
            shown[name] = []
    if not isinstance(shown.get("source"), Mapping):
        shown["source"] = {}
    shown["warnings"] = [str(w) for w in shown.get("warnings") or []] + [f"malformed record: {p}" for p in problems]
    return shown


def _valid(start: Any, end: Any, size: int) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= size


def _hover(field_name: str, item: Mapping[str, Any]) -> str:
    label = FIELD_STYLES[field_name][0]
    if field_name == "persons":
        titles = [
            t.get("text") or t.get("role", "")
            for t in item.get("titles") or []
            if isinstance(t, Mapping)
        ]
        orgs = [t["organization"] for t in item.get("titles") or [] if isinstance(t, Mapping) and t.get("organization")]
        return "; ".join([f"{label}: {item.get('name')}"] + [f"title: {t}" for t in titles] + [f"→ {o}" for o in orgs])
    if field_name in ("organizations", "locations"):
        return f"{label}: {item.get('name')}" + (f" ({item['kind']})" if item.get("kind") else "")
    if field_name == "dates":
        return f"{label}: {item.get('value')} ({item.get('granularity', '–')}, {item.get('kind', '–')})"
    if field_name == "statistics":
        keys = ("value", "low", "high", "total", "unit", "qualifier", "kind", "target", "subject", "period")
        parts = [f"{k}={fmt(item.get(k))}" for k in keys if item.get(k) not in (None, False)]
        return f"{label}: " + ", ".join(parts)
    if field_name == "documents":
        return f"{label}: {_label('documents', item)}" + (f" — {item['title']}" if item.get("title") else "")
    return label


def highlights(record: Mapping[str, Any]) -> list[Highlight]:
    """Every span of the record worth highlighting (offsets checked against the text)."""
    record = showable(record)
    text = record.get("text") or ""
    found: dict[tuple[int, int, str], Highlight] = {}
    people = list(record.get("persons") or []) + list(record.get("officials") or [])
    sources: dict[str, Iterable[Any]] = {
        "persons": people,
        "organizations": record.get("organizations") or [],
        "locations": record.get("locations") or [],
        "dates": record.get("dates") or [],
        "statistics": record.get("statistics") or [],
        "documents": record.get("documents") or [],
    }
    for field_name, items in sources.items():
        for item in items:
            if not isinstance(item, Mapping):
                continue
            spans = item.get("mentions") if field_name in ("persons", "organizations", "locations") else [item]
            for span in spans or []:
                if isinstance(span, Mapping) and _valid(span.get("start"), span.get("end"), len(text)):
                    key = (span["start"], span["end"], field_name)
                    found.setdefault(key, Highlight(span["start"], span["end"], field_name, _hover(field_name, item)))
    return sorted(found.values(), key=lambda h: (h.start, -h.end, h.field))


def _segments(text: str, spans: list[Highlight], start: int, end: int) -> Iterable[tuple[str, list[Highlight]]]:
    # Cut [start, end) at every span boundary; each piece is covered by a fixed set of spans,
    # outermost first, so overlapping spans nest instead of crossing.
    cuts = {start, end}
    inside = [h for h in spans if h.start < end and h.end > start]
    for h in inside:
        cuts.update(c for c in (h.start, h.end) if start < c < end)
    edges = sorted(cuts)
    for a, b in itertools.pairwise(edges):
        covering = [h for h in inside if h.start <= a and h.end >= b]
        yield text[a:b], sorted(covering, key=lambda h: (h.start, -h.end, h.field))


def _paragraphs(text: str) -> Iterable[tuple[int, int]]:
    for match in re.finditer(r"[^\n]+", text):
        yield match.start(), match.end()


def esc(value: Any) -> str:
    """HTML-escaped text, quotes included."""
    return html.escape(str(value), quote=True)


def _nested_html(text: str, spans: list[Highlight], start: int, end: int) -> str:
    # Spans that nest become nested <mark>s (one box per span, as displacy's span style draws
    # them); a span crossing the end of an earlier one is cut in two at that end.
    out: list[str] = []
    cursor = start
    queue = sorted(spans, key=lambda h: (h.start, -h.end, h.field))
    while queue:
        outer, queue = queue[0], queue[1:]
        inner: list[Highlight] = []
        rest: list[Highlight] = []
        for h in queue:
            if h.start >= outer.end:
                rest.append(h)
            elif h.end <= outer.end:
                inner.append(h)
            else:
                inner.append(replace(h, end=outer.end))
                rest.append(replace(h, start=outer.end))
        out.append(esc(text[cursor : outer.start]))
        out.append(f'<mark class="vx f-{outer.field}" title="{esc(outer.hover)}">')
        out.append(_nested_html(text, inner, outer.start, outer.end) + "</mark>")
        cursor = outer.end
        queue = sorted((h for h in rest if h.start < h.end), key=lambda h: (h.start, -h.end, h.field))
    out.append(esc(text[cursor:end]))
    return "".join(out)


def article_html(record: Mapping[str, Any]) -> str:
    """The record's text as <p> paragraphs with nested <mark> highlights (escaped)."""
    record = showable(record)
    text = record.get("text") or ""
    spans = highlights(record)
    paragraphs = []
    for start, end in _paragraphs(text):
        clipped = [replace(h, start=max(h.start, start), end=min(h.end, end))
                   for h in spans if h.start < end and h.end > start]
        paragraphs.append("<p>" + _nested_html(text, clipped, start, end) + "</p>")
    return "\n".join(paragraphs)


_CSS = """
body { font: 16px/2.1 system-ui, "DejaVu Sans", sans-serif; margin: 2em auto; max-width: 52em; color: #222; padding: 0 1em; }
header { line-height: 1.5; border-bottom: 1px solid #ccc; margin-bottom: 1em; }
header h1 { font-size: 1.4em; margin: 0 0 .3em; }
.meta { color: #555; font-size: .9em; word-break: break-all; }
.legend { display: flex; flex-wrap: wrap; gap: .4em 1em; font-size: .85em; line-height: 1.6; margin: .8em 0; }
.legend span { padding: 0 .5em; border-radius: 3px; }
mark.vx { padding: .25em .1em; border-radius: 4px; color: inherit; }
mark.vx mark.vx { padding: .05em .1em; }
mark.vx mark.vx mark.vx { padding: 0; }
.warnings { color: #a40; font-size: .9em; line-height: 1.5; }
section + section { border-top: 2px solid #444; margin-top: 2em; }
"""


def _styles() -> str:
    rules = [f".f-{name} {{ background: {colour}; }}" for name, (_, colour, _) in FIELD_STYLES.items()]
    return _CSS + "\n".join(rules)


def record_section(record: Mapping[str, Any]) -> str:
    """One record: headline, metadata as plain text (never links), legend, highlighted text."""
    record = showable(record)
    spans = highlights(record)
    source = record.get("source") or {}
    meta = [
        f"published {record['published_at']}" if record.get("published_at") else None,
        f"source {source.get('url') or source.get('archive')}" if source.get("url") or source.get("archive") else None,
        f"id {record.get('id')}" if record.get("id") else None,
    ]
    legend = "".join(
        f'<span class="f-{name}">{esc(label)} ({sum(h.field == name for h in spans)})</span>'
        for name, (label, _, _) in FIELD_STYLES.items()
    )
    warnings = "".join(f"<li>{esc(w)}</li>" for w in record.get("warnings") or [])
    return (
        "<section><header>"
        + (f"<h1>{esc(record['title'])}</h1>" if record.get("title") else "")
        + (f"<p><strong>{esc(record['sapo'])}</strong></p>" if record.get("sapo") else "")
        + f'<div class="meta">{" · ".join(esc(m) for m in meta if m)}</div>'
        + f'<div class="legend">{legend}</div>'
        + (f'<ul class="warnings">{warnings}</ul>' if warnings else "")
        + "</header><article>\n"
        + article_html(record)
        + "\n</article></section>"
    )


def render_page(records: Iterable[Mapping[str, Any]]) -> str:
    """A standalone HTML page for one or more records, scripts forbidden by its CSP."""
    records = [showable(r) for r in records]
    title = next((r.get("title") for r in records if r.get("title")), None) or "vnextract review"
    body = "\n".join(record_section(r) for r in records)
    return (
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(title)}</title>\n<style>{_styles()}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def render_terminal(record: Mapping[str, Any], color: bool = False) -> str:
    """The text with highlights (ANSI colours, or [brackets] without), then the items by field."""
    record = showable(record)
    text = record.get("text") or ""
    spans = highlights(record)
    lines: list[str] = []
    if record.get("title"):
        lines += [clean(str(record["title"])), ""]
    if color:
        lines.append("  ".join(f"\x1b[{ansi};30m {label} \x1b[0m" for label, _, ansi in FIELD_STYLES.values()))
        lines.append("")
    for start, end in _paragraphs(text):
        if not color:  # brackets around the outermost spans only, so they never cross
            lines.append(_bracketed(text, spans, start, end))
            continue
        lines.append("".join(  # each piece in its innermost span's colour
            f"\x1b[{FIELD_STYLES[covering[-1].field][2]};30m{clean(piece)}\x1b[0m" if covering else clean(piece)
            for piece, covering in _segments(text, spans, start, end)
        ))
    for name in FIELD_STYLES:
        items = [item for item in record.get(name) or [] if isinstance(item, Mapping)]
        if items:
            lines += ["", f"{name} ({len(items)})"]
            lines += [clean(f"  {_label(name, item)}") for item in items]
    malformed = [w for w in record["warnings"] if w.startswith(("malformed record", "not a record"))]
    if malformed:
        lines += ["", *(clean(f"! {w}") for w in malformed)]
    return "\n".join(lines) + "\n"


def _label(field_name: str, item: Mapping[str, Any]) -> str:
    """An item's one-line label; an item without the keys its field needs is shown as its JSON."""
    try:
        return item_label(field_name, item)
    except (KeyError, TypeError, ValueError, AttributeError):
        return "malformed item: " + json.dumps(item, ensure_ascii=False, default=str)[:200]


def _bracketed(text: str, spans: list[Highlight], start: int, end: int) -> str:
    out, cursor = [], start
    for h in spans:
        if h.start >= cursor and h.start >= start and h.end <= end:
            out.append(clean(text[cursor : h.start]))
            out.append(f"[{clean(text[h.start : h.end])}]{{{FIELD_STYLES[h.field][0]}}}")
            cursor = h.end
    out.append(clean(text[cursor:end]))
    return "".join(out)
