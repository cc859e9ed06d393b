"""A photo credit naming a unit and its place, an article's own footer holding the byline, an old
page's first paragraph in a block of its own, framed cells whose bold label holds its value, quote
blocks naming their speaker in an element of their own, a journal's review dates, a byline set
apart above the lead outside the body, a theme's subtitle lead (the 72nd to 75th held-out rounds)."""

import pytest
from _parse_support import HEADLINE, LEAD, MORE, TEXT, parse_page

from vnextract.pipeline.parse.bylines import read_credit

LAST = ("Huyện cũng hỗ trợ 50% kinh phí mua giống tôm sạch bệnh cho các hộ nghèo, cận nghèo tham gia mô "
        "hình, với tổng số tiền hơn 1,2 tỷ đồng trong năm nay.")
HEAD = f"<title>{HEADLINE}</title>"


@pytest.mark.parametrize("line", ["Ảnh: CATX Điện Bàn", "Ảnh: BĐBP Quảng Trị", "Ảnh: CAH Lạng Giang"])
def test_a_photo_credit_to_a_unit_and_its_place_names_no_author(line: str) -> None:
    credit = read_credit(line)
    assert credit is not None and credit.authors == () and credit.photo == (line.removeprefix("Ảnh: "),)


def test_a_unit_credited_for_the_photo_is_no_author_of_the_page() -> None:
    body = (f"<div class='itemView'><h2 class='itemTitle'>{HEADLINE}</h2><div class='itemImageBlock'>"
            "<img src='/a.jpg'><span class='itemImageCredits'>Ảnh: CATX Điện Bàn</span></div>"
            f"<div class='itemFullText'><p>{TEXT}</p><p>{MORE}</p>"
            "<p style='text-align: right;'><strong>Đại úy Nguyễn Thanh Tùng - Công an thị xã Điện Bàn</strong></p>"
            "</div></div>")
    assert parse_page(HEAD, body).author == "Nguyễn Thanh Tùng"


def test_an_articles_own_footer_gives_its_byline() -> None:
    body = (f"<article><header><h1>{HEADLINE}</h1></header><div class='entry-content'><p>{TEXT}</p><p>{MORE}</p>"
            "</div><footer class='entry-footer'><div class='author-line'>Tác giả: <span class='author vcard'>"
            "Khánh Linh</span></div><div class='tags-links'>Thẻ: <a href='/tag/a'>nông nghiệp</a></div></footer>"
            "</article><footer class='site-footer'><p class='author'>Ban Biên tập</p></footer>")
    assert parse_page(HEAD, body).author == "Khánh Linh"


def test_an_old_pages_first_paragraph_in_a_block_of_its_own() -> None:
    # the first block scores less than a quarter of the block of line breaks, as much as one of its paragraphs
    rest = [MORE, LAST, LEAD, TEXT.replace("4.300", "5.100"), MORE.replace("thả giống", "xuống giống"),
            LAST.replace("1,2 tỷ", "900 triệu"), LEAD.replace("năm nay", "vừa qua")]
    content = (f"<div><font face='Arial' size='2'>{TEXT}</font></div><div><font><br></font></div>"
               f"<div><font face='Arial' size='2'>{'<br><br>'.join(rest)}</font></div>")
    body = f"<table><tr><td class='title'>{HEADLINE}</td></tr><tr><td><div class='content'>{content}</div></td></tr></table>"
    assert parse_page(HEAD, body).paragraphs == (TEXT, *rest)


def test_a_framed_cell_whose_bold_label_holds_its_value_leaves_the_body() -> None:
    box = ("<table width='90%' border='1' bgcolor='#FFFFE0'><tr><td><strong>Đường dây nóng phòng chống dịch: "
           "0439.714.543</strong><br>Các đơn vị báo cáo ổ dịch mới xin gửi về hòm thư của Viện trước 16 giờ."
           "</td></tr></table>")
    body = f"<div class='news'><h1>{HEADLINE}</h1><p>{TEXT}</p><p>{MORE}</p>{box}<p>{LAST}</p></div>"
    assert parse_page(HEAD, body).paragraphs == (TEXT, MORE, LAST)


