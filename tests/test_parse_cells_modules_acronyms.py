"""An ASP.NET cell of spans (headline, date, lead), CSS-modules class names, a site's initials or
a station's name where a byline goes, a section's name in the <title>, and owner statements that
refer to the site or shout its name (the 47th to 49th held-out rounds)."""

import json

import pytest
from _parse_support import parse_page

from vnextract.pipeline.parse.bylines import read_credit
from vnextract.pipeline.parse.furniture import token_words

HEADLINE = "Xét xử lưu động vụ án mua bán trái phép chất ma túy tại huyện miền núi"
LEAD = ("Ngày 3/9, tại hội trường UBND xã, Tòa án nhân dân huyện phối hợp với Viện Kiểm sát nhân dân "
        "huyện tổ chức phiên tòa hình sự sơ thẩm xét xử lưu động đối với một bị cáo.")
TEXT = ("Theo cáo trạng, khoảng 14 giờ ngày 17/4, tại khu vực cầu treo của thôn, bị cáo đang bán hai gói "
        "heroin cho một người nghiện thì bị lực lượng Công an huyện bắt quả tang cùng tang vật.")
MORE = ("Tại phiên tòa, bị cáo khai nhận toàn bộ hành vi phạm tội. Hội đồng xét xử tuyên phạt bị cáo "
        "bảy năm tù, đồng thời tuyên truyền pháp luật cho hơn 200 người dân đến dự.")


def test_a_cell_of_spans_gives_its_headline_span_not_a_sidebar_box_title() -> None:
    sidebar = ("<td class='left'><div class='lb-title'>TIN TỨC - SỰ KIỆN</div><ul><li><a href='/a'>Tin trong tỉnh</a>"
               "</li></ul><div class='lb-title'>ĐƯỜNG DÂY NÓNG</div><p>Văn phòng: 0209.3870.111</p></td>")
    cell = (f"<td><span class='TieuDe'>{HEADLINE}</span><br/><span class='NgayDang'>(04/09/2015)</span><br/><br/>"
            f"<span class='TomTat'><b>{LEAD}</b></span><br/><span class='NoiDung'><div>{TEXT}</div>"
            f"<div>{MORE}</div></span></td>")
    head = f"<title>Cổng thông tin điện tử tỉnh Miền Núi - {HEADLINE}</title>"
    article = parse_page(head, f"<table><tr>{sidebar}{cell}</tr></table>")
    assert article.title == HEADLINE
    assert article.paragraphs == (TEXT, MORE)


@pytest.mark.parametrize(
    ("token", "words"),
    [
        ("Detail_sapo__v9TgB", "detail-sapo"),  # Next.js's "file_local__hash"
        ("styles_related__3xK9a", "styles-related"),
        ("Article_sapo__s9", "article-sapo"),  # a shorter hash
        ("article__content", "article--content"),  # a BEM element keeps its word
        ("Home_box__abcde", "home-box--abcde"),  # no digit, no capital: not a hash
    ],
)
def test_a_css_modules_hash_is_no_word_of_the_class(token: str, words: str) -> None:
    assert token_words(token) == words


def test_a_lead_in_a_css_modules_class_is_the_lead() -> None:
    body = (f"<main><h1 class='Detail_title__Xy12a'>{HEADLINE}</h1><h2 class='Detail_sapo__v9TgB'>{LEAD}</h2>"
            f"<div class='Detail_content__Q8kLm'><p>{TEXT}</p><p>{MORE}</p></div></main>")
    article = parse_page(f"<title>{HEADLINE} | Báo Thử Nghiệm</title>", body)
    assert article.sapo == LEAD
    assert article.paragraphs == (TEXT, MORE)


def test_the_sites_initials_as_the_json_ld_author_give_way_to_the_byline() -> None:
    node = {"@type": "NewsArticle", "headline": HEADLINE, "author": {"@type": "Person", "name": "DĐDN"},
            "publisher": {"@type": "Organization", "name": "Diễn đàn Doanh nghiệp"}}
    ld = f'<script type="application/ld+json">{json.dumps(node, ensure_ascii=False)}</script>'
    head = f"<title>{HEADLINE} - Diễn đàn Doanh nghiệp</title>{ld}"
    body = (f"<h1>{HEADLINE}</h1><div class='content'><p>DĐDN - {LEAD}</p><p>{TEXT}</p><p>{MORE}</p>"
            "<p style='text-align:right'><strong>Hoài Thu</strong></p></div>")
    assert parse_page(head, body).author == "Hoài Thu"


@pytest.mark.parametrize("station", ["Đài PT-TH Vĩnh Phúc", "Đài PTTH Hà Giang", "Đài Phát thanh và Truyền hình Nam Định"])
def test_a_station_named_where_a_byline_goes_is_no_author(station: str) -> None:
    credit = read_credit(station)
    assert credit is not None and credit.authors == ()
    body = f"<h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p><p>{MORE}</p></div>"
    article = parse_page(f"<title>{HEADLINE}</title><meta name='author' content='{station}'>", body)
    assert article.author is None


def test_a_writer_at_a_station_keeps_the_name() -> None:
    credit = read_credit("Minh Hà - Đài PT-TH Vĩnh Phúc")
    assert credit is not None and credit.authors == ("Minh Hà",)


def test_a_section_echoed_by_its_menu_and_box_does_not_name_the_site() -> None:
    head = f"<title>{HEADLINE} - Tin tức sự kiện - Cổng thông tin điện tử huyện Tân Lạc</title>"
    body = ("<ul class='menu'><li><a href='/web/guest/tin-tuc-su-kien'>Tin tức sự kiện</a></li></ul>"
            "<section class='portlet'><header class='portlet-topper'><h2>Tin tức sự kiện</h2></header>"
            f"<h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p><p>{MORE}</p></div></section>")
    assert parse_page(head, body).outlet == "Cổng thông tin điện tử huyện Tân Lạc"


def test_a_footer_referring_to_the_site_and_shouting_its_name() -> None:
    head = (f"<title>{HEADLINE}</title><meta name='description' content='Công an tỉnh Tuyên Quang triệt phá "
            "đường dây mua bán trái phép chất ma túy.'>")
    footer = ("<div class='catq-footer'><p>CỔNG THÔNG TIN ĐIỆN TỬ CÔNG AN TỈNH TUYÊN QUANG</p>"
              "<p>Ghi rõ nguồn khi phát hành lại thông tin từ Cổng thông tin điện tử này.</p></div>")
    body = f"<h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p><p>{MORE}</p></div>{footer}"
    assert parse_page(head, body).outlet == "Cổng thông tin điện tử Công an tỉnh Tuyên Quang"
