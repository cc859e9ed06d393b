"""A writer's workplace set under the byline, ASP.NET forms around a short article, bare acronym
prefixes opening the lead, a <title> that is a section's name, a forum thread's poster and an
italic caption after an image in its own wrapper (the 21st to 24th held-out rounds)."""

import pytest
from _parse_support import parse_page

from vnextract.pipeline.parse import furniture
from vnextract.pipeline.parse.bylines import is_workplace_line, read_credit

HEADLINE = "Dư nợ tín dụng nông nghiệp tăng đều qua các năm"
PARAGRAPHS = (
    ("Tính đến cuối tháng 6, dư nợ cho vay nông nghiệp, nông thôn của toàn hệ thống đạt khoảng "
     "850 nghìn tỷ đồng, chiếm gần một phần năm tổng dư nợ của nền kinh tế."),
    ("Việc tiếp cận vốn của hộ nông dân vẫn còn khó khăn do thiếu tài sản bảo đảm, quy mô sản xuất "
     "nhỏ lẻ và rủi ro thiên tai, dịch bệnh cao hơn các ngành khác."),
)
PROSE = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


@pytest.mark.parametrize(
    "line, expected",
    [
        pytest.param("Học viện Ngân hàng", True, id="academy"),
        pytest.param("Khoa Kinh tế, Trường Đại học Cần Thơ", True, id="faculty-and-university"),
        pytest.param("Trung tâm Y tế huyện Mỹ Đức.", True, id="centre-with-a-lowercase-unit"),
        pytest.param("Sở Y tế cho biết số ca mắc tăng", False, id="a-sentence"),
        pytest.param("Phòng chống dịch bệnh", False, id="a-verb-phrase"),
        pytest.param("Viện dẫn: Nghị định 41", False, id="a-colon"),
    ],
)
def test_a_workplace_line_is_a_name_not_a_sentence(line: str, expected: bool) -> None:
    assert is_workplace_line(line) is expected


@pytest.mark.parametrize(
    "byline",
    [
        pytest.param("<p style='text-align:right'><b>ThS. Nguyễn Thị Hồng Vân</b><br/><i>Học viện Ngân hàng</i></p>",
                     id="one-block-split-by-br"),
        pytest.param("<p style='text-align:right'><b>ThS. Nguyễn Thị Hồng Vân</b></p>"
                     "<p style='text-align:right'><i>Học viện Ngân hàng</i></p>", id="two-blocks"),
    ],
)
def test_the_workplace_under_a_byline_goes_with_it(byline: str) -> None:
    article = parse_page(f"<title>{HEADLINE}</title>", f"<article><h1>{HEADLINE}</h1>{PROSE}{byline}</article>")
    assert article.author == "Nguyễn Thị Hồng Vân"
    assert article.paragraphs == PARAGRAPHS


def test_a_workplace_line_without_a_byline_above_stays_text() -> None:
    body = f"<article><h1>{HEADLINE}</h1>{PROSE}<p>Học viện Ngân hàng</p></article>"
    article = parse_page(f"<title>{HEADLINE}</title>", body)
    assert article.author is None
    assert article.paragraphs[-1] == "Học viện Ngân hàng"


def test_an_aspnet_form_around_a_short_article_is_the_page() -> None:
    # The form holds less than half the page's text (long lists and a sidebar sit outside it),
    # but its view state says it is the page's own form, and the headline is inside it.
    lists = "".join(f"<li><a href='/tin/{n}.html'>Tin khác số {n} về các hoạt động của địa phương trong tuần</a></li>"
                    for n in range(40))
    body = (
        "<div class='main'><form name='aspnetForm' method='post' id='aspnetForm'>"
        "<input type='hidden' name='__VIEWSTATE' value='/wEPDwUKMTY1'/>"
        f"<h1 class='title'>{HEADLINE}</h1><div class='content'>{PARAGRAPHS[0]}<br/><br/>{PARAGRAPHS[1]}</div>"
        f"</form></div><div class='tin-khac'><h3>Các tin khác</h3><ul>{lists}</ul></div>"
    )
    article = parse_page(f"<title>{HEADLINE}</title>", body)
    assert article.title == HEADLINE
    assert article.paragraphs == PARAGRAPHS


