"""iter_inputs: every kind of input spec becomes documents or reported errors, never a crash."""
# ruff: noqa: F811  (fixtures are imported by name; pytest binds them to test arguments)

from __future__ import annotations

import gzip
import io
import json
import logging
from pathlib import Path

import pytest
from _sources_server import (  # noqa: F401  (fixtures)
    App,
    clock,
    connections,
    make_fetcher,
    quick_settings,
    resolver,
    server,
)

from vnextract.pipeline.errors import FetchError, InputError
from vnextract.pipeline.settings import FetchSettings, Settings
from vnextract.pipeline.sources import inputs as inputs_module
from vnextract.pipeline.sources.inputs import Ignored, input_kind, iter_inputs
from vnextract.pipeline.sources.warc import WarcSink
from vnextract.pipeline.types import RawDocument

HTML = "<html><body><p>Ngày 4/1, Huyện ủy Đức Trọng</p></body></html>".encode()
TEXT = "Ngày 4/1, Huyện ủy Đức Trọng tổ chức hội nghị.".encode()


def small(limit: int = 20 * 1024 * 1024) -> Settings:
    return Settings(fetch=FetchSettings(max_input_bytes=limit))


def describe(item: object) -> tuple:
    """A compact, comparable view of one outcome."""
    if isinstance(item, RawDocument):
        return (
            "doc",
            Path(item.archive).name if item.archive else None,
            item.content_type,
            item.url,
            item.published,
        )
    assert isinstance(item, (InputError, FetchError))
    return ("error", item.code)


@pytest.fixture
def mixed_dir(tmp_path: Path, server: App, make_fetcher) -> Path:
    """A folder of every supported kind, plus files that must be skipped."""
    root = tmp_path / "archive"
    (root / "sub").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a.txt").write_bytes(TEXT)
    (root / "b.html").write_bytes(HTML)
    (root / "sub" / "c.htm").write_bytes(HTML)
    (root / "g.txt.gz").write_bytes(gzip.compress(TEXT))
    lines = [
        json.dumps({"url": "https://x.vn/1", "html": "<p>một</p>", "published": "2024-01-04"}),
        "{not json",
        "",
        json.dumps({"url": "https://x.vn/3", "text": "ba"}),
        json.dumps(["a", "list"]),
        json.dumps({"url": "https://x.vn/5"}),
        json.dumps({"text": 5}),
    ]
    (root / "d.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with gzip.open(root / "e.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"url": "https://x.vn/e", "text": "năm"}) + "\n")
    server.page("/w.html", HTML)
    with WarcSink(root / "f.warc.gz") as sink:
        sink.write(make_fetcher().fetch_full(server.url("/w.html")))
    (root / "notes.pdf").write_bytes(b"%PDF")
    (root / ".hidden.txt").write_bytes(TEXT)
    (root / ".git" / "x.html").write_bytes(HTML)
    return root


def test_inputs_mixed_directory_sorted_with_bad_lines_reported(mixed_dir: Path, server: App):
    out = [describe(item) for item in iter_inputs([str(mixed_dir)], small())]
    assert out == [
        ("doc", "a.txt", "text/plain", None, None),
        ("doc", "b.html", "text/html", None, None),
        ("doc", "d.jsonl:1", "text/html; charset=utf-8", "https://x.vn/1", "2024-01-04"),
        ("error", "E006"),
        ("doc", "d.jsonl:4", "text/plain; charset=utf-8", "https://x.vn/3", None),
        ("error", "E006"),
        ("error", "E006"),
        ("error", "E006"),
        ("doc", "e.jsonl.gz:1", "text/plain; charset=utf-8", "https://x.vn/e", None),
        ("doc", "f.warc.gz", "text/html; charset=utf-8", server.url("/w.html"), None),
        ("doc", "g.txt.gz", "text/plain", None, None),
        ("doc", "c.htm", "text/html", None, None),
    ]


def test_inputs_bad_jsonl_lines_name_file_and_line(mixed_dir: Path):
    errors = [
        i for i in iter_inputs([str(mixed_dir / "d.jsonl")], small()) if isinstance(i, InputError)
    ]
    reasons = [e.reason for e in errors]
    assert [r.split(": ", 2)[1] for r in reasons] == [
        f"{mixed_dir / 'd.jsonl'} line 2",
        f"{mixed_dir / 'd.jsonl'} line 5",
        f"{mixed_dir / 'd.jsonl'} line 6",
        f"{mixed_dir / 'd.jsonl'} line 7",
    ]
    assert "invalid JSON" in reasons[0]
    assert "no 'html' or 'text'" in reasons[2]
    assert [e.source for e in errors] == [f"{mixed_dir / 'd.jsonl'}:{n}" for n in (2, 5, 6, 7)]


