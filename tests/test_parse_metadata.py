"""Metadata strategies: adapter, then JSON-LD, then meta tags, then generic markup; first hit wins."""

from __future__ import annotations

import json
from typing import NamedTuple

import pytest
from bs4 import BeautifulSoup

from vnextract.pipeline.parse.metadata import (
    Metadata,
    fold,
    jsonld_nodes,
    read_metadata,
    read_page,
)
from vnextract.pipeline.types import RawDocument


def _meta(head: str, body: str = "", url: str | None = None, published: str | None = None,
          html_attrs: str = "") -> Metadata:
    html = f"<html {html_attrs}><head>{head}</head><body>{body}</body></html>"
    raw = RawDocument(html.encode(), url=url, published=published)
    soup = BeautifulSoup(html, "lxml")
    return read_metadata(read_page(soup, raw), raw)


def _ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


ARTICLE = {"@type": "NewsArticle", "headline": "Tiêu đề JSON-LD", "author": {"@type": "Person", "name": "Lê Văn Ba"}}


class Example(NamedTuple):
    head: str
    field: str
    expected: object
    body: str = ""
    url: str | None = None


JSONLD_EXAMPLES = [
    pytest.param(Example(_ld(ARTICLE), "title", "Tiêu đề JSON-LD"), id="plain-object"),
    pytest.param(Example(_ld([{"@type": "BreadcrumbList"}, ARTICLE]), "title", "Tiêu đề JSON-LD"), id="list"),
    pytest.param(Example(_ld({"@graph": [{"@type": "WebSite", "name": "X"}, ARTICLE]}), "author", "Lê Văn Ba"),
                 id="graph"),
    pytest.param(Example(_ld({"@type": "WebPage", "mainEntity": ARTICLE}), "title", "Tiêu đề JSON-LD"),
                 id="main-entity"),
    pytest.param(Example(_ld({**ARTICLE, "@type": ["NewsArticle", "Article"]}), "title", "Tiêu đề JSON-LD"),
                 id="type-list"),
    pytest.param(Example('<script type="application/ld+json">{"@type":"Article","headline":"Dấu phẩy thừa",}</script>',
                         "title", "Dấu phẩy thừa"), id="trailing-comma-repaired"),
    pytest.param(Example('<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
                         '<meta property="og:title" content="Tiêu đề OG">', "title", "Tiêu đề OG"),
                 id="broken-json-falls-through"),
    pytest.param(Example(_ld({**ARTICLE, "headline": "A &amp; B"}), "title", "A & B"), id="entities"),
    pytest.param(Example(_ld({**ARTICLE, "author": {"@type": "Organization", "name": "Báo X"}}), "author", None),
                 id="organization-author-skipped"),
    pytest.param(Example(_ld({**ARTICLE, "author": [{"name": "An"}, {"name": "Bình"}]}), "author", "An, Bình"),
                 id="several-authors"),
    pytest.param(Example(_ld({**ARTICLE, "author": "Trần Cường"}), "author", "Trần Cường"), id="author-string"),
    pytest.param(Example(_ld({**ARTICLE, "keywords": "lúa gạo, xuất khẩu; An Giang"}), "tags",
                         ("lúa gạo", "xuất khẩu", "An Giang")), id="keywords-string"),
    pytest.param(Example(_ld({**ARTICLE, "datePublished": "2024-01-04T01:30:00Z"}), "published_at",
                         "2024-01-04T08:30:00+07:00"), id="utc-date-to-vietnam"),
    pytest.param(Example(_ld({**ARTICLE, "publisher": {"@type": "Organization", "name": "Báo Lâm Đồng"}}),
                         "outlet", "Báo Lâm Đồng"), id="publisher-outlet"),
    pytest.param(Example(_ld({**ARTICLE, "mainEntityOfPage": {"@id": "https://a.vn/b.html"}}), "url",
                         "https://a.vn/b.html"), id="main-entity-of-page-url"),
    pytest.param(Example(_ld({**ARTICLE, "inLanguage": "vi-VN"}), "language", "vi"), id="in-language"),
]


@pytest.mark.parametrize("example", JSONLD_EXAMPLES)
def test_metadata_reads_jsonld(example: Example) -> None:
    assert getattr(_meta(example.head, example.body, example.url), example.field) == example.expected


