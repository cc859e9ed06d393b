"""Q&A pages, headlines with a dash of their own, DNN modules of spans, framed notes with long
labels, ranks and bare degrees, Tailwind callouts, a byline sharing its line with the date,
photos in nested wrappers, a journal article's byline and references, bylines closing a body of
line breaks, papers signing as "X Báo", alignment classes and bold lead lines in old cells (the
59th to 61st held-out rounds)."""

import pytest
from _parse_support import HEADLINE, LEAD, MORE, TEXT, parse_page

from vnextract.pipeline.parse.bylines import read_credit


def test_a_headline_classed_tieudetin() -> None:
    body = (f"<div class='tieudetin'><span class='af_outputText'>{HEADLINE}</span></div>"
            f"<div class='noidungtin'><p>{TEXT}</p><p>{MORE}</p></div>")
    assert parse_page("<title>Ngân hàng Nhà nước Việt Nam</title>", body).title == HEADLINE


def test_a_headline_holding_a_dash_beside_a_left_column_box_title() -> None:
    left = ("<td><div class='box-left'><div class='box-title'>Thông tin cần biết</div><ul><li><a href='#'>Lịch "
            "tiếp công dân</a></li></ul></div></td>")
    module = (f"<td><div class='DnnModule-NewsDetail'><span class='news-title'>{HEADLINE}</span><div class='news-date'>"
              f"Ngày đăng: 12/05/2014 09:15</div><span class='news-summary'><b>{LEAD[:110]}.</b></span>"
              f"<div class='news-content'><p>{TEXT}</p><p>{MORE}</p></div></div></td>")
    head = f"<title>Cổng thông tin điện tử tỉnh Bạc Liêu - {HEADLINE}</title>"
    assert parse_page(head, f"<table><tr>{left}{module}</tr></table>").title == HEADLINE


QUESTION = ("Tôi được tuyển dụng vào viên chức tại một trường tiểu học công lập từ tháng 9/2019, thời gian tập "
            "sự 12 tháng. Xin hỏi thời gian tập sự có được tính để xét nâng bậc lương không?")


def test_a_qa_page_gives_the_question_then_the_answer_and_no_site_description_as_lead() -> None:
    head = ("<title>Thời gian tập sự có được tính nâng bậc lương?</title>"
            "<meta name='description' content='Hỏi đáp chính sách - Cổng Thông tin điện tử Bộ Nội vụ'>")
    body = ("<h3>Thời gian tập sự có được tính nâng bậc lương?</h3>"
            f"<div class='qa-question'><span class='lbl-q'>Câu hỏi:</span><div class='q-content'>{QUESTION}</div></div>"
            f"<div class='qa-answer'><span class='lbl-a'>Trả lời:</span><div class='a-content'><p>{TEXT}</p>"
            f"<p>{MORE}</p></div></div>")
    article = parse_page(head, body)
    assert article.paragraphs == (QUESTION, TEXT, MORE)
    assert article.sapo is None


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("Thiếu tá, BSCKII Trần Quốc Việt - Khoa Cấp cứu", ("Trần Quốc Việt",)),
        ("TS Nguyễn Văn An", ("Nguyễn Văn An",)),
        ("Việt Báo", ()),  # a paper signing: no name ends with "Báo"
        ("Thời Báo", ()),
    ],
)
def test_ranks_bare_degrees_and_papers_signing(byline: str, authors: tuple[str, ...]) -> None:
    credit = read_credit(byline)
    assert credit is not None and credit.authors == authors


@pytest.mark.parametrize(
    "box",
    [
        ("<table border='1' bgcolor='#f3f8fc' width='90%'><tr><td><font size='2'><b>Số điện thoại trực ban phòng "
         "chống lụt bão:</b> Văn phòng thường trực: 024.3733 5686</font></td></tr></table>"),
        ("<div class='my-6 border-l-4 border-emerald-600 bg-emerald-50 p-4'><p><strong>Lời khuyên của bác sĩ:"
         "</strong> Đội mũ bảo hiểm đạt chuẩn, không lái xe khi đã uống rượu bia.</p></div>"),
    ],
    ids=["framed-note-long-label", "tailwind-callout"],
)
def test_framed_notes_and_callouts_leave_the_body(box: str) -> None:
    body = f"<h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p>{box}<p>{MORE}</p></div>"
    assert parse_page(f"<title>{HEADLINE}</title>", body).paragraphs == (TEXT, MORE)


