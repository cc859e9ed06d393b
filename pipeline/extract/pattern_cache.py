"""The extractors' big regexes (and the parsers'), compiled once per machine instead of once per process.

The vocabularies become alternations of thousands of phrases (the issuers of cited documents
alone are 18,000 characters). Python compiles a regex in Python code: the extractors' patterns
take 0.3 s of one core, a fifth of a 20-article run and more than the articles' dates. What the
compiler produces is a list of integers for the C matcher (`_sre`) and the group names; those
are kept in one file in the user's cache folder, keyed by the pattern text and its flags, and a
later process hands them to `_sre.compile` directly: the same matcher the `re` module would build,
without parsing the pattern again.

The parsers' patterns go the same way (`compile_pattern`), and so do those of libraries that
compile theirs as they are imported or first used (soupsieve, htmldate, trafilatura): their
import runs inside `cached_compiles`, which answers `re.compile` from the cache meanwhile.

Safe by construction: an entry is only ever looked up by the exact pattern text and flags, under
the exact Python build (`sys.version` and `_sre.MAGIC`, which changes whenever the matcher's code
does); a file that cannot be read, or that another Python wrote, is ignored and rewritten. When
the cache folder cannot be written, or on an interpreter without these internals, it is plain
`re.compile`.

The folder is `$VNEXTRACT_CACHE_DIR`, else `$XDG_CACHE_HOME/vnextract`, else `~/.cache/vnextract`;
`VNEXTRACT_CACHE_DIR=off` turns the cache off.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import logging
import marshal
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

LOGGER = logging.getLogger(__name__)

try:  # the matcher and the compiler's two steps, as CPython 3.11-3.13 name them
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _BUILD = f"{sys.implementation.name} {sys.version} sre {_sre.MAGIC} {_sre.CODESIZE} {_sre.MAXREPEAT}"
    _AVAILABLE = sys.implementation.name == "cpython" and callable(getattr(_compiler, "_code", None))
except ImportError:  # pragma: no cover - another interpreter
    _AVAILABLE = False
    _BUILD = ""

# The extractors', the parsers' and the libraries' (soupsieve, htmldate, trafilatura) come to about
# 500; old versions of edited tables age out.
_MAX_ENTRIES = 2048
_RE_COMPILE = re.compile  # the module's own, whatever `cached_compiles` puts in its place
Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


def cache_folder() -> Path | None:
    """Where the compiled patterns are kept, or None when the cache is off."""
    chosen = os.environ.get("VNEXTRACT_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "none") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "vnextract"


class _Store:
    """The cache file: read once on first use, written again at exit when patterns were added."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] | None = None
        self.path: Path | None = None
        self.dirty = False  # compiled a pattern the file lacks

    def _load(self) -> dict[str, Entry]:
        folder = cache_folder()
        self.path = folder / f"patterns-{hashlib.sha1(_BUILD.encode()).hexdigest()[:16]}.marshal" if folder else None
        entries: dict[str, Entry] = {}
        if self.path is not None and self.path.is_file():
            try:
                build, stored = marshal.loads(self.path.read_bytes())
                if build == _BUILD and isinstance(stored, dict):
                    entries = stored
            except (OSError, EOFError, ValueError, TypeError):
                LOGGER.debug("pattern cache %s unreadable; it is rewritten", self.path)
        return entries

    def get(self, key: str) -> Entry | None:
        if self.entries is None:
            self.entries = self._load()
        return self.entries.get(key)

    def add(self, key: str, entry: Entry) -> None:
        if self.entries is None:
            self.entries = self._load()
        if len(self.entries) >= _MAX_ENTRIES:
            self.entries.clear()
        self.entries[key] = entry
        if self.path is not None and not self.dirty:
            self.dirty = True
            atexit.register(self.save)  # once per process, however many patterns were new

    def save(self) -> None:
        """Write the file again (at exit, when this process compiled a pattern it lacked)."""
        if self.path is None or not self.dirty:
            return
        self.dirty = False
        temporary = None
        try:  # a whole new file, then renamed: a reader never sees half of one
            data = marshal.dumps((_BUILD, self.entries))
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".patterns-")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, self.path)
        except (OSError, ValueError):
            LOGGER.debug("pattern cache %s not written; patterns are compiled each run", self.path)
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)


_STORE = _Store()


def _compile_entry(pattern: str, flags: int) -> Entry:
    """What `re._compiler.compile` hands to `_sre.compile`, computed as it does."""
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are an int subclass
    groupindex = {str(name): int(index) for name, index in parsed.state.groupdict.items()}
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return int(flags | parsed.state.flags), code, int(parsed.state.groups - 1), groupindex, tuple(indexgroup)


def compile_pattern(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags), from the cache when this Python compiled it before."""
    flags = int(flags)
    if not _AVAILABLE or flags & re.DEBUG:
        return _RE_COMPILE(pattern, flags)
    key = hashlib.sha256(f"{flags}\x00{pattern}".encode()).hexdigest()
    entry = _STORE.get(key)
    if entry is None:
        entry = _compile_entry(pattern, flags)
        _STORE.add(key, entry)
    final_flags, code, groups, groupindex, indexgroup = entry
    return cast("re.Pattern[str]", _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup))


def _compile_any(pattern: Any, flags: int | re.RegexFlag = 0) -> Any:
    """`re.compile` for code that is not ours: text patterns through the cache, the rest as before."""
    if isinstance(pattern, str):
        return compile_pattern(pattern, flags)
    return _RE_COMPILE(pattern, flags)


@contextlib.contextmanager
def cached_compiles() -> Iterator[None]:
    """`re.compile` answered from the cache while the block runs: for libraries that compile
    their regexes as they are imported or first used (soupsieve's CSS tokenizer takes 0.27 s of
    a page's first parse). Every pattern is the one `re.compile` would build; another thread
    compiling meanwhile gets the same. Nested blocks leave it to the outermost."""
    if re.compile is not _RE_COMPILE:
        yield
        return
    re.compile = _compile_any
    try:
        yield
    finally:
        re.compile = _RE_COMPILE
