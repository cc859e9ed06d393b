"""Agency-only source lines, posts after a byline name, signature blocks of notices, document
headings, breadcrumb <title>s, bold leads of old table pages, site footers with a prefix, quote
boxes and owner statements given as description (the seventh and eighth held-out rounds)."""

import pytest
from _parse_support import parse_page

from vnextract.pipeline.parse import furniture
from vnextract.pipeline.parse.bylines import is_signature_line, read_credit

HEADLINE = "Xe khách lao xuống ruộng trên quốc lộ, 11 hành khách bị thương"
LEAD = "Khoảng 5 giờ sáng 16/3, một xe khách giường nằm mất lái, lao xuống ruộng lúa ven đường, 11 hành khách bị thương."
PARAGRAPHS = (
    ("Theo thông tin ban đầu, xe khách do tài xế Lê Văn T. điều khiển chạy tuyến Lao Bảo - Hà Nội, "
     "khi đến đoạn đường cong thì mất lái, lao qua dải phân cách rồi xuống ruộng."),
    ("Nghe tiếng động mạnh, người dân địa phương chạy đến đập vỡ kính, đưa các hành khách ra ngoài "
     "và gọi xe cấp cứu đưa người bị thương vào bệnh viện đa khoa tỉnh."),
)
PROSE = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


@pytest.mark.parametrize(
    "line, authors, sources",
    [
        pytest.param("dpa, Reuters", (), ("dpa", "Reuters"), id="agencies-alone"),
        pytest.param("AFP/TTXVN", (), ("AFP", "TTXVN"), id="agency-and-wire"),
        pytest.param("Hoàng Lan, biên tập viên RFA", ("Hoàng Lan",), (), id="post-after-comma"),
        pytest.param("Minh Anh, Trường Sơn", ("Minh Anh", "Trường Sơn"), (), id="a-workplace-word-as-a-name"),
        pytest.param("Hà Anh - phóng viên VOV", ("Hà Anh",), (), id="post-after-dash"),
    ],
)
def test_credit_lines(line: str, authors: tuple[str, ...], sources: tuple[str, ...]) -> None:
    credit = read_credit(line)
    assert credit is not None
    assert (credit.authors, credit.sources) == (authors, sources)


@pytest.mark.parametrize(
    "line, signature",
    [
        pytest.param("KT. GIÁM ĐỐC", True, id="on-behalf"),
        pytest.param("(Đã ký)", True, id="signed"),
        pytest.param("TM. ỦY BAN NHÂN DÂN", True, id="for-the-committee"),
        pytest.param("Trần Quốc Tuấn", False, id="a-name"),
        pytest.param("Q.Anh", False, id="initials"),
    ],
)
def test_signature_lines(line: str, signature: bool) -> None:
    assert is_signature_line(line) is signature


def test_notice_signer_and_heading_are_no_author() -> None:
    body = (f"<h1>{HEADLINE}</h1><div class='content'><p style='text-align:center'><strong>THÔNG BÁO</strong></p>{PROSE}"
            "<p style='text-align:right'><strong>KT. GIÁM ĐỐC<br>PHÓ GIÁM ĐỐC</strong></p>"
            "<p style='text-align:right'><strong>(Đã ký)</strong></p>"
            "<p style='text-align:right'><strong>Trần Quốc Tuấn</strong></p></div>")
    assert parse_page(f"<title>{HEADLINE}</title>", body).author is None


def test_breadcrumb_title_bold_lead_in_a_cell_and_prefixed_footer() -> None:
    head = (f"<title>Báo Tân Lập điện tử &gt; Tin tức &gt; Xã hội &gt; {HEADLINE}</title>"
            "<meta name='description' content='Báo Tân Lập điện tử - Cơ quan của Đảng bộ tỉnh Tân Lập'>")
    body = ("<table><tr><td class='Normal'>Cập nhật lúc 15:40, Thứ Bảy, 16/03/2013 (GMT+7)</td></tr>"
            f"<tr><td><font size='4'><b>{HEADLINE}</b></font></td></tr>"
            f"<tr><td class='Normal'><font><b>{LEAD}</b></font></td></tr>"
            f"<tr><td class='Normal'>{PROSE}</td></tr></table>"
            "<div class='kbw-footer'><p>Cơ quan chủ quản: Tỉnh ủy Tân Lập - Giấy phép số 198/GP-BTTTT cấp ngày 10/6/2011</p>"
            "<p>Tầng 2, số 12 đường Hùng Vương, thành phố Tân Lập, tỉnh Tân Lập. Điện thoại tòa soạn 0233 3852 111</p></div>")
    article = parse_page(head, body)
    assert article.title == HEADLINE
    assert article.sapo == LEAD
    assert article.paragraphs == PARAGRAPHS
    assert article.published_at == "2013-03-16T15:40:00+07:00"


