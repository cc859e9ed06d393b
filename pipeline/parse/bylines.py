"""Bylines and credits that close a plain-text article: out of the body, the names as its author.

A flattened page ends with the reporter's name ("Hà Anh", "MINH ANH - THU TRANG", "K.N (th)"), a
source credit ("Theo Hà Anh baomoi.vn", "(Theo Reuters)"), a byline glued to the last sentence in
upper case ("... như cũ. THU TRANG"), related-article links (">> ...", sometimes with the byline
glued to their end) and photo credits ("Ảnh: AFP", whole lines or glued between a caption and
the next paragraph). Left in the body they become persons and facts. A line is read as a credit by its shape alone: short, made of names (capitalised Vietnamese
syllables or initials), label words and outlets (`bylines.tsv`), foreign words and brackets. Any
other lowercase word or a number makes it article text, so a real last sentence is never taken.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from vnextract.pipeline.extract.pattern_cache import compile_pattern
from vnextract.pipeline.nlp.syllables import is_syllable
from vnextract.pipeline.parse import furniture

LOGGER = logging.getLogger(__name__)

TABLE = Path(__file__).with_name("bylines.tsv")

MAX_TAIL_LINES = 3  # credit lines read back from the end of an article
MAX_NAME_WORDS = 4  # words of one name ("Nguyễn Thị Thu Hà")
MAX_NAME_LINE_WORDS = 6  # words of a line that holds names and nothing else
_MORE_NAME_WORDS = 2  # ... and for each name after the first
MAX_CREDIT_WORDS = 16  # words of a credit line with labels, outlets and brackets
MAX_BRACKET_WORDS = 6  # words inside one bracket of a credit line ("(Theo Tân Hoa Xã)")
MAX_OUTLET_BRACKET_WORDS = 10  # ... when it names an outlet ("(Đài Phát thanh và Truyền hình Khánh Hòa)")

# Initials, alone or before a syllable: "K.N", "P.V.", "A.Thư"
_INITIALS = compile_pattern(r"((?:[A-ZĐ]\.)+)(.*)")
# Words, brackets and the separators between names; a dash or slash is a separator even when
# glued ("Hà Anh/AFP").
_TOKEN = compile_pattern(r"\([^()]*\)|[,;:&/|\-–—]|[^\s(),;:&/|\-–—]+")
_SEPARATORS = frozenset(",;:&/|-–—")
_DASHES = frozenset("-–—")
# An editor's initials in square brackets closing a signature ("[qd]", "[đ.d.]").
_EDITOR_INITIALS = compile_pattern(r"\s*\[[^\[\]\d]{1,8}\]$")
# A signature written whole in brackets, with the editor's initials ("(Đỗ Dzũng) [qd]").
_SIGNATURE_WITH_INITIALS = compile_pattern(r"\(([^()]{2,60})\)\s*\[[^\[\]\d]{1,8}\]")
_BRACKETED = compile_pattern(r"\(([^()]{2,40})\)")
_NAME_JOINERS = frozenset("-–—,&")  # between two writers' names
_CREDIT_BREAKS = frozenset(",;|/")  # between the credits or sources of one line
# An outlet's domain: "baomoi.vn", "tin.com.vn"
_DOMAIN = compile_pattern(r"[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|info|tv|co|news|uk|us)", re.IGNORECASE)
# A date or number written with separators ("22-5-2015", "1.200"): a sentence can end on one
_NUMBER_WITH_SEPARATORS = compile_pattern(r"\d+[-./]\d+")
_SENTENCE_END = ".!?…"
_ROMAN = compile_pattern(r"[IVX]+")
_CLOSERS = "\"'”’»)]"

LABEL_KINDS = ("source", "note", "from", "outlet_label", "photo", "author", "and")
OPENERS = ("source", "outlet_label")  # kinds whose words are never part of a name


@dataclass(frozen=True)
class Credit:
    """What one credit line gives: bylines, photo credits and the outlets a text was taken from."""

    authors: tuple[str, ...] = ()
    photo: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    bare: bool = False  # names and nothing else on the line


@dataclass(frozen=True)
class Tail:
    """Body paragraphs with the bylines and credits taken out, and what those said."""

    paragraphs: list[str]
    authors: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)  # photo credits, kept as captions


def _phrase(text: str) -> str:
    """A label phrase as credit lines are compared: tokens case-folded, one space between."""
    return " ".join(token.casefold() for token in _TOKEN.findall(text))


@functools.cache
def _table() -> dict[str, frozenset[str]]:
    kinds: dict[str, set[str]] = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        kind, phrase = (cell.strip() for cell in line.split("\t", 1))
        kinds.setdefault(kind, set()).add(_phrase(phrase))
    return {kind: frozenset(phrases) for kind, phrases in kinds.items()}


@functools.cache
def _labels() -> dict[str, str]:
    """Label phrase -> kind, for the kinds that are label words."""
    return {phrase: kind for kind in LABEL_KINDS for phrase in _table().get(kind, ())}


@functools.cache
def _photo_label_start() -> re.Pattern[str]:
    """The first word of any photo label, as a word of its own (a cheap test before the word scan)."""
    firsts = {phrase.split()[0] for phrase, kind in _labels().items() if kind == "photo"}
    return compile_pattern(r"(?:^|\s)(?:" + "|".join(re.escape(f) for f in sorted(firsts)) + r")\b", re.IGNORECASE)


@functools.cache
def _longest_label() -> int:
    return max((len(p.split()) for p in _labels()), default=1)


def _title_case(word: str) -> bool:
    return word[:1].isupper() and (len(word) == 1 or word[1:].islower())


@functools.lru_cache(maxsize=8192)
def is_name_word(word: str) -> bool:
    """True for a word of a byline: a capitalised or upper-case syllable, or initials ("K.N")."""
    if is_syllable(word):
        return _title_case(word) or word.isupper()
    match = _INITIALS.fullmatch(word)
    if not match:
        return False
    rest = match.group(2).rstrip(".")
    return not rest or (len(rest) == 1 and rest.isupper()) or (is_syllable(rest) and _title_case(rest))


def _case(word: str) -> int:
    """1 for an upper-case word, -1 for a capitalised one, 0 for one letter or initials."""
    if len(word) < 2 or "." in word:
        return 0
    return 1 if word.isupper() else -1


def _foreign(word: str) -> bool:
    """A word of an outlet's name: a domain, or a capitalised word that is no Vietnamese syllable."""
    if _DOMAIN.fullmatch(word):
        return True
    return word[:1].isupper() and not is_syllable(word) and word.replace(".", "").replace("+", "").isalnum()


