"""Start-up stays lean: `vnextract extract` imports only what one article needs, and the lazy
pieces (sentence splitter loaded alone, patterns compiled on first use) behave like the eager ones."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from vnextract.pipeline.extract.lexicons import LazyPattern, phrase_alternation
from vnextract.pipeline.extract.sentences import sent_tokenize


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Xin chào. Tôi là A.", id="two-sentences"),
        pytest.param("Ông Nguyễn Văn B, TP. HCM nói 1.500 người đã đến.", id="abbreviation-and-number"),
        pytest.param("Vì sao?! Không ai biết... Rồi sao nữa", id="marks-and-ellipsis"),
        pytest.param("   ", id="blank"),
        pytest.param("PGS.TS Trần Văn C dự họp. Sau đó về Hà Nội.", id="degree"),
    ],
)
def test_sentences_splitter_loaded_alone_matches_underthesea(text: str) -> None:
    from underthesea import sent_tokenize as public

    assert sent_tokenize()(text) == public(text)


@pytest.mark.parametrize(
    ("phrases", "matches", "misses"),
    [
        pytest.param(["Thông tư", "Thông tư liên tịch"], ["Thông tư liên tịch", "Thông tư"], ["Thông"],
                     id="longest-first"),
        pytest.param(["tháng  trước", "tháng này"], ["tháng   trước", "tháng này"], ["tháng sau"],
                     id="spaces-any-run"),
        pytest.param(["a.b", "a+b"], ["a.b", "a+b"], ["axb"], id="escaped"),
    ],
)
def test_lexicons_phrase_alternation_matches_whole_phrases(
    phrases: list[str], matches: list[str], misses: list[str]
) -> None:
    pattern = re.compile(f"(?:{phrase_alternation(phrases)})$")
    assert all(pattern.match(text) for text in matches)
    assert not any(pattern.match(text) for text in misses)


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        pytest.param(r"\d+", "số 12", "12", id="search"),
        pytest.param(r"(?i)luật", "LUẬT Đất đai", "LUẬT", id="flags-inline"),
    ],
)
def test_lexicons_lazy_pattern_compiles_on_first_use(pattern: str, text: str, found: str) -> None:
    lazy = LazyPattern(pattern)
    assert lazy.pattern == pattern
    assert lazy._compiled is None  # reading .pattern compiles nothing
    match = lazy.search(text)
    assert match is not None and match.group() == found
    assert lazy.compiled() is lazy.compiled()


PROBE = """
import io, json, sys
from contextlib import redirect_stdout
from vnextract.pipeline.cli import main
with redirect_stdout(io.StringIO()):
    code = main(["extract", "-", "--published", "2024-01-04"])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


@pytest.mark.parametrize(
    "module",
    [
        pytest.param("underthesea", id="underthesea-package"),
        pytest.param("vnextract.pipeline.sources.http", id="fetcher"),
        pytest.param("sqlalchemy", id="database"),
        pytest.param("warcio", id="warc"),
        pytest.param("vnextract.pipeline.run", id="batch-run"),
    ],
)
def test_cli_extract_imports_only_what_one_article_needs(module: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        input="Ngày 4/1, ông Nguyễn Văn A nói.".encode(),
        capture_output=True,
        timeout=120,
        check=True,
    )
    probe = json.loads(result.stdout.decode().strip().splitlines()[-1])
    assert probe["code"] == 0
    assert module not in probe["modules"]
