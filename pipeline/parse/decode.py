"""Bytes to text: refuse what is not text, decode what is, in the encoding it really has."""

from __future__ import annotations

import codecs
import logging
import re

from charset_normalizer import from_bytes

from vnextract.pipeline.errors import Errors, InputError

LOGGER = logging.getLogger(__name__)

# Share of control characters (other than whitespace) above which bytes are treated as binary.
_BINARY_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = {9, 10, 12, 13, 27}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


# `<meta charset="x">` and `<meta http-equiv="Content-Type" content="text/html; charset=x">`,
# looked for in the first bytes as the HTML standard does (it must come early in <head>).
_META_CHARSET = re.compile(rb"<meta[^>]{0,300}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{2,40})", re.IGNORECASE)
_META_SNIFF_BYTES = 4096
# Labels that browsers read as another encoding (WHATWG Encoding Standard).
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
    "ascii": "cp1252", "l1": "cp1252", "utf8": "utf-8", "x-unicode20utf8": "utf-8",
}


def meta_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag near its start, or None."""
    match = _META_CHARSET.search(data[:_META_SNIFF_BYTES])
    if not match:
        return None
    label = match.group(1).decode("ascii", "ignore").strip().lower()
    label = _CHARSET_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        LOGGER.debug("unknown charset %r in a meta tag", label)
        return None


def looks_binary(data: bytes) -> str | None:
    """A reason why the bytes are not text, or None."""
    head = data[:65536]
    if head.startswith((b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF")):
        return "file signature of a binary format"
    if any(head.startswith(bom) for bom, _ in _BOMS[1:]):
        return None  # UTF-16 has NUL bytes by design
    if b"\x00" in head:
        return "NUL bytes"
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    if head and controls / len(head) > _BINARY_CONTROL_SHARE:
        return f"{controls} control bytes in the first {len(head)}"
    return None


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode article bytes: BOM, UTF-8, the declared charset, a <meta> charset, then detection."""
    if not data.strip():
        raise InputError(Errors.E001)
    reason = looks_binary(data)
    if reason:
        raise InputError(Errors.E002, reason)
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            # A UTF-8 BOM before bytes that are not UTF-8 (an editor's BOM on a Latin-1 or
            # Windows-1258 file): the BOM lies, the bytes are decoded as if it were absent.
            LOGGER.info("a UTF-8 BOM precedes bytes that are not UTF-8; BOM ignored")
            data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_utf16(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    for label, origin in ((declared, "declared"), (meta_charset(data), "meta")):
        if not label:
            continue
        try:
            return data.decode(label)
        except (LookupError, ValueError):  # unknown label, or one that is not a text codec
            LOGGER.debug("%s charset %r does not decode the input", origin, label)
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(Errors.E003, f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start})")
    LOGGER.info("decoded input as %s (detected)", best.encoding)
    return str(best)


# Share of UTF-16 code units that may be damaged (lone surrogates, a cut last byte) before the
# text is refused rather than repaired with U+FFFD.
_UTF16_DAMAGE_SHARE = 0.01


def _decode_utf16(data: bytes) -> str:
    """UTF-16 with a BOM; a few damaged code units become U+FFFD, many are refused (E003)."""
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-16", errors="replace")
        damaged = text.count("\ufffd")
        if damaged > max(1, len(text) * _UTF16_DAMAGE_SHARE):
            raise InputError(Errors.E003, f"UTF-16 with {damaged} damaged code units ({exc.reason})") from exc
        LOGGER.warning("UTF-16 input has %d damaged code unit(s) (%s); replaced by U+FFFD", damaged, exc.reason)
        return text
