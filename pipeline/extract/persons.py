"""Persons and officials: doc.spans["persons"] (PER), each mention with Span._.person.

A name is a run of capitalised syllables outside organisation and place names. It is a person when
something says so: a cue before it (honorific "ông", "đồng chí"; status "bị cáo", "tài xế"; a rank
or degree "Thượng tá", "GS.TS"; a title "Chủ tịch UBND tỉnh"), a title after it ("X - Bí thư
Huyện ủy", "X, Giám đốc Sở Y tế,"), a Vietnamese family name and three syllables or more, or,
for a name with none of these, underthesea's NER on that one sentence. Places, streets, schools
and wards named after people are excluded by their context word ("đường Lê Lợi").

Short references ("ông Phớc", "Đại tá Hùng", "Tổng thống Biden", and with no cue "Costa" after
"Diego Costa") join the full name whose last syllables they repeat; when two full names fit, the
mention is dropped with a warning. A mention spans the name alone (the cue and the titles are not
part of it). Also persons: one foreign word after a sport, culture or state role ("HLV
Mourinho"), a team's line-up, names in capitals after a cue, initials after a form of address
("bà NTMP"). Not persons: known companies, clubs, venues and outlets (known_names.tsv), a run
after a house number, a credit's name. Titles are parsed in `persons_titles` and completed from
the rest of the article in `persons_complete`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from vnextract.pipeline.extract import entities as E
from vnextract.pipeline.extract import places as P
from vnextract.pipeline.extract.component import SpanExtractor
from vnextract.pipeline.extract.lexicons import load_tsv
from vnextract.pipeline.extract.names import (
    PhraseTable,
    Word,
    doc_words,
    is_acronym,
    is_name_syllable,
    is_surname,
    joined,
)
from vnextract.pipeline.extract.pattern_cache import compile_pattern
from vnextract.pipeline.extract.persons_complete import (
    complete_foreign_ministers,
    complete_short_names,
    complete_short_orgs,
    complete_titles,
    complete_units,
    proper_name,
)
from vnextract.pipeline.extract.persons_titles import (
    MAX_TITLE_ORG_WORDS,
    TitleParser,
    known_name_length,
    known_names,
    roles,
)
from vnextract.pipeline.extract.values import (
    LOCATIONS,
    ORGANIZATIONS,
    PERSONS,
    SENTENCES,
    PersonValue,
    TitleValue,
    add_warning,
    char_span,
    doc_text,
)
from vnextract.pipeline.nlp.syllables import is_syllable

LOGGER = logging.getLogger(__name__)

_Entry = TypeVar("_Entry")  # what a phrase table maps its phrases to

_DASHES = {"-", "–", "—"}
_ROUTE_VERBS = {"đi", "đến", "tới", "về", "ra", "vào", "sang"}
_MAX_NAME = 6
# A team's line-up: the label words and the fewest names that make a list one
_LINEUP_WORDS = ("đội hình", "ra sân", "thay người", "dự bị")
# ... and a list of scorers, however short ("Bàn thắng: Quang Hải (phút 41) - Ahmedov (phút 8)")
_GOAL_WORDS = ("bàn thắng", "ghi bàn", "lập công")
# Lowercase particles of European names ("ter Stegen", "van Dijk", "de Bruyne")
_NAME_PARTICLES = {"ter", "van", "von", "de", "da", "di", "del", "der", "dos", "du", "le"}
_LINEUP_MIN = 5
_MAX_APPOSITION = MAX_TITLE_ORG_WORDS  # a title after a name, role and organisation, in words
# A given name cut to its initial consonant(s): "K", "Tr", "Ngh"
_INITIAL = compile_pattern(r"^(?:[A-ZĐ]|Ch|Gh|Gi|Kh|Ng|Ngh|Nh|Ph|Qu|Th|Tr)$")
_DOMAIN_ENDINGS = {"vn", "com", "net", "org", "info", "tv"}
# A unit's short name in brackets: "PC67", "K02", "VFF", "GD&ĐT"
_SHORT_NAME = compile_pattern(r"^[A-ZĐ][A-ZĐ0-9&-]{1,9}$")
# Labels of a credit line: the name after "Ảnh:" took the photo, it is not in the story.
_CREDIT_LABELS = {"ảnh", "nguồn", "đồ họa", "video", "clip", "bài", "tác giả"}
# Words a date opens with: "4/1" after them is a date, not a house number.
_DATE_WORDS = {"ngày", "hôm", "sáng", "trưa", "chiều", "tối", "đêm", "tháng", "từ", "đến", "năm"}


@dataclass
class Mention:
    """A person mention found in the text, before short references are merged."""

    start: int  # word indices of the name
    end: int
    name: str
    titles: list[TitleValue] = field(default_factory=list)
    cue: bool = False
    honorific: bool = False  # "ông", "bà", "bị cáo"...: a lone given name is a person even unmatched


@lru_cache(maxsize=1)
def _cues() -> PhraseTable[str]:
    return PhraseTable(((r[0], r[1]) for r in load_tsv("honorifics.tsv")), "fold")


@cache
def _phrases(lexicon: str, case: str = "fold") -> PhraseTable[bool]:
    """A one-column lexicon of phrases as a look-up table."""
    return PhraseTable(((r[0], True) for r in load_tsv(lexicon)), case)


@cache
def _word_set(lexicon: str) -> frozenset[str]:
    """A one-column lexicon of single words, as written."""
    return frozenset(r[0] for r in load_tsv(lexicon))


def _ends_at(table: PhraseTable[_Entry], words: Sequence[Word], end: int, reach: int = 4) -> int | None:
    """Start index of a table phrase that ends right before words[end], or None.

    Only the first word of the phrase may be capitalised ("Ông", "Bị cáo"): "Cầu Thủ Thiêm" is a
    bridge, not "cầu thủ" (a footballer) Thiêm.
    """
    for back in range(1, reach + 1):
        k = end - back
        if k < 0:
            return None
        for length, _ in table.matches(words, k):
            if k + length == end and not any(is_name_syllable(w.text) for w in words[k + 1 : end]):
                return k
    return None


class PersonFinder:
    """Finds the person mentions of one doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.words = doc_words(doc)
        self.titles = TitleParser(doc)
        self.blocked = self._blocked()
        self.lineup, self.place_list = self._lists()
        self.org_names = self._org_names()
        self._ner_cache: dict[str, list[tuple[str, str, str, str]]] = {}  # underthesea ner: token, POS, chunk, tag

    def _org_names(self) -> frozenset[str]:
        """The proper names of the article's organisations ("Phú Cường" of "Công ty cổ phần Thủy
        sản Phú Cường"): written alone later, such a name is the organisation's short form."""
        spans = self.doc.spans.get(ORGANIZATIONS, [])
        names = {proper_name(span.text) for span in spans}
        return frozenset(n for n in names if n)

    def _lists(self) -> tuple[set[int], set[int]]:
        """Start indices of the items of name lists after a colon: a team's line-up ("Đội hình
        Chelsea: Sánchez, Gusto, Fofana, ..." or "Man City: Ederson, Lewis, ...", five items or
        more) and a list of places ("5 phường: Quang Trung, Hồng Hà, ..."; "các xã là: ...")."""
        words = self.words
        lineup: set[int] = set()
        places: set[int] = set()
        for c, w in enumerate(words):
            if w.text != ":":
                continue
            label = self._label(c)
            if label is None:
                continue
            items = self._list_items(c + 1)
            if (label == "team" and len(items) >= _LINEUP_MIN) or label == "goals":
                lineup.update(items)
            elif label == "places" and len(items) >= 2:
                places.update(items)
        return lineup, places

    def _list_items(self, k: int) -> list[int]:
        """Starts of the items after words[k], parted by commas, semicolons or dashes, each one to
        three capitalised words ("ter Stegen" with its particle), with an optional bracket after
        it: a substitute's name ("Carvajal (Nacho)") is an item too, minutes ("(phút 28)") are not."""
        words = self.words
        items: list[int] = []
        while k < len(words) and words[k].text not in ("\n", ".", ":"):
            name, j = self._list_name(k)
            if j == k:
                return []
            items.append(name)
            if j < len(words) and words[j].text == "(":
                close = next((c for c in range(j + 1, min(len(words), j + 10)) if words[c].text == ")"), None)
                if close is None:
                    return []
                sub, sub_end = self._list_name(j + 1)
                if sub_end == close:
                    items.append(sub)
                j = close + 1
            if j < len(words) and words[j].text not in (",", ";", "\n", ".") and words[j].text not in _DASHES:
                return []
            k = j + 1 if j < len(words) and (words[j].text in (",", ";") or words[j].text in _DASHES) else j
        return items

    def _list_name(self, k: int) -> tuple[int, int]:
        """(start, end) of one to three capitalised words at words[k] (a particle may open them:
        "ter Stegen", "van Dijk": the name starts after it), or (k, k)."""
        words = self.words
        j = k + 1 if k < len(words) and words[k].text in _NAME_PARTICLES else k
        start = j
        while j < len(words) and (is_name_syllable(words[j].text) or words[j].text in ("'", "’")):
            j += 1
        return (start, j) if 1 <= j - start <= 3 else (k, k)

    def _label(self, c: int) -> str | None:
        """What the words before a colon announce: "goals" (a list of scorers), "team" (a line-up
        word, or a capitalised name from the line's start), "places" (an administrative level:
        "5 phường", "các xã là")."""
        words = self.words
        start = c
        while start > 0 and words[start - 1].text != "\n" and c - start < 8:
            start -= 1
        label = words[start:c]
        if not label:
            return None
        if any(P.levels().match(words, k) for k in range(start, c)):
            return "places"
        folded = " ".join(w.folded for w in label)
        if any(cue in folded for cue in _GOAL_WORDS):
            return "goals"
        if any(cue in folded for cue in _LINEUP_WORDS) or all(is_name_syllable(w.text) for w in label):
            return "team"
        return None

    def _blocked(self) -> list[bool]:
        """Words inside an organisation or place name."""
        ranges = [
            (s.start_char, s.end_char)
            for key in (ORGANIZATIONS, LOCATIONS)
            if key in self.doc.spans
            for s in self.doc.spans[key]
        ]
        blocked = [False] * len(self.words)
        if not ranges:
            return blocked
        ranges.sort()
        r, count = 0, len(ranges)
        for i, w in enumerate(self.words):
            start = w.start
            while r < count and ranges[r][1] <= start:
                r += 1
            for s, e in ranges[r : r + 3]:
                if s <= start < e:
                    blocked[i] = True
                    break
        return blocked

    def _name_word(self, i: int) -> bool:
        return i < len(self.words) and not self.blocked[i] and is_name_syllable(self.words[i].text)

    def runs(self) -> list[tuple[int, int, int]]:
        """(start, end, run start) word indices of every capitalised run, trimmed to the name."""
        found = []
        # `_name_word` of every word, once: the scan below asks it of each word at least once
        names = [not blocked and is_name_syllable(w.text) for w, blocked in zip(self.words, self.blocked)]
        count = len(names)
        i = 0
        while i < count:
            if not names[i]:
                caps_end = i
                if self.words[i].text[:1].isupper():  # capitals: initials or a name in upper case
                    caps_end = self._upper_case_name(i) if not self._initials(i) else i + 1
                if caps_end > i:
                    found.append((i, caps_end, i))
                i = max(caps_end, i + 1)
                continue
            j = i
            while j < count and names[j]:
                j += 1
            found += [(a, b, i) for a, b in self._trim(i, j)]
            i = j
        return found

    def _initials(self, i: int) -> bool:
        """"bà NTMP", "ông NĐT": a name kept anonymous by its initials, after a form of address."""
        text = self.words[i].text
        if not (2 <= len(text) <= 5 and text.isalpha() and text.isupper()) or is_syllable(text) or self.blocked[i]:
            return False
        if E.org_heads()[0].match(self.words, i) or P.levels().match(self.words, i) or known_names().match(self.words, i):
            return False  # "UBND", "TP", "CNN": a body, a level or an outlet
        k = i - 1
        return k >= 0 and any(k + n == i and kind == "honorific" for n, kind in _cues().matches(self.words, k))

    def _upper_case_name(self, i: int) -> int:
        """End of a name written in capitals after a role or honorific ("Luật sư VŨ PHI LONG",
        "nhân chứng LÊ QUANG MINH"), or i: two to four syllables, the first a family name."""
        if i >= len(self.words) or not _is_upper_syllable(self.words[i].text):
            return i
        if not is_surname(self.words[i].text.capitalize()):
            return i
        if _ends_at(_cues(), self.words, i, 3) is None and _ends_at(roles(), self.words, i, 4) is None:
            return i
        j = i
        while j < len(self.words) and j - i < 4 and _is_upper_syllable(self.words[j].text) and not self.blocked[j]:
            j += 1
        return j if j - i >= 2 else i

    def _trim(self, i: int, j: int) -> list[tuple[int, int]]:
        """Drop cue words at the front; cut where a role or organisation begins inside the run."""
        while i < j:
            cue = roles().match(self.words, i) or _cues().match(self.words, i)
            # after a cue, a capitalised "Anh", "Em" begins the name ("người mẫu Anh Thư")
            named = i + 1 < j and _ends_at(_cues(), self.words, i, 3) is not None
            if cue and i + cue[0] <= j and not is_surname(self.words[i].text) and not named:
                i += cue[0]
            elif self.words[i].text in _word_set("name_stopwords.tsv") and not is_surname(self.words[i].text) and not (named and cue):
                i += 1
            else:
                break
        i += self._title_prefix(i, j)
        for k in range(i + 1, j):
            role = roles().match(self.words, k)
            head = E.org_heads()[0].match(self.words, k)
            # a head word ending the run is a syllable of the name ("Lê Minh Khoa"), not an organisation
            if head and head[1].takes != "fixed" and k + head[0] >= j:
                head = None
            # a family name that is also a head ("Đoàn", "Hội") opening the run's last 2-4 syllables is a name
            if head and is_surname(self.words[k].text) and 2 <= j - k <= 4 and k - i <= 1:
                head = None
            # "Tổng Thư ký Liên Hợp Quốc Ban Ki-moon": a Korean given name, hyphenated, follows its family name
            if head and k + 2 == j and "-" in self.words[k + 1].text:
                head = None
            if (role and role[0] >= 2) or head:
                return [(i, k)] + self._trim(k, j)
        if j - i >= 3 and self._domain(j - 1):
            j -= 1  # "Trần Văn Bình Baodatviet.vn": the outlet's domain is no syllable of the name
        if j - i >= 2 and self.words[j - 1].folded in _DATE_WORDS and j < len(self.words) and self.words[j].text.isdigit():
            j -= 1  # "Lã Nghĩa Hiếu Ngày 29.1": the date word opens the next sentence
        if i < j and j < len(self.words) and self.words[j].text == "." and _INITIAL.match(self.words[j - 1].text) and j - i >= 2:
            j += 1  # an initial: "Phạm Văn K.", "Đỗ Minh Tr."
        return [(i, j)] if i < j else []

    def _title_prefix(self, i: int, j: int) -> int:
        """Words at the front of a run that end the title before it, not start the name: a place,
        a known company or club, or what comes before a family name ("Bộ trưởng Ngoại giao Nga
        Sergei Lavrov", "Thị trưởng London Sadiq Khan", "CEO Facebook Mark Zuckerberg", "Tổng giám
        đốc Vietcombank Nguyễn Thanh Tùng"). Only right after a role, and only when two name
        syllables or more are left."""
        if j - i < 3:
            return 0
        title_end = self._title_end_near(i)
        if title_end is None:
            return 0
        if title_end > i:  # the title's own organisation ("Bộ trưởng Ngoại giao | Nga")
            return title_end - i if j - title_end >= 2 else 0
        words = self.words
        found = known_name_length(words, i)
        if found and j - (i + found) >= 2:
            return found
        if not is_surname(words[i].text):
            for k in range(i + 1, j - 1):
                if is_surname(words[k].text):
                    return k - i if j - k <= 4 else 0
                if words[k].text in _word_set("foreign_given_names.tsv") and j - k <= 3:
                    return k - i  # "CEO Tennis Australia Craig Tiley": a foreign given name opens the name
        return 0

    def _title_end_near(self, i: int) -> int | None:
        """Where the title before words[i] ends: at i (a role right before the run), inside the
        run (a title whose organisation the run starts with), or None when no title is there."""
        if _ends_at(roles(), self.words, i, 4) is not None:
            return i
        for back in range(1, 6):
            parsed = self.titles.title_at(i - back) if i - back >= 0 else None
            if parsed and parsed[0] >= i and parsed[1].organization:
                return parsed[0]
        return None

    def find(self) -> list[Mention]:
        """Every person mention, with the titles written at it."""
        mentions = []
        unexplained = []
        for start, end, run_start in self.runs():
            mention = self._classify(start, end, run_start)
            if mention is not None:
                mentions.append(mention)
            elif run_start not in self.place_list and not self._names_a_thing(start, end):
                unexplained.append((start, end))
        return sorted(mentions + self._short_forms(mentions, unexplained), key=lambda m: m.start)

    def _foreign_name(self, start: int, end: int) -> bool:
        """"Petra Kvitová", "Naomi Osaka": two or three words opening with a known foreign given
        name, not all of them Vietnamese syllables."""
        run = [w.text for w in self.words[start:end]]
        return 2 <= len(run) <= 3 and run[0] in _word_set("foreign_given_names.tsv") and not all(is_syllable(w) for w in run)

    def _one_word_person(self, start: int) -> bool:
        """"HLV Mourinho", "Tổng thống Trump": one foreign word after a sport, culture or state role."""
        word = self.words[start].text
        if len(word) < 3 or is_syllable(word):  # "Bộ trưởng Giao thông": a Vietnamese syllable
            return False
        if word.casefold() in self.titles.index.spellings:  # a place the article names ("thị trấn Ollolai")
            return False
        after = start + 1
        if after + 1 < len(self.words) and self.words[after].text in _DASHES and self._name_word(after + 1):
            return False  # "Thị trưởng Sapri - Antonio Gentile": the word is the title's place
        return _ends_at(_phrases("single_name_cues.tsv"), self.words, start, 3) is not None

    def _short_forms(self, mentions: list[Mention], runs: list[tuple[int, int]]) -> list[Mention]:
        """Later short forms of a person the article has named in full, written with no cue:
        "Costa" after "Diego Costa", "Quang Hải" after "Nguyễn Quang Hải". A Vietnamese name's
        short form keeps two syllables or more (one given name alone is too often a word)."""
        full = {m.name for m in mentions if len(_syllables(m.name)) >= 2}
        found = []
        for start, end in runs:
            name = joined(self.text, self.words, start, end)
            if any(_is_tail(name, f) and (len(_syllables(name)) >= 2 or not is_surname(f.split()[0])) for f in full):
                found.append(Mention(start, end, name))
        return found

    def _classify(self, start: int, end: int, run_start: int) -> Mention | None:
        words = self.words
        n = sum(1 for w in words[start:end] if w.text != ".")
        if n > _MAX_NAME:
            return None
        if run_start in self.place_list:
            return None
        honorific = (
            _ends_at(_cues(), words, start, 3) is not None
            or start in self.lineup
            or (n == 1 and self._one_word_person(start))
        )
        if start in self.lineup and start > 0 and words[start - 1].text in _NAME_PARTICLES:
            start -= 1  # "van Dijk": the particle is part of the name
        if self._names_a_thing(start, end):
            return None
        if not honorific and joined(self.text, words, start, end) in self.org_names:
            return None  # "Tổng giám đốc Phú Cường": the company, named short
        before = self._titles_before(start) or self._title_over_prefix(run_start, start)
        context = _ends_at(_phrases("nonperson_context.tsv"), words, run_start, 3)
        # a context word inside a place's name is none ("Nhật Bản Đoàn Xuân Hưng": no village "bản")
        if not honorific and not before and context is not None and not self.blocked[context]:
            return None
        if not honorific and not before and (self._route_end(run_start) or self._after_house_number(run_start)):
            return None
        if self._credited(run_start):
            return None
        cue = bool(before) or honorific
        after = self._titles_after(end, before)
        cue = cue or bool(after)
        name = joined(self.text, words, start, end)
        if not cue:
            if n == 1:
                return None
            if not (is_surname(words[start].text) and n >= 3) and not self._foreign_name(start, end) \
                    and not self._ner_says_person(start, end):
                return None
        return Mention(start, end, name, before + after, cue, honorific)

    def _names_a_thing(self, start: int, end: int) -> bool:
        """The run is a known company, club, venue or outlet, starts with a known brand ("Toyota
        Fortuner"), or holds a word of a team, venue or publication ("Hải Phòng FC", "Man City")."""
        words = self.words
        found = known_names().match(words, start)
        if found and (start + found[0] >= end or found[1] == "company"):
            return True
        # "Hà Nội FC": an acronym right after the run may end a team's name
        return any(w.text in _word_set("nonperson_name_words.tsv") for w in words[start : end + 1])

    def _after_house_number(self, k: int) -> bool:
        """"số 52 - 54 Nguyễn Khắc Nhu", "118/77/49 Lê Trọng Tấn": a run after a house number is a
        street. A number with slashes, or one that "số" opens, and no date word before it."""
        m = k - 1
        slashes = 0
        while m >= 0 and (self.words[m].text.isdigit() or self.words[m].text in ("/", "-")):
            slashes += self.words[m].text == "/"
            m -= 1
        if m == k - 1 or not self.words[m + 1].text.isdigit():
            return False
        opener = self.words[m].folded if m >= 0 else ""
        return opener == "số" or (slashes > 0 and opener not in _DATE_WORDS)

    def _credited(self, k: int) -> bool:
        """"Ảnh: Hoàng Yến", "Nguồn: ...": the run is a credit's name."""
        if k < 2 or self.words[k - 1].text != ":":
            return False
        label = self.words[k - 2].folded
        two = f"{self.words[k - 3].folded} {label}" if k >= 3 else ""
        return label in _CREDIT_LABELS or two in _CREDIT_LABELS

    def _route_end(self, k: int) -> bool:
        """"từ TP Hồ Chí Minh đi Nha Trang": the run after "đi/đến/tới/về" that a "từ <place>" opens
        is the other end of the route, a place."""
        if k < 3 or self.words[k - 1].folded not in _ROUTE_VERBS:
            return False
        for m in range(k - 2, max(-1, k - 9), -1):
            w = self.words[m]
            if w.text in ("\n", ".", ";", ","):
                return False
            if w.folded == "từ":
                return m + 1 < k - 1 and self.blocked[m + 1] or (
                    m + 2 < k - 1 and self.words[m + 1].text in ("TP", "tỉnh", "thành phố") and self.blocked[m + 2]
                )
        return False

    def _title_over_prefix(self, run_start: int, start: int) -> list[TitleValue]:
        """"CEO Tennis Australia Craig Tiley": the words the run lost in front of the name (see
        `_title_prefix`) are the organisation of the role right before them."""
        if run_start >= start:
            return []
        for back in range(1, 6):
            k = run_start - back
            parsed = self.titles.title_at(k) if k >= 0 else None
            if parsed and parsed[0] == run_start and parsed[1].organization is None:
                role = parsed[1]
                org = joined(self.text, self.words, run_start, start)
                return [TitleValue(joined(self.text, self.words, k, start), role.role, org)]
        return []

    def _titles_before(self, start: int) -> list[TitleValue]:
        """Titles written right before the name, comma lists included ("Tỉnh ủy viên, Bí thư ...")."""
        titles: list[TitleValue] = []
        end = start
        dashed = self._title_before_dash(start)
        if dashed is not None:
            return [dashed]
        while end > 0:
            found = None
            for back in range(1, 16):
                k = end - back
                if k < 0 or self._boundary(k) or (back > 1 and self.words[k].text == ","):
                    break
                parsed = self.titles.title_at(k, end)
                if parsed and parsed[0] == end:
                    found = (k, parsed[1])
            if found is None:
                break
            titles.insert(0, found[1])
            joiner = self.words[found[0] - 1].text if found[0] > 0 else ""
            # "Tỉnh ủy viên, Bí thư ...", "Phó Thủ tướng kiêm Bộ trưởng Ngoại giao ...": one more title before
            if (joiner == "," and not self._name_word(found[0] - 2)) or joiner == "kiêm":
                end = found[0] - 1
                continue
            break
        if not titles:
            cue = _ends_at(_cues(), self.words, start, 3)
            if cue is not None and cue > 1 and self.words[cue - 1].text == ",":
                titles = self._titles_before_cue(cue - 1)
        return titles

    def _title_before_dash(self, start: int) -> TitleValue | None:
        """"Thị trưởng Sapri - Antonio Gentile", "Chủ tịch UBND xã - Nguyễn Văn A": a title, then a
        dash, then the name; a capitalised word or two between the role and the dash is its place."""
        words = self.words
        dash = start - 1
        if dash < 1 or words[dash].text not in _DASHES:
            return None
        first = dash - 1
        while first > max(0, dash - 12) and not (self._boundary(first - 1) or words[first - 1].text == ","):
            first -= 1
        for k in range(first, dash):  # the longest title first: "Thị trưởng", not "trưởng"
            parsed = self.titles.title_at(k, dash)
            if parsed is None:
                continue
            end, title = parsed
            if end == dash:
                return title
            if title.organization is None and 1 <= dash - end <= 2 and all(self._name_word(m) for m in range(end, dash)):
                place = joined(self.text, words, end, dash)
                return TitleValue(joined(self.text, words, k, dash), title.role, place)
        return None

    def _boundary(self, k: int) -> bool:
        """words[k] ends a clause: ";", ":", brackets, a newline, a full stop (not "GS.TS")."""
        w = self.words[k]
        if w.text == ".":
            return k + 1 >= len(self.words) or self.words[k + 1].start > w.end
        return w.text in ("\n", ";", ":", "(", ")", '"', "“", "”")

    def _titles_before_cue(self, end: int) -> list[TitleValue]:
        """"Giám đốc Sở Y tế, ông Nguyễn Văn A": the title before the honorific."""
        for back in range(1, 16):
            k = end - back
            if k < 0 or self._boundary(k) or self.words[k].text == ",":
                break
            parsed = self.titles.title_at(k, end)
            if parsed and parsed[0] == end and (k == 0 or not self._name_word(k - 1)):
                return [parsed[1]]
        return []

    def _titles_after(self, end: int, before: list[TitleValue]) -> list[TitleValue]:
        """Titles after the name: "X - Bí thư Huyện ủy", "X, Giám đốc Sở Y tế, ...", and a post the
        sentence gives it ("X, ..., được bầu giữ chức Chủ tịch HĐND tỉnh", "X tái đắc cử ...")."""
        words = self.words
        if end < len(words) and words[end].text == "(":  # "Trịnh Văn Lộc (SN 1968), nguyên Chủ tịch"
            close = next((k for k in range(end, min(end + 30, len(words))) if words[k].text == ")"), None)
            if close is not None:
                inside = self._titles_in_brackets(end + 1, close)
                if inside:  # "Đào Duy Phong (60 tuổi, cựu Chủ tịch HĐQT PVP Land)"
                    return inside
                end = close + 1
        titles, stop = self._apposition_titles(end, before)
        if stop < len(words) and words[stop].text == ",":
            stop += 1
        return titles + self._appointed(stop)

    def _apposition_titles(self, end: int, before: list[TitleValue]) -> tuple[list[TitleValue], int]:
        """Titles set off after the name by a comma or a dash, and where they stop."""
        words = self.words
        if end >= len(words) or words[end].text not in _DASHES | {","}:
            return [], end
        titles: list[TitleValue] = []
        position = end
        k = end + 1
        while k < len(words):
            parsed = self.titles.title_at(k, before_name=False)
            parsed = self.titles.apposition(k, parsed, self._clause_end(k))
            if parsed is None:
                org = self.titles.org_at(k, before_name=False, level_places=False) or self._parent_acronym(k)
                if org and self._closes(org[0]):
                    pending = titles or before
                    if pending and pending[-1].organization is None:
                        last = pending[-1]
                        pending[-1] = TitleValue(last.text, last.role, org[1])
                    elif titles and titles[-1].organization and not titles[-1].organization.endswith(org[1]):
                        last = titles[-1]
                        titles[-1] = TitleValue(last.text, last.role, f"{last.organization} {org[1]}")
                    position = org[0]
                break
            stop, title = parsed
            if not self._closes(stop):
                break
            titles.append(title)
            position = stop
            if stop < len(words) and words[stop].text == ",":
                k = stop + 1
                continue
            break
        return titles, position

    def _appointed(self, k: int) -> list[TitleValue]:
        """The post a sentence gives the person(s) named before words[k]: "được bầu giữ chức Chủ
        tịch HĐND tỉnh", "tái đắc cử Chủ tịch UBND tỉnh"; a list of names may share it ("Các ông
        A, B và bà C được bầu làm Phó Chủ tịch UBND tỉnh")."""
        words = self.words
        m = k
        while m < len(words) and m - k < 24 and (words[m].text in (",", "và") or self._name_word(m) or _cues().match(words, m)):
            cue = None if self._name_word(m) else _cues().match(words, m)
            m += cue[0] if cue else 1
        found = _phrases("appointment_verbs.tsv").match(words, m)
        if not found:
            return []
        j = m + found[0]
        parsed = self.titles.title_at(j, before_name=False)
        parsed = self.titles.apposition(j, parsed, self._clause_end(j))
        return [parsed[1]] if parsed is not None and self._closes(parsed[0]) else []

    def _titles_in_brackets(self, start: int, close: int) -> list[TitleValue]:
        """Titles after an age or birth year inside brackets: "(52 tuổi, cựu Chủ tịch HĐQT X)"."""
        comma = next((k for k in range(start, close) if self.words[k].text == ","), None)
        if comma is None or comma + 1 >= close:
            return []
        parsed = self.titles.title_at(comma + 1, end_limit=close, before_name=False)
        parsed = self.titles.apposition(comma + 1, parsed, close)
        return [parsed[1]] if parsed and parsed[0] == close else []

    def _clause_end(self, k: int) -> int:
        """Where an apposition that starts at words[k] must end: punctuation, a bracket, a quote,
        or a word that cannot be part of an organisation's name (title_end_words.tsv)."""
        words = self.words
        m = k + 1
        while m < min(len(words), k + _MAX_APPOSITION + 4):
            w = words[m]
            short = self._short_name_in_brackets(m)
            if short:
                m = short  # "Đội tham mưu (PC67)": the unit's short name is part of it
                continue
            if w.text in (",", ";", ":", "(", ")", "\n", '"', "“", "”", "?", "!") or self._boundary(m):
                return m
            if w.text in _DASHES and not (m + 1 < len(words) and is_name_syllable(words[m + 1].text)):
                return m
            if _phrases("title_end_words.tsv", "exact").match(words, m) or (words[m].text[:1].islower() and _cues().match(words, m)):
                return m
            # "và" joins two field words of one name ("Đầu tư và thương mại"), or two people
            if w.text == "và" and m + 1 < len(words) and (
                not words[m + 1].text[:1].islower() or _cues().match(words, m + 1) or roles().match(words, m + 1)
            ):
                return m
            m += 1
        return min(len(words), k + _MAX_APPOSITION + 4)

    def _parent_acronym(self, k: int) -> tuple[int, str] | None:
        """", CATP," after a title: a lone acronym of three letters or more names the parent body
        (not "TP.HCM", a place, nor "C03", a unit number)."""
        words = self.words
        w = words[k].text
        if not (len(w) >= 3 and w.isalpha() and is_acronym(w)):
            return None
        after = words[k + 1].text if k + 1 < len(words) else ","
        return (k + 1, w) if after in (",", ")", ";") else None

    def _domain(self, k: int) -> bool:
        """words[k] is a site's name before its domain ending ("Baodatviet" of "Baodatviet.vn")."""
        words = self.words
        return (
            k + 2 < len(words) and words[k + 1].text == "." and words[k + 2].folded in _DOMAIN_ENDINGS
            and words[k + 1].start == words[k].end
        )

    def _short_name_in_brackets(self, m: int) -> int:
        """The index after "(PC67)", "(C03)", "(VFF)" opening at words[m], or 0."""
        words = self.words
        if words[m].text != "(":
            return 0
        close = next((c for c in range(m + 1, min(len(words), m + 4)) if words[c].text == ")"), None)
        if close is None or close == m + 1:
            return 0
        inside = self.text[words[m + 1].start : words[close - 1].end]
        return close + 1 if _SHORT_NAME.match(inside) else 0

    def _closes(self, k: int) -> bool:
        """A title may end before words[k]: punctuation, a lowercase word, the end; not a name."""
        if k >= len(self.words):
            return True
        w = self.words[k].text
        return not is_name_syllable(w) or w in _word_set("name_stopwords.tsv")

    def _ner_says_person(self, start: int, end: int) -> bool:
        """underthesea's NER tags a foreign-looking candidate as a person.

        Only names without Vietnamese letters are asked ("Emmanuel Macron"; a Vietnamese name has a
        family name or a cue), and only on a window of the candidate's sentence (at most 8 words
        each side): NER costs about 0.4 ms a word, the budget of the whole pipeline less.
        """
        target = self.text[self.words[start].start : self.words[end - 1].end]
        if any(ch in _VIETNAMESE for ch in target.casefold()):
            return False
        sentence = self._sentence(self.words[start].start)
        if sentence is None:
            return False
        s_start, s_text = sentence
        lo = max(0, start - 8)
        hi = min(len(self.words), end + 8)
        w_start = max(s_start, self.words[lo].start)
        w_end = min(s_start + len(s_text), self.words[hi - 1].end)
        window = self.text[w_start:w_end]
        if window not in self._ner_cache:
            # imported late: the models load on first use
            from vnextract.pipeline.nlp.underthesea_ner import ner

            self._ner_cache[window] = ner()(window)
        first = target.split(" ")[0]
        for token, pos, _chunk, tag in self._ner_cache[window]:
            is_target = token == target or token.startswith(first + " ") or token == first
            if is_target and (tag.endswith("PER") or (pos == "Np" and len(target.split()) >= 2)):
                return True
        return False

    def _sentence(self, position: int) -> tuple[int, str] | None:
        spans = self.doc.spans.get(SENTENCES, [])
        for span in spans:
            if span.start_char <= position < span.end_char:
                return span.start_char, span.text
        line_start = self.text.rfind("\n", 0, position) + 1
        line_end = self.text.find("\n", position)
        line_end = len(self.text) if line_end < 0 else line_end
        return line_start, self.text[line_start:line_end]


