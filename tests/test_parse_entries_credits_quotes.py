"""Articles cut into alike blocks (live reports, e-magazine sections), author boxes with the
writer's workplace, e-magazine credits blocks, quote boxes with their speaker and an opinion
column's disclaimer, republished articles' credits and links to their original, schedule boxes
and names set in capitals (the 25th to 28th held-out rounds)."""

import pytest
from _parse_support import parse_page

from vnextract.pipeline.parse import furniture
from vnextract.pipeline.parse.bylines import read_credit

HEADLINE = "Trực tiếp: bão số 11 đổ bộ vào các tỉnh miền Trung"
ENTRIES = (
    "Tâm bão đã đi vào đất liền các tỉnh Thừa Thiên - Huế, Quảng Nam, gió giật mạnh làm nhiều cây xanh bật gốc.",
    "Tại Đà Nẵng, mưa lớn kèm gió giật cấp 10, lực lượng chức năng cấm phương tiện qua cầu Thuận Phước.",
    "Ban Chỉ huy phòng chống thiên tai tỉnh Quảng Nam cho biết đã sơ tán hơn 30.000 hộ dân vùng ven biển.",
)
SAPO = ("Báo cập nhật liên tục diễn biến của cơn bão số 11 khi tâm bão tiến sát đất liền các tỉnh từ "
        "Quảng Bình đến Quảng Ngãi, với sức gió mạnh nhất cấp 12, giật cấp 14.")


def _live_list(entry: str) -> str:
    return "".join(entry.format(time=f"1{n}:00", text=text) for n, text in enumerate(ENTRIES))


@pytest.mark.parametrize(
    "live",
    [
        pytest.param("<div class='live-list'>" + _live_list(
            "<div class='live-entry'><div class='live-time'>{time}</div><div class='live-content'><p>{text}</p></div></div>")
            + "</div>", id="div-entries"),
        pytest.param("<table class='live'>" + _live_list(
            "<tr><td class='live-time'><b>{time}</b></td><td class='live-item'><font size='2'>{text}</font></td></tr>")
            + "</table>", id="table-rows"),
    ],
)
def test_a_live_report_keeps_every_entry(live: str) -> None:
    body = f"<div class='detail'><h1>{HEADLINE}</h1><div class='detail-sapo'>{SAPO}</div>{live}</div>"
    article = parse_page(f"<title>{HEADLINE}</title>", body)
    assert article.sapo == SAPO
    assert article.paragraphs == ENTRIES


def test_an_emagazine_keeps_every_section_and_its_credits_byline() -> None:
    sections = "".join(
        f"<section class='e-section full-width'><div class='parallax'></div><div class='e-inner'>"
        f"<h2 class='e-heading'>Phần {n + 1}</h2><p>{text}</p></div></section>"
        for n, text in enumerate(ENTRIES))
    credits = ("<div class='emag-credit'><p>Nội dung: Hoài Thương</p><p>Ảnh: Lê Trọng Khang</p>"
               "<p>Thiết kế: Minh Đức</p></div>")
    body = f"<h1>{HEADLINE}</h1><div class='emag-body'>{sections}{credits}</div>"
    article = parse_page(f"<title>{HEADLINE}</title>", body)
    assert [p for p in article.paragraphs if not p.startswith("Phần")] == list(ENTRIES)
    assert article.author == "Hoài Thương"  # not the photographer, not the designer


def test_a_grid_of_teasers_is_no_live_report() -> None:
    article_text = "".join(f"<p>{text} {text}</p>" for text in ENTRIES)
    grid = "<div class='grid'>" + "".join(
        f"<div class='item'><h3><a href='/{n}.html'>Tin khác số {n} về thời tiết cả nước</a></h3>"
        f"<div class='item-sapo'>{SAPO} Bản tin số {n}.</div></div>" for n in range(3)) + "</div>"
    body = f"<article><h1>{HEADLINE}</h1>{article_text}</article>{grid}"
    article = parse_page(f"<title>{HEADLINE}</title>", body)
    assert article.paragraphs == tuple(f"{text} {text}" for text in ENTRIES)


