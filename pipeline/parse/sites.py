"""Site adapters and outlets as data: `sites.toml` (selectors per outlet and era), `outlets.tsv`.

Adding an outlet or a layout era is adding a table to `sites.toml`. Every selector list is tried
in order and the first element that yields a value wins; a field left empty falls through to
JSON-LD, then meta tags, then the generic path (see `pipeline/parse/html.py`). Of several eras
of one domain, the one whose headline selector matches the page is used (`choose_adapter`).
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

SITES_FILE = Path(__file__).with_name("sites.toml")
OUTLETS_FILE = Path(__file__).with_name("outlets.tsv")
OUTLET_WORDS_FILE = Path(__file__).with_name("outlet_words.tsv")
# The provinces and centrally-run cities: "Báo <province>" is how readers name a provincial paper.
PROVINCES_FILE = Path(__file__).parents[1] / "extract" / "lexicons" / "admin_provinces.tsv"

_LIST_KEYS = (
    "title", "sapo", "body", "author", "published", "modified", "captions", "tags", "drop",
    "datelines", "sapo_drop",
)


@dataclass(frozen=True)
class SiteAdapter:
    """Where one outlet keeps each field of an article page in one layout era."""

    domain: str  # registrable domain; subdomains (m., www., amp.) match too
    outlet: str  # the outlet's name as readers know it
    era: str = ""
    title: tuple[str, ...] = ()
    sapo: tuple[str, ...] = ()
    body: tuple[str, ...] = ()  # the container of the article text; the first match is used
    paragraph: str | None = None  # paragraphs inside the body; None reads every text block
    author: tuple[str, ...] = ()  # byline elements; all matches of the first hit are joined
    published: tuple[str, ...] = ()  # meta[content], time[datetime] or text with a date
    modified: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()  # added to furniture.CAPTION_SELECTORS inside the body
    tags: tuple[str, ...] = ()  # tag links
    drop: tuple[str, ...] = ()  # furniture inside the body beyond the generic furniture
    datelines: tuple[str, ...] = ()  # place stamps opening the sapo ("Hà Nội"), read "Hà Nội - "
    sapo_drop: tuple[str, ...] = ()  # elements inside the sapo that are not part of it
    unique_title: bool = False  # the headline selector alone identifies the layout

    @property
    def name(self) -> str:
        """"vnexpress.net 2012": the adapter as reports name it."""
        return f"{self.domain} {self.era}".strip()


def _adapter(row: dict[str, Any]) -> SiteAdapter:
    values = {key: tuple(row.get(key, ())) for key in _LIST_KEYS}
    return SiteAdapter(
        domain=row["domain"], outlet=row["outlet"], era=str(row.get("era", "")),
        paragraph=row.get("paragraph"), unique_title=bool(row.get("unique_title", False)), **values,
    )


def load_sites(path: Path = SITES_FILE) -> tuple[SiteAdapter, ...]:
    """Every adapter of the table, in the order written."""
    with path.open("rb") as handle:
        rows = tomllib.load(handle).get("site", [])
    return tuple(_adapter(row) for row in rows)


SITES: tuple[SiteAdapter, ...] = load_sites()

# Containers that hold the article text on many CMSs; tried for unknown sites before scoring.
GENERIC_BODY_SELECTORS: tuple[str, ...] = (
    "[itemprop=articleBody]",
    "div.article-body",
    "div.article__body",
    "div.article-content",
    "div.entry-content",
    "div.post-content",
    "div.detail-content",
    "div.content-detail",
    "div.news-content",
    "div.the-article-body",
)

_BY_DOMAIN: dict[str, tuple[SiteAdapter, ...]] = {}
for _site in SITES:
    _BY_DOMAIN[_site.domain] = (*_BY_DOMAIN.get(_site.domain, ()), _site)


def host_of(url: str | None) -> str | None:
    """The lower-cased host of a URL without "www.", or None when there is none."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.lower().removeprefix("www.")


def _domain_suffixes(url: str | None) -> list[str]:
    host = host_of(url)
    if host is None:
        return []
    labels = host.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


