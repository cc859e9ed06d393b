"""Sets of article ids kept compact: 16-byte digests in a sorted array (a run's only growing state)."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable

import numpy as np

LOGGER = logging.getLogger(__name__)




def _digest(key: str) -> bytes:
    """16 bytes standing for a key: the first half of a sha256 hex id, else a hash of the key."""
    if len(key) == 64:
        try:
            return bytes.fromhex(key[:32])
        except ValueError:
            pass
    return hashlib.sha256(key.encode("utf-8")).digest()[:16]


class IdSet:
    """A compact set of sha256 hex ids: 16 bytes each in a sorted array plus a small recent set."""

    # New ids wait in a Python set (~100 bytes each) until they are merged into the array (16
    # bytes each). Merging when the set reaches an eighth of the array keeps both the set and
    # the merge cost in proportion to the ids held (a fixed 50,000 kept ~5 MB waiting).
    MERGE_MIN = 4_096
    MERGE_FRACTION = 8

    def __init__(self, ids: Iterable[str] = ()) -> None:
        digests = sorted({_digest(i) for i in ids})
        self._sorted = np.array(digests, dtype="S16") if digests else np.empty(0, dtype="S16")
        self._recent: set[bytes] = set()

    def __len__(self) -> int:
        return len(self._sorted) + len(self._recent)

    def __contains__(self, hex_id: object) -> bool:
        if not isinstance(hex_id, str):
            return False
        return self._has(_digest(hex_id))

    def _has(self, digest: bytes) -> bool:
        if digest in self._recent:
            return True
        # Compared inside numpy: an element read back as bytes loses trailing NUL bytes.
        low = np.searchsorted(self._sorted, digest, side="left")
        return bool(np.searchsorted(self._sorted, digest, side="right") > low)

    def add(self, hex_id: str) -> bool:
        """Add an id; False when it was already there."""
        digest = _digest(hex_id)
        if self._has(digest):
            return False
        self._recent.add(digest)
        if len(self._recent) >= max(self.MERGE_MIN, len(self._sorted) // self.MERGE_FRACTION):
            merged = np.concatenate([self._sorted, np.array(list(self._recent), dtype="S16")])
            merged.sort()
            self._sorted, self._recent = merged, set()
        return True
