"""Dead letters: keys stable across runs, payloads enough to retry the input."""

from __future__ import annotations

import pytest

from vnextract.pipeline.errors import InputError, Rejection
from vnextract.pipeline.sinks.rejections import (
    input_key,
    payload_of,
    raw_from_payload,
    rejected,
)
from vnextract.pipeline.types import RawDocument

TEXT = RawDocument(content="Ngày 4/1, Huyện ủy".encode(), archive="in/a.txt", published="2024-01-04")
PAGE = RawDocument(content=b"<p>x</p>", url="https://example.invalid/a", content_type="text/html")
BINARY = RawDocument(content=b"\x89PNG\x00\x01\xff", archive="in/b.png")
LATIN1 = RawDocument(content="Hà Nam".encode("cp1258"), archive="in/c.txt")


@pytest.mark.parametrize(
    ("raw", "field"),
    [(TEXT, "text"), (PAGE, "text"), (BINARY, "content_b64"), (LATIN1, "content_b64")],
    ids=["utf8-text", "html", "binary", "legacy-encoding"],
)
def test_rejections_payload_round_trip(raw: RawDocument, field: str) -> None:
    payload = payload_of(raw)
    assert field in payload
    back = raw_from_payload(payload)
    assert back is not None
    assert (back.content, back.url, back.archive, back.published) == (
        raw.content, raw.url, raw.archive, raw.published,
    )


def test_rejections_payload_too_large_kept_metadata() -> None:
    payload = payload_of(TEXT, max_bytes=4)
    assert payload["truncated"] is True
    assert payload["archive"] == "in/a.txt"
    assert payload["size"] == len(TEXT.content)
    assert raw_from_payload(payload) is None


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ((PAGE, "x"), (PAGE, "y"), True),
        ((TEXT, "in/a.txt"), (TEXT, "in/a.txt"), True),
        ((TEXT, "in/a.txt"), (RawDocument(content=b"other", archive="in/a.txt"), "in/a.txt"), False),
        ((None, "in/gone.txt"), (None, "in/gone.txt"), True),
        ((None, "in/gone.txt"), (None, "in/other.txt"), False),
    ],
    ids=["same-url", "same-content", "jsonl-lines-differ", "unread-same-name", "unread-other-name"],
)
def test_rejections_input_key(first: tuple, second: tuple, same: bool) -> None:
    assert (input_key(*first) == input_key(*second)) is same


def test_rejections_from_error() -> None:
    item = rejected(Rejection("E020", "low > high"), PAGE, extractor_version="9.9")
    assert item.input == "https://example.invalid/a"
    assert (item.code, item.extractor_version) == ("E020", "9.9")
    assert "low > high" in item.reason
    unread = rejected(InputError("E005", "in/gone.txt"), None, "in/gone.txt")
    assert unread.input == "in/gone.txt"
    assert unread.payload == {}
    assert unread.to_json()["created_at"].endswith("+00:00")


@pytest.mark.parametrize(
    ("error", "raw", "name"),
    [
        pytest.param(InputError("E006", "feed.jsonl line 2: invalid JSON", source="feed.jsonl:2"), None,
                     "feed.jsonl:2", id="jsonl-line"),
        pytest.param(InputError("E005", "in/missing.txt", source="in/missing.txt"), None, "in/missing.txt",
                     id="missing-file"),
        pytest.param(InputError("E004", "stdin is over 10 bytes", source="-"), None, "-", id="stdin"),
        pytest.param(InputError("E002", "NUL bytes"), BINARY, "in/b.png", id="read-input-by-archive"),
        pytest.param(InputError("E010", "HTTP 404"), PAGE, "https://example.invalid/a", id="page-by-url"),
        pytest.param(InputError("E006", "a message and nothing else"), None, "input", id="no-source-no-message"),
    ],
)
def test_rejections_input_is_a_path_or_url_never_the_message(error, raw, name: str) -> None:
    from vnextract.pipeline.run import dead_letter, input_name

    assert input_name(raw, error) == name
    assert rejected(error, raw).input == name
    assert dead_letter(error, raw).input == name
    assert error.detail not in name or error.detail == name