def test_the_next_article_loaded_below_is_not_a_section() -> None:
    first = "".join(f"<p>{text}</p>" for text in ENTRIES)
    body = (f"<div class='stream'><div class='story'><h1>{HEADLINE}</h1><div class='story-body'>{first}</div></div>"
            "<div class='story'><h1>Giá xăng giảm lần thứ ba liên tiếp</h1><div class='story-body'>"
            f"<p>{SAPO}</p></div></div></div>")
    assert parse_page(f"<title>{HEADLINE}</title>", body).paragraphs == ENTRIES


def test_an_author_box_with_the_writer_s_workplace() -> None:
    box = ("<div class='author-box'><img src='/a.jpg' alt=''><div class='author-info'><b>ThS. Nguyễn Thị Minh Nguyệt</b>"
           "<br><i>Học viện Chính trị khu vực III</i></div></div>")
    body = f"<article><h1>{HEADLINE}</h1>{box}" + "".join(f"<p>{t}</p>" for t in ENTRIES) + "</article>"
    assert parse_page(f"<title>{HEADLINE}</title>", body).author == "Nguyễn Thị Minh Nguyệt"


def test_a_photo_s_credit_is_no_byline() -> None:
    figure = ("<figure><img src='/a.jpg'><figcaption>Thủ tướng New Zealand tại cuộc họp báo "
              "<span class='credit'>Source: AAP</span></figcaption></figure>")
    body = f"<article><h1>{HEADLINE}</h1>{figure}" + "".join(f"<p>{t}</p>" for t in ENTRIES) + "</article>"
    assert parse_page(f"<title>{HEADLINE}</title>", body).author is None


@pytest.mark.parametrize(
    "line, sources",
    [
        pytest.param("Source: AAP", ("AAP",), id="english-label"),
        pytest.param("Theo AAP", ("AAP",), id="an-agency-after-theo"),
    ],
)
def test_an_agency_is_a_source_not_an_author(line: str, sources: tuple[str, ...]) -> None:
    credit = read_credit(line)
    assert credit is not None and credit.authors == () and credit.sources == sources


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("“Chỉ cần một em nhỏ nhớ được tiếng trống chầu là đủ” NSƯT Phan Thị Hoa", True, id="with-speaker"),
        pytest.param("“Hội An đẹp nhất là khi người dân cùng giữ sự bình yên”", True, id="alone"),
        pytest.param("Bức thư viết: “Chúng tôi mong các cơ quan chức năng sớm giải quyết dứt điểm”.", False,
                     id="introduced-in-a-sentence"),
    ],
)
def test_a_pull_quote(text: str, expected: bool) -> None:
    assert furniture.is_pull_quote(text) is expected


def test_a_quote_box_with_its_speaker_leaves_the_body() -> None:
    quote = ("<div class='em-quote'><p>“Chỉ cần một em nhỏ nhớ được tiếng trống chầu là chúng tôi đã thấy "
             "xứng đáng”</p><span>NSƯT Phan Thị Hoa</span></div>")
    body = f"<article><h1>{HEADLINE}</h1><p>{ENTRIES[0]}</p>{quote}<p>{ENTRIES[1]}</p></article>"
    assert parse_page(f"<title>{HEADLINE}</title>", body).paragraphs == ENTRIES[:2]


def test_an_opinion_column_s_disclaimer_leaves_the_body() -> None:
    body = (f"<article><h1>{HEADLINE}</h1>" + "".join(f"<p>{t}</p>" for t in ENTRIES)
            + "<p><em>Bài viết thể hiện quan điểm riêng của tác giả.</em></p></article>")
    assert parse_page(f"<title>{HEADLINE}</title>", body).paragraphs == ENTRIES


