"""Rules for outlets and eras nobody wrote an adapter for: each class of failure met on pages the
parser was not tuned on, written as markup of no particular outlet."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from vnextract.pipeline.parse import furniture
from vnextract.pipeline.parse.html import parse_html
from vnextract.pipeline.parse.sites import domain_name_read, reader_name
from vnextract.pipeline.types import Article, RawDocument

LONG = (
    "Ủy ban nhân dân tỉnh vừa phê duyệt kế hoạch nâng cấp hệ thống thủy lợi, bảo đảm nước tưới "
    "cho hơn 12.000 ha lúa vụ đông xuân ở các huyện phía nam."
)
OTHER = (
    "Sở Nông nghiệp cho biết nguồn vốn được bố trí từ ngân sách tỉnh và vốn vay ưu đãi, dự kiến "
    "hoàn thành trong quý III năm sau, trước mùa mưa bão."
)
HEADLINE = "Tỉnh nâng cấp hệ thống thủy lợi cho vụ đông xuân"


def _page(body: str, head: str = "", url: str | None = None) -> Article:
    html = f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"
    return parse_html(html, RawDocument(html.encode(), url=url))


def _text(article: Article) -> str:
    return "\n".join(p for p in (article.sapo or "", *article.paragraphs) if p)


# --------------------------------------------------------------------------------------------
# Body: a page-wrapping form, captions and figures, calls to action
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "wrapper",
    [
        pytest.param("<form id='aspnetForm' method='post'>{}</form>", id="aspnet-form"),
        pytest.param("<form action='/x'><div id='wrapper'>{}</div></form>", id="form-around-layout"),
    ],
)
def test_unseen_brief_inside_a_page_wrapping_form_gives_a_record(wrapper: str) -> None:
    links = "".join(f"<li><a href='/t{i}'>Tin khác số {i} của chuyên mục</a></li>" for i in range(18))
    inner = (f"<ul class='menu'>{links}</ul><h2 class='title'>{HEADLINE}</h2>"
             f"<div class='content'><p>{LONG}</p><p>{OTHER}</p></div>")
    article = _page(wrapper.format(inner))
    assert article.paragraphs == (LONG, OTHER)


def test_unseen_a_reader_form_is_still_furniture() -> None:
    form = "<form class='x'><p>Họ tên</p><p>Email</p><textarea></textarea></form>"
    article = _page(f"<div><p>{LONG}</p><p>{OTHER}</p>{form}</div>")
    assert "Họ tên" not in _text(article)


@pytest.mark.parametrize(
    "figure, caption",
    [
        pytest.param(
            "<figure class='media has-caption lead'><span><img src='a.jpg'><span class='off-screen'>Image copyright"
            "</span><span class='copyright'>AFP</span></span><figcaption class='media-caption'>"
            "<span class='off-screen'>Image caption</span><span>Cảnh khói mù trên cảng</span></figcaption></figure>",
            "Cảnh khói mù trên cảng", id="screen-reader-labels-and-credit"),
        pytest.param("<div class='VideoCMS_Caption'><p>Lực lượng cứu hộ tại hiện trường</p></div>",
                     "Lực lượng cứu hộ tại hiện trường", id="video-caption-class"),
        pytest.param("<div class='box-chu-thich'>Người dân nhận hàng cứu trợ</div>",
                     "Người dân nhận hàng cứu trợ", id="vietnamese-caption-class"),
        pytest.param("<p class='sr-only'>Ảnh minh họa</p><figure><img src='b.jpg'><figcaption>Cánh đồng lúa</figcaption>"
                     "</figure>", "Cánh đồng lúa", id="sr-only-paragraph"),
    ],
)
def test_unseen_captions_by_class_and_figure_leftovers_stay_out_of_the_body(figure: str, caption: str) -> None:
    article = _page(f"<h1>{HEADLINE}</h1><div class='noi-dung'><p>{LONG}</p>{figure}<p>{OTHER}</p></div>")
    assert article.paragraphs == (LONG, OTHER)
    assert caption in article.captions


def test_unseen_a_figure_wrapping_a_table_keeps_it() -> None:
    table = "<figure class='table'><table><tr><td>Huyện A</td><td>1.200 ha</td></tr></table></figure>"
    article = _page(f"<div class='noi-dung'><p>{LONG}</p>{table}<p>{OTHER}</p></div>")
    assert "Huyện A | 1.200 ha" in article.paragraphs


def test_unseen_has_caption_names_the_figure_not_its_caption() -> None:
    assert furniture.is_caption_class({"class": ["media-caption"]})
    assert not furniture.is_caption_class({"class": ["has-caption"]})


@pytest.mark.parametrize(
    "line, promo",
    [
        pytest.param("Đón đọc Tạp chí Kinh tế số 47 phát hành ngày 22/11", True, id="print-issue"),
        pytest.param("Đặt mua ấn phẩm tại đây: Đặt mua tạp chí", True, id="subscription"),
        pytest.param("Mời quý độc giả theo dõi các chương trình trên TV Online!", True, id="channel"),
        pytest.param("Đặt mua hàng qua mạng, nhiều người bị lừa hàng chục triệu đồng.", False, id="report-sentence"),
    ],
)
def test_unseen_calls_to_action_are_furniture(line: str, promo: bool) -> None:
    assert furniture.is_promo(line) is promo


# --------------------------------------------------------------------------------------------
# Lead, dates, bylines
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lead_class",
    [pytest.param("knc-sapo", id="prefixed-sapo"), pytest.param("the-article-summary", id="summary"),
     pytest.param("news-lead", id="lead"), pytest.param("article__chapeau", id="chapeau")],
)
def test_unseen_lead_by_its_class_token_beats_a_shorter_description(lead_class: str) -> None:
    head = '<meta name="description" content="Tỉnh nâng cấp thủy lợi cho vụ đông xuân.">'
    lead = "Hơn 12.000 ha lúa ở các huyện phía nam sẽ có đủ nước tưới nhờ kế hoạch nâng cấp thủy lợi."
    body = f"<h1>{HEADLINE}</h1><div class='{lead_class}'>{lead}</div><div class='body'><p>{LONG}</p><p>{OTHER}</p></div>"
    assert _page(body, head=head).sapo == lead


def test_unseen_a_lead_photo_is_not_the_lead() -> None:
    figure = "<figure class='lead'><img src='a.jpg'><figcaption>Ảnh đồng lúa phía nam mùa nước nổi năm nay</figcaption></figure>"
    head = '<meta name="description" content="Tỉnh phê duyệt kế hoạch nâng cấp hệ thống thủy lợi năm nay.">'
    article = _page(f"<h1>{HEADLINE}</h1><div class='body'>{figure}<p>{LONG}</p><p>{OTHER}</p></div>", head=head)
    assert article.sapo != "Ảnh đồng lúa phía nam mùa nước nổi năm nay"
    assert "Ảnh đồng lúa" not in _text(article)


@pytest.mark.parametrize(
    "head, shown, day",
    [
        pytest.param('<meta property="rnews:datePublished" content="2015/10/06 04:25:13">', "", "2015-10-06",
                     id="rnews-meta"),
        pytest.param('<meta name="OriginalPublicationDate" content="2015/10/06 04:25:13">', "", "2015-10-06",
                     id="original-publication-meta"),
        pytest.param('<meta name="article.created" content="2019-08-14 09:05">', "", "2019-08-14", id="created-meta"),
        pytest.param('<meta name="last-updated-date" content="2020-01-02">', "<div class='d'>6 tháng 10 2015</div>",
                     "2015-10-06", id="update-meta-is-not-publication"),
        pytest.param("", "<div class='d'>6 tháng 10 2015</div>", "2015-10-06", id="day-month-year-words"),
        pytest.param("", "<div>Cập nhật lúc 11:02, 19/10/2020</div><div>19/10/2020 07:45 GMT+7</div>", "2020-10-19T07:45",
                     id="update-dateline-passed-over"),
        pytest.param("", "<div>Cập nhật lúc 11:02, 20/10/2020</div><div>Thứ Hai, 19/10/2020</div>", "2020-10-19",
                     id="update-passed-over-for-a-date-alone"),
        pytest.param("", "<div>Cập nhật ngày: 14/06/2011 - 07:52</div>", "2011-06-14T07:52",
                     id="update-dateline-alone-is-the-date"),
    ],
)
def test_unseen_publication_dates(head: str, shown: str, day: str) -> None:
    article = _page(f"<h1>{HEADLINE}</h1>{shown}<div class='body'><p>{LONG}</p><p>{OTHER}</p></div>", head=head)
    assert (article.published_at or "").startswith(day)


def test_unseen_htmldate_is_the_last_fallback() -> None:
    url = "https://tin.example.vn/2024/03/15/tinh-nang-cap-thuy-loi.html"
    article = _page(f"<h1>{HEADLINE}</h1><div class='body'><p>{LONG}</p><p>{OTHER}</p></div>",
                    head=f'<link rel="canonical" href="{url}">')
    assert article.published_at == "2024-03-15"


def test_unseen_htmldate_not_loaded_when_the_page_gives_its_date() -> None:
    page = Path(__file__).parent / "fixtures" / "sites" / "vtv-2020-lu-lut.html"
    code = (
        "import sys\nfrom pathlib import Path\nfrom vnextract.pipeline.parse import parse\n"
        "from vnextract.pipeline.settings import Settings\nfrom vnextract.pipeline.types import RawDocument\n"
        f"a = parse(RawDocument(Path({str(page)!r}).read_bytes(), content_type='text/html'), Settings())\n"
        "print(bool(a.published_at), 'htmldate' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.split() == ["True", "False"]


@pytest.mark.parametrize(
    "head, byline, url, author",
    [
        pytest.param('<meta property="og:site_name" content="BBC Tiếng Việt">',
                     "<div class='byline'><span>Lê Hoàng Vũ</span> <span>BBC Tiếng Việt</span></div>",
                     "https://www.bbc.com/vietnamese/a", "Lê Hoàng Vũ", id="site-name-beside-the-name"),
        pytest.param("", "<p class='author'>VTV Digital</p>", "https://vtv.vn/a.htm", None, id="desk-with-site-acronym"),
        pytest.param('<meta property="og:site_name" content="Báo Thanh Niên">', "<p class='author'>THANH TÂM</p>",
                     "https://thanhnien.example/a.htm", "Thanh Tâm", id="upper-case-name-sharing-a-word"),
    ],
)
def test_unseen_the_site_signing_as_author_is_no_byline(head: str, byline: str, url: str, author: str | None) -> None:
    article = _page(f"<h1>{HEADLINE}</h1>{byline}<div class='body'><p>{LONG}</p><p>{OTHER}</p></div>",
                    head=head, url=url)
    assert article.author == author


# --------------------------------------------------------------------------------------------
# Outlet names of unknown sites
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "given, host, name",
    [
        pytest.param("Báo điện tử Dân Trí", "dantri.example", "Dân Trí", id="paper-opener-off"),
        pytest.param("Báo Lao Động", None, "Báo Lao Động", id="bao-kept-before-a-name"),
        pytest.param("Báo Nghệ An", None, "Báo Nghệ An", id="bao-before-a-province"),
        pytest.param("Báo Đà Nẵng điện tử", None, "Báo Đà Nẵng", id="province-and-tail"),
        pytest.param("Báo Miền Núi", None, "Báo Miền Núi", id="bao-before-a-region"),
        pytest.param("Tuổi Trẻ Online", "tuoitre.example", "Tuổi Trẻ", id="online-tail-off"),
        pytest.param("Pháp Đình Online", "phapdinhonline.vn", "Pháp Đình Online", id="tail-in-the-domain"),
        pytest.param("Tạp chí Đọc & Nghĩ", None, "Tạp chí Đọc & Nghĩ", id="magazine-kept"),
        pytest.param("Báo Z", None, "Báo Z", id="one-letter-rest"),
        pytest.param("Báo Mới", "baomoi.com", "Báo Mới", id="bao-spelled-in-the-domain"),
        pytest.param("Báo Giao thông", "www.baogiaothong.vn", "Báo Giao thông", id="bao-in-the-domain-www"),
        pytest.param("Báo Lao Động", "laodong.vn", "Báo Lao Động", id="bao-kept-domain-without-bao"),
    ],
)
def test_unseen_reader_name(given: str, host: str | None, name: str) -> None:
    assert reader_name(given, host) == name


@pytest.mark.parametrize(
    "given, name",
    [pytest.param("VOV.VN", "VOV", id="acronym"), pytest.param("Bongda.com.vn", "Bongda.com.vn", id="brand-domain")],
)
def test_unseen_domain_name_read(given: str, name: str) -> None:
    assert domain_name_read(given) == name


@pytest.mark.parametrize(
    "head, body, url, outlet",
    [
        pytest.param('<title>T | Xã hội | VTV.VN</title><meta name="author" content="VTV.VN">',
                     "<div class='header'><a class='logo' title='Báo điện tử VTV News'><img alt='VTV.VN'></a></div>",
                     "https://vtv.example/a.htm", "VTV News", id="logo-names-what-the-domain-does-not"),
        pytest.param('<title>T - Pháp luật - Dân trí</title><meta property="og:site_name" content="Báo điện tử Dân Trí">'
                     '<meta name="author" content="Dân Trí">',
                     "<div class='logo'><img alt='Báo điện tử Dân trí'></div>", "https://dantri.example/a.htm",
                     "Dân trí", id="form-written-most"),
        pytest.param('<title>T - Zing News | Thể thao</title>', "", None, "Zing News", id="title-signature-not-section"),
        pytest.param('<title>T | Thanh Niên Online</title>', "", None, "Thanh Niên", id="two-segment-title"),
        pytest.param('<title>T - VOV.VN</title>', "", "https://vov.example/a", "VOV", id="domain-only"),
        pytest.param('<title>T - Kinh doanh - TIN NHANH ONLINE</title><meta property="og:site_name" content="TIN NHANH ONLINE">'
                     '<script type="application/ld+json">{"@type":"NewsArticle","publisher":{"@type":"Organization",'
                     '"name":"Báo Tin Nhanh"}}</script>', "", None, "Báo Tin Nhanh", id="shouted-name-last"),
    ],
)
def test_unseen_outlet_of_an_unknown_site(head: str, body: str, url: str | None, outlet: str) -> None:
    page = f"{body}<h1>T</h1><div class='body'><p>{LONG}</p><p>{OTHER}</p></div>"
    assert _page(page, head=head, url=url).outlet == outlet


@pytest.mark.parametrize(
    "description, sapo",
    [
        pytest.param("Bongda.com.vn - Đội bóng xin hoãn trận vì thiếu cầu thủ đủ điều kiện thi đấu.",
                     "Đội bóng xin hoãn trận vì thiếu cầu thủ đủ điều kiện thi đấu.", id="domain-prefix"),
        pytest.param("Tin Nhanh - Đội bóng xin hoãn trận vì thiếu cầu thủ đủ điều kiện thi đấu.",
                     "Đội bóng xin hoãn trận vì thiếu cầu thủ đủ điều kiện thi đấu.", id="site-name-prefix"),
        pytest.param("Hà Nội - Đội bóng xin hoãn trận vì thiếu cầu thủ đủ điều kiện thi đấu.",
                     "Hà Nội - Đội bóng xin hoãn trận vì thiếu cầu thủ đủ điều kiện thi đấu.", id="place-stamp-stays"),
    ],
)
def test_unseen_site_name_opening_a_description_is_not_the_lead(description: str, sapo: str) -> None:
    head = f'<meta property="og:site_name" content="Tin Nhanh"><meta name="description" content="{description}">'
    article = _page(f"<h1>{HEADLINE}</h1><div class='body'><p>{LONG}</p><p>{OTHER}</p></div>", head=head)
    assert article.sapo == sapo


@pytest.mark.parametrize(
    "headline_html",
    [
        pytest.param(f"<div class='title-news'>{HEADLINE}</div>", id="div-title-news"),
        pytest.param(f"<table><tr><td class='tieude'>{HEADLINE}</td></tr></table>", id="td-tieude"),
    ],
)
def test_unseen_headline_in_an_element_classed_as_a_title(headline_html: str) -> None:
    head = "<title>Sở Nông nghiệp tỉnh Z</title>"
    body = f"<div class='banner'>Sở Nông nghiệp tỉnh Z</div>{headline_html}<div class='c'><p>{LONG}</p><p>{OTHER}</p></div>"
    article = _page(body, head=head)
    assert article.title == HEADLINE
    assert article.outlet == "Sở Nông nghiệp tỉnh Z"


@pytest.mark.parametrize(
    "byline, author",
    [
        pytest.param("<dd class='createdby'>Viết bởi Trần Thị Mai</dd>", "Trần Thị Mai", id="joomla-written-by"),
        pytest.param("<span class='byline'>bởi <a class='author'>admin</a></span>", None, id="wordpress-admin"),
        pytest.param("<p class='author'>Người viết: Lê Văn Nam</p>", "Lê Văn Nam", id="nguoi-viet"),
    ],
)
def test_unseen_cms_bylines(byline: str, author: str | None) -> None:
    article = _page(f"<h1>{HEADLINE}</h1><dl>{byline}</dl><div class='c'><p>{LONG}</p><p>{OTHER}</p></div>")
    assert article.author == author


@pytest.mark.parametrize(
    "title, url, outlet",
    [
        pytest.param("<title>T - Thời sự</title>", "https://tinvung.example/a", "tinvung.example",
                     id="section-is-not-the-site"),
        pytest.param("<title>T - www.TinVung.vn</title>", None, "TinVung.vn", id="www-off-a-domain-name"),
    ],
)
def test_unseen_outlet_falls_back_without_taking_a_section(title: str, url: str | None, outlet: str) -> None:
    page = f"<h1>T</h1><div class='body'><p>{LONG}</p><p>{OTHER}</p></div>"
    assert _page(page, head=title, url=url).outlet == outlet


@pytest.mark.parametrize(
    "between, author",
    [
        pytest.param("<p>Thứ Hai, 04/03/2024 08:00 | Hoàng Nam</p>", "Hoàng Nam", id="dateline-and-byline"),
        pytest.param("<p>04/03/2024 08:00</p>", None, id="dateline-alone"),
    ],
)
def test_unseen_byline_between_the_lead_and_the_body(between: str, author: str | None) -> None:
    lead = "Kế hoạch nâng cấp thủy lợi trị giá 320 tỉ đồng sẽ giúp nông dân các huyện phía nam chủ động nước tưới."
    head = f'<meta property="og:description" content="{lead}">'
    body = f"<h1>{HEADLINE}</h1><div class='bai-viet'><p><strong>{lead}</strong></p>{between}<p>{LONG}</p><p>{OTHER}</p></div>"
    article = _page(body, head=head)
    assert (article.author, article.sapo, article.paragraphs) == (author, lead, (LONG, OTHER))


@pytest.mark.parametrize(
    "description, site",
    [
        pytest.param("Trang tin tức của Trường Đại học Bách khoa", True, id="news-page-of"),
        pytest.param("Cổng thông tin điện tử tỉnh Nghệ An", True, id="portal"),
        pytest.param("Tin tức mới nhất 24h về thời sự, kinh tế", True, id="latest-news"),
        pytest.param("Trang trại bò sữa ở Mộc Châu vừa xuất khẩu lô hàng đầu tiên", False, id="story-opening-trang"),
        pytest.param("Cổng trường mở cửa đón 2.000 học sinh trong ngày khai giảng", False, id="story-opening-cong"),
    ],
)
def test_parse_site_description_is_no_lead(description: str, site: bool) -> None:
    from vnextract.pipeline.parse import furniture

    assert furniture.is_site_description(description) is site


def test_parse_video_box_and_media_fallback_stay_out_of_the_body() -> None:
    from vnextract.pipeline.parse import parse
    from vnextract.pipeline.settings import Settings
    from vnextract.pipeline.types import RawDocument

    prose = "Tỉnh đã thu hút thêm 12 dự án đầu tư nước ngoài trong quý III với tổng vốn đăng ký lớn."
    page = f"""<html><head><title>Thu hút FDI - Báo X</title></head><body><article>
    <h1>Thu hút FDI tăng mạnh</h1><div class="detail-content"><p>{prose}</p>
    <div class="box-video"><div class="video-title">Video: Lễ khởi công nhà máy</div></div>
    <p>{prose} Các dự án tập trung vào điện tử.</p><video src="a.mp4">Trình duyệt không hỗ trợ video.</video>
    <p>{prose} Nhiều dự án đã đi vào hoạt động.</p></div></article></body></html>"""
    article = parse(RawDocument(content=page.encode(), content_type="text/html"), Settings())
    body = "\n".join(article.paragraphs)
    assert "Video: Lễ khởi công" not in body and "không hỗ trợ video" not in body
    assert body.count(prose) == 3
