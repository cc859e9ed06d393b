"""Renderers of a `Diff`: text for terminals and CI logs, JSON for programs, HTML for reviewers.

Every string that comes from an article is untrusted: the HTML escapes it (and the page forbids
scripts with a Content-Security-Policy), the text rendering replaces control characters so an
article cannot send escape sequences to the reviewer's terminal.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from vnextract.pipeline.review.diff import (
    ADDED,
    CHANGED,
    REMOVED,
    Context,
    Diff,
    ItemChange,
    field_order,
    fmt,
    iter_changes,
)

# A constant with no double quote, so it sits unescaped in content="..."
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'"
VALUE_CHARS = 300  # longest value printed in the text rendering

# C0/C1 controls (but newline and tab), DEL, and bidirectional overrides that reorder what is shown
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Text safe to print on a terminal: control characters shown as \\xNN / \\uNNNN."""
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}", text)


def show_value(value: Any, limit: int = VALUE_CHARS) -> str:
    """A value on one line: titles as "role (organisation)", other structures as compact JSON."""
    if isinstance(value, list) and all(isinstance(v, Mapping) and "role" in v for v in value) and value:
        text = "; ".join(v["role"] + (f" ({v['organization']})" if v.get("organization") else "") for v in value)
    elif isinstance(value, (list, dict)):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = fmt(value)
    text = text.replace("\n", " ⏎ ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _words(diff: Diff) -> dict[str, tuple[str, str]]:
    # sign and word per kind of change; the golden diff speaks of missed and extra items
    if diff.mode == "golden":
        return {ADDED: ("+", "extra"), REMOVED: ("-", "missed"), CHANGED: ("~", "changed")}
    return {ADDED: ("+", "added"), REMOVED: ("-", "removed"), CHANGED: ("~", "changed")}


def headline(diff: Diff) -> str:
    """One line saying what was compared and how much differs."""
    if diff.mode == "golden":
        line = (f"golden diff, {diff.old_name} vs {diff.new_name}: {diff.compared} articles compared, "
                f"{len(diff.records)} with differences")
    else:
        line = (f"diff {diff.old_name} → {diff.new_name}: {diff.compared} records compared, "
                f"{len(diff.records)} changed, {len(diff.only_old)} only in {diff.old_name}, "
                f"{len(diff.only_new)} only in {diff.new_name}")
    return line + (f", {len(diff.failed)} failed" if diff.failed else "")


# --- text ----------------------------------------------------------------------------------

_COLORS = {ADDED: "32", REMOVED: "31", CHANGED: "33", "field": "1;36", "record": "1", "match": "1;4", "dim": "2"}


def render_text(diff: Diff, color: bool = False) -> str:
    """The diff for a terminal or a CI log; ANSI colours only when `color`."""

    def paint(text: str, style: str) -> str:
        return f"\x1b[{_COLORS[style]}m{text}\x1b[0m" if color else text

    words = _words(diff)
    lines = [clean(headline(diff))]
    current_record, current_field = None, None
    for record, field_name, change in iter_changes(diff):
        if record is not current_record:
            current_record, current_field = record, None
            suffix = f"  (id {record.id[:12]})" if record.id != record.label else ""
            lines += ["", paint(clean(f"━ {record.label}{suffix}"), "record")]
        if field_name != current_field:
            current_field = field_name
            tally = " ".join(
                f"{words[k][0]}{n}" for k in (ADDED, REMOVED, CHANGED)
                if (n := sum(c.change == k for c in record.fields[field_name]))
            )
            lines.append("  " + paint(field_name, "field") + "  " + tally)
        sign, word = words[change.change]
        lines.append("    " + paint(clean(f"{sign} {word} {change.label}"), change.change))
        for attr in change.attrs:
            lines.append(clean(f"        {attr.name}: {show_value(attr.old)} → {show_value(attr.new)}"))
        if _is_plain(change, field_name):  # body paragraphs and scalar fields: the values themselves
            if change.old is not None:
                lines.append("        " + paint(clean("- " + show_value(change.old)), REMOVED))
            if change.new is not None:
                lines.append("        " + paint(clean("+ " + show_value(change.new)), ADDED))
        if change.context:
            lines.append("        " + _context_text(change.context, paint))
    for title, refs in ((f"only in {diff.old_name}", diff.only_old), (f"only in {diff.new_name}", diff.only_new)):
        if refs:
            lines += ["", paint(f"{title} ({len(refs)}):", "record")]
            lines += [clean(f"  {ref.id[:12]}  {ref.label}") for ref in refs]
    if diff.failed:
        lines += ["", paint(f"failed ({len(diff.failed)}):", "record")] + [clean(f"  {f}") for f in diff.failed]
    summary = diff.summary()
    if summary:
        kinds = (ADDED, REMOVED) if diff.mode == "golden" else (ADDED, REMOVED, CHANGED)
        width = max(len(name) for name in summary)
        lines += ["", "summary", "  " + "field".ljust(width) + "".join(f"{words[k][1]:>9}" for k in kinds)]
        for name, counts in summary.items():
            lines.append("  " + name.ljust(width) + "".join(f"{counts[k]:>9}" for k in kinds))
    elif diff.empty:
        lines.append("no differences")
    return "\n".join(lines) + "\n"


def _is_plain(change: ItemChange, field_name: str) -> bool:
    return field_name == "text" or (
        change.change == CHANGED and not change.attrs and not isinstance(change.new, Mapping)
    )


def _context_text(context: Context, paint: Callable[[str, str], str]) -> str:
    return paint("│ ", "dim") + clean(context.before) + paint(clean(context.match), "match") + clean(context.after)


# --- JSON ----------------------------------------------------------------------------------


def render_json(diff: Diff) -> str:
    """The diff as one JSON document (`Diff.from_dict` reads it back)."""
    return json.dumps(diff.to_dict(), ensure_ascii=False, indent=2) + "\n"


# --- HTML ----------------------------------------------------------------------------------

_PAGE = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
<style>
body {{ font: 15px/1.5 system-ui, "DejaVu Sans", sans-serif; margin: 2em auto; max-width: 70em; color: #222; }}
table {{ border-collapse: collapse; }} td, th {{ padding: .2em .8em; border-bottom: 1px solid #ddd; text-align: right; }}
td:first-child, th:first-child {{ text-align: left; }}
h2 {{ font-size: 1.1em; border-top: 2px solid #444; padding-top: .6em; margin-top: 2em; word-break: break-all; }}
h3 {{ font-size: 1em; margin: 1em 0 .3em; color: #066; }}
ul {{ list-style: none; padding-left: 1em; }} li {{ margin: .4em 0; }}
.added .sign {{ color: #080; }} .removed .sign {{ color: #b00; }} .changed .sign {{ color: #a60; }}
.sign {{ font-weight: bold; font-family: monospace; }}
.ctx {{ color: #555; margin: .2em 0 0 1.5em; }} .ctx mark {{ background: #fe8; color: #000; }}
.attr {{ margin-left: 1.5em; font-family: monospace; font-size: .9em; }}
.old {{ background: #fdd; }} .new {{ background: #dfd; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p>{headline}</p>
{body}
</body>
</html>
"""


def esc(value: Any) -> str:
    """HTML-escaped text, quotes included (safe in element content and in attribute values)."""
    return html.escape(str(value), quote=True)


def _html_change(change: ItemChange, words: dict[str, tuple[str, str]], field_name: str) -> str:
    sign, word = words[change.change]
    parts = [f'<li class="{change.change}"><span class="sign">{esc(sign)} {esc(word)}</span> {esc(change.label)}']
    for attr in change.attrs:
        parts.append(f'<div class="attr">{esc(attr.name)}: <span class="old">{esc(show_value(attr.old))}</span>'
                     f' → <span class="new">{esc(show_value(attr.new))}</span></div>')
    if _is_plain(change, field_name):
        if change.old is not None:
            parts.append(f'<div class="attr old">{esc(show_value(change.old, 2000))}</div>')
        if change.new is not None:
            parts.append(f'<div class="attr new">{esc(show_value(change.new, 2000))}</div>')
    if change.context:
        c = change.context
        parts.append(f'<div class="ctx">{esc(c.before)}<mark>{esc(c.match)}</mark>{esc(c.after)}</div>')
    return "".join(parts) + "</li>"


def render_html(diff: Diff) -> str:
    """A standalone review page: summary table, then each record's changes in their sentences."""
    words = _words(diff)
    kinds = (ADDED, REMOVED) if diff.mode == "golden" else (ADDED, REMOVED, CHANGED)
    body: list[str] = []
    summary = diff.summary()
    if summary:
        body.append("<table><tr><th>field</th>" + "".join(f"<th>{esc(words[k][1])}</th>" for k in kinds) + "</tr>")
        for name, counts in summary.items():
            body.append(f"<tr><td>{esc(name)}</td>" + "".join(f"<td>{counts[k]}</td>" for k in kinds) + "</tr>")
        body.append("</table>")
    elif diff.empty:
        body.append("<p>No differences.</p>")
    for record in diff.records:
        body.append(f"<section><h2>{esc(record.label)}</h2>")
        if record.id != record.label:
            body.append(f"<p><small>id {esc(record.id)}</small></p>")
        for name, changes in sorted(record.fields.items(), key=lambda kv: field_order(kv[0])):
            body.append(f"<h3>{esc(name)}</h3><ul>")
            body += [_html_change(change, words, name) for change in changes]
            body.append("</ul>")
        body.append("</section>")
    for title, refs in ((f"only in {diff.old_name}", diff.only_old), (f"only in {diff.new_name}", diff.only_new)):
        if refs:
            body.append(f"<h2>{esc(title)} ({len(refs)})</h2><ul>")
            body += [f"<li><code>{esc(ref.id[:12])}</code> {esc(ref.label)}</li>" for ref in refs]
            body.append("</ul>")
    if diff.failed:
        body.append(f"<h2>failed ({len(diff.failed)})</h2><ul>" + "".join(f"<li>{esc(f)}</li>" for f in diff.failed) + "</ul>")
    title = "golden diff" if diff.mode == "golden" else "extraction diff"
    return _PAGE.format(csp=CSP, title=esc(title), headline=esc(headline(diff)), body="\n".join(body))
