"""Class modifiers that name no furniture ("no-share"), the site signing where a byline goes,
Central Highlands names, long outlet names in a byline's bracket, plain blockquotes the article
says once, shop cards, Q&A and booking boxes, captions in the paragraph under a photo, a byline
after a photo block, and an old page's headline in a bold font run (the 53rd to 55th held-out
rounds)."""

import pytest
from _parse_support import parse_page

from vnextract.pipeline.parse import furniture
from vnextract.pipeline.parse.bylines import read_credit

HEADLINE = "Động đất mạnh rung chuyển vùng sa mạc phía nam bang California"
TEXT = ("Một trận động đất mạnh 6,4 độ xảy ra sáng thứ Năm tại vùng sa mạc Mojave, cách Los Angeles khoảng "
        "150 dặm về phía bắc, khiến nhiều căn nhà ở thị trấn Ridgecrest bị nứt tường và mất điện.")
MORE = ("Cơ quan Khảo sát Địa chất cho biết rung chấn được cảm nhận tới tận Las Vegas. Chưa có báo cáo về "
        "thương vong nghiêm trọng, nhưng giới chức cảnh báo các dư chấn có thể tiếp tục trong nhiều ngày tới.")


@pytest.mark.parametrize("token", ["no-share", "with-sidebar", "has-comments", "hide-related"])
def test_a_modifier_token_names_no_furniture(token: str) -> None:
    assert not furniture.is_furniture_class([token])
    assert furniture.is_furniture_class([token.split("-", 1)[1]])


def test_a_brief_in_a_no_share_body_is_read() -> None:
    head = (f"<title>{HEADLINE} – Viễn Đông Daily News</title>"
            "<meta property='article:published_time' content='2019-07-04T17:35:12-07:00'>")
    body = (f"<div class='entry-header'><h1 class='jeg_post_title'>{HEADLINE}</h1></div>"
            f"<div class='entry-content no-share'><div class='content-inner'><p>{TEXT}</p><p>{MORE}</p></div></div>")
    assert parse_page(head, body).paragraphs == (TEXT, MORE)


def test_the_site_signing_where_a_byline_goes_is_not_cut_into_a_name() -> None:
    head = f"<title>{HEADLINE} - Thời Báo</title><meta property='og:site_name' content='Thời Báo'>"
    body = (f"<h1>{HEADLINE}</h1><span class='author vcard'>Thời Báo</span>"
            f"<div class='content'><p>{TEXT}</p><p>{MORE}</p></div>")
    assert parse_page(head, body).author is None


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("Rơ Mah Hưng – Thanh Nhã", ("Rơ Mah Hưng", "Thanh Nhã")),
        ("Ksor Y Phôn - Hồng Thi", ("Ksor Y Phôn", "Hồng Thi")),
        ("Nay Y Ble", ("Nay Y Ble",)),
        ("Thu Hà Reuters", ("Thu Hà",)),  # a wire's name after a name is still its source
        ("Ngọc Diệp (Báo và Phát thanh, Truyền hình Khánh Hòa)", ("Ngọc Diệp",)),  # a long outlet name
    ],
)
def test_central_highlands_names_and_long_outlet_brackets(byline: str, authors: tuple[str, ...]) -> None:
    credit = read_credit(byline)
    assert credit is not None and credit.authors == authors


def test_a_drupal_author_field_with_a_rank() -> None:
    body = (f"<h1>{HEADLINE}</h1><div class='node__meta'><span class='field field--name-uid'><span>Đại úy Phạm "
            f"Quốc Bảo</span></span> <span class='node-date'>Thứ Sáu, 17/03/2023 - 11:20</span></div>"
            f"<div class='content'><p>{TEXT}</p><p>{MORE}</p></div>")
    assert parse_page(f"<title>{HEADLINE}</title>", body).author == "Phạm Quốc Bảo"


# the article's own quotation runs on (a short lone sentence in a blockquote is one set apart)
QUOTE = ("“Việc ghép hai ca cùng ngày đòi hỏi phối hợp rất chặt chẽ, nhất là khâu gây mê và hồi sức sau mổ. "
         "Đến nay cả bốn người đều hồi phục tốt.”")


def test_a_plain_blockquote_said_nowhere_else_is_the_articles() -> None:
    body = f"<h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p><blockquote><p>{QUOTE}</p></blockquote><p>{MORE}</p></div>"
    assert parse_page(f"<title>{HEADLINE}</title>", body).paragraphs == (TEXT, QUOTE, MORE)


def test_a_plain_blockquote_repeating_the_text_is_a_pull_quote() -> None:
    said = f"Bác sĩ trưởng khoa cho biết: {QUOTE}"
    body = (f"<h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p><blockquote><p>{QUOTE}</p></blockquote>"
            f"<p>{said}</p><p>{MORE}</p></div>")
    assert parse_page(f"<title>{HEADLINE}</title>", body).paragraphs == (TEXT, said, MORE)