@pytest.mark.parametrize(
    "banner, expected",
    [
        pytest.param("<a href='/'><img src='/images/banner_vks.jpg' alt='Viện kiểm sát nhân dân tối cao'></a>",
                     "Cổng thông tin điện tử Viện kiểm sát nhân dân tối cao", id="the-institution-on-the-banner"),
        pytest.param("", None, id="no-case-given-anywhere"),
    ],
)
def test_a_footer_name_in_capitals_is_written_as_readers_write_it(banner: str, expected: str | None) -> None:
    body = (f"<div id='header'>{banner}</div><article><h1>{HEADLINE}</h1>"
            + "".join(f"<p>{t}</p>" for t in ENTRIES) + "</article>"
            "<div id='footer'><p>CỔNG THÔNG TIN ĐIỆN TỬ VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO</p>"
            "<p>Địa chỉ: Số 9 Phạm Văn Bạch, Cầu Giấy, Hà Nội</p></div>")
    assert parse_page(f"<title>{HEADLINE}</title>", body).outlet == expected


@pytest.mark.parametrize(
    "line, authors, sources",
    [
        pytest.param("Theo Tiến Hưng - Đức Trí (Người Lao Động)", ("Tiến Hưng", "Đức Trí"), ("Người Lao Động",),
                     id="two-writers-after-theo"),
        pytest.param("Theo Hà Anh - Dân trí", ("Hà Anh",), ("Dân trí",), id="writer-and-outlet-after-theo"),
        pytest.param("Minh Ngọc - Cổng GTĐT Hà Nội", ("Minh Ngọc",), (), id="portal-after-dash"),
    ],
)
def test_republished_credits(line: str, authors: tuple[str, ...], sources: tuple[str, ...]) -> None:
    credit = read_credit(line)
    assert credit is not None and credit.authors == authors and credit.sources == sources


def test_a_link_to_the_original_after_the_byline() -> None:
    body = (f"<article><h1>{HEADLINE}</h1>" + "".join(f"<p>{t}</p>" for t in ENTRIES)
            + "<p style='text-align:right'><strong>Theo Thanh Hùng/VietNamNet</strong></p>"
            "<p><em>Xem bài gốc tại: <a href='https://vietnamnet.vn/a.html'>vietnamnet.vn</a></em></p></article>")
    article = parse_page(f"<title>{HEADLINE}</title>", body)
    assert article.author == "Thanh Hùng"
    assert article.paragraphs == ENTRIES


def test_a_schedule_box_leaves_the_body() -> None:
    box = ("<div class='schedule-box'><p><strong>Lịch thi đấu vòng bảng</strong></p>"
           "<p>9/12: Lào - Việt Nam</p><p>15/12: Việt Nam - Indonesia</p></div>")
    body = f"<article><h1>{HEADLINE}</h1><p>{ENTRIES[0]}</p>{box}<p>{ENTRIES[1]}</p></article>"
    assert parse_page(f"<title>{HEADLINE}</title>", body).paragraphs == ENTRIES[:2]


@pytest.mark.parametrize(
    "logo, footer, expected",
    [
        pytest.param("THƯ VIỆN PHÁP LUẬT", "© 2026 Thư Viện Pháp Luật", "Thư Viện Pháp Luật", id="words-in-capitals"),
        pytest.param("BNEWS", "Bản quyền thuộc về BNEWS", "BNEWS", id="an-acronym-stays"),
    ],
)
def test_a_logo_in_capitals_is_named_as_the_page_writes_it(logo: str, footer: str, expected: str) -> None:
    head = f"<title>{HEADLINE} | {logo}</title>"
    body = (f"<header><a href='/' class='logo'><span>{logo}</span></a></header><article><h1>{HEADLINE}</h1>"
            + "".join(f"<p>{t}</p>" for t in ENTRIES) + f"</article><footer><p>{footer}</p></footer>")
    assert parse_page(head, body).outlet == expected


