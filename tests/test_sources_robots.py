"""robots.txt: obeyed, cached per host, Crawl-delay kept, failures handled as RFC 9309 says."""
# ruff: noqa: F811  (fixtures are imported by name; pytest binds them to test arguments)

from __future__ import annotations

import pytest
from _sources_server import (  # noqa: F401  (fixtures)
    App,
    FakeClock,
    clock,
    connections,
    make_fetcher,
    resolver,
    server,
)

from vnextract.pipeline.sources.outcomes import FetchFailed
from vnextract.pipeline.sources.robots import host_key, parse_robots, robots_url

PAGE = b"<html><body><p>tin</p></body></html>"
ROBOTS = b"""User-agent: badbot
Disallow: /

User-agent: *
Disallow: /private
Allow: /private/open
Crawl-delay: 2
"""


@pytest.mark.parametrize(
    "agent,path,allowed",
    [
        ("vnextract/0.1.0 (+https://example.invalid)", "/news/a.html", True),
        ("vnextract/0.1.0 (+https://example.invalid)", "/private/secret", False),
        ("vnextract/0.1.0 (+https://example.invalid)", "/private/open/x", True),
        ("badbot/2.0", "/news/a.html", False),
    ],
)
def test_robots_rules_table(agent: str, path: str, allowed: bool):
    rules = parse_robots(ROBOTS)
    assert rules.can_fetch(agent, "http://site.test" + path) is allowed


@pytest.mark.parametrize(
    "url,expected",
    [
        ("HTTP://Site.Test:8080/a/b?c#d", "http://site.test:8080/robots.txt"),
        ("https://x.test/", "https://x.test/robots.txt"),
        pytest.param("http://u1:pw@x.test/a", "http://x.test/robots.txt", id="userinfo-dropped"),
        pytest.param("http://x.test:80/a", "http://x.test/robots.txt", id="default-port"),
        pytest.param("http://[::1]:8080/a", "http://[::1]:8080/robots.txt", id="ipv6"),
    ],
)
def test_robots_url_table(url: str, expected: str):
    assert robots_url(url) == expected


@pytest.mark.parametrize(
    "first,second,same",
    [
        pytest.param("http://u1@x.test/a", "http://u2@x.test/b", True, id="userinfo-same-host"),
        pytest.param("http://x.test/a", "http://X.TEST:80/b", True, id="case-and-default-port"),
        pytest.param("http://x.test/a", "https://x.test/a", False, id="scheme-differs"),
        pytest.param("http://x.test/a", "http://x.test:8080/a", False, id="port-differs"),
    ],
)
def test_robots_host_key_ignores_userinfo_table(first: str, second: str, same: bool):
    assert (host_key(first) == host_key(second)) is same


def test_robots_disallowed_url_is_reported_not_fetched(server: App, make_fetcher):
    server.page("/private/secret", PAGE)
    with pytest.raises(FetchFailed) as info:
        make_fetcher().fetch(server.url("/private/secret"))
    assert info.value.code == "E011"
    assert "/private/secret" in info.value.reason
    assert server.count("/private/secret") == 0


def test_robots_fetched_once_per_host(server: App, make_fetcher):
    server.page("/a", PAGE)
    server.page("/b", PAGE)
    fetcher = make_fetcher()
    for host in ("one.test", "one.test", "two.test", "one.test"):
        for path in ("/a", "/b"):
            fetcher.fetch(server.url(path, host=host))
    robots_hosts = [r.host.split(":")[0] for r in server.requests if r.path == "/robots.txt"]
    assert robots_hosts == ["one.test", "two.test"]


def test_robots_crawl_delay_is_honoured(server: App, make_fetcher, clock: FakeClock):
    server.page("/robots.txt", ROBOTS, "text/plain")
    server.page("/a", PAGE)
    fetcher = make_fetcher(per_host_delay=0.5)
    for _ in range(3):
        fetcher.fetch(server.url("/a"))
    # robots.txt, then three pages, each start 2 s (the Crawl-delay, larger than 0.5) apart.
    assert clock.sleeps == [2.0, 2.0, 2.0]
    assert fetcher.throttle.delay_for(host_key(server.url("/a"))) == 2.0


def test_robots_settings_delay_wins_when_larger(server: App, make_fetcher, clock: FakeClock):
    server.page("/robots.txt", b"User-agent: *\nCrawl-delay: 0.2\n", "text/plain")
    server.page("/a", PAGE)
    fetcher = make_fetcher(per_host_delay=1.0)
    fetcher.fetch(server.url("/a"))
    fetcher.fetch(server.url("/a"))
    assert clock.sleeps == [1.0, 1.0]


def test_robots_huge_crawl_delay_is_capped(server: App, make_fetcher, clock: FakeClock):
    server.page("/robots.txt", b"User-agent: *\nCrawl-delay: 86400\n", "text/plain")
    server.page("/a", PAGE)
    fetcher = make_fetcher(max_crawl_delay=30.0)
    fetcher.fetch(server.url("/a"))
    fetcher.fetch(server.url("/a"))
    assert clock.sleeps == [30.0, 30.0]


@pytest.mark.parametrize("status", [401, 403, 404, 410])
def test_robots_4xx_allows_everything(server: App, make_fetcher, status: int):
    server.page("/robots.txt", b"nope", "text/plain", status=status)
    server.page("/private/x", PAGE)
    assert make_fetcher().fetch(server.url("/private/x")).content == PAGE
    assert server.count("/robots.txt") == 1


@pytest.mark.parametrize("status", [500, 503])
def test_robots_5xx_disallows_the_host_for_the_run(server: App, make_fetcher, status: int):
    server.page("/robots.txt", b"oops", "text/plain", status=status)
    server.page("/a", PAGE)
    fetcher = make_fetcher(max_retries=1)
    for _ in range(2):
        with pytest.raises(FetchFailed) as info:
            fetcher.fetch(server.url("/a"))
        assert info.value.code == "E011"
        assert "robots.txt unavailable" in info.value.reason
    assert server.count("/a") == 0
    assert server.count("/robots.txt") == 2  # one attempt + one retry, then cached for the run


def test_robots_unreachable_disallows_the_host(make_fetcher):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchFailed) as info:
        make_fetcher(max_retries=0).fetch(f"http://127.0.0.1:{port}/a")
    assert info.value.code == "E011"


def test_robots_ignored_when_settings_say_so(server: App, make_fetcher):
    server.page("/private/x", PAGE)
    assert make_fetcher(obey_robots=False).fetch(server.url("/private/x")).content == PAGE
    assert server.count("/robots.txt") == 0


def test_robots_redirected_robots_txt_is_followed(server: App, make_fetcher):
    server.redirect("/robots.txt", "/real-robots.txt", 301)
    server.page("/real-robots.txt", b"User-agent: *\nDisallow: /x\n", "text/plain")
    with pytest.raises(FetchFailed) as info:
        make_fetcher().fetch(server.url("/x"))
    assert info.value.code == "E011"
