"""The article index: the places and bodies an article names, and the look-ups that complete short forms.

The entity pass fills one `ArticleIndex` per article (places with their level and position, the
organisations it writes in full, acronyms it defines); `resolve_place` and `complete_name` answer
"which huyện is 'UBND huyện' about?" and "which 'Sở Y tế' is this?" from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vnextract.pipeline.extract import places as P


@dataclass
class Place:
    """A place named in the article."""

    name: str
    kind: str
    rank: str | None
    start: int  # char offsets of the mention
    end: int
    provincial: bool = False  # a province or centrally-run city
    level: str | None = None  # the level word written before it ("TP", "thành phố")


@dataclass
class ArticleIndex:
    """What the entity pass learned about an article, reused by resolve_organization."""

    places: list[Place] = field(default_factory=list)
    orgs: list[tuple[int, str]] = field(default_factory=list)  # (char start, full name) in order
    spellings: dict[str, P.KnownPlace] = field(default_factory=dict)  # casefolded name -> place
    aliases: dict[str, str] = field(default_factory=dict)  # "VFF" -> "Liên đoàn Bóng đá Việt Nam"
    alias_kinds: dict[str, str] = field(default_factory=dict)


_KIND_OF_RANK = {"tỉnh": "province", "thành phố": "city", "xã": "commune", "phường": "commune"}


def resolve_place(index: ArticleIndex, rank: str | None, position: int, provincial: bool = False) -> str | None:
    """The place of `rank` the article is about: the one it names most often, ties going to the
    nearest before `position`, then the first after it. `provincial`: any province or
    centrally-run city (what a Sở belongs to)."""
    if provincial:
        candidates = [p for p in index.places if p.provincial]
    elif rank is None:
        return None
    else:
        candidates = [p for p in index.places if p.rank == rank]
    if not candidates:
        return None
    counts: dict[str, int] = {}
    for p in candidates:
        counts[p.name] = counts.get(p.name, 0) + 1
    def score(p: Place) -> tuple[int, bool, int]:
        return (counts[p.name], p.start <= position, p.start if p.start <= position else -p.start)
    return max(candidates, key=score).name


def complete_name(index: ArticleIndex, name: str, position: int) -> str:
    """A short organisation name completed to the longer one the article writes.

    "Sở Y tế" in an article that also writes "Sở Y tế tỉnh Đắk Lắk" is that Sở: the one written
    most often, ties going to the nearest before `position`, then the first after it.
    """
    longer = [(start, full) for start, full in index.orgs if full.startswith(name + " ")]
    if not longer:
        return name
    counts: dict[str, int] = {}
    for _, full in longer:
        counts[full] = counts.get(full, 0) + 1
    def score(item: tuple[int, str]) -> tuple[int, bool, int]:
        start, full = item
        return (counts[full], start <= position, start if start <= position else -start)
    return max(longer, key=score)[1]
