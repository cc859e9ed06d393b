"""Documents: legal and party documents cited by the article, as doc.spans["documents"] (DOC).

A reference starts at a kind word from `lexicons/document_kinds.tsv` and is read forward, each
part optional, in the order Vietnamese writes them:

    kind  [name]  [số] [number]  [, ngày <date>]  [của <issuer>]
    Chỉ thị        số  05-CT/TW  , ngày 15/5/2016  của Bộ Chính trị
    Luật   Đất đai 2024
    Nghị quyết Đại hội Đảng bộ huyện lần thứ XII

A kind word is a document only with a number, a capitalised name (kinds marked "named"), or a
date and an issuer: "các nghị quyết", "kế hoạch sản xuất", "quyết định xử phạt" are common nouns.
An international agreement is cited without a number: its kind written capitalised inside a
sentence is its name ("lễ ký Bản ghi nhớ về hợp tác ...", kinds marked standalone "mid").
The date is the date mention (doc.spans["dates"]) that follows. The issuer is written after
"của"/"do", or before "ban hành"; it is completed from the article where the entities allow
("UBND tỉnh" -> "UBND tỉnh Hà Tĩnh"), else kept as written, and never implied by the number's
suffix. The mention covers kind through the last part found. A document cited twice is listed
once, at its most complete mention.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract.entities import resolve_organization
from pipeline.extract.lexicons import phrase_alternation
from pipeline.extract.lexicons import load_tsv
from pipeline.extract.values import DATES, DOCUMENTS, DocumentValue, char_span, doc_text

LOGGER = logging.getLogger(__name__)


_KINDS = {row[0].casefold(): row for row in load_tsv("document_kinds.tsv")}
_KIND = re.compile(r"(?<!\w)(?=\w)(?:" + phrase_alternation([r[0] for r in _KINDS.values()]) + r")(?!\w)", re.I)

_UPPER = "".join(sorted({c for c in map(chr, range(0x41, 0x1EFA)) if c.isalpha() and c.isupper()}))
_CAPITALISED = "[" + re.escape(_UPPER) + r"][^\W_]*"
_LOWERCASE = "[" + re.escape(_UPPER.lower()) + r"a-z][^\W_]*"

# A document number: digits then "-" or "/" parts ("05-CT/TW", "100/2019/NĐ-CP", "01- KL/TW");
# a bare number only after "số" or before what ends a reference ("Nghị định 142 của Chính phủ").
_NUMBER = re.compile(
    r"(?:\s+số)?\s*:?\s*(?!(?:1[89]|20)\d\d\s?[-–/]\s?(?:1[89]|20)?\d\d(?![^\W_]))"  # not "2021-2025"
    r"(?P<number>\d+[^\W_]*(?:\s?[-/]\s?[^\W_]+?)+)(?=ngày|(?![^\W_]))"  # "NĐ-CPngày" (typo)
    r"|\s+số\s*:?\s*(?P<bare>\d+)(?![\w.,/-])"
    r"|\s+(?P<plain>(?!(?:1[89]|20)\d\d\b)\d{1,4})(?=\s*(?:[,.](?!\d)|;|của\b|về\b|ngày\b|do\b|$))",
    re.I,
)
_BETWEEN_NUMBER_AND_DATE = re.compile(r"[\s,]*(?:(?:được\s+)?(?:ban\s+hành|ký)\s+)?(?:vào\s+)?", re.I)

# The issuer: an organisation (head from org_heads.tsv or document_issuers.tsv, then a field, a
# level and a capitalised place, in that order, each optional), or a signing role and its body.
_ISSUER_ROWS = load_tsv("document_issuers.tsv")
_ORG_HEAD_ROWS = load_tsv("org_heads.tsv")  # head, kind, takes (fixed, place, level, field, name)
_HEADS = [r[0] for r in _ORG_HEAD_ROWS] + [p for p, kind in _ISSUER_ROWS if kind == "body"]
_ROLES = [p for p, kind in _ISSUER_ROWS if kind == "role"]
_FIELDS = [r[0] for r in load_tsv("org_fields.tsv")]
_LEVELS = [r[0] for r in load_tsv("admin_levels.tsv")]
_PLACE = _CAPITALISED + r"(?:\s+" + _CAPITALISED + r"){0,3}"
_ORG = (
    r"(?:" + phrase_alternation(_HEADS) + r")(?!\w)"
    r"(?:\s+(?:" + phrase_alternation(_FIELDS) + r")(?!\w))?"
    r"(?:\s+(?:" + phrase_alternation(_LEVELS) + r")(?!\w))?"
    r"(?:\s+" + _PLACE + r")?"
)
_ISSUER_BODY = r"(?:(?:" + phrase_alternation(_ROLES) + r")(?:\s+" + _ORG + r")?|" + _ORG + r")(?!\w)"
# A short form the article completes: a head that takes a place, or ending in a bare level
# ("Huyện ủy", "UBND tỉnh", "Thanh tra tỉnh"); only these are sent to the entities to resolve.
_SHORT_ISSUER = re.compile(
    r"(?:^|\s)(?:" + phrase_alternation(_LEVELS) + r")$|^(?:"
    + phrase_alternation([r[0] for r in _ORG_HEAD_ROWS if len(r) > 2 and r[2] != "fixed"]) + r")$"
)
_ISSUER_AFTER = re.compile(
    r"[\s,]*(?:của|do)\s+(?P<issuer>" + _ISSUER_BODY + r")(?:\s+khóa\s+[IVXLC]+\b)?"
)
_ISSUER_BEFORE = re.compile(
    r"(?<!\w)(?P<issuer>" + _ISSUER_BODY + r")\s+(?:đã\s+|vừa\s+|mới\s+)?(?:ban\s+hành|ký)\s+$"
)

# A name after the kind: capitalised first word, then words up to a stop word, a punctuation
# mark or a year (which ends it: "Luật Đất đai 2024", "Bộ luật Hình sự năm 2015").
_TITLE_WORDS = load_tsv("document_titles.tsv")
_STOPS = phrase_alternation([w for w, role in _TITLE_WORDS if role == "stop"])
_JOINS = phrase_alternation([w for w, role in _TITLE_WORDS if role == "join"])
_AFTER_COMMA = phrase_alternation([w for w, role in _TITLE_WORDS if role == "comma"])
_PHRASES = phrase_alternation([w for w, role in _TITLE_WORDS if role == "phrase"])
_TITLE_STOP = re.compile(r"\s+(?:" + _STOPS + r")(?!\w)")
_TITLE_FIRST = re.compile(r"\s+" + _CAPITALISED)
_TITLE_YEAR = re.compile(r"\s+(?:năm\s+)?(?:1[89]|20)\d\d(?!\d)")
_TITLE_NEXT = re.compile(
    r"(?P<year>" + _TITLE_YEAR.pattern + ")"
    # "và" before a word that is no stop word, no document kind and no acronym ("và Gia đình")
    r"|\s+(?:" + _JOINS + r")(?=\s+(?!(?:" + _STOPS + r")(?!\w))(?!(?i:" + _KIND.pattern + "))"
    r"(?:" + _LOWERCASE + "|[" + re.escape(_UPPER) + "]" + _LOWERCASE + "))"
    r"|\s*,\s+(?:" + _AFTER_COMMA + r")(?!\w)"  # "Luật Phòng, chống tham nhũng"
    r"|\s+(?:" + _PHRASES + r")(?!\w)"  # "tự do" is no "do"
    r"|\s+[-–]\s+" + _CAPITALISED  # the parties of an agreement: "Việt Nam - Chile"
    + r"|\s+(?!(?:" + _JOINS + r")(?!\w))[^\W\d_]+(?:-[^\W\d_]+)*(?!\w)"  # any other word
)
_TITLE_MAX_WORDS = 12
# What opens a sentence: a capital there says nothing about a name ("Bản ghi nhớ có thể ...").
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?:;\n])\W*$")
_LEADING_COMMA = re.compile(r"\s*,?\s*")
_COORDINATED = re.compile(r"\s*(?:,|và|hoặc)\s*$")


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    value: DocumentValue


def _title_end(text: str, kind_end: int, standalone: bool) -> int | None:
    """End of the document's name starting with its kind, or None when no name follows."""
    first = _TITLE_FIRST.match(text, kind_end)
    if first is None:
        year = _TITLE_YEAR.match(text, kind_end)  # "Hiến pháp năm 2013"
        return (year.end() if year else kind_end) if standalone else None
    end, words = first.end(), 1
    while words < _TITLE_MAX_WORDS and not _TITLE_STOP.match(text, end):
        more = _TITLE_NEXT.match(text, end)
        if more is None:
            break
        end, words = more.end(), words + 1
        if more.group("year"):
            break
    return end


