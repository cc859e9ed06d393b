"""Bytes to text: refuse what is not text, decode what is, in the encoding it really has."""

from __future__ import annotations

import codecs
import logging

from charset_normalizer import from_bytes

from pipeline.errors import InputError

LOGGER = logging.getLogger(__name__)

# Share of control characters (other than whitespace) above which bytes are treated as binary.
_BINARY_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = {9, 10, 12, 13, 27}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


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
    """Decode article bytes: BOM, then UTF-8, then the declared charset, then detection."""
    if not data.strip():
        raise InputError("E001")
    reason = looks_binary(data)
    if reason:
        raise InputError("E002", reason)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="strict")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            LOGGER.debug("declared charset %r does not decode the input", declared)
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError("E003", f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start})")
    LOGGER.info("decoded input as %s (detected)", best.encoding)
    return str(best)
