"""Real-sized pages: a body written as one block cut by <br><br> against a grid of other
articles' teasers and reader comments (prose both), comment and related-link dates, an
<img class="caption">, and another outlet's adapter markup on a page that names its own site
(the ninth and tenth held-out rounds)."""

import pytest

from vnextract.pipeline.parse import furniture
from vnextract.pipeline.parse.html import parse_html
from vnextract.pipeline.types import RawDocument

HEADLINE = "Đưa giống lúa chất lượng cao vào vụ xuân ở huyện Yên Hòa"
PARAGRAPHS = (
    "Theo Phòng Nông nghiệp huyện, các giống được đưa vào cơ cấu chủ lực gồm BT7, Hương thơm số 1 và một số giống nếp đặc sản.",
    "Ông Phạm Văn Thịnh, Chủ nhiệm Hợp tác xã Khánh Cường, cho biết hợp tác xã đã ký hợp đồng bao tiêu với doanh nghiệp.",
    "Để bảo đảm khung thời vụ, huyện chỉ đạo các xã hoàn thành việc làm đất trước ngày 5/2, gieo mạ theo lịch của tỉnh.",
)
TEASER = "Nhiều hộ gia đình cho biết thu nhập đã ổn định hơn, con em được học hành đầy đủ, đời sống từng bước được cải thiện."
COMMENT = "Tôi thấy chủ trương này rất đúng, bà con nông dân chúng tôi phấn khởi lắm, mong huyện tiếp tục hỗ trợ giống, phân bón."


def _grid(items: int) -> str:
    cells = "".join(f"<div class='item'><a class='thumb' href='/t{n}'><img src='/t{n}.jpg'></a>"
                    f"<h3 class='title'><a href='/t{n}'>Tin khác số {n} về nông nghiệp của tỉnh</a></h3>"
                    f"<p class='sapo'>{TEASER}</p></div>" for n in range(items))
    return f"<div class='box_title'>Tin cùng chuyên mục</div><div class='grid'>{cells}</div>"


def _comments(items: int) -> str:
    return "<div class='comments'>" + "".join(
        f"<div class='comment-item'><div class='comment-meta'><b>Bạn đọc {n}</b> <span class='date'>28/04/2013 11:0{n}</span></div>"
        f"<div class='comment-content'>{COMMENT}</div></div>" for n in range(items)) + "</div>"


def _page(extra_head: str = "") -> str:
    body = "<br /><br />".join(PARAGRAPHS)
    return (f"<html><head><title>{HEADLINE}</title>{extra_head}</head><body><table>"
            "<tr><td class='date_news'>Cập nhật lúc 08:15, Thứ Ba, 29/01/2013 (GMT+7)</td></tr>"
            f"<tr><td class='title_news'><b>{HEADLINE}</b></td></tr>"
            f"<tr><td class='content_news'><div>{body}</div></td></tr></table>"
            "<ul class='other_news'><li><a href='/x'>Khai mạc hội thi tuyên truyền viên pháp luật giỏi</a> "
            "<span class='time'>(16/05/2013)</span></li></ul>"
            f"{_comments(4)}{_grid(12)}</body></html>")


def test_br_paragraphs_beat_teasers_and_comments() -> None:
    html = _page()
    article = parse_html(html, RawDocument(html.encode()))
    assert article.paragraphs == PARAGRAPHS
    assert article.published_at == "2013-01-29T08:15:00+07:00"


def test_img_classed_caption_keeps_its_caption_out_of_the_body() -> None:
    html = (f"<html><head><title>{HEADLINE}</title></head><body><h1>{HEADLINE}</h1><div class='content'>"
            f"<p>{PARAGRAPHS[0]}</p><p style='text-align: center;'><img class='caption' src='/a.jpg'></p>"
            "<p style='text-align: center;'><em>Nông dân gieo mạ trên cánh đồng xã Khánh Cường. Ảnh: Minh Hải</em></p>"
            f"<p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p></div></body></html>")
    article = parse_html(html, RawDocument(html.encode()))
    assert article.paragraphs == PARAGRAPHS


def test_another_outlets_adapter_is_not_used_on_a_page_naming_its_site() -> None:
    # Nhân Dân's current markup ("article__title", "article__body") is shared by other CMS themes
    html = (f"<html><head><title>{HEADLINE}</title><link rel='canonical' href='https://baotanlap.vn/a-1.html'></head>"
            f"<body><h1 class='article__title'>{HEADLINE}</h1><div class='article__body cms-body'>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div></body></html>")
    article = parse_html(html, RawDocument(html.encode()))
    assert article.outlet != "Nhân Dân"


@pytest.mark.parametrize("token", ["other_news", "otherNews", "other-news"])
def test_furniture_tokens_with_underscores_and_camel_case(token: str) -> None:
    assert furniture.is_furniture_class([token])


def test_related_dates_advert_labels_and_photographer_bylines() -> None:
    html = (f"<html><head><title>{HEADLINE}</title></head><body><h1>{HEADLINE}</h1>"
            "<span class='datetime'>Cập nhật ngày: 15/05/2014 - 20:47</span>"
            "<div class='box_other'><h3>Tin cùng chuyên mục</h3><div class='oth'><a href='/o'>Hỗ trợ ngư dân bám biển dài ngày</a>"
            "<span class='date'>(07/05/2014)</span></div></div><div class='content'>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
            + "<p style='text-align:right'><strong>Ảnh: Phan Phương</strong></p>"
            "<div class='ad-slot'><span>- Quảng cáo -</span></div></div></body></html>")
    article = parse_html(html, RawDocument(html.encode()))
    assert article.published_at == "2014-05-15T20:47:00+07:00"
    assert article.author == "Phan Phương"
    assert article.paragraphs == PARAGRAPHS


@pytest.mark.parametrize("byline_class", ["field-name-field-tac-gia", "tacgia-top", "tac_gia"])
def test_tac_gia_classed_bylines(byline_class: str) -> None:
    html = (f"<html><head><title>{HEADLINE}</title></head><body><h1>{HEADLINE}</h1>"
            f"<div class='{byline_class}'>Tâm Giang</div><div class='content'>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div></body></html>")
    assert parse_html(html, RawDocument(html.encode())).author == "Tâm Giang"


def test_italic_caption_after_an_image_in_running_text_and_office_after_a_byline() -> None:
    html = (f"<html><head><title>{HEADLINE}</title></head><body><h1>{HEADLINE}</h1><div class='content'>"
            f"{PARAGRAPHS[0]}<br /><img src='/nho.jpg' /><br /><em>Nông dân xã Phước Thuận chăm sóc vườn nho.</em>"
            f"<br /><br />{PARAGRAPHS[1]}<br /><br />{PARAGRAPHS[2]}"
            "<div class='tacgia'>Minh Đức - VP UBND tỉnh</div></div></body></html>")
    article = parse_html(html, RawDocument(html.encode()))
    assert article.paragraphs == PARAGRAPHS
    assert article.captions == ("Nông dân xã Phước Thuận chăm sóc vườn nho.",)
    assert article.author == "Minh Đức"


def test_byline_in_the_next_row_of_an_old_table_page() -> None:
    html = (f"<html><head><title>{HEADLINE}</title></head><body><table>"
            f"<tr><td class='title'><b>{HEADLINE}</b></td></tr><tr><td>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
            + "</td></tr><tr><td align='right' style='text-align:right'>Biên tập viên: Lê Mai</td></tr></table></body></html>")
    article = parse_html(html, RawDocument(html.encode()))
    assert article.author == "Lê Mai"
    assert article.paragraphs == PARAGRAPHS
