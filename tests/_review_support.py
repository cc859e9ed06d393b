"""Review tests' helpers: records built by hand (valid, offsets into the text), the CLI runner."""

from __future__ import annotations

import argparse
import copy
import json
from pathlib import Path
from typing import Any

from vnextract.models import Record

TEXT = (
    "Ngày 4/1, Huyện ủy Đức Trọng tổ chức hội nghị tổng kết năm 2023.\n"
    "Đồng chí Bùi Sơn Điền - Bí thư Huyện ủy chủ trì. Đảng bộ có 63 tổ chức cơ sở đảng.\n"
    "Thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị."
)


def span(text: str, needle: str, nth: int = 0) -> dict[str, Any]:
    """{"text", "start", "end"} of the nth occurrence of needle in text."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return {"text": needle, "start": start, "end": start + len(needle)}


def record(record_id: str = "a" * 64, text: str = TEXT, **fields: Any) -> dict[str, Any]:
    """A full record (validated by the pydantic model), with fields overridden.

    Texts other than TEXT (with a prefix before it, or none of it) get TEXT's items shifted, or none.
    """
    if TEXT not in text:
        return _validated({"id": record_id, "text": text, "extractor": {"name": "vnextract", "version": "0.1.0"},
                           "source": {"url": f"https://example.vn/{record_id[:6]}.html"}, **fields})
    data: dict[str, Any] = {
        "id": record_id,
        "source": {"url": f"https://example.vn/{record_id[:6]}.html"},
        "title": "Huyện ủy Đức Trọng tổng kết năm 2023",
        "published_at": "2024-01-04",
        "text": text,
        "persons": [
            {"name": "Bùi Sơn Điền",
             "titles": [{"text": "Bí thư Huyện ủy", "role": "Bí thư", "organization": "Huyện ủy Đức Trọng"}],
             "mentions": [span(text, "Bùi Sơn Điền")]},
        ],
        "organizations": [
            {"name": "Huyện ủy Đức Trọng", "kind": "party", "mentions": [span(text, "Huyện ủy Đức Trọng")]},
        ],
        "locations": [{"name": "Đức Trọng", "kind": "district", "mentions": [span(text, "Đức Trọng")]}],
        "dates": [
            {**span(text, "Ngày 4/1"), "value": "2024-01-04", "granularity": "day", "kind": "date"},
            {**span(text, "năm 2023"), "value": "2023", "granularity": "year", "kind": "date"},
        ],
        "statistics": [
            {**span(text, "63 tổ chức cơ sở đảng"), "value": 63, "unit": None, "kind": "count",
             "subject": "tổ chức cơ sở đảng"},
        ],
        "documents": [
            {**span(text, "Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị"), "kind": "Chỉ thị",
             "number": "05-CT/TW", "date": "2016-05-15", "issuer": "Bộ Chính trị"},
        ],
        "extractor": {"name": "vnextract", "version": "0.1.0"},
    }
    data["officials"] = copy.deepcopy(data["persons"])
    data.update(fields)
    return _validated(data)


def _validated(data: dict[str, Any]) -> dict[str, Any]:
    return Record.model_validate(data).model_dump(mode="json")


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    """Records as JSON Lines at path."""
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


# What a person wrote for TEXT: everything the record of _review_records holds, in expected form.
EXPECTED: dict[str, Any] = {
    "published": "2024-01-04",
    "officials": [{"name": "Bùi Sơn Điền",
                   "titles": [{"text": "Bí thư Huyện ủy", "role": "Bí thư", "organization": "Huyện ủy Đức Trọng"}]}],
    "persons": ["Bùi Sơn Điền"],
    "dates": [{"text": "Ngày 4/1", "value": "2024-01-04", "granularity": "day", "kind": "date"},
              {"text": "năm 2023", "value": "2023", "granularity": "year", "kind": "date"}],
    "statistics": [{"text": "63 tổ chức cơ sở đảng", "value": 63, "unit": None, "subject": "tổ chức cơ sở đảng",
                    "qualifier": None, "kind": "count", "target": False, "period": None}],
    "documents": [{"text": "Chỉ thị số 05-CT/TW", "kind": "Chỉ thị", "number": "05-CT/TW", "date": "2016-05-15",
                   "issuer": "Bộ Chính trị", "title": None}],
    "organizations": ["Huyện ủy Đức Trọng"],
    "locations": ["Đức Trọng"],
}


def corpus_with(tmp_path: Path, expected: dict[str, Any], text: str = TEXT) -> Path:
    """A one-article corpus: politics/a.txt and its expected record."""
    folder = tmp_path / "corpus" / "politics"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "a.expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return tmp_path / "corpus"


def fake_extract(found: dict[str, Any]):
    """An extractor returning `found` whatever the article (the pipeline is tested elsewhere)."""
    return lambda article, expected: found


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    """Run a review subcommand as `vnextract` would; returns (status, stdout, stderr)."""
    from vnextract.pipeline.review import cli as review_cli

    parser = argparse.ArgumentParser(prog="vnextract")
    review_cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code = args.func(args)
    out, err = capsys.readouterr()
    return code, out, err


# Each payload tries to change document.title (the browser test watches it) or to add an element.
PAYLOADS = (
    "<script>document.title='PWNED'</script>",
    "\"><img src=x onerror=\"document.title='PWNED'\">",
    "'><svg onload=\"document.title='PWNED'\"></svg>",
    "</mark></p><script>document.title='PWNED'</script>",
    "</title><iframe src=\"javascript:parent.document.title='PWNED'\"></iframe>",
    "<a href=\"javascript:document.title='PWNED'\">bấm</a>",
    "<style>body{display:none}</style>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:document.title='PWNED'\">",
)
HOSTILE_TITLE = "Tin " + PAYLOADS[0]


def hostile_record() -> dict[str, Any]:
    """A record whose every string is an attack: text, spans, hover values, title, URL, warnings."""
    lines = [f"Ngày 4/1, ông Bùi Sơn Điền nói {p} và có 63 người." for p in PAYLOADS]
    text = "\n".join(lines)
    dates, stats, persons_mentions = [], [], []
    for n, _line in enumerate(lines):
        dates.append({**span(text, "Ngày 4/1", n), "value": "2024-01-04", "granularity": "day", "kind": "date"})
        stats.append({**span(text, "63 người", n), "value": 63, "unit": "người", "kind": "count",
                      "subject": PAYLOADS[n % len(PAYLOADS)]})
        persons_mentions.append(span(text, "Bùi Sơn Điền", n))
    payload_span = span(text, PAYLOADS[1])
    return record(
        "e" * 64,
        text=text,
        title=HOSTILE_TITLE,
        sapo=PAYLOADS[2],
        author=PAYLOADS[3],
        source={"url": "javascript:document.title='PWNED'//", "archive": PAYLOADS[4]},
        warnings=[PAYLOADS[5]],
        persons=[{"name": "Bùi Sơn Điền", "mentions": persons_mentions,
                  "titles": [{"text": PAYLOADS[1], "role": PAYLOADS[2], "organization": PAYLOADS[3]}]}],
        organizations=[{"name": PAYLOADS[6], "kind": "party", "mentions": [payload_span]}],
        locations=[],
        documents=[{**span(text, PAYLOADS[0]), "kind": "Chỉ thị", "number": PAYLOADS[7], "title": PAYLOADS[4]}],
        dates=dates,
        statistics=stats,
    )
