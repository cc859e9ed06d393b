"""Reading bytes with a hard ceiling, so no input or archive can exhaust memory."""

from __future__ import annotations

import gzip
import io
import logging
import zlib
from typing import BinaryIO

LOGGER = logging.getLogger(__name__)

GZIP_MAGIC = b"\x1f\x8b"


class TooLarge(Exception):
    """The data would exceed the limit; raised before the excess is held in memory."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"more than {limit} bytes")


def read_limited(stream: BinaryIO, limit: int) -> bytes:
    """Read a whole stream, or raise TooLarge as soon as it passes `limit` bytes."""
    # Reading limit + 1 is enough to know the stream is too long without reading the rest.
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(limit)
    return data


def gunzip_limited(data: bytes, limit: int) -> bytes:
    """Decompress gzip bytes, or raise TooLarge once the output passes `limit` (a bomb is refused)."""
    # GzipFile.read(n) inflates only what it needs for n bytes, so a bomb never inflates past n.
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            return read_limited(stream, limit)  # type: ignore[arg-type]
    except (OSError, EOFError, zlib.error) as exc:
        raise ValueError(f"bad gzip data: {exc}") from exc


def maybe_gunzip(data: bytes, limit: int) -> bytes:
    """Gunzip `data` if it starts with the gzip magic number, else return it unchanged."""
    if data[:2] == GZIP_MAGIC:
        return gunzip_limited(data, limit)
    if len(data) > limit:
        raise TooLarge(limit)
    return data