def _minority_name_word(tokens: list[str], i: int, name: list[str]) -> bool:
    """True for a word of a Central Highlands name that is no Vietnamese syllable ("Mah" of "Rơ
    Mah Hưng", "Ksor" of "Ksor Y Phôn", "Ble" of "Nay Y Ble"): capitalised, not a wire's name,
    and inside a name (a name word after it, or two before it)."""
    word = tokens[i]
    if not (word[:1].isupper() and word[1:].islower() and word.isalpha() and len(word) <= 6) \
            or is_syllable(word) or _phrase(word) in _table().get("agency", ()):
        return False
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    return is_name_word(after) or len(name) >= 2


def _unglue(text: str) -> str:
    """Words run together by the flattening split apart: "Hà AnhBáo Mới" -> "Hà Anh Báo Mới"."""
    out = []
    for i, ch in enumerate(text):
        if i and ch.isupper() and text[i - 1].islower() and text[i - 1].isalpha():
            out.append(" ")
        out.append(ch)
    return "".join(out)


def _label_at(tokens: list[str], i: int) -> tuple[str, int] | None:
    """The label phrase starting at token i (longest first) and its length in tokens."""
    labels = _labels()
    for n in range(min(_longest_label() + 2, len(tokens) - i), 0, -1):
        phrase = " ".join(t.casefold() for t in tokens[i : i + n])
        if phrase in labels:
            return labels[phrase], n
    return None


def _outlet_at(tokens: list[str], i: int) -> int:
    """The number of tokens of the outlet named at token i (0 when none is)."""
    if not tokens[i][:1].isupper():
        return 0
    outlets = _table().get("outlet", frozenset())
    for n in range(min(4, len(tokens) - i), 0, -1):
        if " ".join(t.casefold() for t in tokens[i : i + n]) in outlets:
            return n
    return 0