def test_inputs_entries_left_out_of_a_folder_are_counted_and_listed(
    mixed_dir: Path, caplog: pytest.LogCaptureFixture
):
    ignored = Ignored()
    with caplog.at_level(logging.INFO, logger="vnextract.pipeline.sources.inputs"):
        list(iter_inputs([str(mixed_dir)], small(), ignored=ignored))
    assert ignored.counts == {"hidden folder": 1, "hidden": 1, "unsupported suffix": 1}
    listed = {r.getMessage().split(": not read")[0] for r in caplog.records if "not read" in r.getMessage()}
    assert listed == {str(mixed_dir / n) for n in (".git", ".hidden.txt", "notes.pdf")}


def test_inputs_left_out_entries_warn_once_without_a_collector(
    mixed_dir: Path, caplog: pytest.LogCaptureFixture
):
    with caplog.at_level(logging.WARNING, logger="vnextract.pipeline.sources.inputs"):
        list(iter_inputs([str(mixed_dir)], small()))
    assert [r.getMessage() for r in caplog.records] == [
        "3 entries in folders not read (1 hidden, 1 hidden folder, 1 unsupported suffix); -v lists them"
    ]


def test_inputs_documents_carry_bytes_and_archive(mixed_dir: Path):
    docs = [
        i
        for i in iter_inputs([str(mixed_dir / "g.txt.gz"), str(mixed_dir / "d.jsonl")], small())
        if isinstance(i, RawDocument)
    ]
    assert docs[0].content == TEXT
    assert docs[0].archive == str(mixed_dir / "g.txt.gz")
    assert docs[1].content == "<p>một</p>".encode()
    assert docs[1].encoding == "utf-8"


def test_inputs_missing_unsupported_and_good_go_on(tmp_path: Path):
    good = tmp_path / "ok.txt"
    good.write_bytes(TEXT)
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    out = [
        describe(i)
        for i in iter_inputs(
            [str(tmp_path / "missing.html"), str(tmp_path / "x.pdf"), "nosuch://x.vn/a", str(good)],
            small(),
        )
    ]
    assert out == [
        ("error", "E005"),
        ("error", "E030"),
        ("error", "E030"),
        ("doc", "ok.txt", "text/plain", None, None),
    ]


def test_inputs_oversized_file_is_refused_without_reading(tmp_path: Path, monkeypatch):
    big = tmp_path / "big.html"
    big.write_bytes(b"<p>" + b"x" * 5000)
    reads: list[object] = []
    real_read = inputs_module.read_limited

    def spy(stream, limit):
        reads.append(stream)
        return real_read(stream, limit)

    monkeypatch.setattr(inputs_module, "read_limited", spy)
    out = list(iter_inputs([str(big)], small(1000)))
    assert [describe(o) for o in out] == [("error", "E004")]
    assert "5003 bytes" in out[0].reason  # type: ignore[union-attr]
    assert reads == []


@pytest.mark.parametrize(
    "name,payload",
    [
        pytest.param("bomb.txt.gz", gzip.compress(b"a" * 5_000_000), id="gzip-bomb-text"),
        pytest.param(
            "long.jsonl",
            (json.dumps({"text": "a" * 5000}) + "\n" + json.dumps({"text": "ok"}) + "\n").encode(),
            id="long-jsonl-line",
        ),
    ],
)
def test_inputs_decoded_size_limit(tmp_path: Path, name: str, payload: bytes):
    path = tmp_path / name
    path.write_bytes(payload)
    out = [describe(o) for o in iter_inputs([str(path)], small(1000))]
    assert out[0] == ("error", "E004")
    if name.endswith(".jsonl"):  # the next line still comes through
        assert out[1][0] == "doc"


def test_inputs_stdin_text(tmp_path: Path):
    out = list(iter_inputs(["-"], small(), stdin=io.BytesIO(TEXT)))
    assert out == [RawDocument(content=TEXT, content_type="text/plain")]
    too_big = list(iter_inputs(["-"], small(10), stdin=io.BytesIO(TEXT)))
    assert [describe(o) for o in too_big] == [("error", "E004")]


def test_inputs_urls_fetched_and_failures_yielded(server: App, make_fetcher):
    server.page("/tin.html", HTML)
    out = list(
        iter_inputs(
            [
                server.url("/tin.html"),
                server.url("/private/x"),
                "http://10.0.0.1/",
                server.url("/404"),
            ],
            small(),
            fetcher=make_fetcher(),
        )
    )
    assert isinstance(out[0], RawDocument) and out[0].content == HTML
    assert [o.code for o in out[1:]] == ["E011", "E012", "E010"]  # type: ignore[union-attr]


def test_inputs_url_without_injected_fetcher_uses_settings(server: App):
    server.page("/tin.html", HTML)
    out = list(iter_inputs([server.url("/tin.html")], quick_settings()))
    assert isinstance(out[0], RawDocument) and out[0].url == server.url("/tin.html")


@pytest.mark.parametrize(
    "name,expected",
    [
        ("a.txt", ("text", False)),
        ("A.HTML", ("html", False)),
        ("a.htm.gz", ("html", True)),
        ("a.jsonl.gz", ("jsonl", True)),
        ("a.warc.gz", ("warc", True)),
        ("a.warc", ("warc", False)),
        ("a.pdf", None),
        ("a.gz", None),
        ("README", None),
    ],
)
def test_inputs_input_kind(name: str, expected):
    assert input_kind(Path(name)) == expected


