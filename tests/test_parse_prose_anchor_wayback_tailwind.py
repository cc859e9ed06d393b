"""The body's start read as prose (not a sidebar's schedule), ranked names joined by a dash, a
unit of a place under the byline, AMP photos' captions, a logo's name and its English line, a
"trích yếu" lead, tables of contents, Tailwind's not-prose boxes and bold leads, note boxes, and
pages saved from the Wayback Machine (the 56th to 58th held-out rounds)."""

import pytest
from _parse_support import parse_page

from vnextract.pipeline.parse.bylines import is_workplace_line, read_credit

HEADLINE = "Xe khách lao xuống vực trên đèo, ba người bị thương nhẹ"
LEAD = ("Khoảng 14 giờ ngày 8/10, một xe khách chở 16 người đã mất lái lao xuống vực sâu khoảng 15 m "
        "trên đèo, lực lượng chức năng đã kịp thời cứu hộ các nạn nhân.")
TEXT = ("Nhận tin báo, lực lượng cảnh sát giao thông và cứu hộ đã có mặt, đưa ba người bị thương đến bệnh "
        "viện đa khoa huyện cấp cứu. Các hành khách còn lại đã được chuyển sang xe khác.")
MORE = ("Nguyên nhân ban đầu được xác định do xe mất phanh khi xuống dốc. Vụ việc đang được cơ quan chức "
        "năng tiếp tục điều tra làm rõ, đồng thời khuyến cáo các nhà xe kiểm tra phương tiện.")


def test_a_sidebar_schedule_before_the_headline_is_not_where_the_body_starts() -> None:
    sidebar = ("<td width='200' bgcolor='#f0f4fa'><b>LỊCH PHÁT SÓNG</b><br>06:00 Chào buổi sáng<br>11:30 Thời sự "
               "trưa<br>19:45 Thời sự tối<br>21:00 Phim truyện<br>22:30 Ca nhạc theo yêu cầu<br><br><b>LIÊN KẾT</b>"
               "<br><a href='#'>Đài Truyền hình Việt Nam</a><br><a href='#'>Đài Tiếng nói Việt Nam</a></td>")
    article = (f"<td><div class='ngaythang'>(GMT+7) 4:35 CH 8/10/2014</div><div class='tieude'>{HEADLINE}</div>"
               f"<div><b>{LEAD}</b></div><div class='noidung'><div>{TEXT}</div><div>{MORE}</div></div></td>")
    head = (f"<title>{HEADLINE} | Đài Truyền hình Tỉnh</title>"
            "<meta property='og:title' content='Xe khách lao xuống vực trên đèo'>")
    parsed = parse_page(head, f"<table><tr>{sidebar}{article}</tr></table>")
    assert parsed.title == HEADLINE
    assert parsed.published_at == "2014-10-08T16:35:00+07:00"


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("Trung tá Lê Hữu Phước - Thượng úy Trần Thị Kim Oanh", ("Lê Hữu Phước", "Trần Thị Kim Oanh")),
        ("Lê Hữu Phước - Trần Thị Kim Oanh - Nguyễn Văn An", ("Lê Hữu Phước", "Trần Thị Kim Oanh", "Nguyễn Văn An")),
    ],
)
def test_full_names_joined_by_a_dash(byline: str, authors: tuple[str, ...]) -> None:
    credit = read_credit(byline)
    assert credit is not None and credit.authors == authors


@pytest.mark.parametrize(
    ("line", "workplace"),
    [("Công an huyện Văn Lâm", True), ("Sở Y tế tỉnh Nam Định", True), ("Công an huyện đã bắt giữ đối tượng", False)],
)
def test_a_unit_of_a_place_is_a_workplace_line(line: str, workplace: bool) -> None:
    assert is_workplace_line(line) is workplace


def test_a_byline_over_the_writers_unit() -> None:
    body = (f"<h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p><p>{MORE}</p><p style='text-align: right;'>"
            "<strong>Đại úy Nguyễn Văn Quân</strong><br /><em>Công an huyện Văn Lâm</em></p></div>")
    assert parse_page(f"<title>{HEADLINE}</title>", body).author == "Nguyễn Văn Quân"