class _Reader:
    """Reads the tokens of one credit line left to right (see read_credit)."""

    def __init__(self) -> None:
        self.authors: list[str] = []
        self.photo: list[str] = []
        self.sources: list[str] = []
        self.role = "author"  # author | theo | source | photo: where the next name goes
        self.name: list[str] = []
        self.foreign: list[str] = []
        self.labelled = False  # a label, bracket or outlet word was seen: more than bare names
        self.source_label = False
        self.note = False

    def close(self) -> None:
        """End the name or outlet being read and file it by the current role."""
        if self.name:
            text = " ".join(self.name)
            if self.role == "photo":
                self.photo.append(text)
            elif self.role == "source" or is_agency(text):  # an outlet's or a wire's name
                self.sources.append(text)
            else:
                self.authors.append(text)
            self.name = []
            self.role = {"photo": "author", "theo": "source"}.get(self.role, self.role)
        if self.foreign:
            (self.photo if self.role == "photo" else self.sources).append(" ".join(self.foreign))
            self.foreign = []
            self.role = {"photo": "author", "theo": "source"}.get(self.role, self.role)

    def bracket(self, inner: str) -> bool:
        """A bracket: a compiler note "(Tổng hợp)", a source "(Theo AFP)" or an outlet; False
        when it is too long for either."""
        self.close()
        self.labelled = True
        tokens = _TOKEN.findall(inner)
        if not tokens:
            return True
        translator = _TRANSLATOR.fullmatch(inner.strip())
        if translator and all(is_name_word(word) for word in translator["name"].split()):
            self.authors.append(translator["name"])  # "Theo AP (Thu Trang dịch)": the translator writes it
            return True
        label = _label_at(tokens, 0)
        # an outlet's name may be long ("(Báo và Phát thanh, Truyền hình Khánh Hòa)")
        limit = MAX_OUTLET_BRACKET_WORDS if label and label[0] == "outlet_label" else MAX_BRACKET_WORDS
        if len([t for t in tokens if t not in _SEPARATORS]) > limit:
            return False
        if label and label[1] == len(tokens) and label[0] == "note":
            self.note = True
        elif label and label[0] == "source":
            self.source_label = True
            rest = " ".join(tokens[label[1] :]).strip(" :")
            if rest:
                self.sources.append(rest)
        else:
            self.sources.append(inner)
        return True

    def label(self, kind: str, rest: list[str]) -> bool:
        """A label word; True when it ends the line (an outlet label takes the rest)."""
        self.close()
        if kind != "and":
            self.labelled = True
        if kind == "source":
            self.role, self.source_label = "theo", True
        elif kind == "from":
            self.role, self.source_label = "source", True
        elif kind == "outlet_label":
            self.source_label = True
            self.sources.append(" ".join(rest))
            return True
        elif kind == "photo":
            self.role = "photo"
        elif kind == "author":
            self.role = "author"
        elif kind == "note":
            self.note = True
        return False

    def credit(self) -> Credit | None:
        self.close()
        if not (self.authors or self.photo or self.sources):
            return None
        if not self.labelled:  # bare names: short, and nothing else on the line
            words = sum(len(a.split()) for a in self.authors)
            # two full names are longer ("Lê Hữu Phước - Trần Thị Kim Oanh"): a name's room each
            if self.sources or words > MAX_NAME_LINE_WORDS + _MORE_NAME_WORDS * (len(self.authors) - 1):
                return None
        if not (self.authors or self.photo) and not self.source_label:
            return None
        if any(len(a.split()) > MAX_NAME_WORDS for a in self.authors):
            return None
        return Credit(tuple(self.authors), tuple(self.photo), tuple(self.sources), bare=not self.labelled)


@functools.cache
def _degree_prefix() -> re.Pattern[str]:
    """Degrees before a name, each with its dot, one or chained ("ThS. ", "PGS.TS. ", "BS.CKII ")."""
    degrees = "|".join(re.escape(d) for d in sorted(_table().get("degree", ()), key=len, reverse=True))
    # "PGS.TS. ", "PGS, TS. ": a degree's dot, or a comma between two degrees
    return compile_pattern(rf"(?<![\w.])(?:(?:{degrees})(?:\.|,(?=\s*(?:{degrees})\.))\s*)+(?:(?:{degrees})\s+)?(?=[A-ZĐÀ-Ỹ])",
                      re.IGNORECASE)


@functools.cache
def _affiliation_tail() -> re.Pattern[str]:
    """A dash or comma, then the writer's workplace or post, to the end of the line ("- Phòng Công
    tác xã hội", ", biên tập viên RFA")."""
    table = _table()
    places = "|".join(re.escape(w) for w in sorted(table.get("affiliation", frozenset()) | table.get("post", frozenset()), key=len, reverse=True))
    posts = "|".join(re.escape(w) for w in sorted(table.get("post", ()), key=len, reverse=True))
    return compile_pattern(rf"(?:\s[-–]\s+(?:{places})|,\s*(?:{posts}))(?:\s+\S.*)?$", re.IGNORECASE)


@functools.cache
def _workplace_opener() -> re.Pattern[str]:
    """A workplace word opening a line, then a capitalised word ("Học viện Ngân hàng")."""
    places = "|".join(re.escape(w).replace(r"\ ", r"\s+")
                      for w in sorted(_table().get("affiliation", frozenset()), key=len, reverse=True))
    # a unit of a place opens with its level in lowercase: "Công an huyện Văn Lâm", "Sở Y tế tỉnh X"
    return compile_pattern(rf"(?i:{places})\s+(?=[A-ZĐÀ-Ỹ]|{_PLACE_LEVEL}\s+[A-ZĐÀ-Ỹ])")


_PLACE_LEVEL = r"(?:tỉnh|thành\s+phố|huyện|quận|thị\s+xã|xã|phường|thị\s+trấn)"


_WORKPLACE_MAX_WORDS = 12
_SHORT_WORKPLACE_WORDS = 8


