"""Places: admin_level_compounds.tsv rows are read as the syllable pairs the level table looks up."""

from __future__ import annotations

import pytest

from vnextract.pipeline.extract.places import _syllable_pair, levels


@pytest.mark.parametrize(
    ("word", "pair"),
    [
        pytest.param("nông thôn", ("nông", "thôn"), id="two-syllables"),
        pytest.param("Nông  Thôn", ("nông", "thôn"), id="folded-and-spaced"),
    ],
)
def test_places_compound_is_a_pair(word: str, pair: tuple[str, str]) -> None:
    assert _syllable_pair(word) == pair


@pytest.mark.parametrize(
    "word",
    [
        pytest.param("thôn", id="one-syllable"),
        pytest.param("vùng nông thôn", id="three-syllables"),
    ],
)
def test_places_compound_of_other_length_is_refused(word: str) -> None:
    with pytest.raises(ValueError, match="not two syllables"):
        _syllable_pair(word)


def test_places_compounds_table_loads_as_pairs() -> None:
    compounds = levels().compounds
    assert compounds and all(len(pair) == 2 for pair in compounds)
