"""Footers' imprint lines, boxes set before the body's first paragraph, bylines split over
elements, camel-case and Drupal classes, Joomla 1.x headlines, and portal names echoed by the
masthead (the fifth and sixth held-out rounds)."""

import pytest
from _parse_support import parse_page

from vnextract.pipeline.parse import furniture

HEADLINE = "Xã Tân Lập khánh thành cây cầu mới nối hai thôn bên suối"
LEAD = "Cây cầu dài 40 m nối thôn 3 với thôn 5 giúp hơn 300 hộ dân không còn phải lội suối mỗi mùa mưa."
PARAGRAPHS = (
    ("Sáng 12/4, UBND xã Tân Lập tổ chức khánh thành cây cầu bê tông bắc qua suối Đá, sau bốn "
     "tháng thi công bằng vốn ngân sách và đóng góp của người dân trong xã."),
    ("Trước đây, mỗi mùa mưa lũ người dân hai thôn phải đi vòng hơn 7 km để đến trường học "
     "và trạm y tế của xã, nhiều hộ phải dừng việc đồng áng nhiều ngày liền."),
)
PROSE = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
FOOTER = ("<div id='footer'><p>Cơ quan chủ quản: UBND huyện Tân Lập, tỉnh Lâm Đồng và các sở ngành liên quan</p>"
          "<p>Giấy phép số 45/GP-TTĐT do Sở Thông tin và Truyền thông cấp ngày 18/9/2012, thời hạn năm năm</p>"
          "<p>Địa chỉ: số 12 đường Trần Phú, thị trấn Tân Lập, huyện Tân Lập, tỉnh Lâm Đồng, Việt Nam</p>"
          "<p>Chịu trách nhiệm nội dung: ông Nguyễn Văn Hùng, Chánh Văn phòng HĐND và UBND huyện</p></div>")


@pytest.mark.parametrize(
    "line, imprint",
    [
        pytest.param("Giấy phép số 2216/GP-TTĐT do Sở TTTT Hà Nội cấp", True, id="licence"),
        pytest.param("Chịu trách nhiệm nội dung: Ông Nguyễn Thế Tân", True, id="editor-in-charge"),
        pytest.param("© 2014 CafeF. All rights reserved.", True, id="copyright-sign"),
        pytest.param("Giấy phép xây dựng được cấp cho 120 hộ dân trong năm 2023.", False, id="a-report-sentence"),
    ],
)
def test_imprint_lines(line: str, imprint: bool) -> None:
    assert furniture.is_imprint(line) is imprint


def test_footer_of_imprint_lines_is_no_body_and_its_date_no_dateline() -> None:
    body = (f"<h1>{HEADLINE}</h1><div class='date'>Cập nhật: 21:05 ngày 14/11/2014</div>"
            f"<div class='newsbody'><div>{PARAGRAPHS[0]}<br><br>{PARAGRAPHS[1]}</div></div>{FOOTER}")
    article = parse_page(f"<title>{HEADLINE}</title>", body)
    assert article.paragraphs == PARAGRAPHS
    assert article.published_at == "2014-11-14T21:05:00+07:00"


def test_related_box_before_the_first_paragraph_does_not_end_the_body() -> None:
    body = (f"<h1>{HEADLINE}</h1><div class='news-content'>"
            "<div class='kbwscwl-relatedbox'><b>Tin cùng chuyên mục</b><ul><li><a href='/a'>Một tin khác</a></li></ul></div>"
            f"{PROSE}</div>")
    assert parse_page(f"<title>{HEADLINE}</title>", body).paragraphs == PARAGRAPHS


def test_byline_box_read_part_by_part() -> None:
    body = (f"<h1>{HEADLINE}</h1><div class='author'><span><p class='author'>Thanh Hà</p></span>"
            "<span class='source'>Theo Trí thức trẻ</span><span class='date'>10-03-2014 - 09:30 AM</span></div>"
            f"<div class='content'>{PROSE}</div>")
    assert parse_page(f"<title>{HEADLINE}</title>", body).author == "Thanh Hà"


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(f"<h1 class='itemTitle'>{HEADLINE}</h1><div class='itemIntroText'><p><strong>{LEAD}</strong></p></div>"
                     f"<div class='itemFullText'>{PROSE}</div>", id="k2-camel-case-intro"),
        pytest.param(f"<table class='contentpaneopen'><tr><td class='contentheading'>{HEADLINE}</td></tr></table>"
                     f"<table class='contentpaneopen'><tr><td><p><strong>{LEAD}</strong></p>{PROSE}</td></tr></table>"
                     "<div class='moduletable'><h3>Đọc nhiều nhất</h3><ul><li><a href='/x'>Tin</a></li></ul></div>",
                     id="joomla-1-contentheading-beside-a-sidebar-heading"),
    ],
)
def test_old_cms_headline_and_lead(body: str) -> None:
    article = parse_page(f"<title>{HEADLINE} - Báo Tân Lập</title>", body)
    assert article.title == HEADLINE
    assert LEAD in (article.sapo or "") + " ".join(article.paragraphs)


def test_drupal_promoted_brief_with_summary_field() -> None:
    body = (f"<article role='article' class='node node--promoted'><h1 class='page-title'>{HEADLINE}</h1>"
            "<div class='clearfix text-formatted field field--type-text-with-summary'>"
            f"{PROSE}<p style='text-align:right'><strong>Tin, ảnh: Văn Lực</strong></p></div></article>")
    article = parse_page(f"<title>{HEADLINE} | Hội Nông dân</title>", body)
    assert article.paragraphs == PARAGRAPHS
    assert article.sapo is None
    assert article.author == "Văn Lực"


def test_embedded_widget_is_no_body() -> None:
    body = (f"<h1>{HEADLINE}</h1><div class='content'>{PROSE}<div class='embed-bxh'><h3>Bảng xếp hạng</h3>"
            "<table><tr><td>1</td><td>Đội A</td><td>18</td></tr></table></div></div>")
    assert parse_page(f"<title>{HEADLINE}</title>", body).paragraphs == PARAGRAPHS


def test_portal_name_in_title_echoed_by_the_logo_and_author_meta() -> None:
    head = f"<title>{HEADLINE} - Công an huyện Tân Lập</title><meta name='author' content='Công an huyện Tân Lập'>"
    body = (f"<header class='banner'><a href='/' class='logo'><span>CÔNG AN HUYỆN TÂN LẬP</span></a></header>"
            f"<h2 class='news-title'>{HEADLINE}</h2><div class='content'>{PROSE}</div>")
    assert parse_page(head, body).outlet == "Công an huyện Tân Lập"