def _is_upper_syllable(text: str) -> bool:
    """"VŨ", "PHƯƠNG": a syllable in capitals (not an acronym such as "UBND" or "CATP")."""
    return len(text) >= 2 and text.isupper() and is_syllable(text)


_VIETNAMESE = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


@lru_cache(maxsize=4096)  # names are compared pairwise when mentions are merged
def _syllables(name: str) -> tuple[str, ...]:
    """Casefolded syllables without an initial's dot ("Nguyễn Văn T." ends in "t")."""
    return tuple(s.rstrip(".") for s in name.casefold().split())


def _initial(name: str) -> bool:
    """A bare initial ("T", "L."): a person only as the short form of a longer name."""
    return len(name.rstrip(".")) == 1


def merge(doc: Doc, mentions: list[Mention]) -> list[tuple[Mention, str]]:
    """Each mention with the canonical full name of its person (short references joined)."""
    full: list[str] = []
    for m in mentions:
        if len(_syllables(m.name)) >= 2 and m.name not in full:
            full.append(m.name)
    # a two-syllable "full" name that is the tail of a longer one is a short reference
    longer = [f for f in full if not any(_is_tail(f, g) or _foreign_head(f, g) for g in full if g != f)]
    result = []
    for m in mentions:
        if m.name in longer:
            result.append((m, m.name))
            continue
        candidates = [g for g in longer if _is_tail(m.name, g)]
        if not candidates:
            candidates = [g for g in longer if _foreign_head(m.name, g)]
        if not candidates and len(_syllables(m.name)) == 1 and not _initial(m.name):
            # "Alberto Fuentes Ramírez" ... "ông Fuentes": a foreign name is cut to any of its names
            candidates = [g for g in longer if not is_surname(g.split()[0]) and _syllables(m.name)[0] in _syllables(g)]
        if len(candidates) == 1:
            result.append((m, candidates[0]))
        elif not candidates:
            if (m.honorific and not _initial(m.name)) or len(_syllables(m.name)) >= 2:
                result.append((m, m.name))
        else:
            add_warning(doc, f"persons: {m.name!r} may be {', '.join(candidates)}: not merged")
    return result


