"""Page furniture and wire prefixes: text that surrounds an article but is not part of it.

Kept as data so a new outlet's boilerplate is one line here, not a new branch in the code.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path

from vnextract.pipeline.extract.pattern_cache import compile_pattern

WIRE_PREFIXES_FILE = Path(__file__).with_name("wire_prefixes.tsv")

# Wire prefixes of outlets not in the table, by their shape: "(Báo X) -", "(ABC online) -".
_WIRE_SHAPE = r"\((?:Báo\s+[^)]{2,30}|[A-ZĐ][A-Za-zĐđ.+]{1,14}(?:\s*online)?)\)"
# ... and a bare acronym with its dash, before a capital ("PNTĐ-Trong tuần qua", "KTĐT - Sáng"):
# not "COVID-19", and not a place in capitals ("HUẾ -"), whose letters are not plain ASCII and Đ.
_BARE_WIRE_SHAPE = r"[A-ZĐ]{2,6}(?:\.(?:VN|NET|COM))?(?=\s*[-–—]\s*[A-ZĐÀ-Ỹ])"  # "SGTT.VN - "


@functools.cache
def wire_prefixes() -> dict[str, str]:
    """Prefix as written -> the outlet it names ("" for a source that is not the outlet)."""
    table: dict[str, str] = {}
    for line in WIRE_PREFIXES_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        prefix, _, outlet = line.partition("\t")
        table[prefix.strip()] = outlet.strip()
    return table


def _prefix_pattern(prefix: str) -> str:
    return r"\s*".join(re.escape(part) for part in prefix.split())


@functools.cache
def _wire_prefix() -> re.Pattern[str]:
    known = sorted(wire_prefixes(), key=len, reverse=True)
    bracketed = "|".join(_prefix_pattern(p) for p in known if p.startswith("("))
    bare = "|".join(_prefix_pattern(p) for p in known if not p.startswith("("))
    # A known bracket may go without its dash ("(TNO) ", "(NLĐO)- "); a bare word or an unknown
    # bracket is a prefix only with its dash ("TTO - ").
    return compile_pattern(
        rf"^\s*(?:(?P<bracket>{bracketed})\s*[-–—:]?\s*|(?P<bare>{bare}|{_WIRE_SHAPE}|{_BARE_WIRE_SHAPE})\s*[-–—:]\s*)"
    )


def _folded_prefix(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def wire_outlet(paragraph: str) -> str | None:
    """The outlet named by the wire prefix opening the paragraph ("(LĐ online) -" -> Báo Lâm Đồng)."""
    match = _wire_prefix().match(paragraph)
    if not match:
        return None
    prefix = _folded_prefix(match.group("bracket") or match.group("bare") or "")
    for known, outlet in wire_prefixes().items():
        if _folded_prefix(known) == prefix:
            return outlet or None
    return None


# Lines (or line starts) where the article is over: reader forms, related links, share bars.
END_MARKERS: tuple[str, ...] = (
    "Thông tin bạn đọc",
    "Đóng Lưu thông tin",
    "Xem thêm",
    "Tin liên quan",
    "Bài liên quan",
    "Tin cùng chuyên mục",
    "Bình luận",
    "Gửi bình luận",
    "Ý kiến bạn đọc",
    "Các tin khác",
    "Các tin, bài khác",
    "Tin tức gần đây",
    "Tin đọc nhiều",
    "Đọc nhiều",
    "Bài viết liên quan",
    "Các bài viết khác",  # Joomla's list of the category's other items under an article
    "Bài viết khác",
    "Các bài khác",
    "Tài liệu tham khảo",  # a paper's references under a journal article: its sources, not its text
    "Danh mục tài liệu tham khảo",
)

# Whole lines that are furniture wherever they appear.
FURNITURE_LINES = compile_pattern(
    r"^[\s\-–—(\[]*(?:Chia sẻ|Share|Bình luận \(\d+\)|In bài|Theo dõi|Quảng cáo|Advertisement"
    r"|Video đang HOT|Xem thêm|Tin liên quan|Chi tiết)[\s\-–—)\]]*:?\s*$"  # "- Quảng cáo -" too
    r"|^\s*\((?=[^)]*\d)[A-ZĐ0-9][A-ZĐ0-9/.\-]{2,19}\)\s*$"  # a magazine's issue reference: "(SH283/09-12)"
    r"|^\s*(?:Lượt xem|Lượt đọc|Số lần đọc|Số lần xem|Lượt truy cập|Views?|Hits)\s*:?\s*[\d.,]+\s*$"  # a view counter
    r"|^\s*\((?:Còn nữa|Còn tiếp|Kỳ sau|Kỳ tới|Hết)[^()]{0,80}\)\s*$"  # a series marker: "(Còn nữa)"
    r"|^\s*Video\s*:\s*\S.{0,150}$"  # a video box's title line
    r"|^\s*(?:Chuyên mục|Danh mục|Category)\s*:\s*\S.{0,60}$"  # the section a CMS files it under
    # an article's tools in a row: "In bài Gửi bài", "Bản in | Gửi cho bạn bè | Về đầu trang"
    r"|^(?:\s*[|•·\-–]?\s*(?:In bài|Bản in|Gửi bài|Gửi email|Gửi cho bạn bè|Lưu bài|Chia sẻ|Quay lại|Về đầu trang|Đầu trang)){2,}\s*$",
    re.IGNORECASE,
)

# A flattened photo caption ends with " |" (the separator left by the caption element).
CAPTION_SUFFIX = compile_pattern(r"\s\|\s*$")


def caption_of(line: str) -> str | None:
    """The caption a flattened line holds ("Quang cảnh hội nghị |" -> "Quang cảnh hội nghị"; a
    bare "|" -> ""), or None when the line is no caption."""
    if line.strip() == "|" or CAPTION_SUFFIX.search(line):
        return CAPTION_SUFFIX.sub("", line).strip().strip("|").strip()
    return None


def strip_wire_prefix(paragraph: str) -> str:
    """The paragraph without a leading wire/outlet prefix."""
    return _wire_prefix().sub("", paragraph, count=1)


def is_end_marker(line: str) -> bool:
    """True when the line starts the page furniture that follows an article."""
    stripped = line.strip()
    return any(stripped.startswith(marker) for marker in END_MARKERS)


PROMO_LINES_FILE = Path(__file__).with_name("promo_lines.tsv")
IMPRINT_LINES_FILE = Path(__file__).with_name("imprint_lines.tsv")
SITE_DESCRIPTIONS_FILE = Path(__file__).with_name("site_descriptions.tsv")


@functools.cache
def _opener(table: Path) -> re.Pattern[str]:
    """A regex matching a line that opens with one of the table's phrases."""
    phrases = [
        line.strip() for line in table.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    # (?!\w), not \b: a phrase may end on its punctuation ("Tin tức, ...")
    return compile_pattern(r"^\s*(?:" + "|".join(_prefix_pattern(p) for p in phrases) + r")(?!\w)", re.IGNORECASE)


def _promo_opener() -> re.Pattern[str]:
    return _opener(PROMO_LINES_FILE)


def _site_description_opener() -> re.Pattern[str]:
    return _opener(SITE_DESCRIPTIONS_FILE)


@functools.cache
def _imprint_opener() -> re.Pattern[str]:
    return _opener(IMPRINT_LINES_FILE)


WEB_ADDRESS = compile_pattern(r"(?:https?://|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:vn|com|net|org|gov|edu)(?:/\S*)?\b",
                          re.IGNORECASE)
# A phone number (its last digits masked too: "0255.3867.xxx"), or one named so ("tổng đài 9090")
PHONE = compile_pattern(
    r"(?<![\d.,])(?:0\d{2,3}[ .]?\d{3,4}[ .]?(?:\d{3,4}|[xX*]{3,4})|1[89]00[ .]?\d{4}(?:[ .]?\d{2})?)(?![\d.,]\d)"
    r"|\(0\d{1,3}\)\s*\d{2,4}(?:[ .]?\d{2,5}){1,3}"  # an area code in brackets: "(04) 38544338", "(028) 54 11 33 33"
    r"|(?i:tổng đài|hotline|đường dây nóng|điện thoại|số máy)\s*:?\s*\d[\d .]{2,}"
)


def gives_contact(text: str) -> bool:
    """True for a line giving a web address or a phone number to reach (a note, not a report's text)."""
    return WEB_ADDRESS.search(text) is not None or PHONE.search(text) is not None


_MAX_POINTER_LABEL_WORDS = 10
POINTER_LABELS_FILE = Path(__file__).with_name("pointer_labels.tsv")


@functools.cache
def _pointer_label() -> re.Pattern[str]:
    """A word of a label sending readers to look or call elsewhere (`pointer_labels.tsv`)."""
    lines = POINTER_LABELS_FILE.read_text(encoding="utf-8").splitlines()
    words = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return compile_pattern(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\b", re.IGNORECASE)


def is_pointer(text: str) -> bool:
    """True for a label line whose value is only an address or a phone ("Chi tiết danh sách xem
    tại: www.x.vn/bang-xep-hang", "Đường dây nóng: 0236.3822.xxx"): it sends readers elsewhere."""
    label, colon, value = text.partition(":")
    value = value.strip().rstrip(".")
    if not colon or not value or not 0 < len(label.split()) <= _MAX_POINTER_LABEL_WORDS:
        return False
    return _pointer_label().search(label) is not None and any(p.fullmatch(value) for p in (WEB_ADDRESS, PHONE))


def is_imprint(line: str) -> bool:
    """True for a line of the site's imprint ("Giấy phép số ...", "Chịu trách nhiệm nội dung: ...",
    "Trụ sở: ...", "© 2014 ..."): the footer's legal lines, never article prose."""
    return bool(_imprint_opener().match(line))


def is_site_description(text: str) -> bool:
    """True for a description of the site rather than of the article ("Trang tin tức của ...",
    "Cổng thông tin điện tử ...", "Tin tức mới nhất ...")."""
    return bool(_site_description_opener().match(text) or _OWNER_STATEMENT.search(text))


# An owner statement inside a description ("Báo X điện tử - Cơ quan của Đảng bộ tỉnh X"): the
# site's, written on every page, not the article's.
_OWNER_STATEMENT = compile_pattern(r"(?:^|[-–|,.]\s*)(?:Cơ quan (?:của|ngôn luận|chủ quản)|Tiếng nói của)\s", re.IGNORECASE)


# A short line that closes on an order to act now ("..., đăng ký ngay!", "Mua ngay!"): an advert.
_ACT_NOW = compile_pattern(r"\b(?:đăng ký|mua|đặt mua|tải|xem|tham gia|nhận)\s+ngay\s*!\s*$", re.IGNORECASE)
_MAX_ACT_NOW_CHARS = 160


def is_promo(line: str) -> bool:
    """True for an outlet's call to action inside a body ("Đón đọc Tạp chí ... số 47", "Đặt mua
    ấn phẩm tại đây", "Mời quý độc giả theo dõi ... trên TV Online", "Học trực tuyến cùng thầy
    cô giỏi, đăng ký ngay!")."""
    return bool(_promo_opener().match(line)) or (len(line) <= _MAX_ACT_NOW_CHARS and bool(_ACT_NOW.search(line)))


# A hotline's line: "Đường dây nóng Công an tỉnh Nghệ An: 069.2.878.113" (a phone number after it).
_HOTLINE = compile_pattern(r"(?i:đường dây nóng|hotline)\b[^.:]{0,80}:\s*\+?[\d][\d .()-]{5,}\d\s*\.?")


# A breadcrumb left in the body: short capitalised sections joined by ">" ("Thế Giới > Châu Mỹ").
_BREADCRUMB_LINE = compile_pattern(r"[A-ZĐÀ-Ỹ][^>»›.,;!?]{0,30}(?:\s*[>»›]\s*[A-ZĐÀ-Ỹ][^>»›.,;!?]{0,30}){1,4}")


def is_furniture(line: str) -> bool:
    """True for a share bar, 'Xem thêm' link, an outlet's call to action, a hotline, a breadcrumb
    or similar single line."""
    stripped = line.strip()
    return bool(FURNITURE_LINES.match(line)) or is_promo(line) or _HOTLINE.fullmatch(stripped) is not None \
        or _BREADCRUMB_LINE.fullmatch(stripped) is not None


# ---------------------------------------------------------------------------------------------
# HTML furniture: what is removed from an article's body before its paragraphs are read.
# ---------------------------------------------------------------------------------------------

# Elements that never carry article text: code, media players, form controls.
DROP_TAGS_ALWAYS: tuple[str, ...] = (
    "script", "style", "noscript", "iframe", "template", "svg", "canvas", "object", "embed",
    "video", "audio", "map", "link", "meta", "button", "input", "select", "textarea", "label",
)

# Page regions that are furniture unless they hold the article's prose (old ASP.NET pages wrap
# the whole page in one <form>); a <fieldset> in a body is a framed note ("Chú thích").
DROP_TAGS: tuple[str, ...] = ("form", "nav", "aside", "footer", "header", "dialog", "fieldset")

# Elements hidden from readers: never article text, however much prose they hold (SEO spam).
HIDDEN_STYLE = compile_pattern(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

# ARIA roles of page regions that are not the article.
FURNITURE_ROLES = frozenset(("navigation", "complementary", "banner", "contentinfo", "search", "dialog"))

# A class or id token that names page furniture: share bars, related links, comments, ads.
# Matched against each class token and the id; tokens are lower-cased first.
FURNITURE_CLASS = compile_pattern(
    r"""(?:^|[-_])(?:
        share|sharing|social|sociallink|zalo|facebook|fb|twitter|print|toolbar
      | related\w*|relate|relation|\w*lienquan\w*|tin-lien-quan|xemthem|xem-them|readmore|read-more|see-also
      | other-?news|more-?news|older-?news|tin-?khac|tin-?moi|news-?by-?date
      | note|note-?box|info-?box|fact-?box|box-?note|box-?info|brief-?info|quote-?box|box-?quote|pull-?quote
      | match|match-?box|box-?match|match-?card|match-?info|score-?box|box-?score|scoreboard|line-?up|lineups?  # a match's result box
      | schedule(?:-?box)?|fixtures?|standings|lich-?thi-?dau|bang-?xep-?hang  # a tournament's schedule, its table
      | alert  # Bootstrap's coloured note box ("alert alert-info")
      | stock-?box|box-?stock|stock-?widget|symbol-?box|quote-?table|ticker  # a market site's quotes of the stocks named
      | product-?card|product-?box|box-?product  # a shop's card for a product the article names
      | cta|call-?to-?action|booking-?cta|booking-?box  # a call to act: book, buy, subscribe
      | toc|ez-?toc|table-?of-?contents|muc-?luc  # the article's table of contents ("Nội dung chính")
      | not-?prose  # Tailwind Typography's own mark for a block that is not the article's prose
      | box-?hoi-?dap|hoi-?dap-?box|did-?you-?know  # a Q&A or "Bạn có biết?" box beside the text
      | box-?luu-?y|luu-?y-?box  # a "Lưu ý" note box
      | (?:box|panel|card)-+(?:warning|notice|info|tip|alert|caution|danger)|(?:warning|notice|caution)-?box  # a note box by its modifier ("egov-box--warning")
      | disclaimer
      | contact-?(?:box|info|note)|box-?contact|contact  # a "call us" box under the text
      | comment|comments|binhluan|binh-luan|reply|rating|vote|poll
      | ads?|adv|advert\w*|banner|quangcao|quang-cao|sponsor\w*|promo(?:s|tion\w*)?|pr-box
      | breadcrumbs?|menu|navbar|sidebar|widget|newsletter|subscribe|login|signup|register
      | modal|popup|overlay|cookie\w*|hotline|trending|most-?read|box-?hot|box-?tin
      | box-?video|video-?box|video-?player|player|jwplayer|video-?embed|embed|video-?wrap\w*
      | ftr|site-?footer|page-?footer|copyright|copy-?right|ban-?quyen
    )(?:$|[-_])
    | ^(?:footer|foot|main-?footer|global-?footer|bottom)$  # the page's own footer, not an article's
    | ^(?!(?:article|entry|post|news|detail|content|story|item|card|node|body|text)[-_])[a-z0-9]+[-_]footer$  # a site's prefix: "kbw-footer"
    """,
    re.VERBOSE,
)

# Elements whose text is a photo caption: taken out of the body, listed as captions.
CAPTION_SELECTORS: tuple[str, ...] = (
    "figcaption",
    ".PhotoCMS_Caption",
    "td.pCaption",
    "p.pCaption",
    "p.Image",
    ".image-caption",
    ".img-caption",
    ".imagecaption",
    ".imgcaption",
    ".img_caption",
    ".image_caption",
    ".photo-caption",
    ".photocaption",
    ".caption",
    ".wp-caption-text",
    "td.caption",
    ".fig-caption",
    "[itemprop=caption]",
)

# Headings of a related-links box: inside an HTML body such a box can sit mid-article, so the
# heading is skipped (its links go by link density) rather than taken as the article's end.
RELATED_HEADINGS: tuple[str, ...] = (
    "Xem thêm", "Tin liên quan", "Bài liên quan", "Đọc thêm", "Đọc tiếp", "Theo dòng sự kiện",
    "Tham khảo thêm", "Có thể bạn quan tâm",
)

# Whole lines after which nothing belongs to the article (compare END_MARKERS, which text.py
# matches as line prefixes; inside HTML a heading must be the marker alone, "Bình luận (3)").
END_LINE = compile_pattern(
    r"^\s*(?:" + "|".join(re.escape(m) for m in END_MARKERS if m not in RELATED_HEADINGS)
    + r")\s*(?:\(\d+\))?\s*[:.…]*\s*$",
    re.IGNORECASE,
)
_RELATED_HEADING_LINE = compile_pattern(
    r"^\s*(?:" + "|".join(re.escape(m) for m in RELATED_HEADINGS) + r")\s*[:.…]*\s*$", re.IGNORECASE
)
# Unambiguous openers of a reader form, whatever follows them on the same line.
END_PREFIXES: tuple[str, ...] = ("Thông tin bạn đọc", "Đóng Lưu thông tin")

# A single related-article link line inside a body: "Xem thêm: ...", ">> ...", "Đọc thêm: ...".
RELATED_LINE = compile_pattern(
    r"^\s*(?:>>|»|Xem\s+thêm\s*[:>»-]|Đọc\s+thêm\s*[:>»-]|Tin\s+liên\s+quan\s*[:>»-]"
    r"|Bài\s+liên\s+quan\s*[:>»-]|Mời\s+(?:quý\s+)?(?:độc\s+giả|bạn\s+đọc)\s+(?:xem|theo\s+dõi))",
    re.IGNORECASE,
)

# Label words that open a byline but are not part of the name.
BYLINE_PREFIX = compile_pattern(
    r"^\s*(?:(?:Tác\s+giả|Bài\s+và\s+ảnh|Bài\s*,\s*ảnh|Bài\s*&\s*ảnh|Bài|Ảnh|Nhóm\s+phóng\s+viên|By"
    r"|Người\s+viết)\s*[:-]\s*|(?:Viết\s+bởi|Đăng\s+bởi|Bởi|By)\s*:?(?:\s+|$))",  # "Viết bởi X", "by X": CMSs' bylines
    # (the label alone, in an element of its own, leaves nothing)
    re.IGNORECASE,
)


# "Tin Thế Giới khác:", "Các bài Kinh tế khác": the other articles of a section, under the text.
_OTHER_OF_SECTION = compile_pattern(r"^(?:các\s+)?(?:tin|bài|bài viết)\s+(?:\S+\s+){0,3}khác\s*[:.…]*$", re.IGNORECASE)


def is_end_line(line: str) -> bool:
    """True when an HTML block's text is a heading or form that ends the article."""
    stripped = line.strip()
    return bool(END_LINE.match(stripped) or _OTHER_OF_SECTION.match(stripped)) or stripped.startswith(END_PREFIXES)


def is_related_line(line: str) -> bool:
    """True for a one-line link to another article ("Xem thêm: ...") or a related-box heading."""
    return bool(RELATED_LINE.match(line) or _RELATED_HEADING_LINE.match(line))


# Class tokens of text kept for screen readers only ("Image caption" before a caption, "Image
# copyright" before a credit): a sighted reader never sees it, so it is never article text.
SCREEN_READER_CLASS = compile_pattern(
    r"^(?:sr-only|sr-text|visually-?hidden|screen-?reader-?(?:text|only)|off-?screen|a11y-?hidden|assistive-?text)$",
    re.IGNORECASE,
)


def _class_tokens(attrs: Mapping[str, str | list[str]]) -> list[str]:
    value = attrs.get("class")
    return value.split() if isinstance(value, str) else list(value or [])


def is_hidden(attrs: Mapping[str, str | list[str]]) -> bool:
    """True for an element a browser does not show (hidden attribute, display:none style,
    a screen-reader-only class)."""
    style = attrs.get("style")
    if "hidden" in attrs or (isinstance(style, str) and bool(HIDDEN_STYLE.search(style))):
        return True
    return any(SCREEN_READER_CLASS.match(token) for token in _class_tokens(attrs))


# A class token naming a caption element, whatever the CMS calls it ("media-caption",
# "VideoCMS_Caption", "chu-thich"); "has-caption" on a figure names the figure, not its caption.
CAPTION_CLASS = compile_pattern(r"(?:^|[-_])(?:caption|captions|caption-?text|chu-?thich|chuthich)$", re.IGNORECASE)
_NOT_CAPTION_CLASS = compile_pattern(r"^(?:has|with|no|show|hide)[-_]", re.IGNORECASE)


def is_caption_class(attrs: Mapping[str, str | list[str]]) -> bool:
    """True when one of the element's class tokens names it a caption."""
    # camel case split too: K2's "itemImageCaption"
    return any(
        (CAPTION_CLASS.search(token) or CAPTION_CLASS.search(token_words(token))) and not _NOT_CAPTION_CLASS.match(token)
        for token in _class_tokens(attrs)
    )


# An inline style that draws a box: a border with its line style, or a filled background. Inside
# an article's body such a box holds a note, a hotline, a fact sheet: not the report's text (the
# body itself, however it is styled, holds prose and is kept).
_TINT_STYLE = (r"(?:^|;|\s)background(?:-color)?\s*:\s*"
               r"(?!\s*(?:transparent|none|inherit|initial|white|#fff\b|#ffffff\b|rgb\(\s*255\s*,\s*255\s*,\s*255\s*\)))[#\w]")
BOX_STYLE = compile_pattern(
    r"(?:^|;|\s)border(?:-(?:top|bottom|left|right))?\s*:[^;]*\b(?:solid|dashed|dotted|double|groove|ridge)\b|"
    + _TINT_STYLE,
    re.IGNORECASE,
)
_TINTED = compile_pattern(_TINT_STYLE, re.IGNORECASE)
BOX_TAGS = frozenset(("div", "table", "section"))
_BORDER_STYLE = compile_pattern(r"(?:^|;|\s)border(?:-(?:top|bottom|left|right))?\s*:[^;]*\b(?:solid|dashed|dotted|double)\b", re.IGNORECASE)


# Utility classes that draw a block as a box (Tailwind: "border-l-4 border-red-600 bg-red-50 p-4").
_BORDER_CLASS = compile_pattern(r"^border(?:-[lrtbxy])?(?:-\d+)?$")
_TINT_CLASS = compile_pattern(r"^bg-(?!white$|transparent$|none$)[a-z]+-\d{2,3}$")


def is_boxed(name: str, attrs: Mapping[str, str | list[str]]) -> bool:
    """True for a div, table or section whose inline style or utility classes draw it as a box
    (a border and a tint), or a paragraph drawn with a border (an editor's note framed above a
    reader's letter)."""
    style = attrs.get("style")
    if name in BOX_TAGS:
        classes = attrs.get("class")
        tokens = classes.split() if isinstance(classes, str) else list(classes or [])
        if any(_BORDER_CLASS.match(t) for t in tokens) and any(_TINT_CLASS.match(t) for t in tokens):
            return True
    if not isinstance(style, str):
        return False
    if name == "p":
        return bool(_BORDER_STYLE.search(style))
    return name in BOX_TAGS and bool(BOX_STYLE.search(style))


def is_tinted(attrs: Mapping[str, str | list[str]]) -> bool:
    """True for an element whose inline style gives it a background colour (a quote set in a
    box, not one of the article's quotations, which keep the page's ground)."""
    style = attrs.get("style")
    return isinstance(style, str) and _TINTED.search(style) is not None


# A pull quote: a sentence set apart in quotation marks, alone or over its speaker's name.
_PULL_QUOTE = compile_pattern(r'[“"«„‘][^“”"«»]{10,280}[”"»“’][.!?…]?(?P<comma>,)?(?P<speaker>\s+[^“”"«».!?]{2,60}[.]?)?')
_MAX_SPEAKER_WORDS = 8
_QUOTE_CLASS = compile_pattern(r"(?:^|-)quote(?:$|-)")


def is_pull_quote(text: str, *, boxed: bool = False) -> bool:
    """True for a quote block's text that is one quotation and at most its speaker ("“Hội An đẹp
    nhất là khi ...”", "“...” NSƯT Phan Thị Hoa"): a pull quote. A quoted letter or document
    runs longer, or is introduced in a sentence of the article. A quote the article says with
    its speaker ("“...”, anh Tèo nói.") is the article's, unless a quote box's class sets it apart
    (`boxed`)."""
    match = _PULL_QUOTE.fullmatch(text.strip())
    if match is None or len((match["speaker"] or "").split()) > _MAX_SPEAKER_WORDS:
        return False
    return boxed or not match["comma"]


_MAX_SET_APART_WORDS = 25
_SENTENCE_END = compile_pattern(r"[.!?…](?=[\s”\"’»]|$)")


def is_set_apart_sentence(text: str) -> bool:
    """True for a quote block holding one short quoted sentence and no speaker ("“Nếu không đổi
    mới, nghề sẽ chỉ còn trong bảo tàng.”"): a line set apart to catch the eye, whether or not the
    text says it too. The article's quotations run longer or name who spoke."""
    match = _PULL_QUOTE.fullmatch(text.strip())
    return match is not None and not match["speaker"] and not match["comma"] \
        and len(text.split()) <= _MAX_SET_APART_WORDS and len(_SENTENCE_END.findall(text.strip())) <= 1


def is_quote_block(name: str, tokens: list[str]) -> bool:
    """True for a blockquote or an element whose class names a quote ("em-quote", "wp-block-quote")."""
    return name == "blockquote" or is_quote_box(tokens)


def is_quote_box(tokens: list[str]) -> bool:
    """True for an element whose class names a quote ("quote", "em-quote", "wp-block-quote")."""
    return any(_QUOTE_CLASS.search(token_words(token)) for token in tokens)


def is_furniture_region(attrs: Mapping[str, str | list[str]]) -> bool:
    """True for an element whose role or aria-hidden says it is not the article."""
    role = attrs.get("role")
    return (isinstance(role, str) and role.lower() in FURNITURE_ROLES) or attrs.get("aria-hidden") == "true"


_CAMEL = compile_pattern(r"(?<=[a-z])(?=[A-Z])")
# The hash a CSS-modules build appends to a class ("Detail_sapo__v9TgB", "styles_related__3xK9a"):
# not words, and it would hide the class's last word from the patterns ("news-detail_sapo__HcV1e" too).
# Only in the "file_local__hash" form, the hash holding a digit or a capital: a BEM element
# ("article__content") keeps its word.
_MODULE_HASH = compile_pattern(r"^([A-Za-z][A-Za-z0-9-]*_[A-Za-z][A-Za-z0-9-]*)__(?=[\w-]*[0-9A-Z])[\w-]{2,8}$")


@functools.lru_cache(maxsize=8192)
def token_words(token: str) -> str:
    """A class or id token with its words apart and lower-cased: "divOutComment" ->
    "div-out-comment", "other_news" -> "other-news", "Detail_sapo__v9TgB" -> "detail-sapo"."""
    return _CAMEL.sub("-", _MODULE_HASH.sub(r"\1", token)).lower().replace("_", "-")


# A modifier saying what an element has or lacks ("entry-content no-share", "main with-sidebar",
# "has-comments"): it names no furniture, whatever word follows.
_MODIFIER_TOKEN = compile_pattern(r"(?:^|-)(?:no|not|non|without|with|has|have|hide|show|enable|disable)d?-(?!prose\b)[a-z0-9]+")


# Elementor's wrapper of every block it lays out, the article's own title and text included
# ("elementor-widget-theme-post-title"): the word after it says what the block is.
_BUILDER_WRAPPER = compile_pattern(r"^elementor-(?:widget|element)(?:-wrap)?(?=-|$)")


def _furniture_token(token: str) -> bool:
    # "mainContainer_noSidebar": the page's main container, the modifier says it has no sidebar
    words = _BUILDER_WRAPPER.sub("elementor", _MODIFIER_TOKEN.sub("", token_words(token)))
    return bool(words) and bool(FURNITURE_CLASS.search(words))


def is_furniture_class(tokens: list[str]) -> bool:
    """True when one of an element's class tokens or its id names page furniture."""
    return any(_furniture_token(token) for token in tokens)


# A class or id token of the page's masthead: the site's name sits there, often in an h1.
# "header" alone is the page's (old sites' #header); "entry-header" is an article's own.
MASTHEAD_CLASS = compile_pattern(
    r"^(?:header|top|(?:site|page|main|portal|global|web|top)-?header)$"
    r"|(?:^|[-_])(?:logo|brand|branding|masthead|site-?name|site-?title|header-?banner|top-?bar)(?:$|[-_])",
    re.IGNORECASE,
)


def is_masthead(classes: object, ident: object) -> bool:
    """True when an element's class tokens or id name the page's masthead."""
    tokens = list(classes) if isinstance(classes, list) else str(classes or "").split()
    if isinstance(ident, str):
        tokens.append(ident)
    return any(MASTHEAD_CLASS.search(token) for token in tokens)
