"""The real-news dev set: hand-written gold records for articles cut out of a sample of real news.

The sample is one text file whose lines belong to consecutive articles; the gold file is JSON
Lines, one object per article with its line range (`lines`: first, last, 1-based, inclusive), a
`reference_date` used as the publication date, and the gold `persons`, `officials` (titles as
one string each: role and organisation), `dates`, `statistics` and `documents`.

Fields are compared as the corpus compares them (`pipeline.review.compare`), with two changes
the gold's conventions ask for: a title is one string, role and organisation, compared with
commas, dashes and brackets ignored; and bylines are not persons (the gold keeps them apart).
Nothing here is used at run time: the set lives outside the repo and is scored only when present.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vnextract.pipeline.review.compare import KEYS, CompareKey, Item, norm

SAMPLE = "binhvq-news-sample.txt"
GOLD = "binhvq-news-sample.gold.jsonl"

# Punctuation the gold's one-string titles and our role/organisation pair write differently.
_TITLE_NOISE = re.compile(r"[,\-–—()\[\]]")


def title_string(text: str) -> str:
    """A title compared as the gold writes it: case, commas, dashes and brackets ignored, and the
    space after an abbreviation's dot ("TP. Đà Nẵng" is "TP.Đà Nẵng")."""
    text = _TITLE_NOISE.sub(" ", unicodedata.normalize("NFC", text)).casefold()
    return " ".join(re.sub(r"\.\s+", ".", text).split())


def written_title(title: dict[str, Any]) -> str:
    """A record's title as one string: the phrase as written when it holds the organisation
    ("Phó trưởng phòng PC67 Công an TP.Đà Nẵng", whose role "Phó trưởng phòng" carries the unit of
    "Phòng PC67 ..."), else role and organisation side by side."""
    role, organization, text = title["role"], title.get("organization"), title.get("text") or ""
    if not organization:
        return role
    org_words = title_string(organization).split()
    if org_words[1:] and _holds(title_string(text), org_words[1:]):
        return text
    if title_string(role).split()[-1:] == org_words[:1]:  # "Trưởng phòng" + "Phòng Quản lý giá ..."
        return " ".join([role, *organization.split()[1:]])
    return f"{role} {organization}"


def _holds(text: str, words: list[str]) -> bool:
    return f" {' '.join(words)} " in f" {text} "


def _titles(record: dict[str, Any]) -> Iterator[Item]:
    for person in record.get("officials", []):
        for title in person["titles"]:
            if isinstance(title, str):  # gold: one string
                yield {"name": person["name"], "title": title}
            else:  # record: role and organisation
                yield {"name": person["name"], "title": written_title(title)}


# field -> comparison; the corpus keys where the gold's conventions are the corpus's own
DEVSET_KEYS: dict[str, CompareKey] = {
    "officials": KEYS["officials"],
    "titles": CompareKey(_titles, lambda t: (norm(t["name"]), title_string(t["title"]))),
    "persons": KEYS["persons"],
    "dates": KEYS["dates"],
    "statistics": KEYS["statistics"],
    "documents": KEYS["documents"],
}


@dataclass(frozen=True)
class GoldArticle:
    """One article of the sample: its text (the lines of its range) and its gold record."""

    number: int
    text: str
    gold: dict[str, Any]

    @property
    def published(self) -> str | None:
        return self.gold.get("reference_date")


def load(folder: Path) -> list[GoldArticle]:
    """The articles of the dev set in `folder` (empty when the set is not there)."""
    sample, gold = folder / SAMPLE, folder / GOLD
    if not (sample.is_file() and gold.is_file()):
        return []
    lines = sample.read_text(encoding="utf-8").splitlines()
    articles = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        first, last = record["lines"]
        articles.append(GoldArticle(record["article"], "\n".join(lines[first - 1 : last]), record))
    return articles


def extract(article: GoldArticle) -> dict[str, Any]:
    """The record vnextract makes of the article's text, its reference date as --published."""
    from vnextract.pipeline.nlp import shared_nlp
    from vnextract.pipeline.process import process
    from vnextract.pipeline.settings import Settings
    from vnextract.pipeline.types import RawDocument

    raw = RawDocument(content=article.text.encode("utf-8"), content_type="text/plain")
    return process(raw, shared_nlp(), Settings(), published=article.published).model_dump()
