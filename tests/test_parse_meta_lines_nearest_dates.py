"""A writer's name beside the date in the meta line under the headline, and of dates shown
without a time the one nearest the headline (the 100th to 103rd held-out rounds)."""

import pytest
from _parse_support import HEADLINE, LEAD, MORE, TEXT, parse_page

HEAD = f"<title>{HEADLINE}</title>"


@pytest.mark.parametrize(
    ("meta", "author"),
    [
        ("<span class='au'>Thanh Bình</span> | <span>14/11/2022 16:40</span>", "Thanh Bình"),
        (("<span class='font-semibold'>Quốc Huy</span><span>•</span><time datetime='2022-11-14T16:40:00+07:00'>"
          "Thứ Hai, 14/11/2022, 16:40 (GMT+7)</time>"), "Quốc Huy"),
        ("<span>Hà Nội</span> | <span>14/11/2022 16:40</span>", None),  # a place's dateline
        ("<span>TP.HCM</span> • <span>14/11/2022 16:40</span>", None),
        ("<span>Thanh Bình</span> <span>Phóng viên</span>", None),  # no date: not a meta line
    ],
)
def test_a_name_beside_the_date_under_the_headline_is_the_byline(meta: str, author: str | None) -> None:
    body = f"<article><h1>{HEADLINE}</h1><div class='meta'>{meta}</div><div class='body'><p>{TEXT}</p><p>{MORE}</p></div></article>"
    assert parse_page(HEAD, body).author == author


def test_of_dates_without_a_time_the_nearest_the_headline_is_the_articles() -> None:
    article = (f"<div class='edn_article'><div class='edn_metaDetails'><span class='edn_articleDate'>28/06/2019</span>"
               f"</div><h1 class='edn_articleTitle'>{HEADLINE}</h1><div class='edn_articleSummary'>{LEAD}</div>"
               f"<div class='edn_articleContent'><p>{TEXT}</p><p>{MORE}</p></div></div>")
    sidebar = "<div class='col-md-3'><div class='box-right'><p>Hội thảo quốc gia về Khoa học thủy sản - 12/7/2019</p></div></div>"
    body = f"<div class='row'><div class='col-md-9'>{article}</div>{sidebar}</div>"
    assert parse_page(HEAD, body).published_at == "2019-06-28"