def test_the_byline_after_the_body_s_wrappers() -> None:
    body = (f"<div class='box10'><h1>{HEADLINE}</h1><div class='content'><div>"
            + "<br><br>".join(f"<span>{t}</span>" for t in ENTRIES)
            + "</div></div><div style='text-align:right;font-weight:bold'>Ngọc Tú</div>"
            "<div class='social'><a href='#'>Facebook</a></div></div>")
    article = parse_page(f"<title>{HEADLINE}</title>", body)
    assert article.author == "Ngọc Tú"
    assert article.paragraphs == ENTRIES


def test_an_outlet_s_lead_tag_in_the_author_box_is_no_author() -> None:
    body = (f"<article><h1>{HEADLINE}</h1><div class='detail-author-top'><span>TTO</span></div>"
            + "".join(f"<p>{t}</p>" for t in ENTRIES) + "</article>")
    assert parse_page(f"<title>{HEADLINE}</title>", body).author is None


@pytest.mark.parametrize(
    "line, authors",
    [
        pytest.param("(Đỗ Dzũng) [qd]", ("Đỗ Dzũng",), id="bracketed-with-editor-initials"),
        pytest.param("Văn Lan [đ.d.]", ("Văn Lan",), id="editor-initials-after-the-name"),
    ],
)
def test_an_overseas_paper_s_signature(line: str, authors: tuple[str, ...]) -> None:
    credit = read_credit(line)
    assert credit is not None and credit.authors == authors


@pytest.mark.parametrize("line", ["(Hà Nội)", "(TTXVN)", "(Ảnh minh họa)"])
def test_a_bracket_alone_is_no_signature(line: str) -> None:
    credit = read_credit(line)
    assert credit is None or not credit.authors


def test_a_site_name_holding_a_dash_leaves_the_title() -> None:
    site = "Cổng thông tin - giao tiếp điện tử tỉnh Vĩnh Phúc"
    body = (f"<table><tr><td><h1 class='logo-text'>{site}</h1></td></tr><tr><td>"
            f"<font size='3'><b>{HEADLINE}</b></font><br><font size='1'>Ngày 28/07/2012</font>"
            + "".join(f"<p>{t}</p>" for t in ENTRIES)
            + "<div class='tinkhac'><ul><li><a href='/1.html'>Xử phạt nhiều trường hợp xả thải ra môi trường</a>"
            "<span class='date'>(04/12/2013)</span></li></ul></div></td></tr></table>")
    article = parse_page(f"<title>{HEADLINE} - {site}</title>", body)
    assert article.title == HEADLINE
    assert article.published_at == "2012-07-28"  # the dateline under the headline, not a listed link's


def test_a_gallery_s_title_leaves_the_body_with_its_photos() -> None:
    gallery = ("<div class='gallery-box'><div class='gallery-title'>Ảnh sự kiện</div><div class='gallery-item'>"
               "<img src='/a.jpg'><p class='gallery-caption'>Khách tham quan xem mô hình Nhà hát Lớn</p></div></div>")
    body = f"<article><h1>{HEADLINE}</h1><p>{ENTRIES[0]}</p>{gallery}<p>{ENTRIES[1]}</p></article>"
    article = parse_page(f"<title>{HEADLINE}</title>", body)
    assert article.paragraphs == ENTRIES[:2]
    assert article.captions == ("Khách tham quan xem mô hình Nhà hát Lớn",)


