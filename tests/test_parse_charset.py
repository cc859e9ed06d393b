"""A page's <meta charset> is honoured when the bytes are not UTF-8 and the transport said nothing."""

from __future__ import annotations

import unicodedata

import pytest

from vnextract.pipeline.parse.decode import decode_text, meta_charset

TEXT = "Huyện ủy Lâm Hà tổng kết công tác xây dựng Đảng năm 2023, kết nạp 215 đảng viên mới."
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _cp1258(text: str) -> bytes:
    """Windows-1258 bytes: base letters precomposed (â, ơ, ư), tone marks as combining bytes."""
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if out and unicodedata.combining(ch) and ch not in _TONES:
            out[-1] = unicodedata.normalize("NFC", out[-1][0] + ch) + out[-1][1:]
        elif out and ch in _TONES:
            out[-1] += ch
        else:
            out.append(ch)
    return "".join(out).encode("windows-1258")


def _page(meta: str) -> bytes:
    head = f"<html><head>{meta}<title>x</title></head><body><p>".encode("ascii")
    return head + _cp1258(TEXT) + b"</p></body></html>"


@pytest.mark.parametrize(
    "meta",
    [
        pytest.param('<meta charset="windows-1258">', id="meta-charset"),
        pytest.param("<meta charset=windows-1258>", id="unquoted"),
        pytest.param('<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">', id="http-equiv"),
        pytest.param("<META HTTP-EQUIV='content-type' CONTENT='text/html;charset=WINDOWS-1258'>", id="upper-case"),
    ],
)
def test_charset_meta_charset_decodes_legacy_vietnamese(meta: str) -> None:
    decoded = decode_text(_page(meta))
    assert TEXT in unicodedata.normalize("NFC", decoded)


@pytest.mark.parametrize(
    "data, expected",
    [
        pytest.param(b'<meta charset="utf-8">', "utf-8", id="utf8"),
        pytest.param(b'<meta charset="iso-8859-1">', "cp1252", id="latin1-is-windows-1252"),
        pytest.param(b'<meta charset="no-such-charset">', None, id="unknown-label"),
        pytest.param(b"<p>charset=utf-8</p>", None, id="not-in-meta"),
        pytest.param(b" " * 5000 + b'<meta charset="utf-8">', None, id="too-late"),
    ],
)
def test_charset_meta_charset_label(data: bytes, expected: str | None) -> None:
    assert meta_charset(data) == expected


def test_charset_transport_charset_wins_over_meta() -> None:
    data = _page('<meta charset="koi8-r">')
    assert TEXT in unicodedata.normalize("NFC", decode_text(data, "windows-1258"))


def test_charset_utf8_bytes_win_over_a_wrong_meta() -> None:
    data = f'<meta charset="windows-1258"><p>{TEXT}</p>'.encode()
    assert TEXT in decode_text(data)


def test_charset_meta_is_read_before_detection(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_detection(data: bytes) -> None:
        raise AssertionError("detection ran although the page declares its charset")

    monkeypatch.setattr("vnextract.pipeline.parse.decode.from_bytes", no_detection)
    assert TEXT in unicodedata.normalize("NFC", decode_text(_page('<meta charset="windows-1258">')))