def is_workplace_line(text: str) -> bool:
    """True for a short line naming the writer's workplace and nothing else, set under a byline
    ("Học viện Ngân hàng", "Khoa Kinh tế, Trường Đại học Cần Thơ"). A name's later syllables are
    lowercase ("Ngân hàng", "Học viện Chính trị khu vực III"), so a third of its words are
    capitalised; few of a sentence's are ("Sở Y tế cho biết số ca mắc tăng")."""
    text = " ".join(text.split()).rstrip(".")
    opener = _workplace_opener().match(text)
    if opener is None or len(text.split()) > _WORKPLACE_MAX_WORDS or any(c in text for c in ":;!?\"“”"):
        return False
    words = [w for w in re.split(r"[\s,]+", text[opener.end():]) if w and w not in ("-", "–")]
    capitalised = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    # a short office's name may have one capital in four ("Phòng Công tác xã hội")
    return capitalised * 3 >= len(words) or (capitalised * 4 >= len(words) and len(words) <= _SHORT_WORKPLACE_WORDS)


_AGENCY_SPLIT = compile_pattern(r"\s*[,/;&]\s*|\s+và\s+")


@functools.cache
def _office_credit() -> re.Pattern[str]:
    """A credit label with its colon, then an office's name ("Tin, ảnh: Phòng Truyền thông")."""
    labels = "|".join(re.escape(w.rstrip(":")).replace(r"\ ", r"\s*")
                      for w in sorted(_table().get("author", ()), key=len, reverse=True))
    offices = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_table().get("office", ()), key=len, reverse=True))
    return compile_pattern(rf"(?i:{labels})\s*:\s*(?P<office>(?i:{offices})\s+[A-ZĐÀ-Ỹ].*)$")


_TRANSLATOR = compile_pattern(r"(?P<name>(?:\S+\s+){0,3}\S+)\s+(?:lược\s+|biên\s+)?dịch")
_PHOTO_TAIL = compile_pattern(r"\s*[-–|;]\s*Ảnh\s*:\s*(?P<credit>\S.*)$", re.IGNORECASE)
_PAPER_AFTER = compile_pattern(r"(?:[A-ZĐÀ-Ỹ][^\s]*\s+){1,2}Báo")


@functools.cache
def _coded_office() -> re.Pattern[str]:
    """An office signing by its code, no label needed ("Phòng PV11", "Phòng PA05 - Công an tỉnh"):
    a police or army department's code is letters and digits, no name's word; or by its initials
    alone, after a byline label or not ("by Phòng CTXH", "Phòng TCHC")."""
    offices = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_table().get("office", ()), key=len, reverse=True))
    labels = "|".join(re.escape(w.rstrip(":")).replace(r"\ ", r"\s+")
                      for w in sorted(_table().get("author", ()), key=len, reverse=True))
    return compile_pattern(rf"^(?:(?i:{offices})\s+[A-ZĐ]{{1,4}}\d{{1,3}}\b"
                      rf"|(?:(?i:{labels})\s*:?\s*)?(?=[A-ZĐ][a-zà-ỹđ])(?i:{offices})\s+[A-ZĐ][A-ZĐ&]{{1,7}}$)")


def credit_core(text: str) -> str:
    """A credit line without what surrounds its names: degrees and ranks before them, a workplace
    or post after them, an address in brackets at its end (what is left is measured as a byline)."""
    return _affiliation_tail().sub("", without_degrees(_address_bracket().sub("", text)))


@functools.cache
def _address_bracket() -> re.Pattern[str]:
    """A bracket closing the line that gives the writer's address or unit."""
    table = _table()
    opening = table.get("address", frozenset()) | table.get("affiliation", frozenset()) | table.get("office", frozenset())
    words = "|".join(re.escape(w) for w in sorted(opening, key=len, reverse=True))
    # "(ấp Tân Thành, xã Tân Phước)", "(Phòng Thông tin - Tòa án nhân dân tỉnh X)": long brackets a
    # source never is (short ones, "(TTXVN)", "(Hà Nội)", are read as sources)
    return compile_pattern(rf"\s*\((?i:{words})(?:\s|(?<=\.))[^()]*\)\s*$")


def _team_signature(text: str) -> bool:
    """True for a desk's or team's signature ("NHÓM PHÓNG VIÊN KINH TẾ"): a team phrase opening
    the line with no colon after it (with one, it labels the names that follow)."""
    folded = _phrase(text)
    return any((folded == team or folded.startswith(team + " ")) and not text[len(team):].lstrip().startswith(":")
               for team in _table().get("team", ()))


@functools.cache
def _rank_prefix() -> re.Pattern[str]:
    """A rank written before a name, without a dot ("Thượng úy Phạm Hoàng Duy"), at the start of
    the line or of one of its names; the name after it must be capitalised."""
    ranks = "|".join(re.escape(r).replace(r"\ ", r"\s+") for r in sorted(_table().get("rank", ()), key=len, reverse=True))
    # "Thiếu tá, BSCKII X": a rank, a comma, then a degree
    return compile_pattern(rf"(?:^|(?<=[,;&:]\s)|(?<=\s[-–]\s))(?i:{ranks}),?\s+(?=[A-ZĐÀ-Ỹ])")  # ": " after a label


