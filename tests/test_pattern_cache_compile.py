"""pattern_cache: a regex handed back from the cache is the regex re.compile builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vnextract.pipeline.extract import pattern_cache
from vnextract.pipeline.extract.pattern_cache import compile_pattern

PATTERNS = [
    pytest.param(r"(?<!\w)(?:Bộ|Sở|Ủy\s+ban)(?!\w)", re.IGNORECASE, ["Sở Y tế", "ủy  ban", "Bộtrưởng"], id="alternation"),
    pytest.param(r"(?P<day>\d{1,2})/(?P<month>\d{1,2})(?:/(?P<year>\d{4}))?", 0, ["ngày 4/1/2024", "15/5"], id="named groups"),
    pytest.param(r"(?i:tháng)\s+(\d+)|năm\s+(\d{4})$", 0, ["Tháng 3", "năm 2024", "THÁNG 12"], id="inline flags"),
    pytest.param(r"^\s*[-–]\s*\w+", re.MULTILINE, ["a\n - b", "– c"], id="multiline"),
]


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache in a folder of its own, and a store that has read nothing yet."""
    monkeypatch.setenv("VNEXTRACT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(pattern_cache, "_STORE", pattern_cache._Store())
    return tmp_path


def _same(got: re.Pattern[str], pattern: str, flags: int, texts: list[str]) -> None:
    want = re.compile(pattern, flags)
    assert (got.pattern, got.flags, got.groups, dict(got.groupindex)) == \
        (want.pattern, want.flags, want.groups, dict(want.groupindex))
    for text in texts:
        assert [m.span() + m.groups() for m in got.finditer(text)] == \
            [m.span() + m.groups() for m in want.finditer(text)]


@pytest.mark.parametrize("pattern, flags, texts", PATTERNS)
def test_pattern_cache_compile_cold_and_warm(fresh_cache: Path, monkeypatch: pytest.MonkeyPatch,
                                             pattern: str, flags: int, texts: list[str]) -> None:
    _same(compile_pattern(pattern, flags), pattern, flags, texts)  # compiled, then written at exit
    pattern_cache._STORE.save()
    assert list(fresh_cache.glob("patterns-*.marshal"))
    monkeypatch.setattr(pattern_cache, "_STORE", pattern_cache._Store())  # a new process
    monkeypatch.setattr(pattern_cache, "_compile_entry", lambda *_: pytest.fail("not read from the cache"))
    _same(compile_pattern(pattern, flags), pattern, flags, texts)


@pytest.mark.parametrize("content", [
    pytest.param(b"", id="empty"),
    pytest.param(b"\x00garbage", id="garbage"),
    pytest.param(__import__("marshal").dumps(("another python", {})), id="another build"),
])
def test_pattern_cache_compile_bad_file_ignored(fresh_cache: Path, monkeypatch: pytest.MonkeyPatch,
                                                content: bytes) -> None:
    store = pattern_cache._STORE
    store.get("key")  # reads the (missing) file and learns its path
    assert store.path is not None
    store.path.write_bytes(content)
    monkeypatch.setattr(pattern_cache, "_STORE", pattern_cache._Store())
    _same(compile_pattern(r"a(b)c", 0), r"a(b)c", 0, ["xabc"])
    pattern_cache._STORE.save()
    assert pattern_cache._Store().get(next(iter(pattern_cache._STORE.entries or {}))) is not None


@pytest.mark.parametrize("setting", [pytest.param("off", id="off"), pytest.param("", id="empty")])
def test_pattern_cache_compile_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str) -> None:
    monkeypatch.setenv("VNEXTRACT_CACHE_DIR", setting)
    monkeypatch.setattr(pattern_cache, "_STORE", pattern_cache._Store())
    _same(compile_pattern(r"x+", 0), r"x+", 0, ["axxb"])
    pattern_cache._STORE.save()
    assert pattern_cache.cache_folder() is None
    assert not list(tmp_path.iterdir())


def test_pattern_cache_compile_unwritable_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("VNEXTRACT_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr(pattern_cache, "_STORE", pattern_cache._Store())
    _same(compile_pattern(r"y+", 0), r"y+", 0, ["ayyb"])
    pattern_cache._STORE.save()  # no error: the patterns are compiled each run instead
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


@pytest.mark.parametrize("pattern, flags, texts", PATTERNS)
def test_pattern_cache_cached_compiles_answer_re_compile(fresh_cache: Path, pattern: str, flags: int,
                                                         texts: list[str]) -> None:
    """Inside the block, `re.compile` (as a library calls it) is answered through the cache with
    the regex it would build; bytes go to the real one; nested blocks and an error leave the real
    `re.compile` in place afterwards."""
    real = re.compile
    with pytest.raises(KeyError), pattern_cache.cached_compiles():
        with pattern_cache.cached_compiles():
            got = re.compile(pattern, flags)
        assert re.compile is not real  # the inner block left it to the outer one
        raw = re.compile(rb"\d+")
        raise KeyError("an import that fails")
    assert re.compile is real
    _same(got, pattern, flags, texts)
    assert raw.findall(b"a12b3") == [b"12", b"3"]
    assert pattern_cache._STORE.dirty  # the pattern went into the cache, to be written at exit
