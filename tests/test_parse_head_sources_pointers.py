"""A byline styled bold heading a portal's body, a wire's source line heading a translated story,
a label line whose value is only a web address, a phone written in spaced groups (the 92nd to
95th held-out rounds)."""

import pytest
from _parse_support import HEADLINE, LEAD, MORE, TEXT, parse_page

from vnextract.pipeline.parse.furniture import gives_contact, is_pointer

HEAD = f"<title>{HEADLINE}</title>"


def _page(content: str) -> str:
    return f"<div class='journal-content-article'><h3 class='header-title'>{HEADLINE}</h3>{content}</div>"


def test_two_names_styled_bold_heading_the_body_are_its_byline() -> None:
    byline = "<p class='tacgia' style='text-transform:uppercase;font-weight:bold'>Nguyễn Thanh Tâm - Lê Hồng</p>"
    article = parse_page(HEAD, _page(f"{byline}<p><strong>{LEAD}</strong></p><p>{TEXT}</p><p>{MORE}</p>"))
    assert article.author == "Nguyễn Thanh Tâm, Lê Hồng"
    assert "Nguyễn Thanh Tâm" not in "\n".join(article.paragraphs)


def test_a_place_name_heading_the_body_in_plain_type_stays() -> None:
    article = parse_page(HEAD, _page(f"<p>Hà Nội</p><p>{TEXT}</p><p>{MORE}</p>"))
    assert article.paragraphs[0] == "Hà Nội"


@pytest.mark.parametrize("line", ["Theo Reuters, AFP", "Theo TTXVN", "Nguồn: Reuters"])
def test_a_wires_source_line_heading_a_story_leaves_the_body(line: str) -> None:
    article = parse_page(HEAD, _page(f"<p><strong>{line}</strong></p><p>{TEXT}</p><p>{MORE}</p>"))
    assert article.paragraphs == (TEXT, MORE)
    assert article.author is None


def test_a_sentence_opening_with_a_source_stays() -> None:
    first = "Theo Reuters, chính quyền đã sơ tán hơn 700.000 người khỏi các vùng ven biển trước khi bão đổ bộ."
    article = parse_page(HEAD, _page(f"<p>{first}</p><p>{TEXT}</p><p>{MORE}</p>"))
    assert article.paragraphs == (first, TEXT, MORE)


@pytest.mark.parametrize(
    ("line", "pointer"),
    [
        ("Chi tiết danh sách xem tại: www.vietnamreport.net.vn/bang-xep-hang", True),
        ("Đường dây nóng: 0236.3822.xxx", True),
        ("Tổng đài đặt lịch khám: (028) 54 11 33 33", True),
        ("Hồ sơ nộp trực tuyến tại: dichvucong.gov.vn, hạn chót là ngày 30/6", False),
        ("Kết quả: đội chủ nhà thắng 2-1", False),
        ("Xem tại www.x.vn", False),  # no label: a sentence's end is for the closing-note rules
        ("ĐĂNG KÝ THAM DỰ: https://forms.example.vn/hoi-thao-2017", False),  # an event's own call
    ],
)
def test_a_pointer_is_a_label_whose_value_is_only_an_address(line: str, pointer: bool) -> None:
    assert is_pointer(line) is pointer


def test_a_pointer_closing_the_body_leaves_it_with_its_link() -> None:
    pointer = "<p><b>Chi tiết danh sách xem tại:</b> <a href='#'>www.vietnamreport.net.vn/bang-xep-hang</a></p>"
    signature = "<p style='text-align:right'><b>Vietnam Report</b></p>"
    article = parse_page(HEAD, _page(f"<p>{TEXT}</p><p>{MORE}</p>{pointer}{signature}"))
    assert article.paragraphs == (TEXT, MORE)


@pytest.mark.parametrize("phone", ["(028) 54 11 33 33", "(04) 38544338", "(0236) 3822 115"])
def test_an_area_code_in_brackets_then_groups_is_a_phone(phone: str) -> None:
    assert gives_contact(f"Vui lòng gọi {phone}, nhánh 1310.")


def test_a_bold_booking_line_with_a_spaced_phone_closes_no_body() -> None:
    booking = ("<div class='fv-contact-box'><p><strong>Để đặt lịch khám Chấn thương chỉnh hình, vui lòng gọi "
               "(028) 54 11 33 33, nhánh 1310.</strong></p></div>")
    article = parse_page(HEAD, _page(f"<p>{TEXT}</p><p>{MORE}</p>{booking}"))
    assert article.paragraphs == (TEXT, MORE)
