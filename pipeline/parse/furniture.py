"""Page furniture and wire prefixes: text that surrounds an article but is not part of it.

Kept as data so a new outlet's boilerplate is one line here, not a new branch in the code.
"""

from __future__ import annotations

import re

# Wire prefixes that open the lead paragraph: "(LĐ online) -", "(Dân trí) -", "TTO -", ...
WIRE_PREFIX = re.compile(
    r"""^\s*(?:
        \((?:LĐ\s*online|LĐO|Dân\s*trí|BĐO|PLO|NLĐO|VTC\s*News|Chinhphu\.vn|TTXVN|VOV|
             Baonghean\.vn|Báo\s+[^)]{2,30}|[A-ZĐ][A-Za-zĐđ.]{1,14}(?:\s*online)?)\)
      | TTO | VOV\.VN | NDO | VTV\.vn | VietNamNet | ANTD\.VN | ĐCSVN | GD&TĐ
    )\s*[-–—:]\s*""",
    re.VERBOSE,
)

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
)

# Whole lines that are furniture wherever they appear.
FURNITURE_LINES = re.compile(
    r"^\s*(?:Chia sẻ|Share|Bình luận \(\d+\)|In bài|Theo dõi|Quảng cáo|Advertisement"
    r"|Video đang HOT|Xem thêm|Tin liên quan)\s*:?\s*$",
    re.IGNORECASE,
)

# A flattened photo caption ends with " |" (the separator left by the caption element).
CAPTION_SUFFIX = re.compile(r"\s\|\s*$")


def strip_wire_prefix(paragraph: str) -> str:
    """The paragraph without a leading wire/outlet prefix."""
    return WIRE_PREFIX.sub("", paragraph, count=1)


def is_end_marker(line: str) -> bool:
    """True when the line starts the page furniture that follows an article."""
    stripped = line.strip()
    return any(stripped.startswith(marker) for marker in END_MARKERS)


def is_furniture(line: str) -> bool:
    """True for a share bar, 'Xem thêm' link or similar single line."""
    return bool(FURNITURE_LINES.match(line))