def is_agency(name: str) -> bool:
    """True for a news agency's or an outlet's name ("AFP", "TTXVN", "Dân Trí"), not a person's."""
    folded = _phrase(name)
    return folded in _table().get("agency", ()) or folded in _table().get("outlet", ())


_CLOSING_NOTE = compile_pattern(
    r"\(\*+\)\s*\S.*"  # a footnote to a mark in the text
    r"|\((?:[^()]|\([^()]*\))*\)"  # a note of the newsroom's in brackets: "(Tòa soạn sẽ tiếp tục ...)"
    r"|(?i:nguồn(?:\s+tin)?)\s*:\s*\S.*"  # the source: "Nguồn: Ban Tổ chức Press Cup 2026"
    r"|(?i:(?:nguồn|tin)\s+tổng\s+hợp|tổng\s+hợp(?:\s+từ\s+\S.*)?)",  # a compiler's note: "Nguồn tổng hợp"
)
_MAX_NOTE_WORDS = 40


def is_closing_note(text: str) -> bool:
    """True for a line closing an article that is a note on it, not its text: a footnote
    ("(*) ..."), the newsroom's note in brackets, the source's line ("Nguồn: ...")."""
    text = " ".join(text.split())
    return len(text.split()) <= _MAX_NOTE_WORDS and _CLOSING_NOTE.fullmatch(text) is not None


def is_signature_line(text: str) -> bool:
    """True for a line of an official document's signature block ("KT. GIÁM ĐỐC", "(Đã ký)",
    "TM. ỦY BAN NHÂN DÂN"): the name closing such a notice is its signer's."""
    folded = _phrase(text)
    return any(folded == mark or folded.startswith(mark + " ") or (mark.endswith(".") and folded.startswith(mark))
               for mark in _table().get("signature", ()))


# A degree written without its dot, in its own capitals, before a name ("BSCKII Trần Quốc Việt",
# "ThS Lê B"): case decides, a name's syllable is never written so.
_BARE_DEGREE = compile_pattern(r"(?<![\w.])(?:GS|PGS|TS|ThS|BS|BSCKI{1,2}|BSNT|DS|DSCKI{1,2}|KS|LS)\s+(?=[A-ZĐÀ-Ỹ][a-zà-ỹ])")


def without_degrees(text: str) -> str:
    """A byline without the degrees and ranks written before its names ("TS. A, ThS. B" -> "A, B",
    "Đại úy A" -> "A", "Thiếu tá, BSCKII A" -> "A")."""
    degrees = _degree_prefix()
    return _BARE_DEGREE.sub("", degrees.sub("", _rank_prefix().sub("", degrees.sub("", text))))


