"""Feeds and sitemaps: parsed safely, filtered by date and limit, URLs canonical and unique."""
# ruff: noqa: F811  (fixtures are imported by name; pytest binds them to test arguments)

from __future__ import annotations

import gzip
from datetime import date

import pytest
from _sources_server import (  # noqa: F401  (fixtures)
    App,
    clock,
    connections,
    make_fetcher,
    resolver,
    server,
)

from vnextract.pipeline.sources.discover import (
    Discoverer,
    Link,
    canonicalize_url,
    parse_date,
    parse_feed,
    parse_sitemap,
    select,
)

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Th\xe1\xbb\x9di s\xe1\xbb\xb1</title>
<item><title>A</title><link>https://vnexpress.net/a-1.html?utm_source=rss&amp;id=1</link>
  <pubDate>Thu, 04 Jan 2024 08:00:00 +0700</pubDate></item>
<item><title>B</title><link>https://vnexpress.net/b-2.html#comments</link>
  <pubDate>Mon, 25 Dec 2023 08:00:00 +0700</pubDate></item>
<item><title>C</title><guid isPermaLink="true">https://vnexpress.net/c-3.html</guid></item>
<item><title>A again</title><link>https://VNEXPRESS.net/a-1.html?id=1&amp;utm_medium=x</link>
  <pubDate>Thu, 04 Jan 2024 09:00:00 +0700</pubDate></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Tin</title>
<entry><title>X</title><link rel="alternate" href="https://tuoitre.vn/x.htm"/>
  <link rel="enclosure" href="https://tuoitre.vn/x.jpg"/><published>2024-01-05T10:00:00+07:00</published></entry>
<entry><title>Y</title><link href="/y.htm"/><updated>2023-11-30T10:00:00Z</updated></entry>
</feed>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
<item rdf:about="https://nhandan.vn/r.html"><link>https://nhandan.vn/r.html</link><dc:date>2024-02-01</dc:date></item>
</rdf:RDF>"""


def urlset(*entries: tuple[str, str | None]) -> bytes:
    rows = "".join(
        f"<url><loc>{loc}</loc>" + (f"<lastmod>{mod}</lastmod>" if mod else "") + "</url>"
        for loc, mod in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>'
    ).encode()


def sitemap_index(*entries: tuple[str, str | None]) -> bytes:
    rows = "".join(
        f"<sitemap><loc>{loc}</loc>" + (f"<lastmod>{mod}</lastmod>" if mod else "") + "</sitemap>"
        for loc, mod in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</sitemapindex>'
    ).encode()


@pytest.mark.parametrize(
    "url,expected",
    [
        ("HTTPS://VnExpress.NET/Thoi-Su/A.html", "https://vnexpress.net/Thoi-Su/A.html"),
        ("https://vnexpress.net/a.html#box-comment", "https://vnexpress.net/a.html"),
        ("https://x.vn/a?utm_source=rss&id=5&UTM_Campaign=z&b=2", "https://x.vn/a?id=5&b=2"),
        ("https://x.vn/a?z=1&a=2", "https://x.vn/a?z=1&a=2"),  # order kept: sort nothing else
        ("https://x.vn/a?q=%C4%90%C3%A0", "https://x.vn/a?q=%C4%90%C3%A0"),  # encoding kept
        ("http://x.vn:80/a", "http://x.vn/a"),
        ("https://x.vn:443", "https://x.vn/"),
        ("https://x.vn:8443/a", "https://x.vn:8443/a"),
        ("https://x.vn/a?utm_source=rss", "https://x.vn/a"),
        ("  https://x.vn/a  ", "https://x.vn/a"),
        ("http://[2001:DB8::1]:8080/a", "http://[2001:db8::1]:8080/a"),
    ],
)
def test_discover_canonicalize_url(url: str, expected: str):
    assert canonicalize_url(url) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Thu, 04 Jan 2024 08:00:00 +0700", date(2024, 1, 4)),
        ("2024-01-05T10:00:00+07:00", date(2024, 1, 5)),
        ("2023-11-30T10:00:00Z", date(2023, 11, 30)),
        ("2024-02-01", date(2024, 2, 1)),
        ("2024-03", date(2024, 3, 1)),
        ("2024", date(2024, 1, 1)),
        ("hôm qua", None),
        ("", None),
        (None, None),
    ],
)
def test_discover_parse_date(text, expected):
    assert parse_date(text) == expected


def test_discover_parse_rss():
    links = parse_feed(RSS)
    assert [link.url for link in links] == [
        "https://vnexpress.net/a-1.html?utm_source=rss&id=1",
        "https://vnexpress.net/b-2.html#comments",
        "https://vnexpress.net/c-3.html",
        "https://VNEXPRESS.net/a-1.html?id=1&utm_medium=x",
    ]
    assert [link.published for link in links] == [
        date(2024, 1, 4),
        date(2023, 12, 25),
        None,
        date(2024, 1, 4),
    ]


def test_discover_parse_atom_resolves_relative_links():
    links = parse_feed(ATOM, "https://tuoitre.vn/rss/tin.rss")
    assert links == [
        Link("https://tuoitre.vn/x.htm", date(2024, 1, 5)),
        Link("https://tuoitre.vn/y.htm", date(2023, 11, 30)),
    ]


def test_discover_parse_rss1_rdf():
    assert parse_feed(RDF) == [Link("https://nhandan.vn/r.html", date(2024, 2, 1))]


@pytest.mark.parametrize(
    "since,limit,expected",
    [
        pytest.param(
            None,
            None,
            [
                "https://vnexpress.net/a-1.html?id=1",
                "https://vnexpress.net/b-2.html",
                "https://vnexpress.net/c-3.html",
            ],
            id="all-deduplicated",
        ),
        pytest.param(
            date(2024, 1, 1),
            None,
            ["https://vnexpress.net/a-1.html?id=1", "https://vnexpress.net/c-3.html"],
            id="since-keeps-undated",
        ),
        pytest.param(None, 1, ["https://vnexpress.net/a-1.html?id=1"], id="limit"),
    ],
)
def test_discover_select(since, limit, expected):
    assert list(select(parse_feed(RSS), since, limit)) == expected


@pytest.mark.parametrize(
    "document",
    [
        pytest.param(
            b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<rss><channel><item><link>https://x.vn/&lol4;</link></item></channel></rss>""",
            id="billion-laughs",
        ),
        pytest.param(
            b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss><channel><item><link>https://x.vn/&xxe;</link></item></channel></rss>""",
            id="xxe-file",
        ),
    ],
)
def test_discover_xml_entities_are_not_expanded(document: bytes):
    links = parse_feed(document)
    text = " ".join(link.url for link in links)
    assert "lollol" not in text
    assert "root:" not in text
    assert len(text) < 100