def test_an_amp_photos_caption_in_the_next_paragraph() -> None:
    body = (f"<h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p><amp-img src='a.jpg' width='800' height='450'>"
            "</amp-img><p><em>Hiện trường vụ tai nạn trên đèo. (Ảnh: TTXVN)</em></p>"
            f"<p>{MORE}</p></div>")
    article = parse_page(f"<title>{HEADLINE}</title>", body)
    assert article.paragraphs == (TEXT, MORE)


def test_a_logos_name_beside_its_english_line() -> None:
    head = f"<title>{HEADLINE}</title>"
    logo = ("<div class='nd-logo'><a href='/'><img src='/quochuy.png' alt=''></a><span class='nd-sitename'>CỔNG "
            "THÔNG TIN ĐIỆN TỬ TỈNH NAM ĐỊNH</span><span class='nd-siteen'>NAM DINH PROVINCE PORTAL</span></div>")
    footer = "<div class='footer'><p>CỔNG THÔNG TIN ĐIỆN TỬ TỈNH NAM ĐỊNH</p><p>Trang tin của Cổng thông tin điện tử tỉnh Nam Định</p></div>"
    body = f"{logo}<h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p><p>{MORE}</p></div>{footer}"
    assert parse_page(head, body).outlet == "Cổng thông tin điện tử tỉnh Nam Định"


def test_a_trich_yeu_block_is_the_lead() -> None:
    body = (f"<div class='tin-chitiet'><div class='tieude'>{HEADLINE}</div><div class='ngaydang'>Ngày đăng: "
            f"06/08/2014 09:12</div><div class='trichyeu'>{LEAD}</div><div class='noidung'><div>{TEXT}</div>"
            f"<div><br /></div><div>{MORE}</div></div></div>")
    assert parse_page(f"<title>{HEADLINE}</title>", body).sapo == LEAD


@pytest.mark.parametrize(
    "box",
    [
        ("<div class='ez-toc-container'><p class='ez-toc-title'>Nội dung chính</p><ul><li><a href='#1'>Nguyên "
         "nhân</a></li></ul></div>"),
        ("<div class='not-prose my-6 rounded-lg border-l-4 bg-red-50 p-4'><p class='font-bold'>Bạn đang quan tâm?"
         "</p><p>Gọi tổng đài tư vấn 1900 2026 để được hỗ trợ.</p></div>"),
        ("<div class='Detail_note__Hh3'><p><strong>Phòng tránh:</strong> Kiểm tra phanh xe trước khi đi đường đèo, "
         "không chở quá số người quy định.</p></div>"),
    ],
    ids=["table-of-contents", "tailwind-not-prose", "note-box"],
)
def test_contents_not_prose_and_note_boxes_leave_the_body(box: str) -> None:
    body = f"<h1>{HEADLINE}</h1><div class='entry-content'>{box}<p>{TEXT}</p><p>{MORE}</p></div>"
    assert parse_page(f"<title>{HEADLINE}</title>", body).paragraphs == (TEXT, MORE)


def test_a_lead_set_bold_by_a_utility_class() -> None:
    body = (f"<article><h1 class='mt-2 text-3xl font-bold'>{HEADLINE}</h1><p class='mt-4 text-lg font-semibold "
            f"text-gray-800'>{LEAD}</p><div class='prose prose-lg' id='article-body'><p>{TEXT}</p><p>{MORE}</p>"
            "</div></article>")
    head = f"<title>{HEADLINE}</title><meta name='description' content='Một xe khách lao xuống vực trên đèo.'>"
    assert parse_page(head, body).sapo == LEAD


def test_a_page_saved_from_the_wayback_machine_has_its_own_address() -> None:
    archived = "http://web.archive.org/web/20121015031422/http://xalo.vn/tin-tuc/thoi-su/bao-so-8-1382716.html"
    head = f"<title>{HEADLINE}</title><link rel='canonical' href='{archived}'>"
    body = f"<h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p><p>{MORE}</p></div>"
    article = parse_page(head, body)
    assert article.url == "http://xalo.vn/tin-tuc/thoi-su/bao-so-8-1382716.html"
