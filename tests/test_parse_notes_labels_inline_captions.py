"""A "By" label in an element of its own, closing italic lines that send readers to a web address
or a phone, captions in a body of line breaks, camel-case caption classes and the credit under
them, a CMS's category and date lines left in the body, desks' initials with dots, a signature in
brackets, note boxes named by their modifier, a desk's sign-off in an author element, NukeViet's
lead (the 76th to 79th held-out rounds)."""

import pytest
from _parse_support import HEADLINE, LEAD, MORE, TEXT, parse_page

from vnextract.pipeline.parse.bylines import is_not_author, read_credit

HEAD = f"<title>{HEADLINE}</title>"
LAST = ("Huyện cũng hỗ trợ 50% kinh phí mua giống tôm sạch bệnh cho các hộ nghèo, cận nghèo tham gia mô "
        "hình, với tổng số tiền hơn 1,2 tỷ đồng trong năm nay.")


def article(inside: str) -> str:
    return f"<article><h1>{HEADLINE}</h1>{inside}</article>"


def test_a_by_label_in_an_element_of_its_own_is_no_author() -> None:
    byline = ("<div class='td-post-author-name'><div class='td-author-by'>By</div> <a href='/author/nvb/'>NVB</a>"
              "<div class='td-author-line'> - </div></div>")
    body = f"<article><header><h1>{HEADLINE}</h1>{byline}</header><p>{TEXT}</p><p>{MORE}</p></article>"
    # NVB signs for the site (its initials): no one is named
    assert parse_page(f"{HEAD}<meta property='og:site_name' content='Người Việt Boston'>", body).author is None


@pytest.mark.parametrize(
    "note",
    [
        "Thông tin chi tiết về quy định có bản tiếng Việt tại trang mass.gov/reopening.",
        "Mọi thông tin về tội phạm, đề nghị nhân dân báo ngay cho Công an huyện qua số điện thoại 0237.3863.114.",
    ],
)
def test_a_closing_italic_line_sending_readers_elsewhere_leaves_the_body(note: str) -> None:
    body = article(f"<p>{TEXT}</p><p>{MORE}</p><p><em>{note}</em></p>"
                   "<p style='text-align: right;'><strong>Hoàng Văn Sơn</strong></p>")
    page = parse_page(HEAD, body)
    assert (page.paragraphs, page.author) == ((TEXT, MORE), "Hoàng Văn Sơn")


def test_a_closing_italic_sentence_without_an_address_stays() -> None:
    quote = "Người dân trong xã đều mong mùa tôm năm sau cũng bội thu như năm nay."
    assert parse_page(HEAD, article(f"<p>{TEXT}</p><p>{MORE}</p><p><em>{quote}</em></p>")).paragraphs == (TEXT, MORE, quote)


def test_an_italic_run_under_a_photo_in_a_body_of_line_breaks_is_its_caption() -> None:
    caption = "Nông dân xã Phước Nam chăm sóc bắp lai trên chân ruộng lúa chuyển đổi."
    body = (f"<div class='title'>{HEADLINE}</div><div class='news-content'><div>{TEXT}<br><br>"
            f"<img src='/a.jpg'><br><span style='font-style:italic'>{caption}</span><br><br>{MORE}<br><br>{LAST}</div></div>")
    page = parse_page(HEAD, body)
    assert (page.paragraphs, page.captions) == ((TEXT, MORE, LAST), (caption,))


def test_a_camel_case_caption_class_and_the_credit_under_it() -> None:
    caption = "Chư tăng cử hành nghi lễ mộc dục tại chính điện chùa."
    photo = (f"<div class='itemImageBlock'><span class='itemImage'><img src='/a.jpg'></span>"
             f"<span class='itemImageCaption'>{caption}</span><span class='itemImageCredits'>Ảnh: Minh Khang</span></div>")
    body = f"<div class='itemView'><h2 class='itemTitle'>{HEADLINE}</h2><div class='itemFullText'><p>{TEXT}</p>{photo}<p>{MORE}</p><p>{LAST}</p></div></div>"
    page = parse_page(HEAD, body)
    assert (page.paragraphs, page.captions) == ((TEXT, MORE, LAST), (caption,))


