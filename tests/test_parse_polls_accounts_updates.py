"""A related list headed "Tin khác", an author box whose name sits in a wrapper, an account's name
written without accents beside the signature, a byline line giving only the last update, a poll
and a contact box in the body (the 96th to 99th held-out rounds)."""

import pytest
from _parse_support import HEADLINE, LEAD, MORE, TEXT, parse_page

from vnextract.pipeline.parse.furniture import is_end_line
from vnextract.pipeline.parse.metadata import shown_wins

HEAD = f"<title>{HEADLINE}</title>"


@pytest.mark.parametrize("line", ["Tin khác", "Bài khác:", "Các tin khác", "Tin Thế Giới khác"])
def test_a_list_of_other_articles_ends_the_article(line: str) -> None:
    assert is_end_line(line)


def test_a_related_list_headed_tin_khac_leaves_no_heading_in_the_body() -> None:
    body = (f"<div class='item-page'><h2>{HEADLINE}</h2><p>{TEXT}</p><p>{MORE}</p>"
            "<p style='text-align: right;'><strong>Thu Hà</strong></p>"
            "<div class='items-more'><h3>Tin khác</h3><ol><li><a href='/a'>Hội thao công nhân viên chức ngành "
            "Giao thông vận tải</a></li><li><a href='/b'>Liên hoan văn nghệ công nhân các khu công nghiệp</a></li>"
            "</ol></div></div>")
    article = parse_page(HEAD, body)
    assert article.paragraphs == (TEXT, MORE)
    assert article.author == "Thu Hà"


def test_an_author_box_names_its_writer_past_a_wrapper_and_a_role() -> None:
    box = ("<div class='Author_box__a2Kd0'><img alt='' src='/u.jpg'><div><a class='Author_name__eY8rT' "
           "href='/u/48213'>Lan Chi Nguyễn</a><span class='Author_role__b7Tq9'>Thành viên</span></div></div>")
    body = f"<article><h1>{HEADLINE}</h1>{box}<div class='Topic_body__x1'><p>{TEXT}</p><p>{MORE}</p></div></article>"
    assert parse_page(HEAD, body).author == "Lan Chi Nguyễn"


@pytest.mark.parametrize(
    ("shown", "declared", "wins"),
    [
        ("Trịnh Minh, Hữu Phước", "Trinh Minh", True),  # a co-author, and the accents
        ("Trịnh Minh", "Trinh Minh", True),  # the accents an account's name leaves out
        ("Trinh Minh", "Trịnh Minh", False),
        ("Trịnh Minh", "Trịnh Minh", False),
        ("Lê Hồng", "Trinh Minh", False),
    ],
)
def test_a_signature_wins_over_an_accounts_name_without_accents(shown: str, declared: str, wins: bool) -> None:
    assert shown_wins(shown, declared) is wins


def test_an_accounts_name_without_accents_gives_way_to_the_signature() -> None:
    meta = ("<div class='node__meta'><span class='field field--name-uid'>Trinh Minh</span> "
            "<span class='node-date'>Thứ Tư, 11/11/2020 - 15:47</span></div>")
    body = (f"<article><h1>{HEADLINE}</h1>{meta}<div class='node__content'><p>{TEXT}</p><p>{MORE}</p>"
            "<p style='text-align:right'><strong>Trịnh Minh - Hữu Phước</strong></p></div></article>")
    assert parse_page(HEAD, body).author == "Trịnh Minh, Hữu Phước"


def _plone(byline: str, first: str) -> str:
    return (f"<div id='content'><h1 class='documentFirstHeading'>{HEADLINE}</h1>"
            f"<div class='documentByLine'>{byline}</div><div class='documentDescription'>{LEAD}</div>"
            f"<div id='parent-fieldname-text'>{first}<p>{TEXT}</p><p>{MORE}</p></div></div>")


def test_a_byline_giving_only_the_last_update_dates_no_publication() -> None:
    byline = ("<span>bởi</span> <a href='#'>admin</a> — <span class='documentModified'><span>cập nhật lần cuối"
              "</span> 18/04/2016 10:12</span>")
    article = parse_page(HEAD, _plone(byline, "<p><i>Diễn Đàn, 17.04.2016</i></p>"))
    assert article.published_at == "2016-04-17"


def test_a_publication_before_its_update_in_one_line_keeps_its_time() -> None:
    byline = "Đăng ngày 17/04/2016 08:05 — cập nhật lần cuối 18/04/2016 10:12"
    assert parse_page(HEAD, _plone(byline, "")).published_at == "2016-04-17T08:05:00+07:00"


def test_a_poll_in_the_body_leaves_with_its_question() -> None:
    poll = ("<div class='my-6 rounded border p-4'><p class='font-bold'>Bình chọn: Cầu thủ xuất sắc nhất trận</p>"
            "<label><input type='radio' name='poll'> Nguyễn Hoàng Đức</label><label><input type='radio' "
            "name='poll'> Khuất Văn Khang</label><button>Bình chọn</button></div>")
    body = f"<article><h1>{HEADLINE}</h1><div class='prose'><p>{TEXT}</p>{poll}<p>{MORE}</p></div></article>"
    assert parse_page(HEAD, body).paragraphs == (TEXT, MORE)


def test_a_contact_box_under_the_text_leaves_the_body() -> None:
    contact = ("<div class='NewsDetail_contact__n1'><p>Thông tin chi tiết, Quý khách vui lòng liên hệ các chi "
               "nhánh trên toàn quốc hoặc Hotline 1900 6060.</p></div>")
    body = f"<article><h1>{HEADLINE}</h1><div class='NewsDetail_body__k2'><p>{TEXT}</p><p>{MORE}</p>{contact}</div></article>"
    assert parse_page(HEAD, body).paragraphs == (TEXT, MORE)


def test_a_quote_set_on_a_tint_is_a_box_though_said_nowhere_else() -> None:
    said = "“Hành vi của bị cáo đặc biệt nghiêm trọng, cần xử phạt nghiêm để răn đe” - Chủ tọa phiên tòa nhận định."
    tinted = f"<blockquote style='border-left:4px solid #8b0000;background:#faf4ea'><p>{said}</p></blockquote>"
    plain = f"<blockquote style='border-left:4px solid #8b0000'><p>{said}</p></blockquote>"
    for quote, kept in ((tinted, ()), (plain, (said,))):
        body = f"<div class='itemView'><h2>{HEADLINE}</h2><p>{TEXT}</p>{quote}<p>{MORE}</p></div>"
        assert parse_page(HEAD, body).paragraphs == (TEXT, *kept, MORE)


@pytest.mark.parametrize(
    ("quote", "kept"),
    [
        ("“Nếu không đổi mới, nghề sẽ chỉ còn trong bảo tàng.”", False),  # one short sentence set apart
        (("“Việc ghép hai ca cùng ngày đòi hỏi phối hợp rất chặt chẽ giữa các ê-kíp. Đến nay cả bốn người "
          "đều hồi phục tốt và đã xuất viện.”"), True),  # the article's quotation: two sentences
        ("“Tuổi cao không phải là chống chỉ định tuyệt đối”, bác sĩ điều trị cho biết.", True),  # its speaker
    ],
)
def test_a_short_lone_quoted_sentence_in_a_blockquote_is_set_apart(quote: str, kept: bool) -> None:
    body = f"<div class='entry-content'><h1>{HEADLINE}</h1><p>{TEXT}</p><blockquote><p>{quote}</p></blockquote><p>{MORE}</p></div>"
    assert parse_page(HEAD, body).paragraphs == ((TEXT, quote, MORE) if kept else (TEXT, MORE))
