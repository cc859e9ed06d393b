"""Captions centred under a photo in a body of <font> runs, contact notes with masked or short
numbers, a byline after the body past line breaks and a removed box, a site's account named by
its initials, an event's time and a deadline that are no datelines, links that show their own
address, CSS-modules classes with a hyphenated file name (the 80th to 83rd held-out rounds)."""

import pytest
from _parse_support import HEADLINE, LEAD, MORE, TEXT, parse_page

from vnextract.pipeline.parse.furniture import gives_contact, token_words

HEAD = f"<title>{HEADLINE}</title>"
LAST = ("Huyện cũng hỗ trợ 50% kinh phí mua giống tôm sạch bệnh cho các hộ nghèo, cận nghèo tham gia mô "
        "hình, với tổng số tiền hơn 1,2 tỷ đồng trong năm nay.")


def test_a_centred_italic_caption_after_a_photo_in_font_runs() -> None:
    caption = "Ruộng lúa J02 tại xã Xuân Giang trước ngày thu hoạch"
    body = (f"<table><tr><td class='contentheading'>{HEADLINE}</td></tr><tr><td>"
            f"<div><font face='Arial' size='2'>{TEXT}<br><br><img src='/a.jpg' width='450'><br>"
            f"<center><i>{caption}</i></center><br>{MORE}<br><br>{LAST}</font></div></td></tr></table>")
    page = parse_page(HEAD, body)
    assert (page.paragraphs, page.captions) == ((TEXT, MORE, LAST), (caption,))


@pytest.mark.parametrize(
    ("line", "contact"),
    [
        ("Mọi thông tin cần hỗ trợ, liên hệ Văn phòng huyện, điện thoại: 0255.3867.xxx.", True),
        ("Quý khách vui lòng liên hệ tổng đài 9090 (200 đ/phút).", True),
        ("Năm 2023, toàn tỉnh có 1.234.567 người tham gia bảo hiểm y tế.", False),
        ("Tổng đài viên làm việc ba ca mỗi ngày.", False),
    ],
)
def test_a_line_giving_a_number_to_call(line: str, contact: bool) -> None:
    assert gives_contact(line) is contact


def test_a_bold_call_to_call_closing_a_short_page_is_no_lead() -> None:
    promo = "Thông tin chi tiết về gói cước, Quý khách vui lòng liên hệ tổng đài 9090 (200 đ/phút)."
    body = (f"<div class='news-detail-content'><h1 class='news-title'>{HEADLINE}</h1><div class='news-body'>"
            f"<p>{TEXT}</p><p>{MORE}</p><p><strong>{promo}</strong></p></div></div>")
    page = parse_page(HEAD, body)
    assert (page.sapo, page.paragraphs) == (None, (TEXT, MORE))


def test_a_byline_after_the_body_past_line_breaks_and_a_related_box() -> None:
    body = (f"<div class='qn-detail'><h3 class='qn-detail-title'>{HEADLINE}</h3><div class='qn-detail-content'>"
            f"<div>{TEXT}<br><br>{MORE}<br><br>{LAST}</div><br>"
            "<div class='tinlienquan'><b>Tin liên quan:</b><br>- <a href='/a'>Công an thị xã ra quân xử lý xe quá tải</a></div><br>"
            "<div style='text-align:right'><strong>Thượng úy Phạm Đức Long (Công an thị xã)</strong></div></div></div>")
    assert parse_page(HEAD, body).author == "Phạm Đức Long"


def test_a_sites_account_named_by_its_initials_is_no_author() -> None:
    head = f"{HEAD}<meta property='og:site_name' content='Phố Bolsa TV'>"
    body = (f"<article><h1 class='entry-title'>{HEADLINE}</h1><div class='entry-meta'><span class='byline'> by "
            "<span class='author vcard'><a href='/author/pbtv-web/'>PBTV Web</a></span></span></div>"
            f"<div class='entry-content'><p>{TEXT}</p><p>{MORE}</p>"
            "<p style='text-align: right;'><em>Minh Đức (Theo Reuters, AP)</em></p></div></article>")
    assert parse_page(head, body).author == "Minh Đức"


def test_an_events_time_and_a_deadline_are_no_datelines() -> None:
    body = (f"<div class='post-card'><div class='post-time'>15 tháng 11, 2017</div><h1>{HEADLINE}</h1>"
            "<div class='post-deadline'>Hạn đăng ký: 25/11/2017</div><div class='post-content'>"
            f"<p>{TEXT}</p><p>- Thời gian: 8h30 - 11h30, Chủ nhật ngày 26/11/2017</p><p>{MORE}</p></div></div>")
    assert parse_page(HEAD, body).published_at == "2017-11-15"


def test_a_link_showing_its_own_address_is_text() -> None:
    line = "ĐĂNG KÝ THAM DỰ: https://forms.example.vn/hoi-thao-2017"
    body = (f"<article><h1>{HEADLINE}</h1><p>{TEXT}</p><p>{MORE}</p>"
                      f"<p><strong>ĐĂNG KÝ THAM DỰ:</strong> <a href='/f'>https://forms.example.vn/hoi-thao-2017</a></p></article>")
    assert line in parse_page(HEAD, body).paragraphs


def test_a_css_modules_class_with_a_hyphenated_file_name() -> None:
    assert token_words("news-detail_sapo__HcV1e") == "news-detail-sapo"
    body = (f"<div class='news-detail_root__x1Y2z'><h1>{HEADLINE}</h1><p class='news-detail_sapo__HcV1e'>{LEAD}</p>"
            f"<div class='news-detail_body__Ab3Cd'><p>{TEXT}</p><p>{MORE}</p></div></div>")
    assert parse_page(HEAD, body).sapo == LEAD