@pytest.mark.parametrize(
    "block, kept",
    [
        pytest.param("<blockquote class='quote'><p>\"Các cầu thủ đã không bỏ cuộc sau bàn thua sớm\", HLV đội chủ "
                     "nhà nói sau trận.</p></blockquote>", False, id="a-quote-box-with-its-attribution"),
        pytest.param("<blockquote><p>“Trước đây thả giống trôi nổi nên tôm hay bị bệnh, năm nay tôm lớn đều”, "
                     "anh Tèo nói.</p></blockquote>", True, id="a-plain-blockquote-the-article-says"),
    ],
)
def test_a_quote_with_its_speaker_goes_only_from_a_quote_box(block: str, kept: bool) -> None:
    body = f"<article><h1>{HEADLINE}</h1><p>{ENTRIES[0]}</p>{block}<p>{ENTRIES[1]}</p></article>"
    paragraphs = parse_page(f"<title>{HEADLINE}</title>", body).paragraphs
    assert (len(paragraphs) == 3) is kept and paragraphs[0] == ENTRIES[0] and paragraphs[-1] == ENTRIES[1]


@pytest.mark.parametrize(
    "line, expected",
    [
        pytest.param("LUYỆN THI ĐẠI HỌC 2021 - Học trực tuyến cùng thầy cô giỏi, đăng ký ngay!", True, id="advert"),
        pytest.param("Người dân cần đăng ký ngay khi có triệu chứng sốt cao.", False, id="a-sentence-of-the-article"),
    ],
)
def test_an_order_to_act_now_is_an_advert(line: str, expected: bool) -> None:
    assert furniture.is_promo(line) is expected


@pytest.mark.parametrize(
    "ending",
    [
        pytest.param("<p style='text-align:right'><strong>Tin, ảnh: Minh Hiền</strong></p>"
                     "<p><em>(*) Theo chương trình cho vay tái canh cà phê, lãi suất 7%/năm.</em></p>", id="footnote-after"),
        pytest.param("<p style='text-align:right'><strong>Bài, ảnh: Minh Hiền</strong></p>"
                     "<p><em>Nguồn: Ban Tổ chức Press Cup 2026</em></p>", id="source-line-after"),
        pytest.param("<p style='text-align:right'><strong>Minh Hiền</strong></p>"
                     "<p>(Tòa soạn sẽ tiếp tục thông tin về vụ việc)</p>", id="newsroom-note-after"),
    ],
)
def test_notes_after_the_byline_leave_the_body(ending: str) -> None:
    body = f"<article><h1>{HEADLINE}</h1>" + "".join(f"<p>{t}</p>" for t in ENTRIES) + ending + "</article>"
    article = parse_page(f"<title>{HEADLINE}</title>", body)
    assert article.author == "Minh Hiền"
    assert article.paragraphs == ENTRIES


@pytest.mark.parametrize("name, author", [("Thượng úy Hoàng Minh Tuấn", "Hoàng Minh Tuấn"), ("Bảo Trâm", "Bảo Trâm")])
def test_a_bold_byline_glued_to_the_last_paragraph(name: str, author: str) -> None:
    body = (f"<article><h1>{HEADLINE}</h1>" + "".join(f"<p>{t}</p>" for t in ENTRIES[:-1])
            + f"<p>{ENTRIES[-1]} <strong>{name}</strong></p></article>")
    article = parse_page(f"<title>{HEADLINE}</title>", body)
    assert article.author == author
    assert article.paragraphs == ENTRIES


def test_a_bold_phrase_closing_a_sentence_is_no_byline() -> None:
    last = "Người dân được khuyến cáo theo dõi bản tin của <strong>Trung tâm Dự báo</strong>"
    body = f"<article><h1>{HEADLINE}</h1>" + "".join(f"<p>{t}</p>" for t in ENTRIES) + f"<p>{last}</p></article>"
    article = parse_page(f"<title>{HEADLINE}</title>", body)
    assert article.author is None and article.paragraphs[-1].endswith("Trung tâm Dự báo")