def test_a_byline_sharing_its_line_with_the_date() -> None:
    body = (f"<h1>{HEADLINE}</h1><div class='author-date'>LS. Võ Thanh Bình &ndash; Ngày đăng: 2016-09-27</div>"
            f"<div class='content'><p>{TEXT}</p><p>{MORE}</p></div>")
    assert parse_page(f"<title>{HEADLINE}</title>", body).author == "Võ Thanh Bình"


def test_a_caption_after_a_photo_in_nested_wrappers() -> None:
    photo = ("<div class='media media-element-container'><div class='file file-image'><img src='a.jpg'></div></div>"
             "<p><em>Nông dân thu hoạch tôm trên ruộng lúa.</em></p>")
    body = f"<h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p>{photo}<p>{MORE}</p></div>"
    article = parse_page(f"<title>{HEADLINE}</title>", body)
    assert article.paragraphs == (TEXT, MORE)
    assert article.captions == ("Nông dân thu hoạch tôm trên ruộng lúa.",)


def test_a_journal_articles_byline_over_its_workplace_and_its_references() -> None:
    body = (f"<h1>{HEADLINE}</h1><div class='td-post-content'><p><em><strong>ThS. Phạm Minh Đức</strong></em><br />"
            f"<em>Học viện Hành chính Quốc gia</em></p><p>{TEXT}</p><p>{MORE}</p><p><strong>Tài liệu tham khảo:</strong>"
            "<br />1. Báo cáo Chỉ số năng lực cạnh tranh cấp tỉnh năm 2016. H. NXB Lao động, 2017.</p></div>")
    article = parse_page(f"<title>{HEADLINE}</title>", body)
    assert article.author == "Phạm Minh Đức"
    assert article.paragraphs == (TEXT, MORE)


def test_a_bold_name_closing_a_body_of_line_breaks_is_its_byline() -> None:
    body = f"<h1>{HEADLINE}</h1><div class='s5-content'>{TEXT}<br /><br />{MORE}<br /><br /><b>Minh Phương</b></div>"
    article = parse_page(f"<title>{HEADLINE}</title>", body)
    assert article.author == "Minh Phương"
    assert article.paragraphs == (TEXT, MORE)


def test_a_desk_signing_in_a_text_right_block_leaves_the_body() -> None:
    body = (f"<h2>{HEADLINE}</h2><div class='content'><p>{TEXT}</p><p>{MORE}</p>"
            "<p class='text-right'><strong>Phòng Văn hóa và Thông tin quận</strong></p></div>")
    article = parse_page(f"<title>{HEADLINE}</title>", body)
    assert article.paragraphs == (TEXT, MORE)
    assert article.author is None


def test_a_bold_lead_line_in_an_old_cell() -> None:
    cell = (f"<td><font size='4'><b>{HEADLINE}</b></font><br><font size='1'>(GMT+7) 9:12 SA 15/3/2012</font><br><br>"
            f"<font size='2'><b>QTV - {LEAD}</b></font><table><tr><td><img src='a.jpg'></td></tr></table>"
            f"<div class='noidung'><font size='2'>{TEXT}<br><br>{MORE}</font></div></td>")
    article = parse_page(f"<title>{HEADLINE}</title>", f"<table><tr>{cell}</tr></table>")
    assert article.sapo == LEAD
    assert article.paragraphs == (TEXT, MORE)


# The 62nd to 64th held-out rounds: wire lines, short office names under a byline, forum threads,
# translators' credits and a section's "other articles" heading under the text.


@pytest.mark.parametrize(
    ("line", "authors", "sources"),
    [
        ("Theo Hãng thông tấn Trung ương (CNA)", (), ("Trung ương (CNA)",)),
        ("Theo AP (Thu Trang dịch)", ("Thu Trang",), ("AP",)),
        ("Thu Hà (lược dịch)", ("Thu Hà",), ()),
    ],
)
def test_wire_lines_and_translators(line: str, authors: tuple[str, ...], sources: tuple[str, ...]) -> None:
    credit = read_credit(line)
    assert credit is not None and credit.authors == authors and credit.sources == sources


