"""An only dateline labelled as an update ("Ngày cập nhật") beats today's date in the page header
or a schedule's dates, one saying it is the last change does not; a page wrapper classed
`single-author` is no byline; a station's name after the writer's ("Trạm Khuyến nông") and the
tags' label "Thẻ" name nobody (the 116th to 119th held-out rounds)."""

import pytest
from _parse_support import HEADLINE, LEAD, MORE, TEXT, parse_page

from vnextract.pipeline.parse.bylines import is_not_author, read_credit
from vnextract.pipeline.parse.html import parse_html
from vnextract.pipeline.types import RawDocument

HEAD = f"<title>{HEADLINE}</title>"
HEADER = "<div class='portal-header'><div class='banner'>Cổng thông tin</div><div class='marquee-date'>Thứ Năm, 07/12/2017</div></div>"


@pytest.mark.parametrize("label", ["Ngày cập nhật 26/11/2017", "Cập nhật: 09:20 ngày 26/11/2017"])
def test_an_only_dateline_labelled_an_update_beats_todays_date_in_the_header(label: str) -> None:
    body = (f"{HEADER}<div class='news-detail'><h1 class='title-news'>{HEADLINE}</h1><div class='date-news'>{label}</div>"
            f"<div class='summary'><p>{LEAD}</p></div><div class='content'><p>{TEXT}</p><p>{MORE}</p></div></div>")
    assert parse_page(HEAD, body).published_at[:10] == "2017-11-26"


def test_a_schedules_dates_after_the_text_lose_to_the_labelled_dateline() -> None:
    schedule = "<div class='box'><marquee><p>26/09/2016 - Vụ án Tàng trữ trái phép chất ma túy</p></marquee></div>"
    body = (f"<div class='news'><h1>{HEADLINE}</h1><div class='news-info'><span class='date'>Cập nhật: 09:20 ngày "
            f"23/09/2016</span></div><p>{LEAD}</p><p>{TEXT}</p><p>{MORE}</p><p>{TEXT}</p></div>{schedule}")
    assert parse_page(HEAD, body).published_at == "2016-09-23T09:20:00+07:00"


def test_a_last_change_stays_no_publication_date() -> None:
    byline = "<div class='documentByLine'><span class='documentModified'>cập nhật lần cuối 18/04/2016 10:12</span></div>"
    body = (f"<div id='content'><h1>{HEADLINE}</h1>{byline}<div id='text'><p><i>Diễn Đàn, 17.04.2016</i></p>"
            f"<p>{TEXT}</p><p>{MORE}</p></div></div>")
    assert parse_page(HEAD, body).published_at == "2016-04-17"


def test_a_body_classed_single_author_is_no_byline() -> None:
    html = (f"<html><head>{HEAD}</head><body class='single single-post single-author'><header><h1 class='site-title'>"
            f"Saigon Weekly</h1><h2>Tuần báo của cộng đồng</h2></header><article><h1 class='entry-title'>{HEADLINE}</h1>"
            f"<div class='entry-content'><p>{TEXT}</p><p>{MORE}</p><p style='text-align: right;'><em>Hoàng Nam (tổng hợp)"
            "</em></p></div></article></body></html>")
    assert parse_html(html, RawDocument(html.encode())).author == "Hoàng Nam"


def test_a_station_after_the_writers_name_and_the_tags_label() -> None:
    credit = read_credit("Vàng Thị Mai - Trạm Khuyến nông Bắc Hà")
    assert credit is not None and credit.authors == ("Vàng Thị Mai",)
    assert is_not_author("Thẻ")