def read_credit(line: str) -> Credit | None:
    """The bylines, photo credits and sources a whole line gives, or None when it is article text.

    "Hà Anh" and "MINH ANH - THU TRANG" are bylines; "Theo Hà Anh (Tổng hợp) (Báo X)" and
    "Hà Anh (Theo AFP)" a byline and a source; "Ảnh: AFP" a photo credit; "Theo đó, ..." is text.
    "ThS. Hà Anh - Phòng Công tác xã hội" is Hà Anh's byline; "NHÓM PHÓNG VIÊN KINH TẾ" a desk's.
    """
    text = " ".join(line.split())
    signed = _SIGNATURE_WITH_INITIALS.fullmatch(text)
    if signed:  # "(Đỗ Dzũng) [qd]": an overseas paper's signature, its editor's initials after it
        inner = read_credit(signed[1])
        if inner is not None and inner.authors and not inner.sources:
            return inner
    bracketed = _BRACKETED.fullmatch(text)
    if bracketed:  # "(Đ.Khoa)": an overseas paper's signature, the writer's initialled name in
        # brackets; a bracket of plain words is a place or a note ("(Hà Nội)")
        inner = read_credit(bracketed[1])
        if inner is not None and inner.authors and not inner.sources and not inner.photo \
                and all("." in name for name in inner.authors):
            return inner
    text = _EDITOR_INITIALS.sub("", text).strip(" .;,:")
    photo = _PHOTO_TAIL.search(text)
    if photo and photo.start() > 0:  # "Tin: Minh Thư – Ảnh: CLB Truyền thông UEH": the photos' credit
        head = read_credit(text[:photo.start()])  # may name a club or an office, in any case
        if head is not None and head.authors:
            return Credit(head.authors, (*head.photo, photo["credit"]), head.sources, bare=False)
    if _team_signature(text) and len(text.split()) <= MAX_NAME_LINE_WORDS:
        return Credit(sources=(text,))
    agencies = [part.strip() for part in _AGENCY_SPLIT.split(text)]
    if all(_phrase(part) in _table().get("agency", ()) for part in agencies):
        return Credit(sources=tuple(agencies))  # "dpa, Reuters": the wires a report is written from
    office = _office_credit().match(text)
    # an office signs it, not a person: its name has lowercase words ("Phòng Truyền thông"),
    # a person's has none ("Đoàn Minh Tuấn")
    if office and len(office["office"].split()) <= MAX_NAME_LINE_WORDS \
            and any(word[:1].islower() for word in office["office"].split()):
        return Credit(sources=(office["office"],))
    if _coded_office().match(text) and len(text.split()) <= MAX_NAME_LINE_WORDS:
        return Credit(sources=(text,))
    if _PAPER_AFTER.fullmatch(text):  # "Việt Báo", "Thời Báo": a paper signing, no name ends so
        return Credit(sources=(text,))
    text = _address_bracket().sub("", text).strip(" .;,:")  # first: a unit in brackets may hold a dash
    text = _affiliation_tail().sub("", without_degrees(text)).strip(" .;,:")
    if not text or text.count("(") != text.count(")"):
        return None
    if _phrase(text) in _table().get("not_name", ()) or furniture.is_end_marker(text.capitalize()):
        return None
    tokens = _TOKEN.findall(_unglue(text))
    if any(t in "()" for t in re.sub(r"\([^()]*\)", "", text)) or not tokens:
        return None  # nested or stray brackets
    reader = _Reader()
    only_label = _label_at(tokens, 0)
    if only_label and only_label[0] == "photo" and only_label[1] == len(tokens):
        return Credit(photo=(text,))  # "Ảnh minh họa": a photo's caption, no name
    i = words = 0
    while i < len(tokens):
        token = tokens[i]
        if token not in _SEPARATORS:
            words += 1
            if words > MAX_CREDIT_WORDS:
                return None
        if token.startswith("("):
            if not reader.bracket(token[1:-1].strip()):
                return None
            i += 1
            continue
        if token in _SEPARATORS:
            theo = reader.role == "theo" and bool(reader.name)
            reader.close()
            if theo and token in _NAME_JOINERS:
                reader.role = "theo"  # "Theo Tiến Hưng - Đức Trí (NLĐ)": two writers, the outlet after them
            i += 1
            continue
        label = _label_at(tokens, i)
        # A capitalised label word inside a name is the name's ("Thu Trang", "Từ Hà"), except
        # the words that only open credits ("Hà Anh Theo AFP").
        if label and token[:1].isupper() and (reader.name and label[0] not in OPENERS or label[0] == "note"):
            label = None  # and a note outside brackets is lowercase ("T.H" is initials)
        outlet = _outlet_at(tokens, i) if not reader.name else 0
        if i > 1 and tokens[i - 1] == "/" and (outlet or _phrase(token) in _table().get("agency", ())):
            # "Đức Anh/VOV Giao thông", "X/VOV-Tây Nguyên": after a name's slash, an outlet or an
            # agency and its desk or bureau, to the end of the credit
            outlet = max(outlet, 1)
            while i + outlet < len(tokens) and tokens[i + outlet] not in _CREDIT_BREAKS:
                outlet += 1
        if outlet:  # "Theo Dân trí": an outlet however it is capitalised
            reader.close()
            reader.sources.append(" ".join(tokens[i : i + outlet]))
            reader.labelled = True
            reader.role = "source" if reader.role == "theo" else reader.role
            i += outlet
            continue
        if label:
            if reader.label(label[0], tokens[i + label[1] :]):
                break
            i += label[1]
            continue
        if is_name_word(token) or _minority_name_word(tokens, i, reader.name):
            held = reader.foreign + reader.name
            if reader.role == "photo" and held and not is_agency(" ".join(held)):
                # a photo's credit may mix cases ("Ảnh: CATX Điện Bàn", a unit and its place): one
                # credit; after a wire's name a writer's follows ("Ảnh: AP Thu Hà")
                reader.name, reader.foreign = held, []
            elif reader.foreign or (reader.name and _case(reader.name[-1]) * _case(token) < 0):
                reader.close()  # "AP Thu Hà": a name is written in one case
            reader.name.append(token)
            if len(reader.name) > MAX_NAME_WORDS:
                return None
        elif _foreign(token):
            if reader.name:
                reader.close()
            reader.foreign.append(token)
            reader.labelled = True
        elif reader.note and reader.authors:
            reader.name = []  # "Hà Anh (T/h) <an ad>": the byline ends the article, the rest goes
            break
        else:
            return None  # a lowercase word or a number: article text
        i += 1
    return reader.credit()