@pytest.mark.parametrize(
    "token, furniture_class",
    [
        pytest.param("kbw-footer", True, id="site-prefixed-footer"),
        pytest.param("article-footer", False, id="an-article-footer"),
        pytest.param("quote-box", True, id="quote-box"),
    ],
)
def test_footer_and_quote_classes(token: str, furniture_class: bool) -> None:
    assert furniture.is_furniture_class([token]) is furniture_class


def test_owner_statement_description_is_the_sites() -> None:
    assert furniture.is_site_description("Báo Tân Lập điện tử - Cơ quan của Đảng bộ tỉnh Tân Lập")
    assert not furniture.is_site_description("Sáng 16/3, cơ quan chức năng tỉnh đã có mặt tại hiện trường.")


@pytest.mark.parametrize(
    "head, top, footer, outlet",
    [
        pytest.param(f"<title>{HEADLINE}</title>",
                     "<a class='brand' href='/'><img alt='Bệnh viện Tân Lập' src='/l.png'><span>BỆNH VIỆN TÂN LẬP</span></a>",
                     "<p>© 2017 Bản quyền thuộc về Bệnh viện Tân Lập</p>", "Bệnh viện Tân Lập",
                     id="logo-alt-and-copyright-holder-agree"),
        pytest.param(f"<title>{HEADLINE} | Công an tỉnh Tân Lập</title>",
                     "<div class='banner'><a href='/'><img alt='CÔNG AN TỈNH TÂN LẬP' src='/b.png'></a></div>",
                     "<p>TRANG THÔNG TIN ĐIỆN TỬ CÔNG AN TỈNH TÂN LẬP</p>", "Công an tỉnh Tân Lập",
                     id="title-segment-echoed-by-the-banner"),
    ],
)
def test_institution_names_itself(head: str, top: str, footer: str, outlet: str) -> None:
    body = f"{top}<h1>{HEADLINE}</h1><div class='content'>{PROSE}</div><div id='footer'>{footer}</div>"
    assert parse_page(head, body).outlet == outlet


def test_rank_after_a_credit_label() -> None:
    credit = read_credit("Tin, ảnh: Đại úy Phạm Đức Hưng")
    assert credit is not None and credit.authors == ("Phạm Đức Hưng",)


@pytest.mark.parametrize(
    "line, furniture_line",
    [
        pytest.param("(SH283/09-12)", True, id="magazine-issue-reference"),
        pytest.param("- Quảng cáo -", True, id="advert-label-in-dashes"),
        pytest.param("(Theo TTXVN)", False, id="a-source-is-a-credit-not-furniture"),
    ],
)
def test_furniture_lines(line: str, furniture_line: bool) -> None:
    assert furniture.is_furniture(line) is furniture_line


def test_site_segment_written_as_an_outlet_and_lead_in_inline_runs() -> None:
    head = (f"<title>Báo Tân Lập điện tử :: {HEADLINE}</title><meta name='description' content='Báo Tân Lập điện tử'>")
    body = (f"<table><tr><td><span class='title'><b>{HEADLINE}</b></span><br>"
            "<span class='date'>Cập nhật lúc: 08:45:00 Thứ Tư, 28/11/2012</span><br>"
            f"<span class='summary'><b>{LEAD}</b></span>"
            f"<div class='content'>{PARAGRAPHS[0]}<br><br>{PARAGRAPHS[1]}"
            "<div class='box_brief_info'><p>Tội vi phạm quy định về giao thông có khung hình phạt cao nhất là 15 năm tù.</p></div>"
            "</div></td></tr></table>")
    article = parse_page(head, body)
    assert article.title == HEADLINE
    assert article.sapo == LEAD
    assert article.paragraphs == PARAGRAPHS


@pytest.mark.parametrize(
    "line, furniture_line",
    [
        pytest.param("Lượt xem: 8126", True, id="view-counter"),
        pytest.param("Chi tiết", True, id="joomla-details-label"),
        pytest.param("Lượt xem các trận đấu tăng mạnh trong mùa giải năm nay.", False, id="a-sentence"),
    ],
)
def test_counter_and_label_lines(line: str, furniture_line: bool) -> None:
    assert furniture.is_furniture(line) is furniture_line


