"""A page whose article our furniture rules take for a box still gives a record: trafilatura
reads its body (with a warning saying so); error, challenge and listing pages are still refused."""

import pytest

from vnextract.pipeline.errors import InputError
from vnextract.pipeline.parse.html import parse_html
from vnextract.pipeline.types import RawDocument

HEADLINE = "Xã Tân Lập khánh thành cây cầu mới nối hai thôn"
PARAGRAPHS = (
    ("Sáng 12/4, UBND xã Tân Lập tổ chức khánh thành cây cầu bê tông bắc qua suối Đá, sau bốn "
     "tháng thi công bằng vốn ngân sách và đóng góp của người dân trong xã."),
    ("Trước đây, mỗi mùa mưa lũ người dân hai thôn phải đi vòng hơn 7 km để đến trường học "
     "và trạm y tế của xã, nhiều hộ phải dừng việc đồng áng nhiều ngày liền."),
)


def _page(body: str) -> str:
    return f"<html><head><title>{HEADLINE}</title></head><body><h1>{HEADLINE}</h1>{body}</body></html>"


@pytest.mark.parametrize("wrapper", ["widget", "box-tin", "modal-body"])
def test_article_in_a_box_like_wrapper_is_read_by_the_library(wrapper: str) -> None:
    html = _page(f"<div class='{wrapper}'>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div>")
    article = parse_html(html, RawDocument(html.encode()))
    assert article.paragraphs == PARAGRAPHS
    assert article.title == HEADLINE
    assert any("trafilatura" in warning for warning in article.warnings)


def test_a_listing_is_still_refused() -> None:
    links = "".join(f"<li><a href='/tin-{n}.html'>Tin số {n} về cây cầu mới của xã</a></li>" for n in range(30))
    html = _page(f"<ul>{links}</ul>")
    with pytest.raises(InputError) as refused:
        parse_html(html, RawDocument(html.encode()))
    assert refused.value.code == "E007"
    assert "listing" in str(refused.value)


def test_a_one_sentence_brief_on_a_heavy_page_gives_a_record() -> None:
    brief = "Sáng 12/4, xe tải chở cát lật trên quốc lộ 14 qua xã Ea Tu, tài xế bị thương nhẹ."
    menu = "".join(f"<li><a href='/c{n}'>Chuyên mục {n}</a></li>" for n in range(30))
    side = "".join(f"<li><a href='/t{n}'>Tin khác số {n} về giao thông trên địa bàn tỉnh</a></li>" for n in range(12))
    html = ("<html><head><title>Xe tải lật trên quốc lộ 14 - Báo Tân Lập</title>"
            "<meta property='article:published_time' content='2024-04-12T09:00:00+07:00'></head>"
            f"<body><ul class='menu'>{menu}</ul><h1>Xe tải lật trên quốc lộ 14</h1>"
            f"<div class='content'><p>{brief}</p></div><div class='sidebar'><ul>{side}</ul></div></body></html>")
    article = parse_html(html, RawDocument(html.encode()))
    assert article.paragraphs == (brief,)