def _issuer(text: str, position: int) -> tuple[str, int] | None:
    found = _ISSUER_AFTER.match(text, position)
    if found is None:
        return None
    return " ".join(found.group("issuer").split()), found.end()


def _date(text: str, position: int, dates: dict[int, tuple[int, str]]) -> tuple[str, int] | None:
    gap = _BETWEEN_NUMBER_AND_DATE.match(text, position)
    start = gap.end() if gap else position
    if start in dates:
        end, value = dates[start]
        return value, end
    return None


def _date_before(text: str, position: int, dates: dict[int, tuple[int, str]]) -> str | None:
    """The day of a date mention that ends right before `position` ("Ngày 5/7, ...")."""
    for start, (end, value) in dates.items():
        if end <= position and _LEADING_COMMA.fullmatch(text, end, position):
            return value
    return None


def _reference(text: str, kind: re.Match, dates: dict[int, tuple[int, str]]) -> _Found | None:
    """The document reference starting at a kind word, or None when it is a common noun."""
    row = _KINDS[" ".join(kind.group().casefold().split())]
    written_capitalised = kind.group()[0].isupper()
    named, standalone = row[1] == "yes", row[2] == "yes"
    # "lễ ký Bản ghi nhớ về ...": an agreement's kind capitalised inside a sentence is its name
    agreement = (
        written_capitalised
        and row[2] == "mid"
        and not _SENTENCE_OPENING.search(text, max(0, kind.start() - 4), kind.start())
    )
    end = kind.end()
    title = None
    if written_capitalised and named:
        title_end = _title_end(text, end, standalone)
        if title_end is not None:
            title, end = " ".join(text[kind.start() : title_end].split()), title_end
    number = None
    numbered = _NUMBER.match(text, end)
    if numbered:
        raw = numbered.group("number") or numbered.group("bare") or numbered.group("plain")
        number = re.sub(r"\s+", "", raw)
        end = numbered.end()
    date = issuer = None
    for _ in range(2):  # date and issuer, in either order
        if date is None and (found := _date(text, end, dates)):
            date, end = found
        elif issuer is None and (found := _issuer(text, end)):
            issuer, end = found
    if number is None and title is None and date is None and not agreement:
        return None  # a common noun ("kế hoạch sản xuất"), whatever precedes it
    if issuer is None and (before := _ISSUER_BEFORE.search(text, max(0, kind.start() - 80), kind.start())):
        # "Ngày 5/7, Sở Y tế đã ban hành Công văn số ...": the issuer, and the day it acted
        issuer = " ".join(before.group("issuer").split())
        if date is None:
            date = _date_before(text, before.start(), dates)
    if number is None and title is None and not (date and issuer) and not agreement:
        return None
    value = DocumentValue(kind=row[0], number=number, date=date, issuer=issuer, title=title)
    return _Found(kind.start(), end, value)