META_EXAMPLES = [
    pytest.param(Example('<meta property="og:title" content="Tiêu đề - Báo X"><meta property="og:site_name" content="Báo X">',
                         "title", "Tiêu đề"), id="og-title-site-suffix"),
    pytest.param(Example("<title>Báo Lâm Đồng | Tiêu đề bài</title>", "title", "Tiêu đề bài",
                         url="https://baolamdong.vn/x/"), id="title-site-prefix"),
    pytest.param(Example("<title>Tiêu đề - Tin nóng - Báo Y</title>", "title", "Tiêu đề - Tin nóng",
                         body="<h1>Tiêu đề - Tin nóng</h1>"), id="h1-inside-title"),
    pytest.param(Example("", "title", "Chỉ có h1", body="<h1>Chỉ có h1</h1>"), id="h1-last"),
    pytest.param(Example('<meta name="description" content="Mô tả &lt;b&gt;đậm&lt;/b&gt;">', "sapo", "Mô tả đậm"),
                 id="description-tags-stripped"),
    pytest.param(Example('<meta property="article:author" content="https://facebook.com/baox">'
                         '<meta name="author" content="Phạm Dũng">', "meta_author", "Phạm Dũng"), id="author-url-skipped"),
    pytest.param(Example('<meta name="author" content="Tác giả: Ngô Hà">', "meta_author", "Ngô Hà"), id="author-label"),
    pytest.param(Example('<meta name="author" content="dantri.com.vn">', "author", None,
                         url="https://dantri.com.vn/a.htm"), id="author-is-host"),
    pytest.param(Example("", "author", "Võ Thị Sáu", body="<p class='byline'>Bài và ảnh: Võ Thị Sáu</p>"),
                 id="generic-byline"),
    pytest.param(Example('<meta property="article:published_time" content="2023-11-02T19:20:00+07:00">',
                         "published_at", "2023-11-02T19:20:00+07:00"), id="article-published"),
    pytest.param(Example('<meta itemprop="datePublished" content="2023-11-02">', "published_at", "2023-11-02"),
                 id="date-only-stays-date"),
    pytest.param(Example("", "published_at", "2023-11-02T19:20:00+07:00",
                         body='<time datetime="2023-11-02 19:20">hôm qua</time>'), id="time-element"),
    pytest.param(Example('<meta property="og:updated_time" content="2023-11-03T08:00:00+07:00">',
                         "modified_at", "2023-11-03T08:00:00+07:00"), id="updated-time"),
    pytest.param(Example('<meta property="article:tag" content="A"><meta property="article:tag" content="a">'
                         '<meta name="keywords" content="B">', "tags", ("A",)), id="article-tags-dedup"),
    pytest.param(Example('<meta name="keywords" content="x, y ,, z">', "tags", ("x", "y", "z")), id="keywords"),
    pytest.param(Example("", "tags", ("Lúa", "Gạo"), body="<a rel='tag' href='/1'>Lúa</a><a rel='tag' href='/2'>Gạo</a>"),
                 id="rel-tag"),
    pytest.param(Example('<link rel="canonical" href="/bai-1.html">', "url", "https://a.vn/bai-1.html",
                         url="https://a.vn/x?utm=1"), id="relative-canonical"),
    pytest.param(Example('<link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="https://a.vn/og">',
                         "url", "https://a.vn/og"), id="bad-canonical-skipped"),
    pytest.param(Example('<meta property="og:site_name" content="Báo Z">', "outlet", "Báo Z"), id="og-site-name"),
    pytest.param(Example("", "outlet", "example.vn", url="https://www.example.vn/a"), id="host-outlet"),
    pytest.param(Example('<meta property="og:locale" content="en_US">', "language", "en"), id="og-locale"),
    pytest.param(Example("", "language", "vi"), id="language-default"),
]


@pytest.mark.parametrize("example", META_EXAMPLES)
def test_metadata_reads_meta_tags_and_markup(example: Example) -> None:
    assert getattr(_meta(example.head, example.body, example.url), example.field) == example.expected


def test_metadata_order_adapter_before_jsonld_before_meta() -> None:
    head = _ld(ARTICLE) + '<meta property="og:title" content="Tiêu đề OG">'
    body = '<h1 class="title-detail">Tiêu đề adapter</h1>'
    assert _meta(head, body, url="https://vnexpress.net/a-1.html").title == "Tiêu đề adapter"
    assert _meta(head, body).title == "Tiêu đề adapter"  # the h1 shown beats the declared title
    assert _meta(head, "").title == "Tiêu đề JSON-LD"
    assert _meta('<meta property="og:title" content="Tiêu đề OG">', "").title == "Tiêu đề OG"


def test_metadata_html_lang_wins_and_is_reduced_to_its_language() -> None:
    assert _meta('<meta property="og:locale" content="en_US">', html_attrs='lang="vi-VN"').language == "vi"


def test_metadata_source_published_is_the_last_resort() -> None:
    assert _meta("", published="2024-01-04").published_at == "2024-01-04"
    head = '<meta property="article:published_time" content="2023-11-02T19:20:00+07:00">'
    assert _meta(head, published="2024-01-04").published_at == "2023-11-02T19:20:00+07:00"


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("Báo Lâm Đồng", "baolamdong", id="diacritics"),
        pytest.param("VnExpress.net", "vnexpressnet", id="punctuation"),
    ],
)
def test_metadata_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_metadata_jsonld_node_count_is_capped() -> None:
    head = _ld([{"@type": "Thing"}] * 2000)
    soup = BeautifulSoup(f"<html><head>{head}</head></html>", "lxml")
    assert len(jsonld_nodes(soup.find_all("script"))) <= 500


