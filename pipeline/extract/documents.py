"""Documents: legal and party documents cited by the article, as doc.spans["documents"] (DOC).

A reference starts at a kind word from `lexicons/document_kinds.tsv` and is read forward, each
part optional, in the order Vietnamese writes them:

    kind  [name]  [description] [số] [number]  [, ngày <date>]  [của <issuer>]
    Chỉ thị                     số  05-CT/TW  , ngày 15/5/2016  của Bộ Chính trị
    Quyết định  xử phạt vi phạm hành chính số 88/QĐ-XPVPHC
    Luật   Đất đai 2024
    Nghị quyết Đại hội Đảng bộ huyện lần thứ XII

A kind word is a document only with a number, a capitalised name (kinds marked "named"), or a
date and an issuer: "các nghị quyết", "kế hoạch sản xuất", "quyết định xử phạt" are common nouns.
A law's name from `lexicons/document_law_names.tsv` is read in any case after its capitalised
kind ("Luật đất đai", "Bộ luật dân sự năm 2005"), and a code may be written as its abbreviation
("BLHS 1999", `lexicons/document_abbreviations.tsv`). An international agreement is cited
without a number: its kind written capitalised inside a sentence is its name ("lễ ký Bản ghi nhớ
về hợp tác ...", kinds marked standalone "mid"). Where two kinds precede one number ("Thông báo
kết luận số 390/TB-..."), the number's code says whose it is; numbers listed after one kind
("các Nghị định 15/2018/NĐ-CP và 77/2016/NĐ-CP") are documents of that kind.
The date is the date mention (doc.spans["dates"]) that follows. The issuer is written after
"của"/"do", or before an issuing verb ("ban hành", "thông qua tại", "có"; a bare head there is
the last organisation named with it: "Sở" -> "Sở Y tế"); it is completed from the article where
the entities allow ("UBND tỉnh" -> "UBND tỉnh Hà Tĩnh"), else kept as written, and never implied
by the number's suffix. The mention covers kind through the last part found. A document cited twice is listed
once, at its most complete mention: a shorter number is a short form of a fuller one ("Thông tư
64/2017" of "64/2017/TT-BCA", "48/DSST" of "48/2012/DSST"), and a name is known again without
its year, in another case or as its abbreviation.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from vnextract.pipeline.extract.component import SpanExtractor
from vnextract.pipeline.extract.entities import resolve_organization
from vnextract.pipeline.extract.lexicons import (
    LazyPattern,
    load_tsv,
    phrase_alternation,
)
from vnextract.pipeline.extract.pattern_cache import compile_pattern
from vnextract.pipeline.extract.values import (
    DATES,
    DOCUMENTS,
    DocumentValue,
    char_span,
    doc_text,
)

LOGGER = logging.getLogger(__name__)


_KINDS = {row[0].casefold(): row for row in load_tsv("document_kinds.tsv")}
# a kind may be glued to its number ("Nghị định100/2019/NĐ-CP"), never to a letter
_KIND = compile_pattern(r"(?<!\w)(?=\w)(?:" + phrase_alternation([r[0] for r in _KINDS.values()]) + r")(?![^\W\d_])", re.IGNORECASE)
# The letters a kind's numbers carry ("TB" in "390/TB-VPUBND"), to tell which of two kinds a
# number belongs to; and the letter parts of a number.
_CODES = {row[0]: [c for c in row[3].split(",") if c != "-"] for row in _KINDS.values()}
_NUMBER_PARTS = compile_pattern(r"[^\W\d_]+")
# A code or law written as its abbreviation ("BLHS 1999"): kind and name from the table.
_ABBREVIATIONS = {row[0]: (row[1], row[2]) for row in load_tsv("document_abbreviations.tsv")}
_ABBREVIATION = compile_pattern(
    r"(?=[" + "".join(sorted({a[0] for a in _ABBREVIATIONS})) + r"])"  # a cheap first test
    r"(?<![\w/-])(?:" + phrase_alternation(_ABBREVIATIONS) + r")(?![\w/-])"  # not inside "12/QĐ-UBND"
)

_UPPER = "".join(sorted({c for c in map(chr, range(0x41, 0x1EFA)) if c.isalpha() and c.isupper()}))
_CAPITALISED = "[" + re.escape(_UPPER) + r"][^\W_]*"
_LOWERCASE = "[" + re.escape(_UPPER.lower()) + r"a-z][^\W_]*"

# A document number: digits then "-", "–" or "/" parts ("05-CT/TW", "100/2019/NĐ-CP", "01- KL/TW"),
# written as typed: a doubled separator ("05//2005/NĐ-CP", "547CV-/C16") and a dot between
# capital codes ("QĐ.UBND") are kept; a bare number only after "số" or before what ends a
# reference ("Nghị định 142 của Chính phủ").
_STRUCTURED = (
    r"(?!(?:1[89]|20)\d\d\s?[-–/]\s?(?:1[89]|20)?\d\d(?![^\W_]))"  # not "2021-2025"
    r"(?P<number>\d+[^\W_]*(?:\s?[-–/]{1,2}\s?[^\W_]+?|(?<=[^\W\d_])(?-i:\.[A-ZĐ][A-ZĐ0-9]*)(?![^\W_]))+)"
    r"(?=ngày|(?![^\W_]))"  # "NĐ-CPngày" (typo)
)
_NUMBER = compile_pattern(
    r"(?:\s+số)?\s*:?\s*" + _STRUCTURED
    + r"|\s+số\s*:?\s*(?P<bare>\d+)(?![\w.,/-])"
    r"|\s+(?P<plain>(?!(?:1[89]|20)\d\d\b)\d{1,4})(?=\s*(?:[,.](?!\d)|[;:)]|của\b|về\b|ngày\b|do\b|$))",
    re.IGNORECASE,
)
_BETWEEN_NUMBER_AND_DATE = compile_pattern(r"[\s,]*(?:(?:được\s+)?(?:ban\s+hành|ký)\s+)?(?:vào\s+)?", re.IGNORECASE)

# The issuer: an organisation (head from org_heads.tsv or document_issuers.tsv, then a field, a
# level and a capitalised place, in that order, each optional), or a signing role and its body.
_ISSUER_ROWS = load_tsv("document_issuers.tsv")
_ORG_HEAD_ROWS = load_tsv("org_heads.tsv")  # head, kind, takes (fixed, place, level, field, name)
_HEADS = [r[0] for r in _ORG_HEAD_ROWS] + [p for p, kind in _ISSUER_ROWS if kind == "body"]
_ROLES = [p for p, kind in _ISSUER_ROWS if kind == "role"]
_FIELDS = [r[0] for r in load_tsv("org_fields.tsv")]
_LEVELS = [r[0] for r in load_tsv("admin_levels.tsv")]
_PLACE = _CAPITALISED + r"(?:\s+" + _CAPITALISED + r"){0,3}"
# A standing body of an organisation is written before it ("Ban Thường vụ Huyện ủy Tây Hòa",
# "Ban Chấp hành Đảng bộ huyện ...", "Văn phòng UBND tỉnh ...").
_BODIES = [r[0] for r in _ORG_HEAD_ROWS if len(r) > 2 and r[2] == "body"]
_BODIES += [p for p, kind in _ISSUER_ROWS if kind == "office"]
_ORG = (
    r"(?:(?:" + phrase_alternation(_BODIES) + r")\s+(?=(?:" + phrase_alternation(_HEADS) + r")(?!\w)))?"
    r"(?:" + phrase_alternation(_HEADS) + r")(?!\w)"
    r"(?:\s+(?:" + phrase_alternation(_FIELDS) + r")(?!\w))?"
    r"(?:\s+(?:" + phrase_alternation(_LEVELS) + r")(?:(?<=\.)|(?!\w)))?"
    r"(?:(?:\s+|(?<=\.)\s*)" + _PLACE + r")?"  # after a dotted level, the place may be glued: "UBND TP.HCM"
)
_ISSUER_BODY = r"(?:(?:" + phrase_alternation(_ROLES) + r")(?:\s+" + _ORG + r")?|" + _ORG + r")(?!\w)"
_ISSUER_AFTER = LazyPattern(
    r"[\s,]*(?:của|do)\s+(?P<issuer>" + _ISSUER_BODY + r")(?:\s+khóa\s+[IVXLC]+\b)?"
)
_ISSUING = phrase_alternation([w for w, role in load_tsv("document_titles.tsv") if role == "issues"])
_ISSUER_BEFORE = LazyPattern(
    r"(?<!\w)(?P<issuer>" + _ISSUER_BODY + r")(?:\s*\([^()\n]{1,20}\))?"  # its short name: "(THADS)"
    r"\s+(?:đã\s+|vừa\s+|mới\s+|cũng\s+|đã\s+có\s+)?(?:" + _ISSUING + r")\s+$"
)
_SIGNER = compile_pattern(r"(?<!\w)(?:" + phrase_alternation(_ROLES) + r")(?!\w)")
_ENDS_IN_LEVEL = compile_pattern(r"\s(?:" + phrase_alternation(_LEVELS) + r")$")
# A bare head as the issuer ("Sở đã ban hành ...") is the last organisation with that head named
# before it ("Phó Giám đốc Sở Y tế, cho biết Sở đã ban hành ...").
_BARE_HEADS = {r[0] for r in _ORG_HEAD_ROWS if len(r) > 2 and r[2] != "fixed"}
_ANY_ORG = LazyPattern(r"(?<!\w)" + _ORG + r"(?!\w)")

# A name after the kind: capitalised first word, then words up to a stop word, a punctuation
# mark or a year (which ends it: "Luật Đất đai 2024", "Bộ luật Hình sự năm 2015").
_TITLE_WORDS = load_tsv("document_titles.tsv")
_STOPS = phrase_alternation([w for w, role in _TITLE_WORDS if role == "stop"])
_JOINS = phrase_alternation([w for w, role in _TITLE_WORDS if role == "join"])
_AFTER_COMMA = phrase_alternation([w for w, role in _TITLE_WORDS if role == "comma"])
_PHRASES = phrase_alternation([w for w, role in _TITLE_WORDS if role == "phrase"])
_TITLE_STOP = compile_pattern(r"\s+(?:" + _STOPS + r")(?!\w)")
_TITLE_FIRST = compile_pattern(r"\s+" + _CAPITALISED)
_TITLE_YEAR = compile_pattern(r"\s+(?:năm\s+)?(?:1[89]|20)\d\d(?!\d)")
_TITLE_NEXT = LazyPattern(
    r"(?P<year>" + _TITLE_YEAR.pattern + ")"
    # "và" before a word that is no stop word, no document kind and no acronym ("và Gia đình")
    r"|\s+(?:" + _JOINS + r")(?=\s+(?!(?:" + _STOPS + r")(?!\w))(?!(?i:" + _KIND.pattern + "))"
    r"(?:" + _LOWERCASE + "|[" + re.escape(_UPPER) + "]" + _LOWERCASE + "))"
    r"|\s*,\s+(?:" + _AFTER_COMMA + r")(?!\w)"  # "Luật Phòng, chống tham nhũng"
    r"|\s+(?:" + _PHRASES + r")(?!\w)"  # "tự do" is no "do"
    r"|\s+[-–]\s+" + _CAPITALISED  # the parties of an agreement: "Việt Nam - Chile"
    + r"|(?<=Trung\sương)\s+\d{1,2}(?![\d/.,:]\d)(?!\s*%)"  # a plenum: "Nghị quyết Trung ương 4 khóa XII"
    + r"|\s+(?!(?:" + _JOINS + r")(?!\w))[^\W\d_]+(?:-[^\W\d_]+)*(?!\w)"  # any other word
)
_TITLE_MAX_WORDS = 12
_YEAR = compile_pattern(r"(?:1[89]|20)\d\d(?!\d)")
# A law's name from the table, matched in any case after a capitalised kind ("Luật đất đai",
# "Bộ luật dân sự năm 2005"); it ends the name, so a verb after it is no part of it.
_LAW_NAMES = [row[0] for row in load_tsv("document_law_names.tsv")]
_AMENDED = compile_pattern(r"\s*\(?\s*sửa\s+đổi(?:,?\s+bổ\s+sung)?(?:\s*\))?", re.IGNORECASE)
_LAW_NAME = LazyPattern(r"\s+(?P<name>" + phrase_alternation(_LAW_NAMES) + r")(?!\w)", re.IGNORECASE)
# A kind word inside an organisation's name ("Công ty Luật ...", "Trường Đại học Luật ...").
_ORG_BEFORE = compile_pattern(
    r"(?<!\w)(?:" + phrase_alternation([w for w, role in _TITLE_WORDS if role == "org"]) + r")\s+$"
)
# What a kind may carry between itself and its number ("Quyết định xử phạt vi phạm hành chính
# số ...", "Bản án hình sự sơ thẩm số ...", "Thông báo kết luận số ..."): lowercase words, none
# a one-word stop ("của", "ngày", "về": "áp dụng" is a fine description, though it ends a name),
# then "số" and a number with parts (a bare number there is too often a count).
_GAP_STOPS = phrase_alternation([w for w, role in _TITLE_WORDS if role == "stop" and " " not in w])
_DESCRIBED = compile_pattern(
    r"(?P<described>(?:\s+(?!(?:" + _GAP_STOPS + r")(?!\w))" + _LOWERCASE + r"){1,8})\s+số\s*:?\s*" + _STRUCTURED
)
# ... unless a noun there owns the number ("quyết định tạm giữ xe biển số ...", "quyết định thu
# hồi giấy phép số ..."), and the number looks like a document's: a code or a year in it.
_OWNER = compile_pattern(r"(?<!\w)(?:" + phrase_alternation([w for w, role in _TITLE_WORDS if role == "owner"]) + r")(?!\w)")
_DOCUMENT_LIKE = compile_pattern(r"[^\W\d_]|(?<!\d)(?:1[89]|20)\d\d(?!\d)")
# What opens a sentence: a capital there says nothing about a name ("Bản ghi nhớ có thể ...").
_SENTENCE_OPENING = compile_pattern(r"(?:^|[.!?:;\n])\W*$")
_LEADING_COMMA = compile_pattern(r"\s*,?\s*")
_COORDINATED = compile_pattern(r"\s*(?:,|và|hoặc)\s*(?:số\s*)?$")
# A further number listed under one kind, and what looks like a day instead ("15/3/2020").
_MORE_NUMBER = compile_pattern(r"(?:\s*,\s*|\s+(?:và|hoặc)\s+)(?:số\s+)?" + _STRUCTURED)
_DAY_LIKE = compile_pattern(r"\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?")


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    value: DocumentValue
    name: str | None = None  # a titled document's name without kind and year, to know it again
    year: str | None = None


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


def _law_title_end(text: str, kind_end: int) -> tuple[int, str] | None:
    """End of a law's name from the table (and its year), and the name; None when none follows."""
    law = _LAW_NAME.match(text, kind_end)
    if law is None:
        return None
    amended = _AMENDED.match(text, law.end())  # "Luật Đất đai (sửa đổi) năm 2024"
    year = _TITLE_YEAR.match(text, amended.end()) if amended else None
    year = year or _TITLE_YEAR.match(text, law.end())
    return (year.end() if year else law.end()), law.group("name")


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
    for end, value in dates.values():
        if end <= position and _LEADING_COMMA.fullmatch(text, end, position):
            return value
    return None


