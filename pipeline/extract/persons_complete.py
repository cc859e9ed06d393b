"""Titles completed from the rest of the article, once every mention of every person is known.

Each function takes (titles, name) pairs, one per mention, and changes the titles in place: a
bare role takes the organisation the person's other titles or the article give it; a short
organisation takes the longer one the same person holds; a unit's short name keeps the parent the
article writes it with once.
"""

from __future__ import annotations

from spacy.tokens import Doc

from vnextract.pipeline.extract import places as P
from vnextract.pipeline.extract.names import is_surname
from vnextract.pipeline.extract.pattern_cache import compile_pattern
from vnextract.pipeline.extract.persons_titles import role_of
from vnextract.pipeline.extract.values import LOCATIONS, ORGANIZATIONS, TitleValue

# (the titles of one mention, the canonical name of its person), for every mention
Held = list[tuple[list[TitleValue], str]]


def _by_name(held: Held) -> dict[str, list[TitleValue]]:
    """Every title of each person, over all their mentions."""
    by_name: dict[str, list[TitleValue]] = {}
    for titles, name in held:
        by_name.setdefault(name, []).extend(titles)
    return by_name


def _distinct(names: list[str]) -> str | None:
    """The one name of a list (case ignored), or None when there are none or several."""
    folded = {n.casefold(): n for n in names}
    return next(iter(folded.values())) if len(folded) == 1 else None


def _starts_with(name: str, heads: tuple[str, ...]) -> bool:
    folded = name.casefold()
    return any(folded == h.casefold() or folded.startswith(h.casefold() + " ") for h in heads)


def complete_titles(doc: Doc, held: Held) -> None:
    """Titles written without an organisation take the one the article gives them.

    A role repeated bare ("Thủ tướng Scholz" after "Thủ tướng Đức Olaf Scholz") is the same title
    as the one the person holds with an organisation. A role whose organisation is of one kind
    (roles.tsv/ranks.tsv "of:" heads: "Thẩm phán" -> a court, "Luật sư" -> a bar association,
    "HLV" -> a team) takes the one such organisation of the person's other titles ("Thẩm phán X,
    Chánh án TAND TP Y"), or else the one the article names; never a guess between several.
    """
    by_name = _by_name(held)
    article: list[str] | None = None
    for titles, name in held:
        for k, title in enumerate(titles):
            if title.organization is not None:
                continue
            own = [t.organization for t in by_name[name] if t.organization]
            role = title.role.casefold()
            org = _distinct([t.organization for t in by_name[name] if t.organization and t.role.casefold() == role])
            row = role_of(title.role) if org is None else None
            if row is not None and row.of:
                org = _distinct([o for o in own if _starts_with(o, row.of)])
                if org is None and row.of == (_COUNTRY,):
                    # a bare "Thủ tướng" before a Vietnamese name is Vietnam's: only a foreign
                    # name takes the one foreign country the article names
                    org = _distinct(_foreign_countries(doc)) if not is_surname(name.split()[0]) else None
                elif org is None:
                    if article is None:
                        spans = doc.spans.get(ORGANIZATIONS, [])
                        article = [s._.entity.name for s in spans if s._.entity is not None]
                    org = _distinct([o for o in article if _starts_with(o, row.of)])
            if org is not None:
                titles[k] = TitleValue(title.text, title.role, org)


# roles.tsv "of:country": a head of state or a foreign minister written bare ("Tổng thống Trump")
# holds the post of the one foreign country the article names
_COUNTRY = "country"


def _foreign_countries(doc: Doc) -> list[str]:
    spans = doc.spans.get(LOCATIONS, [])
    return [
        s._.entity.name for s in spans
        if s._.entity is not None and s._.entity.kind == _COUNTRY and s._.entity.name != "Việt Nam"
    ]


_UNIT_WITH_PARENT = compile_pattern(r"(?:^|\()([A-ZĐ][A-ZĐ0-9&-]{1,9})\)? ([A-ZĐ][^()]*)$")
_UNIT_ALONE = compile_pattern(r"(?:^|\()([A-ZĐ][A-ZĐ0-9&-]{1,9})\)?$")


