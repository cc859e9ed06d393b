"""A lead classed with a suffix ("lead_news", "sapo-detail"), in an old layout's table cell, and
a site's owner statement given as description ("Cơ quan ngôn luận của ...") that is no lead."""

import pytest

from vnextract.pipeline.parse import furniture
from vnextract.pipeline.parse.html import parse_html
from vnextract.pipeline.types import RawDocument

HEADLINE = "Xã Tân Lập khánh thành cây cầu mới nối hai thôn"
LEAD = "Cây cầu dài 40 m nối thôn 3 với thôn 5 giúp hơn 300 hộ dân không còn phải lội suối mỗi mùa mưa."
PROSE = (
    "<p>Sáng 12/4, UBND xã Tân Lập tổ chức khánh thành cây cầu bê tông bắc qua suối Đá, sau bốn "
    "tháng thi công bằng vốn ngân sách và đóng góp của người dân trong xã.</p>"
    "<p>Trước đây, mỗi mùa mưa lũ người dân hai thôn phải đi vòng hơn 7 km để đến trường học "
    "và trạm y tế của xã, nhiều hộ phải dừng việc đồng áng nhiều ngày liền.</p>"
)


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(f"<table><tr><td class='title_news'><b>{HEADLINE}</b></td></tr>"
                     f"<tr><td class='lead_news'><b>{LEAD}</b></td></tr>"
                     f"<tr><td class='content_news'>{PROSE}</td></tr></table>", id="table-cell-lead-news"),
        pytest.param(f"<h1>{HEADLINE}</h1><h3 class='sapo-detail'>{LEAD}</h3><div class='body'>{PROSE}</div>",
                     id="sapo-detail-heading"),
    ],
)
def test_lead_by_suffixed_class(page: str) -> None:
    head = f"<title>{HEADLINE}</title><meta name='description' content='Cơ quan ngôn luận của Hội Nông dân tỉnh'>"
    html = f"<!DOCTYPE html><html><head>{head}</head><body>{page}</body></html>"
    article = parse_html(html, RawDocument(html.encode()))
    assert article.sapo == LEAD


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("Cơ quan ngôn luận của Bộ Xây dựng", True, id="mouthpiece"),
        pytest.param("Cơ quan của Đảng bộ tỉnh", True, id="organ-of"),
        pytest.param("Cơ quan chức năng đã vào cuộc điều tra vụ cháy", False, id="authorities-in-a-lead"),
    ],
)
def test_owner_statement_is_a_site_description(text: str, expected: bool) -> None:
    assert furniture.is_site_description(text) is expected