def test_a_cms_category_and_date_lines_leave_the_body_and_the_lead_is_said_once() -> None:
    info = ("<dl class='article-info'><dt class='article-info-term'>Chi tiết</dt><dd class='category-name'>Chuyên mục: "
            "<a href='/the-thao'>Thể thao</a></dd><dd class='published'>Ngày đăng Thứ bảy, 26 Tháng 7 2014 16:05</dd></dl>")
    head = f"{HEAD}<meta name='description' content='{LEAD}'>"
    body = (f"<div class='item-page'><h2>{HEADLINE}</h2>{info}<p><strong>{LEAD}</strong></p>"
            f"<p>{TEXT}</p><p>{MORE}</p></div>")
    page = parse_page(head, body)
    assert (page.sapo, page.paragraphs) == (LEAD, (TEXT, MORE))


def test_a_sentence_holding_a_date_is_no_date_line() -> None:
    rule = "Luật có hiệu lực thi hành từ ngày 01/01/2014."
    assert parse_page(HEAD, f"<div class='content'><h1>{HEADLINE}</h1><p>{TEXT}</p><p>{MORE}</p><p>{rule}</p></div>").paragraphs == (TEXT, MORE, rule)


@pytest.mark.parametrize("initials", ["P.V", "PV", "C.T.V"])
def test_a_desks_initials_are_no_author(initials: str) -> None:
    assert is_not_author(initials)


def test_a_signature_in_brackets_names_its_writer() -> None:
    credit = read_credit("(Đ.Khoa)")
    assert credit is not None and credit.authors == ("Đ.Khoa",)
    assert parse_page(HEAD, article(f"<p>{TEXT}</p><p>{MORE}</p><p><em>(Đ.Khoa)</em></p>")).author == "Đ.Khoa"


def test_a_note_box_named_by_its_modifier_leaves_the_body() -> None:
    box = ("<div class='egov-box egov-box--warning'><p><strong>Khuyến cáo:</strong> Người dân không đi qua các ngầm "
           "tràn, khu vực nước chảy xiết trong thời gian mưa lũ.</p></div>")
    assert parse_page(HEAD, article(f"<p>{TEXT}</p>{box}<p>{MORE}</p>")).paragraphs == (TEXT, MORE)


def test_a_desks_sign_off_in_an_author_element_leaves_the_body() -> None:
    body = article(f"<div class='egov-article__body'><p>{TEXT}</p><p>{MORE}</p>"
                   "<p class='egov-article__author'>Văn phòng HĐND và UBND huyện</p></div>")
    assert parse_page(HEAD, body).paragraphs == (TEXT, MORE)


@pytest.mark.parametrize(
    ("lead", "body"),
    [
        # NukeViet's lead
        pytest.param("<div class='hometext m-bottom'>{}</div>", "<div id='news-bodyhtml' class='bodytext'>{}</div>",
                     id="nukeviet-hometext"),
        # a lead class with two suffix words
        pytest.param("<div class='summary-news-detail'>{}</div>", "<div class='content-news-detail'>{}</div>",
                     id="summary-news-detail"),
    ],
)
def test_a_lead_named_by_its_class(lead: str, body: str) -> None:
    head = f"{HEAD}<meta name='description' content='{LEAD[:70]}, khác với lời dẫn trên trang.'>"
    page = f"<div class='news'><h1 class='title'>{HEADLINE}</h1>{lead.format(LEAD)}{body.format(f'<p>{TEXT}</p><p>{MORE}</p>')}</div>"
    assert parse_page(head, page).sapo == LEAD


def test_a_closing_italic_byline_naming_a_site_address_still_signs() -> None:
    body = article(f"<p>{TEXT}</p><p>{MORE}</p><p style='text-align:right'><em>Minh Anh (theo vnexpress.net)</em></p>")
    assert parse_page(HEAD, body).author == "Minh Anh"
