from __future__ import annotations

import pytest

from vnextract.pipeline.errors import InputError
from vnextract.pipeline.parse.decode import decode_text


@pytest.mark.parametrize(
    "data, code",
    [
        pytest.param(b"", "E001", id="empty"),
        pytest.param(b" \n\t  \n", "E001", id="whitespace"),
        pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(100), "E002", id="png"),
        pytest.param(b"abc\x00def" * 10, "E002", id="nul-bytes"),
        pytest.param(bytes(range(1, 9)) * 50, "E002", id="control-bytes"),
    ],
)
def test_decode_text_refuses_what_is_not_text(data: bytes, code: str) -> None:
    with pytest.raises(InputError) as caught:
        decode_text(data)
    assert caught.value.code == code


@pytest.mark.parametrize(
    "data, declared, expected",
    [
        pytest.param("Huyện ủy Đức Trọng".encode(), None, "Huyện ủy Đức Trọng", id="utf8"),
        pytest.param("\ufeffĐảng bộ".encode(), None, "Đảng bộ", id="utf8-bom"),
        pytest.param("Đảng bộ huyện".encode("utf-16"), None, "Đảng bộ huyện", id="utf16-bom"),
        pytest.param("Đà La\u0323t và Nhân dân".encode("windows-1258"), "windows-1258", None,
                     id="cp1258-declared"),
    ],
)
def test_decode_text_reads_encodings(data: bytes, declared: str | None, expected: str | None) -> None:
    text = decode_text(data, declared)
    if expected is not None:
        assert text == expected
    else:  # windows-1258 decomposes tones; the normaliser composes them later
        import unicodedata

        assert unicodedata.normalize("NFC", text) == "Đà Lạt và Nhân dân"


@pytest.mark.parametrize(
    "data, declared, expected",
    [
        pytest.param(b"\xef\xbb\xbf" + "Lâm Đông, ngày 4/1".encode("cp1258"), "windows-1258",
                     "Lâm Đông, ngày 4/1", id="utf8-bom-then-declared-cp1258"),
        pytest.param(b"\xef\xbb\xbf" + "Café au lait à la française, très bon. ".encode("latin-1") * 3,
                     None, "Café au lait à la française", id="utf8-bom-then-latin1-detected"),
        pytest.param(b"\xff\xfe" + "Xin chào ".encode("utf-16-le") + b"\x00\xd8"
                     + "Hà Nội".encode("utf-16-le"), None, "Xin chào \ufffdHà Nội",
                     id="utf16-one-lone-surrogate"),
    ],
)
def test_decode_text_repairs_a_lying_bom_or_one_damaged_unit(
    data: bytes, declared: str | None, expected: str
) -> None:
    assert expected in decode_text(data, declared)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\xff\xfe" + b"\x00\xd8" * 50, id="utf16-all-lone-surrogates"),
        pytest.param(b"\xfe\xff" + b"\xdc\x00" * 40 + "ab".encode("utf-16-be"), id="utf16be-damaged"),
    ],
)
def test_decode_text_refuses_damaged_utf16(data: bytes) -> None:
    with pytest.raises(InputError) as caught:
        decode_text(data)
    assert caught.value.code == "E003"