def test_a_byline_over_a_short_office_name() -> None:
    body = (f"<h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p><p>{MORE}</p><p style='text-align: right;'>"
            "<strong>ThS. Lê Thu Hằng</strong><br /><em>Phòng Công tác xã hội</em></p></div>")
    assert parse_page(f"<title>{HEADLINE}</title>", body).author == "Lê Thu Hằng"


def test_a_forum_threads_first_post() -> None:
    post = (f"<div class='mainContainer_noSidebar'><div class='titleBar'><h1>{HEADLINE}</h1><p id='pageDescription' "
            "class='muted pageDescription'>Thảo luận trong 'Tin tức' bắt đầu bởi OTOFUN NEWS, 3/6/18.</p></div>"
            "<form class='InlineModForm section'><ol class='messageList'><li class='message'><div class='messageContent'>"
            f"<article><blockquote class='messageText SelectQuoteContainer ugc baseHtml'><b>{LEAD}</b><br />{TEXT}"
            f"<br />{MORE}<br /><span style='color: #808080'><i>Nguồn tổng hợp</i></span></blockquote></article>"
            "</div></li><li class='message'><div class='messageContent'><article><blockquote class='messageText'>"
            "Đoạn này đêm thiếu đèn chiếu sáng, rất dễ bị tông đuôi.</blockquote></article></div></li></ol></form></div>")
    head = f"<title>{HEADLINE} | OTOFUN</title><meta name='description' content='{LEAD[:80]}...'>"
    article = parse_page(head, post)
    assert article.sapo == LEAD
    assert article.paragraphs[:2] == (TEXT, MORE) and "Nguồn tổng hợp" not in article.paragraphs


def test_a_sections_other_articles_heading_ends_the_text_above_a_right_aligned_credit() -> None:
    body = (f"<h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p><p>{MORE}</p><p align='right'><b>Theo AP (Thu "
            "Trang dịch)</b></p><hr><p><b>Tin Thế Giới khác:</b></p><p><a href='/a'>Bão lớn đổ bộ vào miền nam "
            "Nhật Bản</a></p></div>")
    article = parse_page(f"<title>{HEADLINE}</title>", body)
    assert article.author == "Thu Trang"
    assert article.paragraphs == (TEXT, MORE)


@pytest.mark.parametrize(
    ("line", "furniture_line"),
    [("Thế Giới > Châu Mỹ", True), ("Trang chủ » Tin tức » Kinh tế", True),
     ("Giá vàng > 50 triệu đồng, người dân đổ xô mua", False)],
)
def test_a_breadcrumb_left_in_the_body_is_furniture(line: str, furniture_line: bool) -> None:
    from vnextract.pipeline.parse.furniture import is_furniture

    assert is_furniture(line) is furniture_line


# The 65th held-out round: a wire's two-word name, the site signing "by", a commune officer's post
# and a contact line under an overseas paper's article.


@pytest.mark.parametrize(
    ("line", "authors"),
    [("Theo RIA Novosti", ()), ("Lê Thị Hoa - Văn hóa xã", ("Lê Thị Hoa",)), ("Hà Anh, phóng viên", ("Hà Anh",))],
)
def test_wires_and_posts(line: str, authors: tuple[str, ...]) -> None:
    credit = read_credit(line)
    assert credit is not None and credit.authors == authors


def test_the_site_signing_by_in_the_meta_line_and_a_contact_line() -> None:
    head = f"<title>{HEADLINE} | Việt Tide</title><meta property='og:site_name' content='Việt Tide'>"
    body = (f"<h1>{HEADLINE}</h1><div class='jeg_meta_author'><span>by</span> <a href='/author/viettide/'>Việt Tide"
            f"</a></div><div class='content'><p>{TEXT}</p><p>{MORE}</p><p><em>Liên lạc tòa soạn Việt Tide: (714) "
            "555-0186 hoặc email tinbai@viettide.example</em></p></div>")
    article = parse_page(head, body)
    assert article.author is None
    assert article.paragraphs == (TEXT, MORE)