@pytest.mark.parametrize(
    "quote",
    [
        pytest.param("<blockquote class='wp-block-quote'><p>\"Thành tích này là kết quả của cả một năm tập luyện "
                     "nghiêm túc.\"</p><cite>Trưởng đoàn vận động viên Đại học Đà Nẵng</cite></blockquote>", id="cite"),
        pytest.param("<blockquote class='quote'><p>“Doanh nghiệp cần kiểm soát chặt vùng trồng và cơ sở đóng gói.”</p>"
                     "<p class='quote__author'>Ông Đặng Văn Nguyên, Tổng Thư ký Hiệp hội Rau quả Việt Nam</p>"
                     "</blockquote>", id="author-paragraph"),
    ],
)
def test_a_quote_box_naming_its_speaker_apart_leaves_the_body(quote: str) -> None:
    body = f"<article><h1>{HEADLINE}</h1><p>{TEXT}</p>{quote}<p>{MORE}</p></article>"
    assert parse_page(HEAD, body).paragraphs == (TEXT, MORE)


def test_a_quoted_letter_with_its_writer_stays() -> None:
    letter = ("<blockquote><p>Tôi là nông dân ở xã ven biển, năm nay gia đình tôi thu hoạch được 3 tấn tôm và "
              "4 tấn lúa, lãi hơn mọi năm. Tôi mong huyện tiếp tục hỗ trợ giống để bà con yên tâm sản xuất, "
              "không phải vay nóng như trước, và mong có thêm lớp tập huấn kỹ thuật nuôi tôm.</p>"
              "<cite>Ông Nguyễn Văn Tư, xã An Thủy</cite></blockquote>")
    body = f"<article><h1>{HEADLINE}</h1><p>{TEXT}</p>{letter}<p>{MORE}</p></article>"
    assert "Tôi là nông dân" in " ".join(parse_page(HEAD, body).paragraphs)


def test_a_journals_review_dates_leave_the_body() -> None:
    dates = "<p><em>Ngày nhận bài: 12-5-2017; Ngày bình duyệt: 20-6-2017; Ngày duyệt đăng: 3-7-2017.</em></p>"
    body = f"<article><h1>{HEADLINE}</h1><p>{TEXT}</p><p>{MORE}</p>{dates}</article>"
    assert parse_page(HEAD, body).paragraphs == (TEXT, MORE)


def test_a_byline_set_apart_above_the_lead_outside_the_body() -> None:
    intro = ("<div class='itemIntroText'><p style='text-align: right;'><strong>TS Nguyễn Thị Phương Thảo</strong>"
             "<br><em>Viện Văn hóa và Phát triển,<br>Học viện Chính trị quốc gia Hồ Chí Minh</em></p>"
             f"<p><strong>{LEAD}</strong></p></div>")
    body = (f"<div class='itemView'><h2 class='itemTitle'>{HEADLINE}</h2><div class='itemBody'>{intro}"
            f"<div class='itemFullText'><p>{TEXT}</p><p>{MORE}</p><p>{LAST}</p></div></div></div>")
    article = parse_page(HEAD, body)
    assert (article.author, article.sapo, article.paragraphs) == ("Nguyễn Thị Phương Thảo", LEAD, (TEXT, MORE, LAST))


def test_a_bold_lead_above_the_body_is_no_byline() -> None:
    lead = "<div class='summary-box'><p><strong>Chiến dịch được triển khai tại 188 trạm y tế xã từ ngày 5/9.</strong></p></div>"
    body = f"<div class='detail'><h1>{HEADLINE}</h1>{lead}<div class='content'><p>{TEXT}</p><p>{MORE}</p></div></div>"
    assert parse_page(HEAD, body).author is None


def test_a_themes_post_subtitle_is_the_lead() -> None:
    head = f"{HEAD}<meta name='description' content='{LEAD[:60]}, khác với lời dẫn.'>"
    body = (f"<div class='jeg_inner_content'><h1 class='jeg_post_title'>{HEADLINE}</h1>"
            f"<h2 class='jeg_post_subtitle'>{LEAD}</h2><div class='content-inner'><p>{TEXT}</p><p>{MORE}</p></div></div>")
    assert parse_page(head, body).sapo == LEAD