def _sentence_before(word: str) -> bool:
    """True when a word can end the sentence that a glued byline follows."""
    if all(not ch.isalnum() for ch in word):
        return True  # "..", "-"
    core = word.rstrip(_CLOSERS)
    if core and core[-1] in _SENTENCE_END:
        stem = core.rstrip(_SENTENCE_END).rstrip(_CLOSERS)
        # "ý." and "quý IV." end a sentence; "TP." opens a place name
        if stem.isupper() and not _ROMAN.fullmatch(stem):
            return False
        return bool(stem) and (stem[-1].isalnum() or stem[-1] in _CLOSERS)
    if word[-1] in _CLOSERS:
        return True
    if _NUMBER_WITH_SEPARATORS.search(word):
        return True  # a date: "ngày 2-3-2015 MINH ANH"
    # an acronym ("TP.HCM", "UBND") that no company name follows ("Công ty TNHH MINH AN")
    letters = word.replace(".", "")
    return letters.isupper() and letters.isalpha() and not is_syllable(letters) \
        and word.casefold() not in _table().get("org_acronym", ())


def split_glued_byline(paragraph: str) -> tuple[str, list[str]]:
    """The paragraph without an upper-case byline glued to its end, and the names in it.

    "... như cũ. THU TRANG" -> ("... như cũ.", ["THU TRANG"]); "... của UBND" and
    "... ông NGUYỄN VĂN AN" are left alone (an acronym is no syllable; a name after a lowercase
    word belongs to the sentence).
    """
    words = paragraph.split(" ")
    i = len(words)
    while i > 0:
        word = words[i - 1]
        core = word.rstrip(",")
        if word in _DASHES or (core.isupper() and is_syllable(core) and (core == word or i < len(words))):
            i -= 1
            continue
        break
    while i < len(words) and words[i] in _DASHES:
        i += 1
    if i == 0 or i == len(words):
        return paragraph, []
    names = [" ".join(n.split()) for n in re.split(r"[,\-–—]", " ".join(words[i:]))]
    if not names or any(not 2 <= len(n.split()) <= MAX_NAME_WORDS for n in names) \
            or sum(len(n.split()) for n in names) > MAX_NAME_LINE_WORDS:
        return paragraph, []
    head = " ".join(words[:i])
    if not any(ch.islower() for ch in head) or not _sentence_before(words[i - 1]):
        return paragraph, []
    if any(_phrase(n) in _table().get("outlet", ()) for n in names):
        return paragraph, []
    if any(n.split()[0].casefold() in _table().get("name_before", ()) for n in names):
        return paragraph, []  # "... của UBND TỈNH AN GIANG": a place, not a byline
    return head.rstrip(" -–—"), names


def split_glued_title(line: str) -> tuple[str, list[str]]:
    """A related-article link without a byline glued to its end in title case after a lowercase
    word (">> Giá xăng giảm mạnh Hà Anh" -> "Hà Anh"): its own words are in sentence case."""
    words = line.split(" ")
    case = _case(words[-1])
    n = 0
    while n < len(words) and is_name_word(words[-1 - n]) and _case(words[-1 - n]) == case != 0:
        n += 1
    before = words[-1 - n] if n < len(words) else ""
    if 2 <= n <= (MAX_NAME_WORDS if case > 0 else 3) and before[:1].islower() \
            and before.casefold() not in _table().get("name_before", ()):
        return " ".join(words[:-n]), [" ".join(words[-n:])]
    return split_glued_byline(line)


def _credit_word(word: str) -> bool:
    return is_name_word(word) or (_foreign(word) and word[-1].isalnum())


def _inline_credit_end(words: list[str], i: int) -> int | None:
    """Where a photo credit opening at word i ends ("Ảnh: Hà Anh", "Ảnh Lê Minh Hải"); None when
    no credit opens there. The flattening glues a credit between a caption and the next
    paragraph, so the credit's last capitalised word before a lowercase one opens that paragraph:
    "Ảnh: Hà Anh Về việc này, ..." -> "Ảnh: Hà Anh"."""
    if not words[i][:1].isupper():
        return None
    labels = _labels()
    for n in range(min(3, len(words) - i), 0, -1):
        label_words = words[i : i + n]
        if labels.get(" ".join(w.rstrip(":").casefold() for w in label_words)) == "photo":
            break
    else:
        return None
    j = i + n
    colon = label_words[-1].endswith(":")
    if j < len(words) and words[j] == ":":
        colon, j = True, j + 1
    if n > 1 and not colon:  # "Ảnh minh họa": the label alone, before a capitalised word
        return j if j == len(words) or words[j][:1].isupper() else None
    k, agency = j, False
    while k < len(words) and k - j <= MAX_NAME_WORDS:
        word = words[k]
        parts = word.split("/")
        if len(parts) > 1 and all(part and _credit_word(part) for part in parts):
            k, agency = k + 1, True  # "Hà Anh/TTXVN": the agency closes the credit
            break
        if not _credit_word(word):
            break
        k += 1
    if not agency and k < len(words):
        k -= 1  # the last capitalised word opens the next sentence
        if k < j or _case(words[k]) > 0:
            return None
    if agency and k < len(words) and not words[k][:1].isupper():
        return None
    names = k - j
    if not (1 if colon else 2) <= names <= MAX_NAME_WORDS:
        return None
    return k