def test_discover_parse_sitemap_kinds():
    index = parse_sitemap(sitemap_index(("https://x.vn/s1.xml", "2024-01-02")))
    assert index.kind == "index"
    assert index.links == (Link("https://x.vn/s1.xml", date(2024, 1, 2)),)
    pages = parse_sitemap(urlset(("https://x.vn/a", None)))
    assert (pages.kind, pages.links) == ("urlset", (Link("https://x.vn/a", None),))


def test_discover_garbage_is_empty_not_an_error():
    assert parse_feed(b"\x00\x01 not xml") == []
    assert parse_sitemap(b"").links == ()


# -- against the loopback server ---------------------------------------------------------------


def test_discover_sitemap_index_with_gzip_child_since_and_dedupe(server: App, make_fetcher):
    base = server.base
    server.page(
        "/sitemap.xml",
        sitemap_index(
            (f"{base}/sitemap-new.xml", "2024-01-05"),
            (f"{base}/sitemap-news.xml.gz", None),
            (
                f"{base}/sitemap-old.xml",
                "2023-06-01",
            ),  # untouched since before --since: not fetched
        ),
        "application/xml",
    )
    server.page(
        "/sitemap-new.xml",
        urlset(
            (f"{base}/tin/a.html", "2024-01-04"),
            (f"{base}/tin/b.html?utm_campaign=x", "2023-12-31"),
            (f"{base}/tin/c.html", None),
        ),
        "text/xml",
    )
    server.page(
        "/sitemap-news.xml.gz",
        gzip.compress(
            urlset(
                (f"{base}/tin/a.html#top", "2024-01-04"),
                (f"{base}/tin/d.html", "2024-02-01"),
            )
        ),
        "application/x-gzip",
    )
    server.page("/sitemap-old.xml", urlset((f"{base}/tin/old.html", "2023-06-01")), "text/xml")
    discoverer = Discoverer(make_fetcher())
    urls = list(discoverer.discover(sitemaps=[f"{base}/sitemap.xml"], since=date(2024, 1, 1)))
    assert urls == [f"{base}/tin/a.html", f"{base}/tin/c.html", f"{base}/tin/d.html"]
    assert server.count("/sitemap-old.xml") == 0
    assert discoverer.errors == []


def test_discover_limit_stops_fetching_more_sitemaps(server: App, make_fetcher):
    base = server.base
    server.page(
        "/sitemap.xml",
        sitemap_index((f"{base}/s1.xml", None), (f"{base}/s2.xml", None)),
        "application/xml",
    )
    server.page("/s1.xml", urlset((f"{base}/a", None), (f"{base}/b", None)), "application/xml")
    server.page("/s2.xml", urlset((f"{base}/c", None)), "application/xml")
    urls = list(Discoverer(make_fetcher()).discover(sitemaps=[f"{base}/sitemap.xml"], limit=2))
    assert urls == [f"{base}/a", f"{base}/b"]
    assert server.count("/s2.xml") == 0


def test_discover_sitemap_index_loop_terminates(server: App, make_fetcher):
    base = server.base
    server.page("/loop.xml", sitemap_index((f"{base}/loop.xml", None)), "application/xml")
    assert list(Discoverer(make_fetcher()).discover(sitemaps=[f"{base}/loop.xml"])) == []
    assert server.count("/loop.xml") == 1


def test_discover_feeds_rss_and_atom(server: App, make_fetcher):
    server.page("/rss/thoi-su.rss", RSS, "application/rss+xml; charset=utf-8")
    server.page("/atom.xml", ATOM, "application/atom+xml")
    urls = list(
        Discoverer(make_fetcher()).discover(
            feeds=[server.url("/rss/thoi-su.rss"), server.url("/atom.xml")], since=date(2024, 1, 1)
        )
    )
    assert urls == [
        "https://vnexpress.net/a-1.html?id=1",
        "https://vnexpress.net/c-3.html",
        "https://tuoitre.vn/x.htm",
    ]


def test_discover_failures_are_collected_not_raised(server: App, make_fetcher):
    bomb = gzip.compress(b"<" * (20 * 1024 * 1024))
    server.page("/bomb.xml.gz", bomb, "application/gzip")
    server.page("/robots.txt", b"User-agent: *\nDisallow: /secret\n", "text/plain")
    discoverer = Discoverer(make_fetcher(max_sitemap_bytes=1_000_000))
    urls = list(
        discoverer.discover(
            feeds=[server.url("/missing.rss"), server.url("/secret/feed.rss")],
            sitemaps=[server.url("/bomb.xml.gz")],
        )
    )
    assert urls == []
    assert [e.code for e in discoverer.errors] == ["E010", "E011", "E013"]
    assert discoverer.errors[0].status == 404
