"""HTML pages to Articles: saved-page fixtures per outlet, fallbacks, malformed and hostile pages."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import asdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from vnextract.pipeline.errors import InputError
from vnextract.pipeline.parse import parse
from vnextract.pipeline.parse.html import parse_html, repair_markup, settle_lead
from vnextract.pipeline.settings import Settings
from vnextract.pipeline.types import Article, RawDocument

PAGES = Path(__file__).parent / "fixtures" / "pages"
COMPARED = (
    "title", "sapo", "paragraphs", "captions", "author", "published_at", "modified_at", "url",
    "outlet", "tags", "language",
)
ADAPTER_PAGES = (
    "vnexpress", "tuoitre", "thanhnien", "dantri", "laodong", "nhandan", "vietnamnet", "baolamdong",
)
FALLBACK_PAGES = ("jsonld", "opengraph", "generic", "malformed", "hostile")
NO_ARTICLE_PAGES = ("listing", "notfound")


def _parse_file(name: str, url: str | None = None) -> Article:
    raw = RawDocument((PAGES / f"{name}.html").read_bytes(), url=url, content_type="text/html")
    return parse(raw, Settings())


def _as_expected(article: Article) -> dict:
    data = asdict(article)
    return {key: list(data[key]) if isinstance(data[key], tuple) else data[key] for key in COMPARED}


def _page(body: str, head: str = "", url: str | None = None) -> Article:
    html = f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"
    return parse_html(html, RawDocument(html.encode(), url=url))


LONG = (
    "Ủy ban nhân dân tỉnh vừa phê duyệt kế hoạch nâng cấp hệ thống thủy lợi, bảo đảm nước tưới "
    "cho hơn 12.000 ha lúa vụ đông xuân ở các huyện phía nam."
)


# --------------------------------------------------------------------------------------------
# Saved pages compared in full with their expected Article
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [pytest.param(n, id=n) for n in ADAPTER_PAGES + FALLBACK_PAGES])
def test_html_fixture_matches_expected_article(name: str) -> None:
    expected = json.loads((PAGES / f"{name}.expected.json").read_text(encoding="utf-8"))
    assert _as_expected(_parse_file(name)) == expected


@pytest.mark.parametrize("name", [pytest.param(n, id=n) for n in NO_ARTICLE_PAGES])
def test_html_page_without_article_is_refused(name: str) -> None:
    expected = json.loads((PAGES / f"{name}.expected.json").read_text(encoding="utf-8"))
    with pytest.raises(InputError) as caught:
        _parse_file(name)
    assert caught.value.code == expected["error"]


def test_html_every_page_fixture_has_an_expected_file() -> None:
    names = {p.stem for p in PAGES.glob("*.html")}
    assert names == set(ADAPTER_PAGES + FALLBACK_PAGES + NO_ARTICLE_PAGES)
    assert all((PAGES / f"{n}.expected.json").exists() for n in names)


@pytest.mark.parametrize("name", [pytest.param(n, id=n) for n in ADAPTER_PAGES + FALLBACK_PAGES])
def test_html_captions_and_furniture_never_reach_the_body(name: str) -> None:
    article = _parse_file(name)
    body = "\n".join(article.paragraphs)
    for caption in article.captions:
        assert caption not in body
    for furniture in ("Thông tin bạn đọc", "Lưu thông tin", "Tin liên quan", "Quảng cáo", "Chia sẻ"):
        assert furniture not in body
    if article.sapo:
        assert article.paragraphs[0] != article.sapo


@pytest.mark.parametrize("name", [pytest.param(n, id=n) for n in ADAPTER_PAGES])
def test_html_adapter_pages_parse_without_warnings(name: str) -> None:
    assert _parse_file(name).warnings == ()


# --------------------------------------------------------------------------------------------
# Adapters chosen by URL
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, outlet",
    [
        pytest.param("https://m.vnexpress.net/a-1.html", "VnExpress", id="mobile-subdomain"),
        pytest.param("https://www.dantri.com.vn/a.htm", "Dân trí", id="www"),
        pytest.param(None, "VnExpress", id="canonical-when-no-url"),
    ],
)
def test_html_adapter_found_by_url_or_canonical(url: str | None, outlet: str) -> None:
    assert _parse_file("vnexpress", url=url).outlet == outlet


def test_html_raw_url_used_when_page_names_none() -> None:
    article = _page(f"<div class='x'><p>{LONG}</p><p>{LONG}</p></div>", url="https://example.vn/a.html")
    assert article.url == "https://example.vn/a.html"
    assert article.outlet == "example.vn"


def test_html_adapter_without_body_falls_back_to_generic_with_warning() -> None:
    body = f"<h1 class='title-detail'>Tiêu đề</h1><div class='noi-dung'><p>{LONG}</p><p>{LONG} Thêm.</p></div>"
    article = _page(body, url="https://vnexpress.net/x-1.html")
    assert article.title == "Tiêu đề"
    assert len(article.paragraphs) == 2
    assert article.warnings and "generic" in article.warnings[0]


# --------------------------------------------------------------------------------------------
# Hostile and malformed input
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [pytest.param(d, id=f"depth-{d}") for d in (50, 3_000, 20_000)])
def test_html_deeply_nested_divs_do_not_crash(depth: int) -> None:
    article = _page("<div>" * depth + f"<p>{LONG}</p><p>{LONG}</p>" + "</div>" * depth)
    assert article.paragraphs == (LONG, LONG)


@pytest.mark.parametrize("depth", [pytest.param(d, id=f"depth-{d}") for d in (10, 2_000)])
def test_html_deeply_nested_tables_and_inline_tags_do_not_crash(depth: int) -> None:
    tables = "<table><tr><td>" * depth + f"<p>{LONG}</p><p>{LONG}</p>" + "</td></tr></table>" * depth
    inline = "<b><i><span>" * depth + LONG + "</span></i></b>" * depth
    assert _page(tables).paragraphs == (LONG, LONG)
    assert _page(f"<div><p>{inline}</p><p>{LONG}</p></div>").paragraphs == (LONG, LONG)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param('<script>var s = "</p><p>chèn</p>";</script>', id="script-with-p-strings"),
        pytest.param("<!-- <p>ẩn trong chú thích</p> -->", id="comment"),
        pytest.param("<style>p:after{content:'chèn'}</style>", id="style"),
        pytest.param("<noscript><p>Bật JavaScript để đọc tiếp chèn</p></noscript>", id="noscript"),
        pytest.param("<template><p>mẫu chèn</p></template>", id="template"),
        pytest.param("<div hidden><p>văn bản ẩn chèn</p></div>", id="hidden"),
        pytest.param("<textarea><p>ô nhập chèn</p></textarea>", id="textarea"),
    ],
)
def test_html_code_and_hidden_text_stay_out_of_the_body(body: str) -> None:
    article = _page(f"<div class='bai'><p>{LONG}</p>{body}<p>{LONG}</p></div>")
    assert article.paragraphs == (LONG, LONG)


@pytest.mark.parametrize(
    "html",
    [
        pytest.param("", id="empty"),
        pytest.param("<html></html>", id="empty-html"),
        pytest.param("<html><head><title>Chỉ có tiêu đề</title></head></html>", id="no-body"),
        pytest.param("<body><div><div><a href='/'>Trang chủ</a></div>", id="only-links"),
        pytest.param("<p>Ngắn quá.</p>", id="too-short"),
        pytest.param("<<<>>></p></div><p <a>", id="tag-soup"),
    ],
)
def test_html_page_without_body_is_refused_with_a_reason(html: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_html(html, RawDocument(html.encode()))
    assert caught.value.code == "E007" and str(caught.value)


@pytest.mark.parametrize(
    "name, reason",
    [
        pytest.param("notfound", "an error page", id="error-page"),
        pytest.param("listing", "a listing or index page", id="listing"),
    ],
)
def test_html_no_article_reason_names_the_kind_of_page(name: str, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        _parse_file(name)
    assert caught.value.code == "E007" and reason in str(caught.value)


def test_html_no_article_reason_for_a_script_challenge() -> None:
    html = ("<html><head><script>document.cookie='c=1';location.reload();</script></head>"
            "<body><p>Đang tải...</p></body></html>")
    with pytest.raises(InputError) as caught:
        parse_html(html, RawDocument(html.encode()))
    assert "JavaScript or a cookie" in str(caught.value)


def test_html_dispatcher_refuses_page_without_body_with_e007() -> None:
    raw = RawDocument(b"<html><body><nav><a href='/'>Trang chu</a></nav></body></html>")
    with pytest.raises(InputError) as caught:
        parse(raw, Settings())
    assert caught.value.code == "E007"


@pytest.mark.parametrize(
    "html, expected",
    [
        pytest.param("<title>Tiêu đề\n<body><p>x</p>", "<title>Tiêu đề</title>\n<body><p>x</p>", id="open-title"),
        pytest.param("<h1>Tiêu đề</h2><p>x</p>", "<h1>Tiêu đề</h1><p>x</p>", id="mismatched-heading"),
        pytest.param("<h1>A</h1><h2>B</h2>", "<h1>A</h1><h2>B</h2>", id="well-formed-untouched"),
    ],
)
def test_html_repair_markup_mends_what_lxml_reads_unlike_a_browser(html: str, expected: str) -> None:
    assert repair_markup(html) == expected


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            ["<p>", "</p>", "<div class='a'>", "</div>", "<script>", "</script>", "<table><tr><td>",
             "</td>", "<br>", "<!--", "-->", "<a href='x'>", "</a>", "<h1>", "</h2>", "<title>",
             "<meta property='og:title' content='", "'>", LONG, "Đà Lạt, ", "&amp;", "&#7897;",
             "<figure><figcaption>", "<![CDATA[", "]]>", "<script type='application/ld+json'>{\"@type\":",
             "\u0301", "\x0c", "<form>", "Thông tin bạn đọc"]
        ),
        max_size=40,
    )
)
def test_html_never_crashes_on_tag_soup(parts: list[str]) -> None:
    html = "".join(parts)
    try:
        article = parse_html(html, RawDocument(html.encode()))
    except InputError as refused:  # a page without article text is refused, never a crash
        assert refused.code == "E007"
    else:
        assert isinstance(article, Article) and article.paragraphs


# --------------------------------------------------------------------------------------------
# Text rules: normal form, lead, bylines
# --------------------------------------------------------------------------------------------


def test_html_text_is_normalised_once_nfc_and_tone_marks() -> None:
    decomposed = unicodedata.normalize("NFD", LONG)
    article = _page(f"<div><p>{decomposed}</p><p>Hoà bình&nbsp;và thuỷ lợi, {LONG}</p></div>")
    assert article.paragraphs[0] == LONG
    assert article.paragraphs[1].startswith("Hòa bình và thủy lợi,")


def test_html_numeric_entities_are_decoded() -> None:
    article = _page(f"<div><p>{LONG}</p><p>Di d&#7901;i 45 h&#7897; d&acirc;n, {LONG}</p></div>")
    assert article.paragraphs[1].startswith("Di dời 45 hộ dân,")


@pytest.mark.parametrize(
    "sapo, paragraphs, expected_sapo, expected_paragraphs",
    [
        pytest.param("(Dân trí) - Mở đầu bài.", ["Thân bài."], "Mở đầu bài.", ["Thân bài."], id="wire-sapo"),
        pytest.param(None, ["TTO - Mở đầu.", "Thân."], None, ["Mở đầu.", "Thân."], id="wire-first-paragraph"),
        pytest.param("Lead giống đoạn đầu của bài viết.", ["Lead giống đoạn đầu của bài viết.", "Thân."],
                     "Lead giống đoạn đầu của bài viết.", ["Thân."], id="lead-repeated-in-body"),
        pytest.param("Lead bị cắt ngắn trong thẻ meta...", ["Lead bị cắt ngắn trong thẻ meta description đầy đủ.", "B."],
                     "Lead bị cắt ngắn trong thẻ meta description đầy đủ.", ["B."], id="truncated-meta-lead"),
        pytest.param("Lead giống đoạn duy nhất của bài.", ["Lead giống đoạn duy nhất của bài."],
                     None, ["Lead giống đoạn duy nhất của bài."],
                     id="only-paragraph-is-the-body-said-once"),
        pytest.param("Một lead khác hẳn.", ["Thân bài."], "Một lead khác hẳn.", ["Thân bài."], id="distinct"),
        pytest.param(None, ["(LĐ online) -", "Thân."], None, ["Thân."], id="prefix-alone"),
    ],
)
def test_html_settle_lead_strips_prefixes_and_keeps_sapo_out_of_body(
    sapo: str | None, paragraphs: list[str], expected_sapo: str | None, expected_paragraphs: list[str]
) -> None:
    assert settle_lead(sapo, paragraphs) == (expected_sapo, expected_paragraphs)


def test_html_byline_element_removed_from_body() -> None:
    body = (
        "<h1 class='title-detail'>T</h1><article class='fck_detail'>"
        f"<p class='Normal'>{LONG}</p><p class='Normal' style='text-align:right;'><strong>Lê Na</strong></p>"
        "</article>"
    )
    article = _page(body, head='<meta name="author" content="VnExpress">', url="https://vnexpress.net/a-1.html")
    assert article.author == "Lê Na"
    assert article.paragraphs == (LONG,)


def test_html_site_name_in_author_meta_is_not_a_byline() -> None:
    head = '<meta name="author" content="VnExpress"><meta property="og:site_name" content="VnExpress">'
    article = _page(f"<div><p>{LONG}</p><p>{LONG}</p></div>", head=head, url="https://vnexpress.net/a-2.html")
    assert article.author is None


@pytest.mark.parametrize(
    "body, captions",
    [
        pytest.param("<figure><img src=a.jpg><figcaption>Ảnh một</figcaption></figure>", ("Ảnh một",), id="figcaption"),
        pytest.param("<div class='PhotoCMS_Caption'><p>Ảnh hai</p></div>", ("Ảnh hai",), id="photocms"),
        pytest.param("<table><tr><td class='pCaption'>Ảnh ba</td></tr></table>", ("Ảnh ba",), id="pcaption"),
        pytest.param("<p class='Image'>Ảnh bốn</p>", ("Ảnh bốn",), id="p-image"),
        pytest.param("<p>Ảnh năm chụp tại hội nghị |</p>", ("Ảnh năm chụp tại hội nghị",), id="pipe-suffix"),
    ],
)
def test_html_captions_are_listed_apart(body: str, captions: tuple[str, ...]) -> None:
    article = _page(f"<div class='noi-dung'><p>{LONG}</p>{body}<p>{LONG}</p></div>")
    assert article.captions == captions
    assert article.paragraphs == (LONG, LONG)


def test_html_byline_selector_inside_a_long_paragraph_keeps_the_paragraph() -> None:
    body = (
        "<h1 class='content-detail-title'>T</h1><div class='maincontent'>"
        f"<p>Ông <span class='name'>Nguyễn Văn An</span> cho biết {LONG}</p><p>{LONG}</p></div>"
    )
    article = _page(body, url="https://vietnamnet.vn/a-1.html")
    assert article.paragraphs == (f"Ông Nguyễn Văn An cho biết {LONG}", LONG)


@pytest.mark.parametrize(
    "furniture_html, kept_after",
    [
        pytest.param("<p>Tin liên quan</p><p><a href='/a'>Một bài khác cùng chủ đề</a></p>", True,
                     id="related-heading-skipped"),
        pytest.param("<p>Xem thêm: <a href='/a'>Một bài khác</a></p>", True, id="see-also-line-skipped"),
        pytest.param("<h3>Bình luận (3)</h3>", False, id="comments-heading-ends"),
        pytest.param("<div>Thông tin bạn đọc</div>", False, id="reader-form-ends"),
    ],
)
def test_html_furniture_lines_inside_the_body(furniture_html: str, kept_after: bool) -> None:
    first = f"{LONG} {LONG}"  # long enough alone for the generic extractor's floor
    article = _page(f"<div class='noi-dung'><p>{first}</p>{furniture_html}<p>Đoạn sau. {LONG}</p></div>")
    expected = (first, f"Đoạn sau. {LONG}") if kept_after else (first,)
    assert article.paragraphs == expected


@pytest.mark.parametrize(
    "article_body, expected",
    [
        pytest.param(f"{LONG}\n\n{LONG} Hết.", (LONG, f"{LONG} Hết."), id="plain-lines"),
        pytest.param(f"<p>{LONG}</p><p>{LONG} Hết.</p>", (LONG, f"{LONG} Hết."), id="html"),
    ],
)
def test_html_jsonld_article_body_is_the_last_resort(article_body: str, expected: tuple[str, ...]) -> None:
    ld = json.dumps({"@type": "NewsArticle", "headline": "T", "articleBody": article_body}, ensure_ascii=False)
    article = _page("<div id='app'></div>", head=f'<script type="application/ld+json">{ld}</script>')
    assert article.paragraphs == expected
    assert article.warnings == ("parse: body taken from JSON-LD articleBody",)
