"""Fault injection for the readers: cut archives, damaged gzip, FIFOs, odd names, bad dates.

Every case checks the product's promise at the source boundary: each input comes out as a
document or a rejection with an E-code (inputs in = documents + rejections), nothing raises,
and the wall time stays bounded. tests/test_faults_fetch.py does the same for hostile servers.
"""


from __future__ import annotations

import gzip
import io
import json
import logging
import os
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from vnextract.pipeline.errors import VnextractError
from vnextract.pipeline.settings import FetchSettings, Settings
from vnextract.pipeline.sources.inputs import Ignored, count_inputs, iter_inputs
from vnextract.pipeline.sources.warc import iter_warc
from vnextract.pipeline.types import RawDocument

pytestmark = pytest.mark.faults

CUT_STEP = 128  # every 128th byte offset, plus every record boundary and a byte either side
PARAGRAPH = "Sáng 4/1, Huyện ủy Đức Trọng tổ chức hội nghị tổng kết công tác năm 2023 với {n} đại biểu."


def settings(limit: int = 1_000_000) -> Settings:
    return Settings(fetch=FetchSettings(max_input_bytes=limit))


def outcomes(specs: list[str], limit: int = 1_000_000, **kwargs: object) -> list[object]:
    return list(iter_inputs(specs, settings(limit), **kwargs))  # type: ignore[arg-type]


def page(n: int) -> bytes:
    paragraphs = "".join(f"<p>{PARAGRAPH.format(n=n + k)}</p>" for k in range(6))
    return f"<html><head><title>Tin {n}</title></head><body>{paragraphs}</body></html>".encode()


def write_warc(path: Path) -> list[str]:
    """A WARC with responses (and their requests), a resource and an image; the input labels."""
    labels: list[str] = []
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.suffix == ".gz")
        for n in range(5):
            url = f"https://tin.test/{n}.html"
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            body = page(n)
            response = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http
            )
            request = writer.create_warc_record(
                url,
                "request",
                http_headers=StatusAndHeaders(
                    f"GET /{n}.html HTTP/1.1", [("Host", "tin.test")], is_http_request=True
                ),
            )
            writer.write_request_response_pair(request, response)
            labels.append(url)
        png = b"\x89PNG\r\n\x1a\n" + bytes(300)
        http = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://tin.test/logo.png", "response", payload=io.BytesIO(png),
                length=len(png), http_headers=http,
            )
        )
        labels.append("E032")
        text = PARAGRAPH.format(n=99).encode()
        writer.write_record(
            writer.create_warc_record(
                "file:///ghi-chu.txt", "resource", payload=io.BytesIO(text), length=len(text),
                warc_content_type="text/plain; charset=utf-8",
            )
        )
        labels.append("file:///ghi-chu.txt")
    return labels


def record_spans(path: Path) -> list[tuple[int, int, str, str | None]]:
    """(start, end, type, url) of every record, as warcio (an independent reader) sees them.

    `end` includes the CRLF CRLF that closes a record, which warcio leaves out of an
    uncompressed record's length (a gzip member holds it).
    """
    closing = 0 if path.read_bytes()[:2] == b"\x1f\x8b" else 4
    spans = []
    with path.open("rb") as handle:
        iterator = ArchiveIterator(handle)
        for record in iterator:
            kind = record.rec_type
            url = record.rec_headers.get_header("WARC-Target-URI")
            record.content_stream().read()
            start, length = iterator.get_record_offset(), iterator.get_record_length()
            spans.append((start, start + length + closing, kind, url))
    return spans


def label(outcome: object) -> str:
    if isinstance(outcome, RawDocument):
        return str(outcome.url)
    assert isinstance(outcome, VnextractError), outcome
    return outcome.code


def cut_points(size: int, spans: list[tuple[int, int, str, str | None]]) -> list[int]:
    points = set(range(0, size, CUT_STEP))
    for start, _end, _kind, _url in spans:
        points |= {start - 1, start, start + 1, start + 40}  # around and inside each header
    return sorted(p for p in points if 0 <= p < size)