def split_photo_credits(paragraph: str) -> tuple[list[str], list[str]]:
    """A paragraph's pieces around the photo credits glued inside it, and those credits.

    "Quang cảnh buổi lễ Ảnh: Hà Anh Sáng 2/9, ..." -> (["Quang cảnh buổi lễ", "Sáng 2/9, ..."],
    ["Ảnh: Hà Anh"]); "Ảnh hưởng của bão ..." is text (no name after the label).
    """
    if not _photo_label_start().search(paragraph):  # most paragraphs hold no credit
        return [paragraph], []
    words = paragraph.split(" ")
    pieces: list[str] = []
    credits: list[str] = []
    start = i = 0
    while i < len(words):
        end = _inline_credit_end(words, i)
        if end is None:
            i += 1
            continue
        if i > start:
            pieces.append(" ".join(words[start:i]))
        credits.append(" ".join(words[i:end]))
        start = i = end
    if start < len(words):
        pieces.append(" ".join(words[start:]))
    return pieces, credits


def take_credits(paragraphs: list[str]) -> Tail:
    """Body paragraphs without the bylines and credits that close them, related-article links
    and photo credit lines; the byline names in text order and the photo credits."""
    lines = list(paragraphs)
    authors: list[str] = []
    credits: list[str] = []
    taken = 0
    last = True  # the line read is the article's last
    bare = False  # a line of bare names was taken (two in a row are a list, not bylines)
    # From the end: credit lines, related links, then a byline glued to the last paragraph.
    while lines and taken < MAX_TAIL_LINES:
        line = lines[-1]
        if furniture.is_related_line(line) and len(lines) > 1:
            if last:
                authors = split_glued_title(line)[1] + authors
            lines.pop()
            last = False
            continue
        credit = read_credit(line) if len(lines) > 1 else None
        if credit is not None and not (credit.bare and bare):
            authors = list(credit.authors) + authors
            if credit.photo:
                credits.insert(0, line)
            bare = bare or credit.bare
            lines.pop()
            taken += 1
            last = False
            continue
        if not authors:
            head, names = split_glued_byline(line)
            if names:
                lines[-1] = head
                authors = names
        break
    body: list[str] = []
    photo_lines: list[str] = []
    for line in lines:
        if furniture.is_related_line(line):
            continue
        if is_photo_line(line):
            photo_lines.append(line)
            continue
        pieces, inline = split_photo_credits(line)
        body.extend(pieces)
        photo_lines.extend(inline)
    if authors or photo_lines or credits:
        LOGGER.debug("bylines %s, credits %s", authors, photo_lines + credits)
    if not body:  # never leave an article without text
        return Tail(lines[:1], list(dict.fromkeys(authors)), credits)
    return Tail(body, list(dict.fromkeys(authors)), photo_lines + credits)


def is_photo_line(line: str) -> bool:
    """True for a line that only credits photos ("Ảnh: Minh Khang", "Ảnh minh họa")."""
    credit = read_credit(line) if len(line) < 80 else None
    return credit is not None and bool(credit.photo) and not credit.authors


@functools.cache
def place_names() -> frozenset[str]:
    """Provinces, big cities and countries (their names and spellings, folded) from the
    extractors' gazetteers: the place of a dateline ("Hà Nội | 14/11/2022"), never a byline.
    Countries that are also common words or given names ("Anh", "Đức") are left out."""
    from vnextract.pipeline.extract.lexicons import load_tsv
    from vnextract.pipeline.parse.sites import fold

    names: set[str] = set()
    for row in load_tsv("provinces.tsv"):
        names |= {row[0], *(alias for alias in (row[3] if len(row) > 3 else "").split(",") if alias)}
    for row in load_tsv("countries.tsv"):
        if len(row) < 2 or row[1] != "1":
            names |= {row[0], *(alias for alias in (row[2] if len(row) > 2 else "").split(",") if alias)}
    return frozenset(fold(name) for name in names if name.strip())


def is_not_author(text: str) -> bool:
    """True for a name pages put where a byline goes that is no person (a CMS vendor, a desk),
    its initials written with dots or not ("P.V", "PV")."""
    not_author = _table().get("not_author", ())
    return _phrase(text) in not_author or _phrase(text.replace(".", "")) in not_author


def author_of(names: list[str]) -> str | None:
    """The Article.author string: the names joined with ", ", None when there are none."""
    return ", ".join(names) if names else None
