"""`vnextract show`: highlighted spans, values on hover, and every byte of the article escaped."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from _review_support import (
    PAYLOADS,
    TEXT,
    hostile_record,
    record,
    run,
    span,
    write_jsonl,
)

from vnextract.pipeline.review.render import CSP
from vnextract.pipeline.review.show import (
    FIELD_STYLES,
    highlights,
    render_page,
    render_terminal,
)

SAFE_TAGS = {"html", "head", "meta", "title", "style", "body", "section", "header", "h1", "p", "strong", "div",
             "span", "ul", "li", "article", "mark"}


class Elements(HTMLParser):
    """Every start tag with its attributes, and whether end tags balance."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []
        self.balanced = True

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag != "meta":
            self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            self.balanced = False


def parse(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    parser.close()
    return parser


@pytest.mark.parametrize("payload", PAYLOADS)
def test_show_html_escapes_hostile_content(payload: str) -> None:
    page = render_page([hostile_record()])
    assert payload not in page
    assert html.escape(payload) in page  # shown as text, not markup
    elements = parse(page)
    assert elements.balanced and not elements.open
    assert {tag for tag, _ in elements.tags} <= SAFE_TAGS
    for tag, attrs in elements.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "href" not in attrs and "src" not in attrs
    metas = [attrs for tag, attrs in elements.tags if tag == "meta"]
    assert not any(m.get("http-equiv", "").lower() == "refresh" for m in metas)


@pytest.mark.parametrize("directive", ["default-src 'none'", "style-src 'unsafe-inline'"])
def test_show_html_has_a_strict_content_security_policy_first(directive: str) -> None:
    page = render_page([hostile_record()])
    head = page[page.index("<head>") : page.index("<title>")]
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', head)
    assert csp and csp.group(1) == CSP and directive in csp.group(1)
    assert "script-src" not in CSP  # falls back to default-src 'none': no script at all


@pytest.mark.parametrize(
    "field,hover",
    [
        ("dates", "date: 2024-01-04 (day, date)"),
        ("statistics", "statistic: value=63, kind=count, subject=tổ chức cơ sở đảng"),
        ("persons", "person: Bùi Sơn Điền; title: Bí thư Huyện ủy; → Huyện ủy Đức Trọng"),
        ("organizations", "organization: Huyện ủy Đức Trọng (party)"),
        ("locations", "location: Đức Trọng (district)"),
        ("documents", "document: Chỉ thị 05-CT/TW ngày 2016-05-15 của Bộ Chính trị"),
    ],
)
def test_show_html_highlights_each_field_with_values_on_hover(field: str, hover: str) -> None:
    page = render_page([record()])
    marks = [attrs for tag, attrs in parse(page).tags if tag == "mark"]
    titles = [m["title"] for m in marks if f"f-{field}" in m["class"]]
    assert hover in titles, titles
    legend = FIELD_STYLES[field][0]
    assert f'<span class="f-{field}">{legend} (' in page


@pytest.mark.parametrize("outer,inner", [("documents", "dates"), ("organizations", "locations")])
def test_show_html_nests_overlapping_spans(outer: str, inner: str) -> None:
    nested = record()
    nested["dates"].append({**span(TEXT, "ngày 15/5/2016"), "value": "2016-05-15", "granularity": "day",
                            "kind": "date"})
    page = render_page([nested])
    assert re.search(rf'<mark class="vx f-{outer}"[^>]*>[^<]*<mark class="vx f-{inner}"', page)
    assert parse(page).balanced


@pytest.mark.parametrize("start,end", [(-1, 5), (5, 5), (0, 10**6), ("0", 3)])
def test_show_highlights_ignore_offsets_outside_the_text(start, end) -> None:
    bad = record(dates=[{"text": "x", "start": 0, "end": 8, "value": "2024-01-04", "granularity": "day",
                         "kind": "date"}])
    bad["dates"][0].update(start=start, end=end)
    assert not [h for h in highlights(bad) if h.field == "dates"]
    render_page([bad])  # and the page still renders


@pytest.mark.parametrize("color", [False, True])
def test_show_terminal_marks_spans_and_strips_control_characters(color: bool) -> None:
    text = TEXT + "\nKết thúc \x1b[2J\x1b]0;pwned\x07 ở đây."
    out = render_terminal(record(text=text), color=color)
    assert "\x1b[2J" not in out and "\x07" not in out and "\\x1b[2J" in out
    assert ("\x1b[" in out) is color
    if not color:
        assert "[Ngày 4/1]{date}" in out and "[63 tổ chức cơ sở đảng]{statistic}" in out
    assert "dates (2)" in out and "“Ngày 4/1” = 2024-01-04 (date)" in out


@pytest.mark.parametrize("mode", ["records"])
def test_show_cli_writes_a_page_from_record_files(tmp_path: Path, capsys, mode: str) -> None:
    records = write_jsonl(tmp_path / "records.jsonl", [record(), hostile_record()])
    page = tmp_path / "review.html"
    code, _out, err = run(["show", str(records), "--records", "--html", str(page)], capsys)
    assert code == 0, err
    content = page.read_text(encoding="utf-8")
    assert content.count("<section>") == 2 and "<script" not in content


@pytest.mark.parametrize("published", ["2024-01-04"])
def test_show_cli_extracts_a_hostile_article(tmp_path: Path, capsys, published: str) -> None:
    article = tmp_path / "article.txt"
    article.write_text("\n".join(f"Ngày 4/1, Huyện ủy Đức Trọng có 63 tổ chức cơ sở đảng {p}." for p in PAYLOADS),
                       encoding="utf-8")
    page = tmp_path / "review.html"
    code, _out, err = run(["show", str(article), "--published", published, "--html", str(page)], capsys)
    assert code == 0, err
    content = page.read_text(encoding="utf-8")
    assert not any(p in content for p in PAYLOADS)
    assert {tag for tag, _ in parse(content).tags} <= SAFE_TAGS
    assert 'class="vx f-dates" title="date: 2024-01-04' in content
    code, out, _ = run(["show", str(article), "--published", published, "--color", "never"], capsys)
    assert code == 0 and "[Ngày 4/1]{date}" in out


@pytest.mark.parametrize("argv,status", [(["show", "missing.txt"], 1), (["show", "bad.jsonl", "--records"], 1)])
def test_show_cli_reports_unreadable_inputs(tmp_path: Path, capsys, monkeypatch, argv, status: int) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    code, _out, err = run(argv, capsys)
    assert code == status and "vnextract show:" in err


@pytest.mark.parametrize(
    ("value", "says"),
    [
        pytest.param(None, "not a record: JSON null", id="null"),
        pytest.param([1, 2], "not a record: JSON array", id="array"),
        pytest.param("text", "not a record: JSON string", id="string"),
        pytest.param({"text": 5}, "text is not a string", id="text-number"),
        pytest.param({"text": "Ông A", "persons": 5}, "persons is not a list", id="persons-number"),
        pytest.param({"text": "abc", "title": ["x"], "source": "x"}, "title is not a string", id="title-list"),
        pytest.param({"text": "abc", "warnings": "w"}, "warnings is not a list", id="warnings-string"),
    ],
)
def test_show_malformed_record_shown_with_its_problem(value: object, says: str) -> None:
    terminal = render_terminal(value)  # type: ignore[arg-type]
    assert says in terminal
    assert html.escape(says) in render_page([value])  # type: ignore[list-item]


@pytest.mark.parametrize(
    "items",
    [
        pytest.param([None, 7, "x"], id="not-objects"),
        pytest.param([{"start": "x", "end": None}], id="offsets-not-numbers"),
        pytest.param([{"start": 1, "end": 99, "text": "b"}], id="offsets-past-text"),
    ],
)
def test_show_malformed_items_skipped(items: list[object]) -> None:
    bad = {"text": "abc", "dates": items, "persons": items}
    assert highlights(bad) == []
    assert "abc" in render_terminal(bad) and "<p>abc</p>" in render_page([bad])


def test_show_cli_records_survive_malformed_lines(tmp_path: Path, capsys) -> None:
    lines = ["null", '{"text": 5}', json.dumps(record()), '{"text": "abc", "dates": [null, 7]}']
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _code, out, err = run(["show", str(tmp_path / "mixed.jsonl"), "--records", "--color", "never"], capsys)
    assert "Traceback" not in err
    assert "not a record: JSON null" in out and "text is not a string" in out
    assert "{person}" in out  # the good record is still shown