@pytest.mark.parametrize("name", ["cut.warc", "cut.warc.gz"])
def test_faults_warc_cut_at_every_offset(tmp_path: Path, name: str):
    full = tmp_path / name
    labels = write_warc(full)
    assert [label(o) for o in iter_warc(full, 1_000_000)] == labels  # the whole file reads whole
    data = full.read_bytes()
    spans = record_spans(full)
    inputs = [(end, url) for _start, end, kind, url in spans if kind in ("response", "resource")]
    boundaries = {0} | {end for _start, end, _kind, _url in spans}
    part = tmp_path / ("part-" + name)
    started = time.monotonic()
    points = cut_points(len(data), spans)
    for cut in points:
        part.write_bytes(data[:cut])
        got = [label(o) for o in iter_warc(part, 1_000_000)]
        whole = sum(1 for end, _url in inputs if end <= cut)  # inputs entirely before the cut
        damaged = cut not in boundaries
        assert got[:whole] == labels[:whole], cut  # every complete input, in order
        assert got[whole:] == (["E031"] if damaged else []), cut  # then one rejection, or none
    assert len(points) >= 40
    assert time.monotonic() - started < 20  # bounded: about a millisecond per cut


@pytest.mark.parametrize("name", ["flip.warc.gz", "flip.warc"])
def test_faults_warc_corrupt_byte_never_yields_damaged_content(tmp_path: Path, name: str):
    full = tmp_path / name
    labels = write_warc(full)
    data = bytearray(full.read_bytes())
    spans = record_spans(full)
    third = next(s for s in spans if s[3] == "https://tin.test/2.html" and s[2] == "response")
    middle = (third[0] + third[1]) // 2
    data[middle] ^= 0xFF
    (tmp_path / "x").write_bytes(bytes(data))
    out = list(iter_warc(tmp_path / "x", 1_000_000))
    docs = [o for o in out if isinstance(o, RawDocument)]
    originals = {f"https://tin.test/{n}.html": page(n) for n in range(5)}
    for doc in docs:  # a document is either absent or exactly what was archived
        if doc.url in originals:
            assert doc.content == originals[doc.url]
    # The gzip CRC, or in a plain WARC the block digest, catches the flipped byte.
    assert "https://tin.test/2.html" not in [d.url for d in docs]
    assert "E031" in [label(o) for o in out]
    if name.endswith(".warc"):  # framing intact: the records after it are still read
        assert [label(o) for o in out] == [x if x != "https://tin.test/2.html" else "E031" for x in labels]


def _gzip_members(texts: list[bytes]) -> bytes:
    return b"".join(gzip.compress(t) for t in texts)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param("truncate", id="cut-short"),
        pytest.param("flip", id="corrupt-byte"),
    ],
)
def test_faults_jsonl_gz_emits_nothing_unverified(tmp_path: Path, damage: str):
    lines = [json.dumps({"url": f"https://tin.test/{n}", "text": f"Dòng {n}"}) + "\n" for n in range(6)]
    first, second = "".join(lines[:3]).encode(), "".join(lines[3:]).encode()
    blob = bytearray(_gzip_members([first, second]))
    member_two = len(gzip.compress(first))
    if damage == "truncate":
        blob = blob[: member_two + (len(blob) - member_two) // 2]
    else:
        blob[member_two + 12] ^= 0x55
    path = tmp_path / "r.jsonl.gz"
    path.write_bytes(bytes(blob))
    out = outcomes([str(path)])
    assert [label(o) for o in out] == [f"https://tin.test/{n}" for n in range(3)] + ["E031"]
    assert out[-1].source == f"{path}:4"  # type: ignore[union-attr]  (the first line lost)


@pytest.mark.parametrize(
    "cut",
    [pytest.param(10, id="inside-header"), pytest.param(-6, id="inside-trailer"),
     pytest.param(-20, id="inside-data")],
)
def test_faults_gzip_text_cut_short_is_rejected(tmp_path: Path, cut: int):
    blob = gzip.compress(PARAGRAPH.format(n=3).encode() * 20)
    path = tmp_path / "a.txt.gz"
    path.write_bytes(blob[:cut])
    assert [label(o) for o in outcomes([str(path)])] == ["E031"]


def _run_bounded(target, seconds: float = 10.0) -> list[object]:
    """Run `target()` in a thread; fail (instead of hanging the suite) if it does not finish."""
    box: list[object] = []
    thread = threading.Thread(target=lambda: box.append(target()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds}s"
    return box[0]  # type: ignore[return-value]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_faults_fifo_in_folder_is_left_out_and_fifo_given_is_rejected(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "b.txt").write_text(PARAGRAPH.format(n=1), encoding="utf-8")
    os.mkfifo(folder / "a.txt")  # nothing ever writes to it: opening it plainly would block
    os.mkfifo(folder / "c.warc.gz")
    os.mkfifo(folder / "d.jsonl")
    ignored = Ignored()
    started = time.monotonic()
    out = _run_bounded(lambda: outcomes([str(folder)], ignored=ignored))
    assert [label(o) for o in out] == ["None"]  # b.txt, a text without URL
    assert ignored.counts == {"FIFO": 3}
    direct = _run_bounded(
        lambda: outcomes([str(folder / "a.txt"), str(folder / "c.warc.gz"), str(folder / "d.jsonl")])
    )
    assert [label(o) for o in direct] == ["E034", "E034", "E034"]
    fifos = [str(folder / n) for n in ("a.txt", "c.warc.gz", "d.jsonl")]
    assert _run_bounded(lambda: count_inputs([str(folder), *fifos])) == 1 + 3  # for the ETA
    assert time.monotonic() - started < 5


ODD_NAMES = [
    pytest.param(b"bad\xff.txt", "bad\\xff.txt", id="not-utf8"),
    pytest.param(b"line\nbreak.txt", "line\nbreak.txt", id="newline"),
    pytest.param(b"-dash.txt", "-dash.txt", id="leading-dash"),
    pytest.param("Hà Nội.txt".encode(), "Hà Nội.txt", id="vietnamese"),
    pytest.param(b"x" * 240 + b".txt", "x" * 240 + ".txt", id="long"),
    pytest.param("bao\u0301.txt".encode(), "bao\u0301.txt", id="decomposed"),
]


@pytest.mark.parametrize("raw_name, shown", ODD_NAMES)
def test_faults_odd_file_names_are_read_and_named_as_text(tmp_path: Path, raw_name: bytes, shown: str):
    folder = os.fsencode(tmp_path / "in")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, raw_name), "wb") as handle:
        handle.write(PARAGRAPH.format(n=7).encode())
    out = outcomes([str(tmp_path / "in")])
    assert len(out) == 1 and isinstance(out[0], RawDocument)
    assert out[0].archive == f"{tmp_path / 'in'}/{shown}"
    json.dumps(out[0].archive)  # storable: no lone surrogates
    out[0].archive.encode("utf-8")  # type: ignore[union-attr]