def test_a_reader_form_is_still_furniture() -> None:
    form = "<form action='/gui-y-kien'><label>Họ tên</label><input name='ten'/><textarea></textarea><button>Gửi</button></form>"
    article = parse_page(f"<title>{HEADLINE}</title>", f"<article><h1>{HEADLINE}</h1>{PROSE}{form}</article>")
    assert article.paragraphs == PARAGRAPHS


@pytest.mark.parametrize(
    "lead, stripped",
    [
        pytest.param("PNTĐ-Trong tuần qua, cả nước ghi nhận thêm ca bệnh.", "Trong tuần qua, cả nước ghi nhận thêm ca bệnh.",
                     id="glued"),
        pytest.param("KTĐT - Sáng nay, thành phố khai mạc hội chợ.", "Sáng nay, thành phố khai mạc hội chợ.", id="spaced"),
        pytest.param("COVID-19 tiếp tục lan rộng ở nhiều nước.", "COVID-19 tiếp tục lan rộng ở nhiều nước.",
                     id="not-a-name-with-a-number"),
        pytest.param("HUẾ - Lễ hội khai mạc tối qua.", "HUẾ - Lễ hội khai mạc tối qua.", id="not-a-place-in-capitals"),
        pytest.param("WHO-khuyến cáo mới", "WHO-khuyến cáo mới", id="not-before-a-lowercase-word"),
    ],
)
def test_a_bare_acronym_with_its_dash_opens_a_lead(lead: str, stripped: str) -> None:
    assert furniture.strip_wire_prefix(lead) == stripped


def test_a_title_naming_a_section_is_not_the_outlet() -> None:
    head = "<title>Tin tức sự kiện</title>"
    body = (
        "<div class='menu'><a href='/Pages/default.aspx'>Trang chủ</a>"
        "<a href='/Pages/tin-tuc-su-kien.aspx'>Tin tức sự kiện</a></div>"
        f"<article><h1>{HEADLINE}</h1>{PROSE}</article>"
        "<div class='footer'><p>Cổng thông tin điện tử tỉnh Đồng Tháp</p>"
        "<p>Cơ quan chủ quản: Ủy ban nhân dân tỉnh Đồng Tháp</p></div>"
    )
    assert parse_page(head, body).outlet == "Cổng thông tin điện tử tỉnh Đồng Tháp"


def test_a_title_naming_the_home_link_is_the_outlet() -> None:
    head = "<title>Cổng thông tin điện tử huyện Tân Phước</title>"
    body = (
        "<div class='menu'><a href='/index.aspx'>Cổng thông tin điện tử huyện Tân Phước</a></div>"
        f"<article><h1>{HEADLINE}</h1>{PROSE}</article>"
    )
    assert parse_page(head, body).outlet == "Cổng thông tin điện tử huyện Tân Phước"


FORUM_BODY = (
    "<div class='p-title'><h1 class='p-title-value'>{headline}</h1></div>"
    "<div class='p-description'><a href='/members/duy-luan.1001/' class='username'>Duy Luân</a>"
    "<time datetime='2016-07-14T09:32:00+0700'>14/7/16</time></div>"
    "<article class='message'><div class='bbWrapper'>{first}<br><br>"
    "<div class='bbImageWrapper'><img src='/a.jpg' alt='a.jpg'></div><br>"
    "<i>Mặt lưng kim loại nguyên khối, cụm camera đặt chính giữa</i><br><br>{second}</div></article>"
    "<article class='message'><div class='message-name'><a class='username' href='/members/khach.77/'>Khách Vãng Lai</a></div>"
    "<div class='bbWrapper'>Máy đẹp quá, giá bao nhiêu vậy bác?</div></article>"
)


def test_a_forum_thread_gives_its_poster_and_its_photo_caption() -> None:
    body = FORUM_BODY.format(headline=HEADLINE, first=PARAGRAPHS[0], second=PARAGRAPHS[1])
    article = parse_page(f"<title>{HEADLINE}</title>", body)
    assert article.author == "Duy Luân"  # the first poster only, not the member who replied
    assert article.captions == ("Mặt lưng kim loại nguyên khối, cụm camera đặt chính giữa",)
    assert article.paragraphs[:2] == PARAGRAPHS