@pytest.mark.parametrize(
    "box",
    [
        ("<div class='product-card'><span class='pc-name'>Sữa rửa mặt dịu nhẹ cho da nhạy cảm</span>"
         "<span class='pc-price'>Giá tham khảo: 395.000 VNĐ</span><a rel='sponsored' href='#'>Mua ngay</a></div>"),
        ("<div class='box-hoidap'><b>Bạn có biết?</b> Kính viễn vọng hoạt động ở điểm Lagrange L2, cách Trái đất "
         "khoảng 1,5 triệu km.</div>"),
        ("<div class='BookingCTA_root__s8YwE'><p>Để đặt lịch khám, Quý khách vui lòng bấm số HOTLINE hoặc đặt lịch "
         "trực tiếp trên ứng dụng.</p></div>"),
    ],
    ids=["product-card", "qa-box", "booking-cta"],
)
def test_shop_qa_and_booking_boxes_leave_the_body(box: str) -> None:
    body = f"<h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p>{box}<p>{MORE}</p></div>"
    assert parse_page(f"<title>{HEADLINE}</title>", body).paragraphs == (TEXT, MORE)


@pytest.mark.parametrize(
    "photo",
    [
        "<div class='imgbox'><img src='a.jpg'><div class='imgcaption'>Dư chấn làm nứt tường nhà dân.</div></div>",
        "<p><img src='a.jpg'></p><p><em>Dư chấn làm nứt tường nhà dân.</em></p>",
    ],
    ids=["imgcaption-class", "italic-paragraph-under-the-photo"],
)
def test_a_caption_leaves_the_body_for_the_captions(photo: str) -> None:
    body = f"<h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p>{photo}<p>{MORE}</p></div>"
    article = parse_page(f"<title>{HEADLINE}</title>", body)
    assert article.paragraphs == (TEXT, MORE)
    assert article.captions == ("Dư chấn làm nứt tường nhà dân.",)


def test_a_byline_after_a_photo_block_under_the_text() -> None:
    body = (f"<div class='NewsTitle'>{HEADLINE}</div><div class='NewsBody'><div><span>{TEXT}</span></div>"
            f"<div><span>{MORE}</span></div><div style='text-align:center'><img src='a.jpg'><br/><em>Nhà dân bị "
            "nứt tường.</em></div><div style='text-align:right'><span><strong>Tin, ảnh: Ngọc Hân</strong></span></div></div>")
    assert parse_page(f"<title>{HEADLINE}</title>", body).author == "Ngọc Hân"


def test_an_old_pages_headline_in_a_bold_font_run_beside_a_site_name_in_the_title() -> None:
    head = f"<title>e-CHÍP Online - {HEADLINE}</title>"
    body = (f"<table><tr><td><font size='4' color='#CC0000'><b>{HEADLINE}</b></font><br/><br/>"
            f"<font size='2'>{TEXT}<br/><br/>{MORE}</font></td></tr></table>")
    assert parse_page(head, body).title == HEADLINE


NOTE = ("Trước khi lắp ổ mới, người dùng nên kiểm tra bo mạch chủ có hỗ trợ chế độ AHCI và cổng SATA II trở lên; "
        "trên máy cũ cần căn chỉnh phân vùng để tránh giảm tốc độ.")


@pytest.mark.parametrize(
    ("cell", "kept"),
    [
        (f"<font size='2'><b>Lưu ý khi nâng cấp:</b> {NOTE}</font>", False),  # a labelled note: a box
        (f"<p>{NOTE}</p>", True),  # a framed paragraph with no label: the article's
    ],
)
def test_a_framed_cell_opening_with_a_bold_label_is_a_note_box(cell: str, kept: bool) -> None:
    frame = f"<table width='90%' bgcolor='#F3F3F3' border='1' cellpadding='6'><tr><td>{cell}</td></tr></table>"
    body = f"<h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p>{frame}<p>{MORE}</p></div>"
    paragraphs = parse_page(f"<title>{HEADLINE}</title>", body).paragraphs
    assert paragraphs == ((TEXT, NOTE, MORE) if kept else (TEXT, MORE))


THIRD = ("Lực lượng cứu hộ đã có mặt tại hiện trường từ sáng sớm, phối hợp với chính quyền địa phương "
         "kiểm tra các công trình công cộng và hỗ trợ người dân dọn dẹp nhà cửa.")


@pytest.mark.parametrize(
    ("block", "kept"),
    [
        ("<div class='khung-nhanh'><b>Số liệu nhanh:</b> 3 người bị thương, 12 căn nhà hư hỏng.</div>", False),
        ("<div class='goi-y'><a href='/a'>Dư chấn có thể kéo dài nhiều ngày</a></div>", False),
        ("<div class='text-center'>Dư chấn mạnh nhất đo được 5,4 độ lúc 6 giờ sáng.</div>", True),  # a look, not a box
        ("<div>Dư chấn mạnh nhất đo được 5,4 độ lúc 6 giờ sáng.</div>", True),  # no class: a paragraph
    ],
    ids=["classed-box", "classed-link-box", "layout-class", "no-class"],
)
def test_a_classed_block_between_the_paragraphs_is_a_box(block: str, kept: bool) -> None:
    body = f"<h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p>{block}<p>{MORE}</p><p>{THIRD}</p></div>"
    paragraphs = parse_page(f"<title>{HEADLINE}</title>", body).paragraphs
    assert (len(paragraphs) == 4) is kept
    assert paragraphs[0] == TEXT and paragraphs[-2:] == (MORE, THIRD)