def test_a_hotline_table_and_a_fieldset_note_leave_the_body_and_the_lead() -> None:
    boxes = ("<table border='1' bordercolor='#cc0000' bgcolor='#fff8e0'><tr><td><b>Đường dây nóng Công an tỉnh "
             "Nghệ An: 069.2.878.113</b></td></tr></table>"
             "<fieldset style='border:1px solid #999'><legend>Chú thích</legend><p>Họa sĩ Nguyễn Văn Thiện "
             "(1930 - 2009) từng có 7 năm gắn bó với chiến trường Trường Sơn.</p></fieldset>")
    body = f"<article><h1>{HEADLINE}</h1><p>{ENTRIES[0]}</p>{boxes}<p>{ENTRIES[1]}</p><p>{ENTRIES[2]}</p></article>"
    article = parse_page(f"<title>{HEADLINE}</title>", body)
    assert article.sapo is None
    assert article.paragraphs == ENTRIES


def test_the_signature_naming_more_writers_than_the_byline_element() -> None:
    body = (f"<div class='itemView'><h2 class='itemTitle'>{HEADLINE}</h2><span class='itemAuthor'>Viết bởi "
            "<a rel='author' href='/u/73'>Quốc Thanh</a></span><div class='itemFullText'>"
            + "".join(f"<p>{t}</p>" for t in ENTRIES)
            + "<p style='text-align: right;'><strong>Quốc Thanh - Minh Trí</strong></p></div></div>")
    assert parse_page(f"<title>{HEADLINE}</title>", body).author == "Quốc Thanh, Minh Trí"


def test_an_office_signature_before_a_read_more_line_leaves_the_body() -> None:
    body = (f"<h1>{HEADLINE}</h1><div class='ms-rtestate-field'>" + "".join(f"<div>{t}</div>" for t in ENTRIES)
            + "<div style='text-align:right'><strong>Trung tâm Thông tin - Bộ Tài chính</strong></div>"
            "<div><em>Xem thêm: Báo cáo công khai ngân sách quý III/2014</em></div></div>")
    article = parse_page(f"<title>{HEADLINE}</title>", body)
    assert article.paragraphs == ENTRIES and article.author is None


def test_a_match_card_leaves_the_body() -> None:
    card = "<div class='MatchCard_root__b1'><div>Thép Xanh Nam Định 2 - 1 Becamex TP.HCM</div></div>"
    body = f"<article><h1>{HEADLINE}</h1><p>{ENTRIES[0]}</p>{card}<p>{ENTRIES[1]}</p></article>"
    assert parse_page(f"<title>{HEADLINE}</title>", body).paragraphs == ENTRIES[:2]


def test_a_domain_shaped_lead_tag() -> None:
    assert furniture.strip_wire_prefix("SGTT.VN - Chỉ trong ba tuần, giá heo hơi giảm.") == "Chỉ trong ba tuần, giá heo hơi giảm."


def test_a_station_named_with_a_dash_keeps_its_whole_name() -> None:
    station = "Đài Phát thanh - Truyền hình Hà Tĩnh"
    body = (f"<header><a href='/' class='logo'><img src='/logo.png' alt='{station}'></a></header>"
            f"<article><h1>{HEADLINE}</h1>" + "".join(f"<p>{t}</p>" for t in ENTRIES) + "</article>"
            f"<footer><p>{station} - Cơ quan chủ quản: UBND tỉnh Hà Tĩnh</p></footer>")
    assert parse_page(f"<title>{HEADLINE} - {station}</title>", body).outlet == station


@pytest.mark.parametrize(
    "box",
    [
        pytest.param("<div class='alert alert-info'><i>Tin tiếp theo được phát lúc 11 giờ 00 ngày 01/7/2020.</i></div>",
                     id="bootstrap-alert"),
        pytest.param("<blockquote class='Detail_note__w'><p>Thông tin trong bài chỉ mang tính tham khảo, không phải "
                     "khuyến nghị đầu tư.</p></blockquote>", id="investment-disclaimer"),
    ],
)
def test_a_note_box_closing_the_body_leaves_it(box: str) -> None:
    body = f"<article><h1>{HEADLINE}</h1>" + "".join(f"<p>{t}</p>" for t in ENTRIES) + box + "</article>"
    assert parse_page(f"<title>{HEADLINE}</title>", body).paragraphs == ENTRIES
