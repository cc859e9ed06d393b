"""Bounds on the parser's work, checked on the raw markup before any tree is built.

Building a BeautifulSoup tree costs memory and time per element (about half a millisecond and a
few kilobytes each, adapters and furniture detection included), so a page of a million `<p>` tags
(8 MB, under the byte limit) would take a gigabyte and most of a minute before being found to hold
no article. A news article page has a few thousand elements; one with more than
`MAX_HTML_ELEMENTS` is a listing, a dump or an attack, and is refused with E041 at once.
"""

from __future__ import annotations

import re

from vnextract.pipeline.errors import Errors, InputError

MAX_HTML_ELEMENTS = 50_000  # news article pages measured: 30-8,000 start tags

# A start tag opens with "<" and a letter; end tags, comments and stray "<" do not count.
_START_TAG = re.compile(r"<[A-Za-z]")


def count_start_tags(text: str, stop_after: int | None = None) -> int:
    """Start tags in `text`, counting no further than `stop_after` + 1 (the work stays bounded)."""
    count = 0
    for count, _match in enumerate(_START_TAG.finditer(text), 1):
        if stop_after is not None and count > stop_after:
            break
    return count


def check_element_count(text: str, limit: int = MAX_HTML_ELEMENTS) -> None:
    """Raise E041 when the markup holds more than `limit` start tags."""
    if text.count("<") <= limit:  # the common case, at C speed: cannot be over
        return
    count = count_start_tags(text, stop_after=limit)
    if count > limit:
        raise InputError(Errors.E041, f"more than {limit:,} elements")
