"""A police department signing by its code, a signature giving the short names of the JSON-LD's
authors, a WordPress time labelled UTC under a local dateline, a description cut short of the lead
shown, market widgets and disclaimers in a body, and the site's name closing the text (the 50th to
52nd held-out rounds)."""

import json

import pytest
from _parse_support import parse_page

from vnextract.pipeline.parse.bylines import read_credit

HEADLINE = "Khối ngoại mua ròng phiên thứ năm liên tiếp, chỉ số chứng khoán tăng nhẹ"
TEXT = ("Kết thúc phiên giao dịch chiều 25/2, chỉ số chính tăng 2,13 điểm. Toàn sàn có 121 mã tăng, 98 mã "
        "giảm và 62 mã đứng giá, giá trị khớp lệnh đạt hơn 1.750 tỷ đồng.")
MORE = ("Nhà đầu tư nước ngoài mua ròng gần 140 tỷ đồng, tập trung vào các mã ngân hàng và bất động sản. "
        "Đây là phiên mua ròng thứ năm liên tiếp của khối này kể từ đầu tuần trước.")


def _ld(author: object) -> str:
    node = {"@type": "NewsArticle", "headline": HEADLINE, "author": author}
    return f'<script type="application/ld+json">{json.dumps(node, ensure_ascii=False)}</script>'


@pytest.mark.parametrize("signature", ["Phòng PV11", "Phòng PC06", "Phòng PA05"])
def test_a_department_signing_by_its_code_is_no_author(signature: str) -> None:
    credit = read_credit(signature)
    assert credit is not None and credit.authors == () and credit.sources == (signature,)
    body = f"<h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p><p>{MORE}</p><div align='right'><strong>{signature}</strong></div></div>"
    assert parse_page(f"<title>{HEADLINE}</title>", body).author is None


def test_a_name_after_a_department_word_stays_a_name() -> None:
    credit = read_credit("Phòng Văn Hải")  # "Phòng" is a surname too
    assert credit is not None and credit.authors == ("Phòng Văn Hải",)


def test_the_signature_gives_the_names_readers_know_over_the_json_lds_full_ones() -> None:
    ld = _ld([{"@type": "Person", "name": "Nông Văn Quyết"}, {"@type": "Person", "name": "Lục Thị Hằng"}])
    body = (f"<h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p><p>{MORE}</p>"
            "<div style='text-align:right'><b>Nông Quyết - Lục Hằng</b></div></div>")
    assert parse_page(f"<title>{HEADLINE}</title>{ld}", body).author == "Nông Quyết, Lục Hằng"


def test_other_people_in_the_signature_leave_the_json_ld_authors() -> None:
    ld = _ld({"@type": "Person", "name": "Nông Văn Quyết"})
    body = (f"<h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p><p>{MORE}</p>"
            "<div style='text-align:right'><b>Hoàng Minh</b></div></div>")
    assert parse_page(f"<title>{HEADLINE}</title>{ld}", body).author == "Nông Văn Quyết"


@pytest.mark.parametrize(
    ("declared", "dateline", "published"),
    [
        # local time labelled UTC: the dateline shows the same figures
        ("2013-09-09T19:30:12+00:00", "09/09/2013 19:30", "2013-09-09T19:30:00+07:00"),
        # a right UTC time: the same instant as the dateline, nothing to settle
        ("2013-09-09T12:30:00+00:00", "09/09/2013 19:30", "2013-09-09T19:30:00+07:00"),
        # a dateline of another minute (an edit): the declared time stays
        ("2013-09-09T19:30:12+07:00", "09/09/2013 21:05", "2013-09-09T19:30:12+07:00"),
    ],
)
def test_a_time_labelled_utc_under_a_local_dateline(declared: str, dateline: str, published: str) -> None:
    head = f"<title>{HEADLINE}</title><meta property='article:published_time' content='{declared}'>"
    body = (f"<h1 class='entry-title'>{HEADLINE}</h1><div class='entry-meta'><span class='date'>{dateline}</span></div>"
            f"<div class='entry-content'><p>{TEXT}</p><p>{MORE}</p></div>")
    assert parse_page(head, body).published_at == published


def test_a_machine_time_in_the_dateline_element_does_not_overrule_the_declared_one() -> None:
    head = f"<title>{HEADLINE}</title><meta property='article:published_time' content='2019-08-31T17:22:37+07:00'>"
    body = (f"<h1 class='entry-title'>{HEADLINE}</h1><time class='entry-date' datetime='2019-08-31T17:22:37+00:00'>"
            f"31/08/2019</time><div class='entry-content'><p>{TEXT}</p><p>{MORE}</p></div>")
    assert parse_page(head, body).published_at == "2019-08-31T17:22:37+07:00"


def test_a_description_cut_short_gives_way_to_the_lead_shown_in_full() -> None:
    lead = ("Dòng vốn ngoại tiếp tục đổ vào các cổ phiếu vốn hóa lớn giúp chỉ số giữ sắc xanh, "
            "dù thanh khoản toàn thị trường giảm khoảng 12% so với phiên trước đó.")
    head = f"<title>{HEADLINE}</title><meta name='description' content='{lead[:90]}'>"
    body = (f"<h2 class='dtitle'>{HEADLINE}</h2><div class='dsummary'>{lead}</div>"
            f"<div class='dcontent'>{TEXT}<br/><br/>{MORE}</div>")
    assert parse_page(head, body).sapo == lead


def test_a_market_widget_and_an_investment_disclaimer_leave_the_body() -> None:
    widget = ("<div class='content-html_stockBox__oP2s1'><div class='content-html_stockHead__kQ9vm'>Mã cổ phiếu "
              "nhắc đến trong bài</div><a href='/stock/VCB'><b>VCB</b> <span>64,20 +0,9%</span></a></div>")
    quotes = ("<div class='symbolBox'><table class='quoteTable'><tr><th>Mã</th><th>Giá</th></tr><tr><td>"
              "<a href='/s/MSN'>MSN</a></td><td>89,0</td></tr></table><p>Dữ liệu cập nhật lúc 15:00.</p></div>")
    disclaimer = "<p class='note'><em>Bài viết chỉ mang tính chất tham khảo, không phải khuyến nghị đầu tư.</em></p>"
    body = f"<h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p>{widget}{quotes}<p>{MORE}</p>{disclaimer}</div>"
    assert parse_page(f"<title>{HEADLINE}</title>", body).paragraphs == (TEXT, MORE)


def test_the_sites_name_closing_the_text_is_its_signature() -> None:
    head = f"<title>{HEADLINE} | StockBiz</title><meta property='og:site_name' content='StockBiz'>"
    body = f"<h1>{HEADLINE}</h1><div class='newsContent'>{TEXT}<br/><br/>{MORE}<br/><br/><b>StockBiz</b></div>"
    article = parse_page(head, body)
    assert article.paragraphs == (TEXT, MORE)
    assert article.author is None


@pytest.mark.parametrize(
    ("base", "url"),
    [
        ("http://truong.example.edu.vn/index.php/tin-tuc/412-hoc-sinh-gianh-huy-chuong",
         "http://truong.example.edu.vn/index.php/tin-tuc/412-hoc-sinh-gianh-huy-chuong"),
        ("http://truong.example.edu.vn/", None),  # the site's root: not the page's address
    ],
)
def test_a_saved_page_without_a_canonical_link_takes_its_address_from_base_href(base: str, url: str | None) -> None:
    body = f"<h1>{HEADLINE}</h1><div class='content'><p>{TEXT}</p><p>{MORE}</p></div>"
    assert parse_page(f"<base href='{base}'><title>{HEADLINE}</title>", body).url == url