@pytest.mark.parametrize(
    "name, sidecar",
    [
        pytest.param("bai.txt", "bai.meta.json", id="text"),
        pytest.param("bai.html", "bai.meta.json", id="html"),
        pytest.param("bai.txt.gz", "bai.meta.json", id="gzipped"),
    ],
)
def test_inputs_sidecar_metadata_is_read(tmp_path: Path, name: str, sidecar: str):
    body = "Ngày 4/1, hội nghị.".encode()
    (tmp_path / name).write_bytes(gzip.compress(body) if name.endswith(".gz") else body)
    meta = {"published": "2024-01-04", "url": "https://baolamdong.vn/a.html", "other": "x"}
    (tmp_path / sidecar).write_text(json.dumps(meta), encoding="utf-8")
    (doc,) = iter_inputs([str(tmp_path / name)], Settings())
    assert isinstance(doc, RawDocument)
    assert (doc.published, doc.url, doc.content) == ("2024-01-04", "https://baolamdong.vn/a.html", body)


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", "x" * 70_000])
def test_inputs_bad_sidecar_is_reported(tmp_path: Path, content: str):
    (tmp_path / "bai.txt").write_text("Ngày 4/1, hội nghị.", encoding="utf-8")
    (tmp_path / "bai.meta.json").write_text(content, encoding="utf-8")
    (error,) = iter_inputs([str(tmp_path)], Settings())
    assert isinstance(error, InputError) and error.code == "E006" and "bai.meta.json" in error.reason


@pytest.mark.parametrize(
    "line, expected",
    [
        pytest.param({"text": "Dòng", "url": "https://t.vn/a", "published": "2024-01-04"},
                     ("text/plain", "https://t.vn/a", "2024-01-04", None), id="input-format"),
        pytest.param({"text": "Dòng", "published_at": "2024-01-04T08:00:00+07:00",
                      "source": {"url": "https://t.vn/r", "fetched_at": "2024-01-05T00:00:00+00:00"}},
                     ("text/plain", "https://t.vn/r", "2024-01-04T08:00:00+07:00",
                      "2024-01-05T00:00:00+00:00"), id="record-format"),
        pytest.param({"html": "<p>x</p>", "url": "https://t.vn/u", "source": {"url": "https://t.vn/s"}},
                     ("text/html", "https://t.vn/u", None, None), id="input-field-wins"),
        pytest.param({"text": "Dòng", "published": "2024-02-30", "published_at": "2024-01-04"},
                     ("text/plain", None, None, None), id="bad-date-dropped-not-replaced"),
    ],
)
def test_inputs_jsonl_reads_input_and_record_formats(tmp_path: Path, line: dict, expected: tuple):
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    (doc,) = list(iter_inputs([str(path)], small()))
    assert isinstance(doc, RawDocument)
    kind = (doc.content_type or "").split(";")[0]
    assert (kind, doc.url, doc.published, doc.fetched_at) == expected
    assert doc.archive == f"{path}:1"


def test_inputs_records_written_by_extract_feed_back_with_date_and_url(tmp_path: Path, nlp, settings):
    from vnextract.pipeline.process import process

    text = tmp_path / "a.txt"
    text.write_text("Ngày 4/1, Huyện ủy Đức Trọng tổ chức hội nghị tổng kết công tác năm.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(
        json.dumps({"published": "2024-01-05", "url": "https://t.vn/a"}), encoding="utf-8"
    )
    (raw,) = list(iter_inputs([str(text)], settings))
    record = process(raw, nlp, settings)
    out = tmp_path / "records.jsonl"
    out.write_text(record.model_dump_json() + "\n", encoding="utf-8")
    (again,) = list(iter_inputs([str(out)], settings))
    assert (again.published, again.url) == (record.published_at, record.source.url)  # type: ignore[union-attr]
    assert process(again, nlp, settings).dates == record.dates  # type: ignore[arg-type]


def test_inputs_a_reader_bug_costs_its_file_only(tmp_path: Path, monkeypatch, caplog):
    from vnextract.pipeline.sources import warc

    (tmp_path / "a.txt").write_bytes(TEXT)
    (tmp_path / "b.warc").write_bytes(b"WARC/1.0\r\n\r\n")
    (tmp_path / "c.txt").write_bytes(TEXT)

    def broken(path, limit):
        yield from ()
        raise RuntimeError("reader bug")

    monkeypatch.setattr(warc, "iter_warc", broken)
    out = [describe(o) for o in iter_inputs([str(tmp_path)], small())]
    assert out == [
        ("doc", "a.txt", "text/plain", None, None),
        ("error", "E099"),
        ("doc", "c.txt", "text/plain", None, None),
    ]
    assert "reader bug" in caplog.text