def _tail(text: str, end: int, dates: dict[int, tuple[int, str]]) -> tuple[str | None, str | None, int]:
    """The date and the issuer written after a reference's number, in either order, and their end."""
    date = issuer = None
    for _ in range(2):
        if date is None and (found := _date(text, end, dates)):
            date, end = found
        elif issuer is None and (found := _issuer(text, end)):
            issuer, end = found
    return date, issuer, end


def _coordinated(text: str, ref: _Found, dates: dict[int, tuple[int, str]]) -> list[_Found]:
    """The numbers listed after a numbered reference under its kind ("các Nghị định 15/2018/NĐ-CP
    và 77/2016/NĐ-CP", "Thông tư số 01/2020/TT-BYT, 02/2020/TT-BYT"): each a document of that
    kind when it is no date and shares a code with the first number, or both carry a year."""
    first = ref.value.number
    if not first:  # only a numbered reference has numbers listed after it
        return []
    letters = set(_NUMBER_PARTS.findall(first.casefold()))
    more, end = [], ref.end
    while (listed := _MORE_NUMBER.match(text, end)) and listed.start("number") not in dates:
        number = re.sub(r"\s+", "", listed.group("number"))
        if _DAY_LIKE.fullmatch(number):
            break
        shared = letters & set(_NUMBER_PARTS.findall(number.casefold()))
        if not (shared or (not letters and _YEAR.search(first) and _YEAR.search(number))):
            break
        date, issuer, end = _tail(text, listed.end(), dates)
        value = DocumentValue(kind=ref.value.kind, number=number, date=date, issuer=issuer)
        more.append(_Found(listed.start("number"), end, value))
    return more