def test_a_byline_is_read_before_a_poster_name() -> None:
    body = (f"<article><h1>{HEADLINE}</h1><div class='author'>Minh Hoàng</div>{PROSE}"
            "<a class='username' href='/members/an.2/'>An Nhiên</a></article>")
    assert parse_page(f"<title>{HEADLINE}</title>", body).author == "Minh Hoàng"


@pytest.mark.parametrize(
    "line, authors",
    [
        pytest.param("Kiểm sát viên Nguyễn Thị Hằng - VKSND cấp cao tại Hà Nội", ("Nguyễn Thị Hằng",), id="procurator-and-unit"),
        pytest.param("Luật sư Trần Văn Bình", ("Trần Văn Bình",), id="lawyer"),
        pytest.param("Nghệ sĩ ưu tú Minh Châu", ("Minh Châu",), id="honorary-title"),
        pytest.param("Đức Anh/VOV Giao thông", ("Đức Anh",), id="outlet-desk-after-slash"),
        pytest.param("Đức Anh/VOV-Tây Nguyên", ("Đức Anh",), id="bureau-after-slash"),
        pytest.param("Hà Anh/TTXVN, Minh Tuấn/VOV miền Trung", ("Hà Anh", "Minh Tuấn"), id="two-credits-with-bureaus"),
    ],
)
def test_titles_before_names_and_bureaus_after_slashes(line: str, authors: tuple[str, ...]) -> None:
    credit = read_credit(line)
    assert credit is not None and credit.authors == authors


def test_a_profession_opening_a_sentence_is_not_a_byline() -> None:
    assert read_credit("Bác sĩ khuyến cáo người dân không tự ý dùng thuốc") is None


@pytest.mark.parametrize(
    "box",
    [
        pytest.param("<div class='MatchBox_box__q1'><div>Nam Định 2-1 Hải Phòng</div>"
                     "<div>Ghi bàn: Hendrio 38', Xuân Son 71'</div></div>", id="hashed-match-box"),
        pytest.param("<div class='lineup'><p>Đội hình xuất phát: Văn Lâm, Duy Mạnh, Quang Hải</p></div>", id="line-up"),
        pytest.param("<blockquote class='wp-block-quote'><p>“Hội An đẹp nhất là khi người dân và du khách cùng giữ "
                     "được sự bình yên của phố cổ”</p></blockquote>", id="pull-quote"),
    ],
)
def test_result_boxes_and_pull_quotes_leave_the_body(box: str) -> None:
    body = f"<article><h1>{HEADLINE}</h1><p>{PARAGRAPHS[0]}</p>{box}<p>{PARAGRAPHS[1]}</p></article>"
    assert parse_page(f"<title>{HEADLINE}</title>", body).paragraphs == PARAGRAPHS


def test_a_quoted_passage_with_its_source_stays() -> None:
    quote = ("Bức thư viết: “Chúng tôi mong các cơ quan chức năng sớm xem xét, giải quyết dứt điểm "
             "việc tranh chấp đất đai đã kéo dài nhiều năm ở thôn”.")
    body = f"<article><h1>{HEADLINE}</h1>{PROSE}<blockquote><p>{quote}</p></blockquote></article>"
    assert parse_page(f"<title>{HEADLINE}</title>", body).paragraphs == (*PARAGRAPHS, quote)


def test_an_old_page_logo_image_names_the_outlet() -> None:
    body = ("<table><tr><td><a href='/'><img src='/images/logo_ktnt.gif' alt='Báo Kinh tế Nông thôn'></a></td></tr>"
            f"<tr><td><h1>{HEADLINE}</h1>{PROSE}</td></tr></table>"
            "<p>BÁO KINH TẾ NÔNG THÔN - Cơ quan chủ quản: Hội Nông dân Việt Nam</p>")
    article = parse_page(f"<title>{HEADLINE}</title>", body)
    assert article.outlet == "Báo Kinh tế Nông thôn"
    # the layout table around the body holds the logo: no photo table, its paragraphs no captions
    assert article.paragraphs == PARAGRAPHS and article.captions == ()