BAD_DATES = [
    pytest.param("not-a-date", id="words"),
    pytest.param("2024-02-30", id="no-such-day"),
    pytest.param("99999-01-01", id="five-digit-year"),
    pytest.param("2024-13-01", id="month-13"),
    pytest.param("0000-01-01", id="year-zero"),
]


@pytest.mark.parametrize("bad", BAD_DATES)
def test_faults_bad_sidecar_and_jsonl_dates_warn_and_fall_back(
    tmp_path: Path, bad: str, caplog: pytest.LogCaptureFixture
):
    (tmp_path / "a.txt").write_text(PARAGRAPH.format(n=2), encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": bad, "url": "https://t.test/a"}))
    jsonl = tmp_path / "b.jsonl"
    jsonl.write_text(
        json.dumps({"text": "Dòng", "published": bad}) + "\n"
        + json.dumps({"text": "Dòng", "published_at": bad, "source": {"url": "https://t.test/c"}})
        + "\n",
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING):
        out = outcomes([str(tmp_path / "a.txt"), str(jsonl)])
    assert [type(o) for o in out] == [RawDocument] * 3
    assert [o.published for o in out] == [None, None, None]  # type: ignore[union-attr]
    assert out[0].url == "https://t.test/a" and out[2].url == "https://t.test/c"  # type: ignore[union-attr]
    assert sum("is not an ISO date" in r.getMessage() for r in caplog.records) == 3


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"[1, 2]", id="not-an-object"),
        pytest.param(b"{", id="invalid-json"),
        pytest.param(b"x" * 70_000, id="too-large"),
    ],
)
def test_faults_bad_sidecar_rejects_its_file_only(tmp_path: Path, content: bytes):
    (tmp_path / "a.txt").write_text(PARAGRAPH.format(n=2), encoding="utf-8")
    (tmp_path / "a.meta.json").write_bytes(content)
    (tmp_path / "b.txt").write_text(PARAGRAPH.format(n=3), encoding="utf-8")
    out = outcomes([str(tmp_path)])
    assert [label(o) for o in out] == ["E006", "None"]
    assert out[0].source == str(tmp_path / "a.txt")  # type: ignore[union-attr]


