"""A local time labelled UTC whose <time> shows its date unconverted, a portal whose name runs
longer than the headline in its <title>, boxes classed so that open with a bold label (the 88th
to 91st held-out rounds)."""

from _parse_support import HEADLINE, MORE, TEXT, parse_page

LAST = ("Huyện cũng hỗ trợ 50% kinh phí mua giống tôm sạch bệnh cho các hộ nghèo, cận nghèo tham gia mô "
        "hình, với tổng số tiền hơn 1,2 tỷ đồng trong năm nay.")


def wordpress(shown_zone: str) -> str:
    return (f"<article><h1 class='entry-title'>{HEADLINE}</h1><div class='entry-content'><p>{TEXT}</p><p>{MORE}</p></div>"
            f"<footer class='entry-meta'>Đăng lúc <a href='/2014/12/bai'><time class='entry-date' "
            f"datetime='2014-12-14T22:48:17{shown_zone}'>14/12/2014</time></a></footer></article>")


def test_a_local_time_labelled_utc_is_read_as_local_when_its_date_shows_unconverted() -> None:
    head = f"<title>{HEADLINE}</title><meta property='article:published_time' content='2014-12-14T22:48:17+00:00'>"
    assert parse_page(head, wordpress("+00:00")).published_at == "2014-12-14T22:48:17+07:00"


def test_a_true_utc_time_beside_its_own_zone_is_converted() -> None:
    # the <time> gives the same instant in California's zone: the UTC label is true
    head = f"<title>{HEADLINE}</title><meta property='article:published_time' content='2014-12-15T06:48:17+00:00'>"
    assert parse_page(head, wordpress("-08:00")).published_at == "2014-12-15T13:48:17+07:00"


def test_a_portal_name_longer_than_the_headline_in_its_title() -> None:
    head = "<title>Cổng thông tin điện tử thành phố Cam Ranh - Ngư dân trúng đậm mùa cá cơm</title>"
    body = ("<table><tr><td class='left'><table class='module'><tr><td class='module-title'>Thống kê truy cập</td></tr>"
            "<tr><td>Đang truy cập: 27</td></tr></table></td><td class='main'>"
            f"<span class='Head'>Ngư dân trúng đậm mùa cá cơm</span><br><font>{TEXT}<br><br>{MORE}<br><br>{LAST}</font>"
            "</td></tr></table>")
    assert parse_page(head, body).title == "Ngư dân trúng đậm mùa cá cơm"


def test_a_box_classed_so_opening_with_a_bold_label_leaves_the_body() -> None:
    box = ("<div class='box-thongtin'><p><strong>Thông tin tham quan:</strong> Sáng 8h00 - 12h00, chiều 14h00 - 16h30. "
           "Điện thoại đăng ký: 024.3846.3757</p></div>")
    body = f"<article><h1>{HEADLINE}</h1><p>{TEXT}</p>{box}<p>{MORE}</p></article>"
    assert parse_page(f"<title>{HEADLINE}</title>", body).paragraphs == (TEXT, MORE)