def adapters_for(url: str | None) -> tuple[SiteAdapter, ...]:
    """Every era's adapter of the outlet serving `url` (its domain or any subdomain)."""
    for domain in _domain_suffixes(url):
        if domain in _BY_DOMAIN:
            return _BY_DOMAIN[domain]
    return ()


def adapter_for(url: str | None) -> SiteAdapter | None:
    """The first (newest) adapter of the outlet serving `url`, or None."""
    found = adapters_for(url)
    return found[0] if found else None


def adapters_of_domain(domain: str) -> tuple[SiteAdapter, ...]:
    """The adapters written for one domain (and its subdomains' own rows)."""
    return tuple(s for s in SITES if s.domain == domain or s.domain.endswith("." + domain))


def choose_adapter(
    candidates: tuple[SiteAdapter, ...], has_match: Callable[[str], bool]
) -> SiteAdapter | None:
    """The era whose headline selector matches the page (`has_match(selector)`), or None."""
    for adapter in candidates:
        if any(has_match(selector) for selector in adapter.title):
            return adapter
    return None


def fold(text: str) -> str:
    """A name reduced for comparison: no diacritics, no case, letters and digits only."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text.casefold() if ch.isalnum())


@dataclass(frozen=True)
class Outlet:
    """An outlet: its domain, its name, and the other names its pages give it."""

    domain: str
    name: str
    aliases: tuple[str, ...]


@functools.cache
def outlets() -> tuple[Outlet, ...]:
    """The rows of outlets.tsv."""
    rows = []
    for line in OUTLETS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        aliases = tuple(a.strip() for a in (cells[2] if len(cells) > 2 else "").split("|") if a.strip())
        rows.append(Outlet(cells[0], paper_name(cells[0], cells[1], aliases), aliases))
    return tuple(rows)


def paper_name(domain: str, name: str, aliases: tuple[str, ...]) -> str:
    """A paper is named with its "Báo" ("Báo Tiền Phong", as the contract's "Báo Lâm Đồng"): the
    table's name gets it when the paper's own pages call it so (an alias "Báo <name>"). An outlet
    with an adapter keeps the name its adapter gives (the brand the team's records use)."""
    if any(site.domain == domain for site in SITES) or looks_like_outlet(name):
        return name
    opener = "Báo"
    if any(fold(alias) == fold(f"{opener} {name}") for alias in aliases):
        return f"{opener} {name}"
    return name


@functools.cache
def _by_folded_name() -> dict[str, Outlet]:
    table: dict[str, Outlet] = {}
    for outlet in outlets():
        for name in (outlet.name, *outlet.aliases, outlet.domain):
            table.setdefault(fold(name), outlet)
    return table


def outlet_by_domain(url: str | None) -> Outlet | None:
    """The outlet serving `url`, from its domain or a parent domain."""
    by_domain = {o.domain: o for o in outlets()}
    for domain in _domain_suffixes(url):
        if domain in by_domain:
            return by_domain[domain]
    return None


def outlet_by_name(text: str | None) -> Outlet | None:
    """The outlet a page's self-description names ("Báo VnExpress", "TUOI TRE ONLINE"), or None."""
    if not text:
        return None
    folded = fold(text)
    return _by_folded_name().get(folded) or _by_folded_name().get(folded.removeprefix("bao"))


@functools.cache
def _outlet_words() -> dict[str, tuple[str, ...]]:
    words: dict[str, list[str]] = {}
    for line in OUTLET_WORDS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, _, text = line.partition("\t")
            words.setdefault(kind.strip(), []).append(text.strip())
    return {kind: tuple(values) for kind, values in words.items()}


def looks_like_outlet(text: str) -> bool:
    """True for a name that opens the way outlets' names do ("Báo X", "Tạp chí X", "Cổng thông tin X")."""
    lowered = text.casefold()
    return any(lowered.startswith(opener.casefold() + " ") for opener in _outlet_words().get("opener", ()))


_MIN_INSTITUTION_WORDS = 3
# A quote mark closing a name that opened none: the end of a quotation the name was cut from
# ('Ghi rõ nguồn "Trang thông tin điện tử X"'); "Đài “Tiếng nói nước Nga”" keeps its own.
_CLOSING_QUOTES = {'"': '"', "”": "“", "’": "‘", "»": "«"}


def _unpaired(before: str, opening: str, closing: str) -> bool:
    """True when a closing quote mark after `before` closes no quotation opened in it."""
    if opening == closing:  # a straight quote: paired when `before` holds an odd number of them
        return before.count(opening) % 2 == 0
    return before.count(opening) <= before.count(closing)


def names_institution(text: str) -> bool:
    """True for an institution's name: it opens with an institution's word and holds a lowercase
    word, as a person's name never does ("Cục Cảnh sát giao thông", "Ngân hàng TMCP Á Châu";
    not "Trường Giang")."""
    words = text.split()
    lowered = text.casefold()
    return len(words) >= _MIN_INSTITUTION_WORDS and any(word[:1].islower() for word in words[1:]) and any(
        lowered.startswith(opener.casefold() + " ") for opener in _outlet_words().get("institution", ()))


# Where a footer's owner statement ends: "Báo X - Cơ quan của ...", "Bản quyền thuộc về Báo X."
_STATEMENT_END = re.compile(r"\s[-–|©]\s|[|©,;:()]|\.(?:\s|$)")
_MAX_NAME_WORDS = 12  # "Cổng thông tin điện tử Viện kiểm sát nhân dân tối cao"
# A phrase ending in a demonstrative refers to a site and is no name ("thông tin từ Cổng thông tin
# điện tử này", "... đăng trên Báo nói trên").
_REFERRING_WORDS = frozenset(("này", "đó", "kia", "trên", "ấy"))


# A name holding a separator of its own: "Đài Phát thanh - Truyền hình Hà Nam", "Báo Bà Rịa - Vũng
# Tàu". Its dash is held (a word joiner on each side) while a text is cut at its separators, then
# given back as written. Place names with a dash come from the administrative lexicons.
_HOLD, _HELD_SPACE = "\u2060", "\u2061"  # word joiner around the dash; its spaces held
DISTRICTS_FILE = PROVINCES_FILE.with_name("admin_districts.tsv")


@functools.cache
def _compound_dash() -> re.Pattern[str]:
    pairs = {("phát thanh", "truyền hình")}
    for path in (PROVINCES_FILE, DISTRICTS_FILE):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                continue
            for cell in line.split("\t")[:2]:
                if " - " in cell:
                    first, _, second = cell.partition(" - ")
                    pairs.add((first.strip().lower(), second.strip().lower()))
    def spaced(words: str) -> str:
        return r"\s+".join(re.escape(word) for word in words.split())

    alternatives = "|".join(
        rf"({spaced(first)})(\s*[-–]\s*)({spaced(second)})" for first, second in sorted(pairs)
    )
    return re.compile(rf"(?i)(?:{alternatives})")


def _spaced_hyphen(match: re.Match[str]) -> str:
    first, _, second = (group for group in match.groups() if group is not None)
    return f"{first} - {second}"


def hold_compound_dashes(text: str) -> str:
    def held(match: re.Match[str]) -> str:
        first, dash, second = (group for group in match.groups() if group is not None)
        return f"{first}{_HOLD}{dash.replace(' ', _HELD_SPACE)}{_HOLD}{second}"

    return _compound_dash().sub(held, text)


def release_compound_dashes(text: str) -> str:
    return text.replace(_HOLD, "").replace(_HELD_SPACE, " ")


def statement_names(text: str) -> list[str]:
    """Outlets' names a site's owner statement gives ("Báo Kinh tế & Đô thị - Cơ quan của UBND TP
    Hà Nội", "Bản quyền thuộc về Báo Hà Nội Mới"): each phrase opening as an outlet's name does,
    up to the statement's next separator."""
    found = []
    text = hold_compound_dashes(text)
    openers = sorted(_outlet_words().get("opener", ()), key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(o) for o in openers) + r")\s", re.IGNORECASE)
    for match in pattern.finditer(text):
        if not match.group(0)[0].isupper():
            continue  # "báo" in running text is a verb or a common noun, not a masthead
        rest = text[match.start():]
        end = _STATEMENT_END.search(rest, len(match.group(0)))
        words = (rest[: end.start()] if end else rest).split()
        if 2 <= len(words) <= _MAX_NAME_WORDS and words[-1].casefold() not in _REFERRING_WORDS:
            found.append(release_compound_dashes(" ".join(words)))
    return found


def outlet_name(text: str) -> str:
    """An outlet's name without the tails pages add ("Báo Đà Nẵng điện tử" -> "Báo Đà Nẵng"); a
    name that does not open as outlets do keeps its tail ("Pháp Đình Online")."""
    name = text.strip()
    changed = looks_like_outlet(name)
    while changed:
        changed = False
        for tail in _outlet_words().get("tail", ()):
            if name.casefold().endswith(" " + tail.casefold()) and len(name) > len(tail) + 3:
                name = name[: -len(tail)].rstrip(" -")
                changed = True
    return name


@functools.cache
def _provinces() -> frozenset[str]:
    names: set[str] = set()
    for line in PROVINCES_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cells = line.split("\t")
            names.update(fold(cells[i]) for i in (0, 2) if len(cells) > i and cells[i].strip())
    names.update({"hue", "thuathienhue", "tphcm", "hochiminh", "saigon"})  # names papers use for them
    names.update(fold(region) for region in _outlet_words().get("region", ()))
    return frozenset(names)


_DOMAIN_SHAPED = re.compile(
    r"^(?:[\w-]+\.)+(?:vn|com|net|org|info|tv|news|edu|gov|asia|biz|co|io|me|uk|us)$", re.IGNORECASE
)


def is_domain_shaped(name: str) -> bool:
    """True for a name written as a domain ("VOV.VN", "Zing.vn", "Bongda.com.vn")."""
    return bool(_DOMAIN_SHAPED.match(name.strip()))


def is_shouted(name: str) -> bool:
    """True for a name in capitals without its diacritics ("TUOI TRE ONLINE"): a reader never
    writes the name so when the page gives another form."""
    letters = [ch for ch in name if ch.isalpha()]
    return len(letters) > 5 and name.isascii() and all(ch.isupper() for ch in letters)


def reader_name(text: str, host: str | None = None) -> str:
    """The name readers use for a site from the name the page gives it: "Báo điện tử Dân trí"
    -> "Dân trí", "Tuổi Trẻ Online" -> "Tuổi Trẻ"; "Báo Nghệ An" (a place
    after "Báo"), "Báo Mới" on baomoi.com and "Pháp Đình Online" (in their domains) and
    "Tạp chí X" stay."""
    name = " ".join(text.split()).strip(" -|")
    if name[-1:] in _CLOSING_QUOTES and _unpaired(name[:-1], _CLOSING_QUOTES[name[-1]], name[-1]):
        name = name[:-1].rstrip()
    # the dash inside a compound name is written one way ("Phát thanh – Truyền hình" -> " - ")
    name = release_compound_dashes(_compound_dash().sub(_spaced_hyphen, name))
    words = _outlet_words()
    host_folded = fold(host or "")
    changed = True
    while changed:
        changed = False
        for tail in words.get("tail", ()):
            if name.casefold().endswith(" " + tail.casefold()) and len(name) > len(tail) + 3 \
                    and fold(tail) not in host_folded:
                name = name[: -len(tail)].rstrip(" -")
                changed = True
    label = fold((host or "").removeprefix("www.").split(".")[0])
    for opener in sorted(words.get("paper", ()), key=len, reverse=True):
        if name.casefold().startswith(opener.casefold() + " "):
            rest = name[len(opener):].strip()
            # a one-letter rest is no name a reader says alone ("Báo Z"); a paper whose domain
            # spells "bao" with its name is called so ("Báo Mới" on baomoi.com)
            spelled = label.startswith(fold(opener)[:3]) and len(fold(rest)) >= 2 and fold(rest) in label
            if len(fold(rest)) >= 2 and fold(rest) not in _provinces() and not spelled:
                name = rest
            break
    return name


def domain_name_read(name: str) -> str:
    """A site named only by its domain, as readers say it: an acronym without its domain ("VOV.VN"
    -> "VOV"); any other domain stays as written ("Bongda.com.vn")."""
    if not is_domain_shaped(name):
        return name
    name = re.sub(r"^www\.", "", name, flags=re.IGNORECASE)
    label = name.split(".")[0]
    return label if 2 <= len(label) <= 4 and label.isupper() else name