# The 66th and 67th held-out rounds: Elementor's wrappers, a photo story's byline, credits to a
# club's photos, a correction notice and a readers' tip-off box.


def test_elementors_widget_wrappers_hold_the_article_not_furniture() -> None:
    body = (f"<div class='elementor-element elementor-widget-theme-post-title'><h1 class='elementor-heading-title'>"
            f"{HEADLINE}</h1></div><div class='elementor-widget-theme-post-content'><p>{TEXT}</p><p>{MORE}</p>"
            "<p style='text-align: right;'><strong>Tin: Minh Thư – Ảnh: CLB Truyền thông</strong></p></div>"
            "<div class='elementor-widget-posts'><article><h3><a href='/a'>Khai mạc giải bóng đá sinh viên năm "
            "nay</a></h3></article></div>")
    head = f"<title>{HEADLINE} - Trường Đại học</title><meta property='og:title' content='Nông dân trúng vụ tôm'>"
    article = parse_page(head, body)
    assert article.title == HEADLINE
    assert article.author == "Minh Thư"


@pytest.mark.parametrize(
    ("meta_line", "author"),
    [
        ("<div class='pg-meta'><span class='pg-author'>Ảnh: Minh Khang</span> - <span>14/08/2016 15:20</span></div>",
         "Minh Khang"),  # a photo story credits its photographer alone
        (("<figure><img src='a.jpg'><figcaption>Nông dân thu hoạch.<span class='author'>Ảnh: Minh Khang</span>"
          "</figcaption></figure>"), None),  # a photo's own credit is no byline
    ],
)
def test_a_photo_storys_byline_and_a_photos_credit(meta_line: str, author: str | None) -> None:
    body = f"<h1>{HEADLINE}</h1>{meta_line}<div class='content'><p>{TEXT}</p><p>{MORE}</p></div>"
    assert parse_page(f"<title>{HEADLINE}</title>", body).author == author


@pytest.mark.parametrize(
    "note",
    [
        "<p style='color:#900'><i>Đính chính: Trong bản đăng lúc 6 giờ sáng nay, số liệu xuất khẩu bị ghi nhầm.</i></p>",
        "<div class='box-luu-y'><p><b>Bạn đọc có thông tin về các vụ lừa đảo xin gửi về hòm thư của tòa soạn.</b></p></div>",
    ],
    ids=["correction", "tip-off-box"],
)
def test_a_correction_notice_and_a_tip_off_box_leave_the_body(note: str) -> None:
    body = f"<h1>{HEADLINE}</h1><div class='content'>{note}<p>{TEXT}</p><p>{MORE}</p></div>"
    assert parse_page(f"<title>{HEADLINE}</title>", body).paragraphs == (TEXT, MORE)


def test_a_desk_signing_in_bold_under_the_text_leaves_the_body() -> None:
    body = (f"<h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p><p>{MORE}</p>"
            "<p><strong>Phòng Công tác xã hội</strong></p></div>")
    article = parse_page(f"<title>{HEADLINE}</title>", body)
    assert article.paragraphs == (TEXT, MORE)
    assert article.author is None


# The 70th held-out round: a NukeViet credits box after the text and a match's result box.


def test_a_credits_box_after_the_text_gives_its_first_paragraphs_byline() -> None:
    body = (f"<h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p><p>{MORE}</p></div><div class='margin-bottom-lg'>"
            "<p class='h5 text-right'><strong>Tác giả bài viết: </strong>Văn Bình</p><p class='h5 text-right'>"
            "<strong>Nguồn tin: </strong>Văn phòng HĐND-UBND huyện</p></div>")
    assert parse_page(f"<title>{HEADLINE}</title>", body).author == "Văn Bình"


def test_a_match_box_in_the_body() -> None:
    box = ("<div class='detail_match__B0p'><div class='detail_matchTitle__k'>Kết quả vòng 14</div><p>Công an Hà Nội "
           "3-0 Đà Nẵng</p></div>")
    body = f"<h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p>{box}<p>{MORE}</p></div>"
    assert parse_page(f"<title>{HEADLINE}</title>", body).paragraphs == (TEXT, MORE)