def _name_key(text: str) -> str:
    """A name compared case- and space-insensitively ("Luật đất đai" is "Luật Đất đai")."""
    return " ".join(text.replace(",", " , ").split()).casefold()


def _reference(
    text: str, kind: re.Match[str], dates: dict[int, tuple[int, str]], row: list[str] | None = None
) -> _Found | None:
    """The document reference starting at a kind word, or None when it is a common noun; `row`
    is the kind an abbreviation stands for ("QĐ 1234/QĐ-UBND"), which is read only numbered."""
    abbreviated = row is not None
    row = row or _KINDS[" ".join(kind.group().casefold().split())]
    written_capitalised = kind.group()[0].isupper()
    named, standalone = row[1] in ("yes", "law") and not abbreviated, row[2] == "yes"
    # "lễ ký Bản ghi nhớ về ...": an agreement's kind capitalised inside a sentence is its name
    agreement = (
        written_capitalised
        and row[2] == "mid"
        and not _SENTENCE_OPENING.search(text, max(0, kind.start() - 4), kind.start())
    )
    end = kind.end()
    title = name = None
    title_end: int | None
    if written_capitalised and named:
        law = _law_title_end(text, end) if row[1] == "law" else None
        if law is not None:
            title_end, name = law
        else:
            title_end = _title_end(text, end, standalone)
        if title_end is not None:
            if _ORG_BEFORE.search(text, max(0, kind.start() - 40), kind.start()):
                return None  # "Công ty Luật Hồng Đức", "Đại học Luật": an organisation's name
            title, end = " ".join(text[kind.start() : title_end].split()), title_end
    number = None
    numbered = _NUMBER.match(text, end)
    if numbered is None and title is None and "số" in text[end : end + 80]:
        numbered = _DESCRIBED.match(text, end)  # "Quyết định thi hành án số 12/QĐ-THA"
        if numbered and (
            _OWNER.search(numbered.group("described")) or not _DOCUMENT_LIKE.search(numbered.group("number"))
        ):
            numbered = None
    if numbered and numbered.groupdict().get("plain") and row[4] != "yes":
        numbered = None  # "lập biên bản 45, ...": a count
    if numbered:
        groups = numbered.groupdict()  # each alternative of _NUMBER and _DESCRIBED sets one of these
        raw = next(filter(None, (groups.get(name) for name in ("number", "bare", "plain"))))
        number = re.sub(r"\s+", "", raw)
        end = numbered.end()
    elif abbreviated:
        return None
    date, issuer, end = _tail(text, end, dates)
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
    if title is None:
        return _Found(kind.start(), end, value)
    year = _YEAR.search(title, len(title) - 4)
    if name is None:  # an open name: what the title says after its kind, without the year
        name = title[len(kind.group()) : year.start() if year else len(title)]
        name = re.sub(r"\s+năm\s*$", "", name.strip())
    return _Found(kind.start(), end, value, _name_key(name), year.group() if year else None)


