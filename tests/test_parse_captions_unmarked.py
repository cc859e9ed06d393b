"""A photo's only italic text is its caption even without caption markup; a site description
opening "Tin tức, ..." is no lead; a footer classed by its abbreviation is furniture."""

import pytest

from vnextract.pipeline.parse import furniture
from vnextract.pipeline.parse.html import parse_html
from vnextract.pipeline.types import RawDocument

PROSE = (
    "<p>Sáng 12/4, UBND xã Tân Lập tổ chức khánh thành cây cầu bê tông dài 40 m bắc qua suối Đá, nối "
    "thôn 3 với thôn 5, sau bốn tháng thi công bằng vốn ngân sách và đóng góp của người dân.</p>"
    "<p>Trước đây, mỗi mùa mưa lũ người dân hai thôn phải lội suối hoặc đi vòng hơn 7 km để đến "
    "trường học và trạm y tế của xã, nhiều hộ phải dừng việc đồng áng nhiều ngày liền.</p>"
)


def _parse(inner: str):
    html = ("<!DOCTYPE html><html><head><title>Cầu mới nối hai thôn bên suối Đá</title></head><body>"
            f"<h1>Cầu mới nối hai thôn bên suối Đá</h1><div class='content'>{inner}</div></body></html>")
    return parse_html(html, RawDocument(html.encode()))


@pytest.mark.parametrize(
    "photo, caption, kept",
    [
        pytest.param("<p><img src='a.jpg'><br><em>Người dân đi trên cầu mới.</em></p>", "Người dân đi trên cầu mới.", None,
                     id="italic-under-a-photo"),
        pytest.param("<p><img src='a.jpg'><small>Cầu mới nhìn từ trên cao.</small></p>", "Cầu mới nhìn từ trên cao.", None,
                     id="small-beside-a-photo"),
        pytest.param("<p><em>Người dân đi trên cầu mới, vui mừng.</em> Họ nói rằng đã chờ cây cầu này nhiều năm.</p>",
                     None, "Người dân đi trên cầu mới, vui mừng. Họ nói rằng đã chờ cây cầu này nhiều năm.",
                     id="italic-in-prose-without-photo-stays"),
    ],
)
def test_unmarked_caption(photo: str, caption: str | None, kept: str | None) -> None:
    article = _parse(PROSE + photo)
    if caption is not None:
        assert caption in article.captions
        assert all(caption not in p for p in article.paragraphs)
    if kept is not None:
        assert kept in article.paragraphs


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("Tin tức, phân tích và bình luận từ một đài quốc tế", True, id="news-comma"),
        pytest.param("Tin tức và sự kiện của tỉnh", True, id="news-and"),
        pytest.param("Tin tức về vụ tai nạn khiến ba người bị thương", False, id="news-about-an-event"),
    ],
)
def test_site_description_openers(text: str, expected: bool) -> None:
    assert furniture.is_site_description(text) is expected


@pytest.mark.parametrize(
    "tokens, expected",
    [
        pytest.param(["ftr"], True, id="footer-abbreviated"),
        pytest.param(["site-footer"], True, id="site-footer"),
        pytest.param(["copyright"], True, id="copyright"),
        pytest.param(["article-body"], False, id="article-body"),
    ],
)
def test_footer_classes_are_furniture(tokens: list[str], expected: bool) -> None:
    assert furniture.is_furniture_class(tokens) is expected
