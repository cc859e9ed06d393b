"""HTTP content codings (gzip, deflate, br) decoded under a size ceiling, with an end check.

A compressed body cut short decodes without error into a text that simply stops; only the
stream's own end marker (the gzip trailer with its CRC, the final deflate block, brotli's last
meta-block) proves it is whole. `finish()` asks for that marker, so a cut body is refused instead
of being archived as complete.
"""

from __future__ import annotations

import zlib
from typing import Protocol

from vnextract.pipeline.sources.limits import TooLarge

GZIP_WBITS = 16 + zlib.MAX_WBITS
ZLIB_WBITS = zlib.MAX_WBITS
RAW_DEFLATE_WBITS = -zlib.MAX_WBITS


class Incomplete(ValueError):
    """The encoded stream ended before its end marker (or its framing is broken)."""


class UnsupportedCoding(ValueError):
    """A Content-Encoding this program cannot decode."""


class Decoder(Protocol):
    """Feed encoded bytes, get decoded bytes; `finish` raises Incomplete when the end is missing."""

    def decode(self, data: bytes) -> bytes:
        """Decoded bytes for this piece of input."""

    def finish(self) -> bytes:
        """What is left, after checking that the stream ended properly."""


class _Identity:
    """No coding: bytes pass through, counted against the ceiling."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.total = 0

    def decode(self, data: bytes) -> bytes:
        self.total += len(data)
        if self.total > self.limit:
            raise TooLarge(self.limit)
        return data

    def finish(self) -> bytes:
        return b""


class _Zlib:
    """gzip (members may follow one another) or deflate (zlib-wrapped, or raw as some servers send)."""

    def __init__(self, limit: int, gzip: bool) -> None:
        self.limit = limit
        self.gzip = gzip
        self.total = 0
        self.started = False
        self._obj = zlib.decompressobj(GZIP_WBITS if gzip else ZLIB_WBITS)

    def decode(self, data: bytes) -> bytes:
        out: list[bytes] = []
        while data:
            if self._obj.eof:
                data = self._next_member(data)
                if not data:
                    break
            try:
                # max_length bounds what one call may inflate: a bomb stops at the ceiling.
                piece = self._obj.decompress(data, self.limit - self.total + 1)
            except zlib.error as exc:
                if not self.gzip and not self.started:  # "deflate" sent without the zlib header
                    self._obj = zlib.decompressobj(RAW_DEFLATE_WBITS)
                    self.started = True
                    continue
                raise Incomplete(f"corrupt compressed data ({exc})") from exc
            self.started = True
            self.total += len(piece)
            if self.total > self.limit:
                raise TooLarge(self.limit)
            out.append(piece)
            data = self._obj.unused_data if self._obj.eof else self._obj.unconsumed_tail
        return b"".join(out)

    def _next_member(self, data: bytes) -> bytes:
        """After a complete gzip member: the next member's bytes (zero padding is ignored)."""
        if not data.strip(b"\0"):
            return b""
        if not self.gzip:
            raise Incomplete("data after the end of a deflate stream")
        self._obj = zlib.decompressobj(GZIP_WBITS)
        return data

    def finish(self) -> bytes:
        if not self.started or not self._obj.eof:
            raise Incomplete("compressed body ends before its end marker")
        return b""


class _Brotli:
    """br, when the brotli module is installed (the fetcher only asks for br then)."""

    def __init__(self, limit: int) -> None:
        try:
            import brotli
        except ImportError as exc:
            raise UnsupportedCoding("br (install brotli to read it)") from exc
        self.limit = limit
        self.total = 0
        self._obj = brotli.Decompressor()

    def decode(self, data: bytes) -> bytes:
        try:
            piece = self._obj.process(data)
        except Exception as exc:  # brotli.error is not an Exception subclass we can name portably
            raise Incomplete(f"corrupt brotli data ({exc})") from exc
        self.total += len(piece)
        if self.total > self.limit:
            raise TooLarge(self.limit)
        return bytes(piece)

    def finish(self) -> bytes:
        if not self._obj.is_finished():
            raise Incomplete("brotli body ends before its last block")
        return b""


class _Chain:
    """Several codings ("gzip, br"): applied in the order listed, so undone in reverse."""

    def __init__(self, decoders: list[Decoder]) -> None:
        self.decoders = decoders

    def decode(self, data: bytes) -> bytes:
        for decoder in self.decoders:
            data = decoder.decode(data)
        return data

    def finish(self) -> bytes:
        tail = b""
        for decoder in self.decoders:
            tail = decoder.decode(tail) if tail else b""
            tail += decoder.finish()
        return tail


def decoder_for(content_encoding: str | None, limit: int) -> Decoder:
    """A decoder for a Content-Encoding header value; raise UnsupportedCoding for unknown ones."""
    names = [n.strip().lower() for n in (content_encoding or "").split(",") if n.strip()]
    names = [n for n in names if n != "identity"]
    if not names:
        return _Identity(limit)
    decoders: list[Decoder] = []
    for name in reversed(names):
        if name in ("gzip", "x-gzip"):
            decoders.append(_Zlib(limit, gzip=True))
        elif name == "deflate":
            decoders.append(_Zlib(limit, gzip=False))
        elif name == "br":
            decoders.append(_Brotli(limit))
        else:
            raise UnsupportedCoding(name)
    return decoders[0] if len(decoders) == 1 else _Chain(decoders)


def decode_body(data: bytes, content_encoding: str | None, limit: int) -> bytes:
    """A whole encoded body decoded; Incomplete if it was cut, TooLarge past `limit`."""
    decoder = decoder_for(content_encoding, limit)
    return decoder.decode(data) + decoder.finish()


def dechunk(data: bytes) -> bytes:
    """The payload of an HTTP/1.1 chunked body; Incomplete when the last (zero) chunk is missing."""
    out: list[bytes] = []
    pos = 0
    while True:
        end = data.find(b"\r\n", pos)
        if end < 0:
            raise Incomplete("chunked body ends inside a chunk size line")
        size_text = data[pos:end].split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError as exc:
            raise Incomplete(f"bad chunk size {size_text[:20]!r}") from exc
        pos = end + 2
        if size == 0:
            return b"".join(out)  # trailers, if any, are not part of the payload
        if pos + size > len(data):
            raise Incomplete("chunked body ends inside a chunk")
        out.append(data[pos : pos + size])
        pos += size + 2