def _abbreviated(text: str, found: re.Match[str], dates: dict[int, tuple[int, str]]) -> _Found | None:
    """A code written as its abbreviation, with the year that may follow ("BLHS 1999"), or a
    kind written as its abbreviation and read as the kind ("NĐ 100/2019/NĐ-CP")."""
    kind, name = _ABBREVIATIONS[found.group()]
    if name == "-":
        return _reference(text, found, dates, _KINDS[kind.casefold()])
    year = _TITLE_YEAR.match(text, found.end())
    end = year.end() if year else found.end()
    title = " ".join(text[found.start() : end].split())
    value = DocumentValue(kind=kind, title=title)
    written_year = _YEAR.search(title) if year else None
    return _Found(found.start(), end, value, _name_key(name), written_year.group() if written_year else None)


def find_documents(text: str, dates: dict[int, tuple[int, str]]) -> list[_Found]:
    """Every document reference of `text`; `dates` maps a date mention's start to (end, ISO day)."""
    found = [ref for kind in _KIND.finditer(text) if (ref := _reference(text, kind, dates))]
    found += [ref for abbreviation in _ABBREVIATION.finditer(text) if (ref := _abbreviated(text, abbreviation, dates))]
    listed = [ref for ref in found if ref.value.number and not ref.value.issuer]
    found += [more for ref in listed for more in _coordinated(text, ref, dates)]
    found = _one_kind_per_number(sorted(found, key=lambda r: r.start))
    # "Nghị định 100/2019/NĐ-CP và Nghị định 123/2021/NĐ-CP của Chính phủ": one issuer for both
    for i in range(len(found) - 2, -1, -1):
        here, after = found[i], found[i + 1]
        if (
            here.value.issuer is None
            and after.value.issuer
            and here.value.kind == after.value.kind  # a law and a decree have different issuers
            and _COORDINATED.match(text[here.end : after.start])
        ):
            found[i] = replace(here, value=replace(here.value, issuer=after.value.issuer))
    return _once_each(found)


