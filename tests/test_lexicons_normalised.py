"""Every lexicon entry is written the way the text is normalised before matching (NFC, tone mark on
the first vowel of open oa/oe/uy, single spaces): an entry in another form could never match."""

from __future__ import annotations

from pathlib import Path

import pytest

from vnextract.pipeline.nlp.normalize import normalize_text

ROOT = Path(__file__).resolve().parent.parent
TABLES = sorted((ROOT / "pipeline").rglob("*.tsv"))


def cells(path: Path) -> list[tuple[int, str]]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            found += [(number, cell.strip()) for cell in line.split("\t")]
    return found


def test_lexicons_are_found() -> None:
    assert len(TABLES) >= 40


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.name)
def test_lexicon_entries_are_in_normal_form(path: Path) -> None:
    wrong = [(n, cell, normalize_text(cell)) for n, cell in cells(path)
             if normalize_text(cell) != cell or "  " in cell]
    assert not wrong, f"{path.name}: entries not in the text's normal form (line, entry, normal form): {wrong}"


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.name)
def test_lexicon_first_line_names_source_and_licence(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#"), f"{path.name}: the first line must say where the data comes from"
