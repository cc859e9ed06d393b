"""Small pages for the parse tests: a <head> and a <body> made into a whole page and parsed."""

from vnextract.pipeline.parse.html import parse_html
from vnextract.pipeline.types import Article, RawDocument


def parse_page(head: str, body: str) -> Article:
    """The Article the HTML parser reads from a page of this head and body (no URL given)."""
    html = f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"
    return parse_html(html, RawDocument(html.encode()))


# A farming report's headline, lead and paragraphs, for tests that need an article around the markup
# they test.
HEADLINE = "Nông dân trúng vụ tôm – lúa trên đất nhiễm mặn ven biển"
LEAD = ("Vụ tôm – lúa năm nay, nhiều hộ dân trong huyện thu lãi từ 60 đến 80 triệu đồng mỗi hecta nhờ "
        "áp dụng quy trình nuôi tôm sinh thái.")
TEXT = ("Theo Phòng Nông nghiệp huyện, toàn huyện hiện có hơn 4.300 ha canh tác theo mô hình một vụ tôm, "
        "một vụ lúa, tập trung ở các xã ven biển, năng suất bình quân tăng so với năm trước.")
MORE = ("Ngành nông nghiệp khuyến cáo nông dân cải tạo ao đầm kỹ trước khi thả giống, theo dõi độ mặn "
        "thường xuyên và chỉ xuống giống khi thời tiết thuận lợi, tránh thiệt hại đáng tiếc.")