def _code_score(kind: str, number: str) -> int:
    """How well a number's letters name the kind: 2 a whole part ("TB"), 1 a part's start ("HSST")."""
    parts = [p.casefold() for p in _NUMBER_PARTS.findall(number)]
    codes = [c.casefold() for c in _CODES.get(kind, [])]
    if any(part == code for part in parts for code in codes):
        return 2
    return int(any(part.startswith(code) for part in parts for code in codes))


def _one_kind_per_number(found: list[_Found]) -> list[_Found]:
    """One reference where two kinds read the same number ("Thông báo kết luận số 390/TB-..."):
    the kind whose code the number carries, else the kind nearest the number."""
    kept: list[_Found] = []
    for ref in found:
        outer = kept[-1] if kept else None
        if outer is None or ref.start >= outer.end or not ref.value.number or ref.value.number != outer.value.number:
            kept.append(ref)
        elif _code_score(outer.value.kind, ref.value.number) <= _code_score(ref.value.kind, ref.value.number):
            kept[-1] = ref
    return kept


_PART_SEPARATORS = compile_pattern(r"[-–/.]+")


def _parts(number: str) -> list[str]:
    return _PART_SEPARATORS.split(number.casefold())


class _Numbered(NamedTuple):
    """A numbered reference as `_short_form` compares it."""

    number: str
    date: str | None