def test_the_site_named_as_json_ld_author_is_no_byline() -> None:
    head = (f"<title>{HEADLINE} - VietTân</title><meta property='og:site_name' content='VietTân'>"
            '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Person", "name": "VietTân"}}</script>')
    body = (f"<h1>{HEADLINE}</h1><div class='content'>{PROSE}"
            "<p style='text-align: right;'><strong>Thu Trang</strong></p></div>")
    assert parse_page(head, body).author == "Thu Trang"


@pytest.mark.parametrize(
    "line, authors",
    [
        pytest.param("PGS, TS. Nguyễn Cảnh Nam - Hội đồng Khoa học, Tạp chí Năng lượng", ("Nguyễn Cảnh Nam",),
                     id="degrees-joined-by-a-comma-and-a-council-after-a-dash"),
        pytest.param("Biên tập viên: Lê Mai", ("Lê Mai",), id="editor-label"),
        pytest.param("Nguyễn Văn Bảy (ấp Tân Thành, xã Tân Phước, huyện Gò Công Đông)", ("Nguyễn Văn Bảy",),
                     id="reader-letter-signed-with-an-address"),
        pytest.param("Minh Anh - Hội An", ("Minh Anh", "Hội An"), id="a-name-opening-like-an-association"),
    ],
)
def test_more_credit_lines(line: str, authors: tuple[str, ...]) -> None:
    credit = read_credit(line)
    assert credit is not None and credit.authors == authors


@pytest.mark.parametrize(
    "line, furniture_line",
    [
        pytest.param("(Còn nữa)", True, id="series-marker"),
        pytest.param("Video: Liền anh, liền chị hát quan họ trên thuyền", True, id="video-title-line"),
        pytest.param("Thêm tin tức trên kênh Telegram của Sputnik Việt Nam", True, id="channel-promo"),
    ],
)
def test_series_video_and_promo_lines(line: str, furniture_line: bool) -> None:
    assert furniture.is_furniture(line) is furniture_line


def test_framed_editors_note_and_a_label_alone_are_no_body_nor_author() -> None:
    body = (f"<h1>{HEADLINE}</h1><div class='td-post-author-name'><div class='td-author-by'>Bởi</div></div>"
            "<div class='content'><p style='border:1px dashed #999;padding:6px'><em>Tòa soạn nhận được thư bạn đọc"
            f" phản ánh tình trạng ngập úng và xin đăng nguyên văn.</em></p>{PROSE}"
            "<p style='text-align: right;'><em><strong>Nguyễn Văn Bảy (ấp Tân Thành, xã Tân Phước)</strong></em></p></div>")
    article = parse_page(f"<title>{HEADLINE}</title>", body)
    assert article.paragraphs == PARAGRAPHS
    assert article.author == "Nguyễn Văn Bảy"


def test_a_bold_right_aligned_signature_is_no_lead() -> None:
    body = (f"<h1>{HEADLINE}</h1><div class='content'>{PROSE}"
            "<p style='text-align: right;'><strong>Nguyễn Văn Bảy (ấp Tân Thành, xã Tân Phước)</strong></p></div>")
    article = parse_page(f"<title>{HEADLINE}</title>", body)
    assert article.sapo is None or "Nguyễn Văn Bảy" not in article.sapo


def test_title_site_after_an_underscore() -> None:
    head = f"<title>{HEADLINE}_Đài Phát thanh Tân Lập</title>"
    article = parse_page(head, f"<div class='content'>{PROSE}</div>")
    assert article.title == HEADLINE


def test_unit_in_brackets_after_a_byline_and_a_related_box_typed_by_the_cms() -> None:
    credit = read_credit("Nguyễn Hoàng (Phòng Thông tin - Tòa án nhân dân tỉnh Bình Dương)")
    assert credit is not None and credit.authors == ("Nguyễn Hoàng",)
    body = (f"<h1>{HEADLINE}</h1><div class='content'><p>{PARAGRAPHS[0]}</p>"
            "<div class='VCSortableInPreviewMode' type='RelatedOneNews'><a href='/r'>Doanh nghiệp nhỏ gặp khó vì đơn hàng giảm</a>"
            "<p>Nhiều cơ sở phải thu hẹp sản xuất, giảm giờ làm của công nhân.</p></div>"
            f"<p>{PARAGRAPHS[1]}</p></div>")
    assert parse_page(f"<title>{HEADLINE}</title>", body).paragraphs == PARAGRAPHS