PROSE = "<p>" + "Ủy ban nhân dân tỉnh phê duyệt kế hoạch nâng cấp hệ thống thủy lợi cho 12.000 ha lúa vụ đông xuân. " * 2 + "</p>"

GENERIC_EXAMPLES = [
    pytest.param(Example("<title>Lũ dâng cao ở Quảng Nam - Xã hội - Dân trí</title>", "title", "Lũ dâng cao ở Quảng Nam",
                         body=PROSE, url="https://dantri.com.vn/a.htm"), id="title-section-and-site-cut"),
    pytest.param(Example("<title>Giá lúa tăng mạnh ở miền Tây | Kinh tế | Báo Miền Tây Online</title>", "title",
                         "Giá lúa tăng mạnh ở miền Tây", body=PROSE, url="https://baomientay.vn/a"),
                 id="title-online-site-name"),
    pytest.param(Example("<title>Giá lúa tăng mạnh ở miền Tây - gia-lua-tang-manh-123.html</title>", "title",
                         "Giá lúa tăng mạnh ở miền Tây", body=PROSE), id="title-slug-cut"),
    pytest.param(Example('<meta property="og:title" content="Xe khách lao xuống vực trên đèo &amp;quot;tử thần&amp;quot;">',
                         "title", 'Xe khách lao xuống vực trên đèo "tử thần"', body=PROSE), id="double-escaped-entities"),
    pytest.param(Example('<meta property="og:title" content="Giá lúa lên cao nhất 10 năm, nông dân lãi lớn">', "title",
                         "Giá lúa lên cao nhất 10 năm, nông dân miền Tây lãi gần 30 triệu",
                         body='<div class="logo"><h1>Báo Miền Tây</h1></div>'
                              "<h1>Giá lúa lên cao nhất 10 năm, nông dân miền Tây lãi gần 30 triệu</h1>" + PROSE),
                 id="seo-variant-of-the-h1-and-logo-h1"),
    pytest.param(Example("<title>Cổng thông tin điện tử tỉnh X</title>", "title", "Hơn 12.500 học sinh bước vào kỳ thi",
                         body='<div id="header"><h1>CỔNG THÔNG TIN ĐIỆN TỬ TỈNH X</h1></div>'
                              '<h3 class="news-title">Hơn 12.500 học sinh bước vào kỳ thi</h3>' + PROSE),
                 id="portal-title-is-the-site-headline-in-h3"),
    pytest.param(Example("", "published_at", "2012-11-06T07:40:00+07:00",
                         body='<div class="today">Thứ Hai, 10/03/2025</div><div>Thứ Ba, 06/11/2012 - 07:40</div>'
                              "<h1>Lũ dâng cao ở Quảng Nam</h1>" + PROSE), id="dateline-before-headline-not-today"),
    pytest.param(Example("", "published_at", "2014-06-16T07:10:00+07:00",
                         body="<h1>Sốt xuất huyết tăng mạnh</h1><div>Thứ Hai, 16/06/2014, 07:10 [GMT+7]</div>" + PROSE
                              + "<ul><li><a href='/a'>Tin khác</a> <span>(14/06/2014 08:00)</span></li></ul>"),
                 id="dateline-after-headline"),
    pytest.param(Example('<meta property="dable:author" content="TUYẾT MAI;HOÀNG LONG">', "meta_author", "Tuyết Mai, Hoàng Long",
                         url="https://tuoitre.vn/a.htm"), id="upper-case-names-apart"),
    pytest.param(Example("", "author", "Minh Anh", body='<p class="byline">Theo Minh Anh (Reuters)</p>'),
                 id="theo-x-reuters"),
    pytest.param(Example("", "author", "Nguyễn Văn An", body='<span class="post-author">Viết bởi Nguyễn Văn An</span>' + PROSE),
                 id="viet-boi-label"),
    pytest.param(Example('<meta name="author" content="Công nghệ ChannelVN">', "meta_author", None), id="cms-vendor-is-no-author"),
    pytest.param(Example(_ld({"@type": "NewsArticle", "headline": "Ti&amp;#7871;ng chu&amp;#244;ng"}), "title", "Tiếng chuông"),
                 id="jsonld-escaped-twice"),
    pytest.param(Example('<meta property="og:site_name" content="Báo Đà Nẵng điện tử">', "outlet", "Báo Đà Nẵng"),
                 id="outlet-tail-off"),
    pytest.param(Example("<title>Tin A - Báo Quảng Ngãi</title>", "outlet", "Báo Quảng Ngãi", body=PROSE),
                 id="outlet-from-title"),
    pytest.param(Example('<meta name="description" content="(LĐ online) - Sáng nay, hội nghị.">', "outlet", "Báo Lâm Đồng"),
                 id="outlet-from-wire-prefix-of-description"),
]


@pytest.mark.parametrize("example", GENERIC_EXAMPLES)
def test_metadata_generic_path(example: Example) -> None:
    assert getattr(_meta(example.head, example.body, example.url), example.field) == example.expected
