"""WARC round trip: pages fetched from the loopback server come back byte for byte, offline."""
# ruff: noqa: F811  (fixtures are imported by name; pytest binds them to test arguments)

from __future__ import annotations

import gzip
import unicodedata
from pathlib import Path

import pytest
from _sources_server import (  # noqa: F401  (fixtures)
    App,
    clock,
    connections,
    make_fetcher,
    resolver,
    server,
)
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders

from vnextract.pipeline.settings import Settings
from vnextract.pipeline.sources.inputs import iter_inputs
from vnextract.pipeline.sources.warc import WarcSink, iter_warc, warc_date
from vnextract.pipeline.types import RawDocument

PAGES = {
    "/tin/a.html": (
        "text/html; charset=utf-8",
        "<html><body><p>Bùi Sơn Điền</p></body></html>".encode(),
        None,
    ),
    "/tin/b.html": (
        "text/html; charset=windows-1258",
        unicodedata.normalize("NFD", "<p>Đà Lạt</p>").encode("cp1258"),
        None,
    ),
    "/tin/c.html": ("text/html", b"<p>" + "Lâm Đồng ".encode() * 400 + b"</p>", "gzip"),
}


def serve(server: App) -> list[str]:
    for path, (ctype, body, encoding) in PAGES.items():
        if encoding:
            server.page(
                path,
                gzip.compress(body),
                ctype,
                headers={"Content-Encoding": encoding, "ETag": '"c1"'},
            )
        else:
            server.page(path, body, ctype)
    return [server.url(path) for path in PAGES]


@pytest.mark.parametrize("name", ["pages.warc.gz", "pages.warc"])
def test_warc_round_trip_same_bytes_and_urls(server: App, make_fetcher, tmp_path: Path, name: str):
    urls = serve(server)
    fetcher = make_fetcher()
    path = tmp_path / name
    with WarcSink(path) as sink:
        fetched = [fetcher.fetch_full(url) for url in urls]
        for item in fetched:
            sink.write(item)
    docs = list(iter_warc(path, 10_000_000))
    assert all(isinstance(d, RawDocument) for d in docs)
    assert [d.url for d in docs] == urls
    assert [d.content for d in docs] == [body for _, body, _ in PAGES.values()]
    assert [d.encoding for d in docs] == ["utf-8", "windows-1258", None]
    assert [d.fetched_at for d in docs] == ["2024-01-04T03:00:00+00:00"] * 3
    assert {d.archive for d in docs} == {str(path)}
    assert all(d.status == 200 for d in docs)
    # The stored body is decoded, so its headers must not claim an encoding any more.
    c_headers = dict(docs[2].headers)
    assert "Content-Encoding" not in c_headers
    assert c_headers["X-Archive-Orig-Content-Encoding"] == "gzip"
    # Offline: reading needs no server at all.
    assert [d.content for d in iter_inputs([str(path)], Settings())] == [d.content for d in docs]


def test_warc_has_request_records_linked_to_responses(server: App, make_fetcher, tmp_path: Path):
    urls = serve(server)
    path = tmp_path / "pages.warc.gz"
    with WarcSink(path) as sink:
        sink.write(make_fetcher(user_agent="vnextract-test/1").fetch_full(urls[0]))
    with open(path, "rb") as handle:
        records = [
            (
                r.rec_type,
                r.rec_headers.get_header("WARC-Target-URI"),
                r.rec_headers.get_header("WARC-Record-ID"),
                r.rec_headers.get_header("WARC-Concurrent-To"),
                r.http_headers.get_header("User-Agent") if r.http_headers else None,
                r.http_headers.protocol if r.http_headers else None,
            )
            for r in ArchiveIterator(handle)
        ]
    by_type = {record[0]: record for record in records}
    assert sorted(by_type) == ["request", "response"]
    _, req_url, _, concurrent, agent, request_line = by_type["request"]
    _, resp_url, resp_id, *_ = by_type["response"]
    assert req_url == resp_url == urls[0]
    assert concurrent == resp_id
    assert agent == "vnextract-test/1"
    assert request_line == "GET"


def test_warc_append_keeps_earlier_records(server: App, make_fetcher, tmp_path: Path):
    urls = serve(server)
    fetcher = make_fetcher()
    path = tmp_path / "pages.warc.gz"
    for url in urls[:2]:
        with WarcSink(path) as sink:
            sink.write(fetcher.fetch_full(url))
    assert [d.url for d in iter_warc(path, 10_000_000)] == urls[:2]


def _response_record(sink: WarcSink, url: str, ctype: str, body: bytes) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders

    headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
    writer = sink._open()
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
    )
    writer.write_record(record)


def test_warc_reader_rejects_non_pages_and_huge_records(tmp_path: Path):
    path = tmp_path / "mixed.warc.gz"
    with WarcSink(path) as sink:
        _response_record(sink, "https://x.vn/a.html", "text/html", b"<p>a</p>")
        _response_record(sink, "https://x.vn/logo.png", "image/png", b"\x89PNG....")
        _response_record(sink, "https://x.vn/big.html", "text/html", b"<p>" + b"b" * 5000)
        _response_record(sink, "https://x.vn/c.html", "application/xhtml+xml", b"<p>c</p>")
    out = list(iter_warc(path, 1000))
    assert [getattr(o, "url", None) or o.code for o in out] == [  # type: ignore[union-attr]
        "https://x.vn/a.html",
        "E032",  # the image: a rejection with its reason, not a silent skip
        "E004",
        "https://x.vn/c.html",
    ]
    assert "image/png" in out[1].reason  # type: ignore[union-attr]