def find_documents(text: str, dates: dict[int, tuple[int, str]]) -> list[_Found]:
    """Every document reference of `text`; `dates` maps a date mention's start to (end, ISO day)."""
    found = [ref for kind in _KIND.finditer(text) if (ref := _reference(text, kind, dates))]
    # "Nghị định 100/2019/NĐ-CP và Nghị định 123/2021/NĐ-CP của Chính phủ": one issuer for both
    for i in range(len(found) - 2, -1, -1):
        here, after = found[i], found[i + 1]
        if here.value.issuer is None and after.value.issuer and _COORDINATED.match(text[here.end : after.start]):
            found[i] = replace(here, value=replace(here.value, issuer=after.value.issuer))
    return _once_each(found)


def _once_each(found: list[_Found]) -> list[_Found]:
    """One reference per document, at its most complete mention. A number is the document's
    identity, and "Thông tư 64/2017" is a short form of "Thông tư 64/2017/TT-BCA"; an
    unnumbered document is known by its name (or date)."""
    numbers: dict[str, set[str]] = {}
    for ref in found:
        if ref.value.number:
            numbers.setdefault(ref.value.kind, set()).add(ref.value.number)

    def identity(v: DocumentValue) -> tuple:
        if v.number is None:
            return v.kind, (v.title or "").casefold(), v.date
        longer = [n for n in numbers[v.kind] if n.startswith(v.number) and n[len(v.number) : len(v.number) + 1] in ("/", "-")]
        return v.kind, max(longer, key=len) if longer else v.number

    def completeness(v: DocumentValue) -> tuple[int, int]:
        return len(v.number or ""), sum(x is not None for x in (v.date, v.issuer, v.title))

    best: dict[tuple, _Found] = {}
    for ref in found:
        key = identity(ref.value)
        if key not in best or completeness(ref.value) > completeness(best[key].value):
            best[key] = ref
    return sorted(best.values(), key=lambda r: r.start)


def _day_dates(doc: Doc) -> dict[int, tuple[int, str]]:
    if DATES not in doc.spans:
        return {}
    return {
        span.start_char: (span.end_char, span._.date.value)
        for span in doc.spans[DATES]
        if span._.date is not None and span._.date.granularity == "day" and span._.date.kind == "date"
    }


@Language.component("vnx_documents")
def documents_component(doc: Doc) -> Doc:
    """Set doc.spans["documents"] (label DOC) with Span._.document."""
    spans = []
    for ref in find_documents(doc_text(doc), _day_dates(doc)):
        span = char_span(doc, ref.start, ref.end, "DOC")
        if span is None:
            continue
        value = ref.value
        if value.issuer and _SHORT_ISSUER.search(value.issuer):  # "UBND tỉnh" -> "UBND tỉnh Hà Tĩnh"
            value = replace(value, issuer=resolve_organization(doc, value.issuer, ref.start) or value.issuer)
        span._.document = value
        spans.append(span)
    doc.spans[DOCUMENTS] = spans
    return doc