def _mixed_archive(root: Path) -> int:
    """A folder of good and bad inputs; returns the number of outcomes it must give."""
    root.mkdir()
    (root / "a.txt").write_text(PARAGRAPH.format(n=1), encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")  # read fine; the parser rejects it later (E001)
    (root / "bin.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))  # likewise (E002)
    write_warc(root / "w.warc.gz")
    data = (root / "w.warc.gz").read_bytes()
    (root / "w.warc.gz").write_bytes(data[: len(data) - 100])  # cut inside the last record
    (root / "r.jsonl").write_text('{"text": "Dòng"}\nnot json\n', encoding="utf-8")
    return 3 + (5 + 1 + 1) + 2  # three files; the WARC's 5 pages, image and damage; two lines


def test_faults_mixed_archive_counts_add_up(tmp_path: Path):
    expected = _mixed_archive(tmp_path / "in")
    out = outcomes([str(tmp_path / "in")])
    docs = [o for o in out if isinstance(o, RawDocument)]
    rejections = [o for o in out if isinstance(o, VnextractError)]
    assert len(docs) + len(rejections) == len(out) == expected
    assert sorted(r.code for r in rejections) == ["E006", "E031", "E032"]
    assert all(r.source for r in rejections)  # each names its input


# -- bounded fuzz: random damage anywhere never raises and never yields altered content ----------


_MUTATIONS = st.lists(
    st.tuples(st.sampled_from(["flip", "drop", "insert"]), st.floats(0, 1), st.binary(min_size=1, max_size=8)),
    min_size=1,
    max_size=3,
)


def _mutate(data: bytes, mutations: list[tuple[str, float, bytes]]) -> bytes:
    out = bytearray(data)
    for kind, where, extra in mutations:
        at = min(int(where * len(out)), max(len(out) - 1, 0))
        if kind == "flip" and out:
            out[at] ^= extra[0] or 1
        elif kind == "drop":
            del out[at : at + len(extra)]
        else:
            out[at:at] = extra
    return bytes(out)


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("fuzz")
    made = {}
    for name in ("f.warc", "f.warc.gz"):
        write_warc(folder / name)
        made[name] = (folder / name).read_bytes()
    return made


ORIGINAL_PAYLOADS = {page(n) for n in range(5)} | {PARAGRAPH.format(n=99).encode()}


@pytest.mark.parametrize("name", ["f.warc", "f.warc.gz"])
@hyp_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations=_MUTATIONS)
def test_faults_warc_fuzz_never_raises_nor_alters_content(
    archives: dict[str, bytes], tmp_path: Path, name: str, mutations: list[tuple[str, float, bytes]]
):
    path = tmp_path / name
    damaged = _mutate(archives[name], mutations)
    path.write_bytes(damaged)
    started = time.monotonic()
    out = list(iter_warc(path, 1_000_000))
    assert time.monotonic() - started < 2
    # A plain WARC record can only be verified by its block digest: when the damage hits the
    # digest header itself, the record reads as one archived without a digest (as many are).
    digest = b"\r\nWARC-Block-Digest: sha1:"
    verifiable = name.endswith(".gz") or damaged.count(digest) == archives[name].count(digest)
    for outcome in out:
        assert isinstance(outcome, RawDocument | VnextractError)
        if isinstance(outcome, RawDocument) and verifiable:  # verified by CRC or digest: as archived
            assert outcome.content in ORIGINAL_PAYLOADS


JSONL_LINES = [json.dumps({"url": f"https://tin.test/{n}", "text": f"Dòng {n}"}) + "\n" for n in range(8)]


@hyp_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations=_MUTATIONS)
def test_faults_jsonl_gz_fuzz_emits_only_original_lines(
    tmp_path: Path, mutations: list[tuple[str, float, bytes]]
):
    blob = _gzip_members(["".join(JSONL_LINES[:4]).encode(), "".join(JSONL_LINES[4:]).encode()])
    path = tmp_path / "f.jsonl.gz"
    path.write_bytes(_mutate(blob, mutations))
    originals = {f"https://tin.test/{n}" for n in range(8)}
    for outcome in outcomes([str(path)]):
        assert isinstance(outcome, RawDocument | VnextractError)
        if isinstance(outcome, RawDocument):
            assert outcome.url in originals


@hyp_settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=512), prefix=st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]))
def test_faults_decode_fuzz_gives_text_or_an_input_error(data: bytes, prefix: bytes):
    from vnextract.pipeline.errors import InputError
    from vnextract.pipeline.parse.decode import decode_text

    try:
        text = decode_text(prefix + data)
    except InputError as error:
        assert error.code in ("E001", "E002", "E003")
    else:
        assert isinstance(text, str)
        text.encode("utf-8")  # no lone surrogates: storable and printable