@pytest.mark.parametrize("name,cut", [("cut.warc", 1500), ("cut.warc.gz", 40)])
def test_warc_truncated_archive_keeps_good_records_and_reports(tmp_path: Path, name: str, cut: int):
    path = tmp_path / name
    with WarcSink(path) as sink:
        _response_record(sink, "https://x.vn/a.html", "text/html", b"<p>a</p>")
        _response_record(sink, "https://x.vn/b.html", "text/html", b"<p>" + b"b" * 3000)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - cut])
    out = list(iter_warc(path, 1_000_000))
    assert isinstance(out[0], RawDocument) and out[0].url == "https://x.vn/a.html"
    assert [o.code for o in out[1:]] == ["E031"]  # type: ignore[union-attr]


def test_warc_missing_file_is_reported(tmp_path: Path):
    out = list(iter_warc(tmp_path / "nope.warc.gz", 1000))
    assert [o.code for o in out] == ["E005"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "iso,expected",
    [
        ("2024-01-04T03:00:00+00:00", "2024-01-04T03:00:00Z"),
        ("2024-01-04T10:00:00+07:00", "2024-01-04T03:00:00Z"),
        ("2024-01-04T03:00:00", "2024-01-04T03:00:00Z"),
    ],
)
def test_warc_date(iso: str, expected: str):
    assert warc_date(iso) == expected


def _third_party_warc(path: Path) -> None:
    """A WARC as other crawlers write it: chunked gzip bodies, resources, revisits, dns records."""
    import io

    from warcio.warcwriter import WARCWriter

    page = "<html><body><p>Hội nghị Huyện ủy</p></body></html>".encode()
    body = gzip.compress(page)
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.suffix == ".gz")
        http = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"),
             ("Transfer-Encoding", "chunked")],
            protocol="HTTP/1.1",
        )
        response = writer.create_warc_record(
            "https://x.vn/a.html", "response", payload=io.BytesIO(chunked), length=len(chunked),
            http_headers=http,
        )
        writer.write_record(response)
        digest = response.rec_headers.get_header("WARC-Payload-Digest")
        record_id = response.rec_headers.get_header("WARC-Record-ID")
        date = response.rec_headers.get_header("WARC-Date")
        for uri in ("https://x.vn/a.html", "https://x.vn/copy.html"):  # same page again; a copy
            revisit = writer.create_revisit_record(uri, digest, "https://x.vn/a.html", date)
            revisit.rec_headers.add_header("WARC-Refers-To", record_id)
            writer.write_record(revisit)
        orphan = writer.create_revisit_record(
            "https://x.vn/gone.html", "sha1:AAAA", "https://x.vn/gone.html", date
        )
        writer.write_record(orphan)
        text = "Sáng 4/1, Đảng bộ huyện Đức Trọng họp.".encode()
        writer.write_record(writer.create_warc_record(
            "file:///notes/a.txt", "resource", payload=io.BytesIO(text), length=len(text),
            warc_content_type="text/plain; charset=utf-8",
        ))
        dns = b"20240104030000\nx.vn. 300 IN A 1.2.3.4\n"
        writer.write_record(writer.create_warc_record(
            "dns:x.vn", "response", payload=io.BytesIO(dns), length=len(dns),
            warc_content_type="text/dns",
        ))


@pytest.mark.parametrize("name", ["third.warc", "third.warc.gz"])
def test_warc_reads_resources_revisits_and_rejects_the_rest(tmp_path: Path, name: str):
    path = tmp_path / name
    _third_party_warc(path)
    out = list(iter_warc(path, 1_000_000))
    summary = [(o.url, o.content_type) if isinstance(o, RawDocument) else o.code for o in out]
    assert summary == [
        ("https://x.vn/a.html", "text/html; charset=utf-8"),
        ("https://x.vn/copy.html", "text/html; charset=utf-8"),  # the same-URL revisit: read once
        "E033",
        ("file:///notes/a.txt", "text/plain; charset=utf-8"),
        "E032",
    ]
    page = "<html><body><p>Hội nghị Huyện ủy</p></body></html>".encode()
    assert out[0].content == page and out[1].content == page  # type: ignore[union-attr]
    assert "gone.html" in out[2].reason and "text/dns" in out[4].reason  # type: ignore[union-attr]


@pytest.mark.parametrize("cut", [None, 300])
def test_warc_count_inputs_matches_the_reader(tmp_path: Path, cut: int | None):
    from vnextract.pipeline.sources.warc import count_warc_inputs

    path = tmp_path / "c.warc.gz"
    _third_party_warc(path)
    if cut:
        path.write_bytes(path.read_bytes()[:cut])
    # Revisits of a page already read give no outcome, so the count is an upper bound.
    assert count_warc_inputs(path) >= len(list(iter_warc(path, 1_000_000)))
    assert count_warc_inputs(path) <= len(list(iter_warc(path, 1_000_000))) + 1


def test_warc_gzipped_whole_is_read_when_small_and_refused_with_advice_when_large(tmp_path: Path):
    import io

    from warcio.warcwriter import WARCWriter

    plain = io.BytesIO()
    writer = WARCWriter(plain, gzip=False)
    text = ("Huyện ủy Đức Trọng họp. " * 40).encode()
    for n in range(100):
        writer.write_record(writer.create_warc_record(
            f"file:///t/{n}.txt", "resource", payload=io.BytesIO(text), length=len(text),
            warc_content_type="text/plain",
        ))
    whole = tmp_path / "whole.warc.gz"  # one gzip member for the whole file, not one per record
    whole.write_bytes(gzip.compress(plain.getvalue()))
    assert len(list(iter_warc(whole, 10_000_000))) == 100  # fits in memory: read as it is
    out = list(iter_warc(whole, 2_000))  # larger than a record may be: refused, with the fix
    assert [o.code for o in out] == ["E031"]  # type: ignore[union-attr]
    assert "record by record" in out[0].reason  # type: ignore[union-attr]
