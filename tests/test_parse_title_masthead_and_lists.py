"""The headline is neither a masthead's site name (in capitals, in a wrapper Joomla classes
"page-header") nor the heading of the list of other articles under the body."""

import pytest

from vnextract.pipeline.parse.html import parse_html
from vnextract.pipeline.types import RawDocument

HEADLINE = "Xã Tân Lập khánh thành cây cầu mới nối hai thôn bên suối"
BODY = (
    "<p>Sáng 12/4, UBND xã Tân Lập tổ chức khánh thành cây cầu bê tông dài 40 m bắc qua suối Đá, nối "
    "thôn 3 với thôn 5, sau bốn tháng thi công bằng vốn ngân sách và đóng góp của người dân.</p>"
    "<p>Trước đây, mỗi mùa mưa lũ người dân hai thôn phải lội suối hoặc đi vòng hơn 7 km để đến "
    "trường học và trạm y tế của xã, nhiều hộ phải dừng việc đồng áng nhiều ngày liền.</p>"
)


@pytest.mark.parametrize(
    "head, top",
    [
        pytest.param(f"<title>{HEADLINE}</title>",
                     f'<div class="header"><h1 class="site-title">TRUNG TÂM Y TẾ HUYỆN</h1></div>'
                     f'<div class="page-header"><h2 itemprop="headline">{HEADLINE}</h2></div>',
                     id="joomla-headline-in-page-header"),
        pytest.param("<title>Tin tức - Cổng thông tin điện tử huyện Tân Lập</title>",
                     f'<div class="portal-top"><h1>CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN TÂN LẬP</h1></div>'
                     f'<h2 class="view-title">{HEADLINE}</h2>',
                     id="portal-name-in-capitals-in-h1"),
    ],
)
def test_title_not_the_site_or_a_list_heading(head: str, top: str) -> None:
    tail = '<div class="items-more"><h3>Các bài viết khác</h3><ul><li><a href="/a">Tin một</a></li></ul></div>'
    html = f"<!DOCTYPE html><html><head>{head}</head><body>{top}<div class='content'>{BODY}</div>{tail}</body></html>"
    article = parse_html(html, RawDocument(html.encode()))
    assert article.title == HEADLINE
