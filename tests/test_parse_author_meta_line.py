"""Bylines outside the usual author markup: the credit in the meta line above the lead, a link
to the writer's page, and never the words of the site's name given as author meta."""

import pytest

from vnextract.pipeline.parse.html import parse_html
from vnextract.pipeline.types import RawDocument

HEADLINE = "Xã Tân Lập khánh thành cây cầu mới nối hai thôn bên suối"
BODY = (
    "<div class='content'><p>Sáng 12/4, UBND xã Tân Lập tổ chức khánh thành cây cầu bê tông dài 40 m bắc qua "
    "suối Đá, nối thôn 3 với thôn 5, sau bốn tháng thi công bằng vốn ngân sách và đóng góp của người dân.</p>"
    "<p>Trước đây, mỗi mùa mưa lũ người dân hai thôn phải lội suối hoặc đi vòng hơn 7 km để đến "
    "trường học và trạm y tế của xã, nhiều hộ phải dừng việc đồng áng nhiều ngày liền.</p></div>"
)


@pytest.mark.parametrize(
    "head, top, author",
    [
        pytest.param("", '<div class="details__meta"><span class="source">Lan Chi-Hữu Phước (TTXVN)</span> '
                     "<time>17/03/2020 09:32</time></div>", "Lan Chi, Hữu Phước", id="meta-line-source-two-names"),
        pytest.param('<meta name="author" content="Đài Phát thanh Núi Xanh">',
                     '<div class="logo"><h1>Đài Phát thanh Núi Xanh</h1></div>'
                     '<div class="info"><a href="/author/ngoc-mai/12.html">Ngọc Mai</a></div>', "Ngọc Mai",
                     id="author-page-link-over-site-meta"),
        pytest.param('<meta name="author" content="Đài Phát thanh Núi Xanh">',
                     '<a class="logo" href="/"><h1>Đài Phát thanh Núi Xanh</h1></a>', None,
                     id="site-name-meta-is-no-author"),
    ],
)
def test_author_outside_author_markup(head: str, top: str, author: str | None) -> None:
    html = (f"<!DOCTYPE html><html><head><title>{HEADLINE}</title>{head}</head><body>{top}"
            f"<h2>{HEADLINE}</h2>{BODY}</body></html>")
    article = parse_html(html, RawDocument(html.encode(), url="https://dainuixanh.example/a/1.html"))
    assert article.author == author