def _is_tail(short: str, name: str) -> bool:
    s, n = _syllables(short), _syllables(name)
    return len(s) < len(n) and n[-len(s) :] == s


def _foreign_head(short: str, name: str) -> bool:
    """"Y Khu" of "Y Khu Niê", "Park" of "Park Hang-seo": names whose family name is not first
    (foreign names, and Ê Đê names that open with "Y" or "H'") are shortened from the end."""
    first = name.split()[0]
    highland = first == "Y" or first.startswith(("H'", "H’"))
    return _is_head(short, name) and (highland or not is_surname(first) or "-" in name)


def _is_head(short: str, name: str) -> bool:
    s, n = _syllables(short), _syllables(name)
    return len(s) < len(n) and n[: len(s)] == s


class PersonsComponent(SpanExtractor):
    """Sets doc.spans["persons"] (label PER) with Span._.person: names, titles, organisations."""

    def match(self, doc: Doc) -> tuple[PersonFinder, list[tuple[Mention, str]]]:
        finder = PersonFinder(doc)
        return finder, merge(doc, finder.find())

    def set_annotations(self, doc: Doc, found: tuple[PersonFinder, list[tuple[Mention, str]]]) -> None:
        _set_persons(doc, *found)


@Language.factory("vnx_persons")
def make_persons(nlp: Language, name: str) -> PersonsComponent:
    return PersonsComponent(nlp, name)


def _set_persons(doc: Doc, finder: PersonFinder, merged: list[tuple[Mention, str]]) -> None:
    spans = []
    held = [(mention.titles, name) for mention, name in merged]
    complete_short_orgs(held)
    complete_short_names(doc, held)
    complete_titles(doc, held)
    complete_foreign_ministers(doc, held)
    complete_units(held)
    for mention, name in merged:
        span = char_span(doc, finder.words[mention.start].start, finder.words[mention.end - 1].end, "PER")
        if span is not None:
            span._.person = PersonValue(name=name, titles=tuple(mention.titles))
            spans.append(span)
    doc.spans[PERSONS] = spans
