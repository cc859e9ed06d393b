"""A theme's `<body id=top>` names no masthead, a row of an article's tools signs nothing, a
date set as a list item of the meta line, a contact line opening "Thông tin chi tiết và đăng
ký", a shorter paragraph in a block of its own closing a body of blocks, and an institute's
long name under the writer's (the 112th to 115th held-out rounds)."""

import pytest
from _parse_support import HEADLINE, LEAD, MORE, TEXT, parse_page

from vnextract.pipeline.parse.bylines import is_workplace_line
from vnextract.pipeline.parse.furniture import is_furniture
from vnextract.pipeline.parse.html import parse_html
from vnextract.pipeline.types import RawDocument

HEAD = f"<title>{HEADLINE} | Tạp chí Kiến trúc</title>"


def test_a_headline_is_no_masthead_on_a_page_whose_body_is_named_top() -> None:
    html = (f"<html><head>{HEAD}</head><body id='top'><div class='logo'><h2>Tạp chí Kiến trúc</h2></div>"
            f"<article><h1 class='name post-title entry-title'><span>{HEADLINE}</span></h1>"
            f"<p>{TEXT}</p><p>{MORE}</p></article></body></html>")
    assert parse_html(html, RawDocument(html.encode())).title == HEADLINE


@pytest.mark.parametrize("line", ["In bài Gửi bài", "In bài | Gửi bài", "Bản in | Gửi cho bạn bè | Về đầu trang"])
def test_a_row_of_an_articles_tools_is_furniture(line: str) -> None:
    assert is_furniture(line)


def test_a_row_of_tools_after_the_body_names_no_author() -> None:
    body = (f"<table><tr><td><b>{HEADLINE}</b></td></tr><tr><td><font><b>Tin, ảnh: Đại úy Hà Văn Thắng</b></font>"
            f"<br><br>{TEXT}<br><br>{MORE}</td></tr><tr><td align='right'><a href='javascript:print()'>In bài</a> "
            "<a href='/gui'>Gửi bài</a></td></tr></table>")
    assert parse_page(f"<title>{HEADLINE}</title>", body).author == "Hà Văn Thắng"


def test_a_date_set_as_a_list_item_under_the_headline() -> None:
    meta = ("<ul class='elementor-post-info'><li class='elementor-icon-list-item'><span><time>19/04/2024</time>"
            "</span></li><li><a href='/category/tin-tuc'>Tin tức</a></li></ul>")
    body = f"<article><h1>{HEADLINE}</h1>{meta}<div class='content'><p>{TEXT}</p><p>{MORE}</p></div></article>"
    assert parse_page(f"<title>{HEADLINE}</title>", body).published_at == "2024-04-19"


def test_a_contact_line_for_details_and_booking_leaves_the_body() -> None:
    contact = ("<p><b>Thông tin chi tiết và đăng ký tour:</b> Lữ hành Saigontourist, 45 Lê Thánh Tôn, Q.1, TP.HCM. "
               "ĐT: (08) 3827 9279.</p>")
    body = f"<div class='news'><h1>{HEADLINE}</h1><p>{TEXT}</p><p>{MORE}</p>{contact}</div>"
    assert parse_page(f"<title>{HEADLINE}</title>", body).paragraphs == (TEXT, MORE)


def test_a_shorter_paragraph_in_a_block_of_its_own_closes_a_body_of_blocks() -> None:
    last = "Giá vé vào cổng là 60.000 đồng/người lớn và 40.000 đồng/trẻ em, mở cửa từ 6g30 đến 21g00."
    content = (f"<div><strong>{LEAD}</strong></div><div><br></div><div>{TEXT} {MORE}<br><br>{MORE} {TEXT}</div>"
               f"<div align='center'><img src='/a.jpg'><br><em>Hoa xuân tại quảng trường</em></div><div><br>{last}</div>")
    body = f"<div class='news_detail'><div class='news_title'>{HEADLINE}</div><div class='news_content'>{content}</div></div>"
    assert parse_page(f"<title>{HEADLINE}</title>", body).paragraphs[-1] == last


@pytest.mark.parametrize(
    ("line", "workplace"),
    [
        ("Viện Cây lương thực và Cây thực phẩm", True),
        ("Học viện Ngân hàng", True),
        ("Sở Y tế tỉnh cho biết thêm", False),
        ("Sở Y tế cho biết số ca mắc tăng", False),
    ],
)
def test_an_institutes_long_name_under_the_writers(line: str, workplace: bool) -> None:
    assert is_workplace_line(line) is workplace