def _short_form(short: _Numbered, full: _Numbered) -> bool:
    """Whether `short` cites the document numbered `full` in fewer parts: "64/2017" or "64" for
    "64/2017/TT-BCA", "48/DSST" for "48/2012/DSST", "15/2014/BCA" for "15/2014/TT-BCA"; the
    parts agree in order, the running number first, and the dates, where both say one, agree."""
    a, b = _parts(short.number), _parts(full.number)
    if len(a) >= len(b) or a[0] != b[0]:
        return False
    rest = iter(b[1:])
    if not all(part in rest for part in a[1:]):  # a subsequence of the full number's parts
        return False
    if short.date and full.date and short.date != full.date:
        return False
    years = [p for p in b if _YEAR.fullmatch(p)]
    return not (short.date and years and not short.date.startswith(years[0]))  # signed that year


def _once_each(found: list[_Found]) -> list[_Found]:
    """One reference per document, at its most complete mention. A number is the document's
    identity, and a shorter number is a short form of a longer one (`_short_form`); an unnumbered
    document is known by its name and year ("BLHS 2015" is "Bộ luật Hình sự năm 2015", and a
    name cited once with a year is that document when cited without), else by its date."""
    numbered: dict[tuple[str, str], list[_Numbered]] = {}  # by kind and running number
    years: dict[tuple[str, str], set[str]] = {}
    for ref in found:
        if ref.value.number:
            cited = _Numbered(ref.value.number, ref.value.date)
            numbered.setdefault((ref.value.kind, _parts(cited.number)[0]), []).append(cited)
        elif ref.name is not None and ref.year:
            years.setdefault((ref.value.kind, ref.name), set()).add(ref.year)

    def identity(ref: _Found) -> tuple[str | None, ...]:
        v = ref.value
        if v.number is None:
            if ref.name is None:
                return v.kind, "", v.date
            known = years.get((v.kind, ref.name), set())
            year = ref.year or (next(iter(known)) if len(known) == 1 else None)
            return v.kind, ref.name, year
        same_running = numbered[v.kind, _parts(v.number)[0]]
        cited = _Numbered(v.number, v.date)
        fuller = [f for f in same_running if _short_form(cited, f)] if len(same_running) > 1 else []
        return v.kind, max(fuller, key=lambda f: len(f.number)).number.casefold() if fuller else v.number.casefold()

    def completeness(ref: _Found) -> tuple[int, int, int]:
        v = ref.value
        return len(v.number or ""), sum(x is not None for x in (v.date, v.issuer, v.title)), ref.year is not None

    best: dict[tuple[str | None, ...], _Found] = {}
    for ref in found:
        key = identity(ref)
        if key not in best or completeness(ref) > completeness(best[key]):
            best[key] = ref
    return sorted(best.values(), key=lambda r: r.start)


