"""A company signing with its site name's part, a forum post's date in its header row, a portlet
heading naming the section, a sidebar cell beside an old page's text cell, a phone with its area
code in brackets (the 84th to 87th held-out rounds)."""

import pytest
from _parse_support import HEADLINE, LEAD, MORE, TEXT, parse_page

from vnextract.pipeline.parse.furniture import gives_contact

HEAD = f"<title>{HEADLINE}</title>"
LAST = ("Huyện cũng hỗ trợ 50% kinh phí mua giống tôm sạch bệnh cho các hộ nghèo, cận nghèo tham gia mô "
        "hình, với tổng số tiền hơn 1,2 tỷ đồng trong năm nay.")


def test_a_company_signing_with_a_part_of_its_site_name_is_no_author() -> None:
    head = f"{HEAD}<meta property='og:site_name' content='PVFCCo - Đạm Phú Mỹ'>"
    body = (f"<div class='news-detail'><h1>{HEADLINE}</h1><p>{TEXT}</p><p>{MORE}</p>"
            "<p class='author' style='text-align:right'><strong>PVFCCo</strong></p></div>")
    assert parse_page(head, body).author is None


def test_a_forum_posts_date_in_its_header_row() -> None:
    poster = ("<tr><td class='alt2'><div><a class='bigusername' href='member.php?u=2'>florida80</a></div>"
              "<div class='smallfont'>Thành viên</div><div class='smallfont'><div>Join Date: Apr 2011</div>"
              "<div>Posts: 98,512</div><div>Thanks: 1,204</div></div></td>")
    body = ("<table class='tborder'><tr><td class='thead'><a name='post1'><img src='/old.gif'></a> 02-13-2021, 16:42</td>"
            "<td class='thead' align='right'>#<a href='showpost.php?p=1'>1</a></td></tr>"
            f"{poster}<td class='alt1'><div class='smallfont'><img src='/icon1.gif'> <strong>{HEADLINE}</strong></div>"
            f"<hr><div id='post_message_1'>{TEXT}<br><br>{MORE}<br><br>{LAST}</div></td></tr></table>")
    assert (parse_page(HEAD, body).published_at or "")[:10] == "2021-02-13"


def test_a_page_headers_date_alone_far_above_the_headline_is_no_dateline() -> None:
    header = "<div class='top-date'>Thứ Hai, 06/12/2026</div>" + "".join(f"<div><a href='/m{i}'>Mục {i}</a></div>" for i in range(12))
    body = (f"{header}<div class='detail'><h1>{HEADLINE}</h1><div class='date'>Cập nhật lúc 10:05 ngày 17/09/2013</div>"
            f"<p>{TEXT}</p><p>{MORE}</p></div>")
    assert (parse_page(HEAD, body).published_at or "")[:10] == "2013-09-17"


@pytest.mark.parametrize(
    ("head", "body"),
    [
        # a portlet's heading naming the section (a menu link to it) is no headline
        pytest.param(
            f"<title>{HEADLINE} - Tin tức - Sự kiện - Trang thông tin điện tử Đảng bộ tỉnh</title>",
            "<nav><ul><li><a href='/trang-chu'>Trang chủ</a></li><li><a href='/tin-tuc-su-kien'>Tin tức - Sự kiện</a>"
            "</li></ul></nav><section class='portlet'><header class='portlet-topper'><h1 class='portlet-title'><span>"
            f"Tin tức - Sự kiện</span></h1></header><div class='taglib-header'><h3 class='header-title'><span>{HEADLINE}"
            f"</span></h3></div><div class='journal-content-article'><p>{TEXT}</p><p>{MORE}</p></div></section>",
            id="portlet-heading-names-the-section"),
        # a heading linking to its own article is no section
        pytest.param(
            f"<title>{HEADLINE} | Hoàng Anh Gia Lai</title><meta property='og:title' content='{HEADLINE[:30]}'>",
            f"<div class='item'><h2><a href='/tin-tuc/bong-da/nong-dan-trung-vu-tom-lua-tren-dat-1284.html'>{HEADLINE}"
            f"</a></h2><p>{TEXT}</p><p>{MORE}</p></div>",
            id="headline-links-its-own-article"),
    ],
)
def test_the_headline_beside_section_names(head: str, body: str) -> None:
    assert parse_page(head, body).title == HEADLINE


def test_a_sidebar_cell_beside_an_old_pages_text_cell_stays_out() -> None:
    text = f"<span>{TEXT}<br><br>{MORE}<br><br>{LAST}<br><br>{LEAD}</span>"
    sidebar = ("<b>ĐƯỜNG DÂY NÓNG</b><br>Phản ánh thông tin: 060.3862xxx<br><br><b>LIÊN KẾT WEBSITE</b><br>"
               "<select><option>UBND tỉnh</option></select><br><br><b>Số lượt truy cập:</b> 1.248.566")
    body = f"<table><tr><td><h3>{HEADLINE}</h3>{text}</td><td width='240'>{sidebar}</td></tr></table>"
    assert parse_page(HEAD, body).paragraphs == (TEXT, MORE, LAST, LEAD)


@pytest.mark.parametrize("line", ["Mọi thắc mắc xin liên hệ Phòng Đào tạo, điện thoại (04) 38544338 (máy lẻ 3202)."])
def test_a_phone_with_its_area_code_in_brackets(line: str) -> None:
    assert gives_contact(line)
