"""An institution's portal names itself in its masthead heading; in capitals there, the name is
taken as its description or footer writes it."""

import pytest

from vnextract.pipeline.parse.html import parse_html
from vnextract.pipeline.types import RawDocument

HEADLINE = "Khoa Nhi tiếp nhận thêm hai máy thở hiện đại cho trẻ sơ sinh"
BODY = (
    "<div class='content'><p>Ngày 5/6, Khoa Nhi tiếp nhận hai máy thở cho trẻ sơ sinh do một quỹ từ thiện "
    "trao tặng, nâng số máy thở của khoa lên mười chiếc, đáp ứng nhu cầu điều trị trong mùa dịch.</p>"
    "<p>Trưởng khoa cho biết các bác sĩ đã được tập huấn sử dụng máy và sẽ đưa vào vận hành "
    "ngay trong tuần tới để giảm tải cho phòng hồi sức tích cực.</p></div>"
)


@pytest.mark.parametrize(
    "head, masthead, footer, outlet",
    [
        pytest.param('<meta name="description" content="Bệnh viện Nhi tỉnh Sơn Tây - Bệnh viện hạng II">',
                     "BỆNH VIỆN NHI TỈNH SƠN TÂY", "", "Bệnh viện Nhi tỉnh Sơn Tây", id="capitals-cased-by-description"),
        pytest.param("", "BỆNH VIỆN NHI TỈNH SƠN TÂY", "<div class='footer'>Bệnh viện Nhi tỉnh Sơn Tây. Địa chỉ: số 1</div>",
                     "Bệnh viện Nhi tỉnh Sơn Tây", id="capitals-cased-by-footer"),
        pytest.param('<meta name="author" content="Trường Cao đẳng Y tế Sơn Tây">', "Trường Cao đẳng Y tế Sơn Tây", "",
                     "Trường Cao đẳng Y tế Sơn Tây", id="reader-case-masthead"),
    ],
)
def test_outlet_from_the_masthead_heading(head: str, masthead: str, footer: str, outlet: str) -> None:
    html = (f"<!DOCTYPE html><html><head><title>{HEADLINE}</title>{head}</head><body>"
            f"<div class='header'><h1 class='site-title'>{masthead}</h1></div>"
            f"<h2 itemprop='headline'>{HEADLINE}</h2>{BODY}{footer}</body></html>")
    article = parse_html(html, RawDocument(html.encode(), url="https://benhviennhi.example/tin/1.html"))
    assert article.outlet == outlet
    assert article.author is None