def complete_short_orgs(held: Held) -> None:
    """One person's role written once with "thị trấn Ollolai" and once with "Ollolai" is one
    title: the shorter organisation is the longer one's tail, so it takes the longer."""
    by_name = _by_name(held)
    for titles, name in held:
        for k, title in enumerate(titles):
            if not title.organization:
                continue
            short = title.organization.casefold()
            longer = {
                t.organization for t in by_name[name]
                if t.organization and t.role.casefold() == title.role.casefold()
                and t.organization.casefold().endswith(" " + short)
            }
            if len(longer) == 1:
                titles[k] = TitleValue(title.text, title.role, longer.pop())


def complete_units(held: Held) -> None:
    """A unit's short name written once with its parent keeps that parent everywhere in the
    article: after "Đội tham mưu (PC67), CATP", "Trưởng PC67" is of "PC67 CATP"."""
    parents: dict[str, set[str]] = {}
    for titles, _name in held:
        for title in titles:
            found = _UNIT_WITH_PARENT.search(title.organization or "")
            if found:
                parents.setdefault(found[1], set()).add(found[2])
    for titles, _name in held:
        for k, title in enumerate(titles):
            found = _UNIT_ALONE.search(title.organization or "")
            if found and len(parents.get(found[1], ())) == 1:
                (parent,) = parents[found[1]]
                titles[k] = TitleValue(title.text, title.role, f"{title.organization} {parent}")


def complete_short_names(doc: Doc, held: Held) -> None:
    """A title's organisation written by its proper name alone ("Tổng giám đốc Phú Cường") is
    the one organisation of the article that ends with that name ("Công ty cổ phần Thủy sản Phú
    Cường"); written by its head alone ("Giám đốc Sở"), the one that starts with it."""
    spans = doc.spans.get(ORGANIZATIONS, [])
    article = {span._.entity.name if span._.entity is not None else span.text for span in spans}
    full: dict[str, set[str]] = {}
    for name in article:
        proper = proper_name(name)
        if proper:
            full.setdefault(proper, set()).add(name)
    for titles, _name in held:
        for k, title in enumerate(titles):
            org = title.organization or ""
            names: set[str] | None
            if org and " " not in org:  # a head alone ("Giám đốc Sở X"): the one such body named
                names = {n for n in article if n.startswith(org + " ")}
            else:
                names = full.get(org)
            if names and len(names) == 1 and not P.table_place(org):
                titles[k] = TitleValue(title.text, title.role, next(iter(names)))


def complete_foreign_ministers(doc: Doc, held: Held) -> None:
    """A foreign minister written without a country ("Grant Shapps, hiện là Bộ trưởng Quốc
    phòng") is titled like one written with it: the portfolio joins the role and the country of
    the person's other titles, or else the one foreign country the article names, is the body."""
    by_name = _by_name(held)
    for titles, name in held:
        if is_surname(name.split()[0]):
            continue
        for k, title in enumerate(titles):
            row = role_of(title.role)
            org = title.organization or ""
            if row is None or not row.field_unit or not org.startswith(row.field_unit + " "):
                continue
            if org.casefold() in title.text.casefold():  # "Bộ trưởng Bộ X": the ministry is written out
                continue
            country = _distinct([t.organization for t in by_name[name] if t.organization and P.table_place(t.organization, "country")])
            country = country or _distinct(_foreign_countries(doc))
            if country:
                portfolio = org[len(row.field_unit) + 1 :]
                titles[k] = TitleValue(title.text, f"{title.role} {portfolio}", country)


def proper_name(name: str) -> str | None:
    """The capitalised words closing an organisation's name, two or more, when something comes
    before them ("Phú Cường" of "Công ty cổ phần Thủy sản Phú Cường"), else None."""
    words = name.split()
    k = len(words)
    while k > 0 and words[k - 1][:1].isupper():
        k -= 1
    return " ".join(words[k:]) if len(words) - k >= 2 and k > 0 else None