def _antecedent(text: str, head: str, position: int) -> str | None:
    """The last organisation named with `head` before `position` ("Sở Y tế" for "Sở"), if any."""
    last = None
    for org in _ANY_ORG.finditer(text, 0, position):
        name = " ".join(org.group().split())
        if name.startswith(head + " "):
            last = name
    return last


def _completed(doc: Doc, issuer: str, position: int) -> str:
    """The issuer as the entities complete it ("UBND tỉnh" -> "UBND tỉnh Hà Tĩnh", "Sở Y tế" ->
    "Sở Y tế tỉnh Kiên Giang", "VFF" -> "Liên đoàn Bóng đá Việt Nam"), else as written: a
    resolution is taken for a name ending in a bare level, or when it continues the written
    name, or spells out a one-word short name; a name with its place is kept as written."""
    resolved = resolve_organization(doc, issuer, position)
    if not resolved or _SIGNER.search(resolved, len(issuer) if resolved.startswith(issuer) else 0):
        return issuer  # no completion adds a signer: "Tổng cục THADS và Chủ tịch UBND ..."
    if _ENDS_IN_LEVEL.search(issuer) or resolved.startswith(issuer) or " " not in issuer:
        return resolved
    return issuer


def _day_dates(doc: Doc) -> dict[int, tuple[int, str]]:
    if DATES not in doc.spans:
        return {}
    return {
        span.start_char: (span.end_char, span._.date.value)
        for span in doc.spans[DATES]
        if span._.date is not None and span._.date.granularity == "day" and span._.date.kind == "date"
    }


class DocumentsComponent(SpanExtractor):
    """Sets doc.spans["documents"] (label DOC) with Span._.document."""

    def match(self, doc: Doc) -> list[_Found]:
        return find_documents(doc_text(doc), _day_dates(doc))

    def set_annotations(self, doc: Doc, found: list[_Found]) -> None:
        _set_documents(doc, found)


@Language.factory("vnx_documents")
def make_documents(nlp: Language, name: str) -> DocumentsComponent:
    return DocumentsComponent(nlp, name)


def _set_documents(doc: Doc, found: list[_Found]) -> None:
    spans = []
    for ref in found:
        span = char_span(doc, ref.start, ref.end, "DOC")
        if span is None:
            continue
        value = ref.value
        if value.issuer in _BARE_HEADS:
            value = replace(value, issuer=_antecedent(doc_text(doc), value.issuer, ref.start) or value.issuer)
        if value.issuer:
            value = replace(value, issuer=_completed(doc, value.issuer, ref.start))
        span._.document = value
        spans.append(span)
    doc.spans[DOCUMENTS] = spans
