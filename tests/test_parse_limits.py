"""The parser's work is bounded before any tree is built: pages of too many elements are E041."""

from __future__ import annotations

import pytest

from vnextract.pipeline.errors import InputError
from vnextract.pipeline.parse.limits import check_element_count, count_start_tags


@pytest.mark.parametrize(
    ("markup", "count"),
    [
        pytest.param("<p>a</p><div><br/></div>", 3, id="start-tags-only"),
        pytest.param("<!-- <p> --><!DOCTYPE html>", 1, id="comment-tag-counted-doctype-not"),
        pytest.param("1 < 2 and 3 <4", 0, id="stray-angles"),
        pytest.param("<P><Img src=x>", 2, id="any-case"),
        pytest.param("", 0, id="empty"),
    ],
)
def test_parse_limits_count_start_tags(markup: str, count: int) -> None:
    assert count_start_tags(markup) == count


def test_parse_limits_count_stops_early() -> None:
    assert count_start_tags("<p>" * 1000, stop_after=10) == 11


@pytest.mark.parametrize(
    ("markup", "limit", "refused"),
    [
        pytest.param("<p>x</p>" * 100, 100, False, id="at-limit"),
        pytest.param("<p>x</p>" * 101, 100, True, id="one-over"),
        pytest.param("<" * 500 + "<p>", 100, False, id="many-angles-few-tags"),
        pytest.param("</p>" * 500, 100, False, id="end-tags-not-counted"),
    ],
)
def test_parse_limits_check_element_count(markup: str, limit: int, refused: bool) -> None:
    if refused:
        with pytest.raises(InputError) as caught:
            check_element_count(markup, limit)
        assert caught.value.code == "E041"
    else:
        check_element_count(markup, limit)
