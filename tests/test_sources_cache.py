"""Conditional GET cache: validators sent on re-runs, 304 answered from disk, bad entries ignored."""
# ruff: noqa: F811  (fixtures are imported by name; pytest binds them to test arguments)

from __future__ import annotations

from pathlib import Path

import pytest
from _sources_server import (  # noqa: F401  (fixtures)
    App,
    clock,
    connections,
    make_fetcher,
    resolver,
    server,
)

from vnextract.pipeline.sources.cache import HttpCache, cache_key
from vnextract.pipeline.types import RawDocument

PAGE = "<html><body><p>Đức Trọng</p></body></html>".encode()
LAST_MODIFIED = "Thu, 04 Jan 2024 01:00:00 GMT"


@pytest.mark.parametrize(
    "etag,last_modified,header,value",
    [
        pytest.param('"v1"', None, "If-None-Match", '"v1"', id="etag"),
        pytest.param(None, LAST_MODIFIED, "If-Modified-Since", LAST_MODIFIED, id="last-modified"),
    ],
)
def test_cache_revalidates_and_reuses_body(
    server: App, make_fetcher, tmp_path: Path, etag, last_modified, header, value
):
    server.cached_page("/p", PAGE, etag=etag, last_modified=last_modified)
    first = make_fetcher(cache_dir=tmp_path).fetch_full(server.url("/p"))
    second = make_fetcher(cache_dir=tmp_path).fetch_full(server.url("/p"))  # a re-run
    assert (first.from_cache, second.from_cache) == (False, True)
    assert second.doc.content == first.doc.content == PAGE
    assert second.doc.status == 200
    sent = [r.headers.get(header) for r in server.requests if r.path == "/p"]
    assert sent == [None, value]


def test_cache_changed_page_is_downloaded_again(server: App, make_fetcher, tmp_path: Path):
    server.cached_page("/p", PAGE, etag='"v1"')
    make_fetcher(cache_dir=tmp_path).fetch(server.url("/p"))
    server.cached_page("/p", b"<p>new</p>", etag='"v2"')
    doc = make_fetcher(cache_dir=tmp_path).fetch(server.url("/p"))
    assert doc.content == b"<p>new</p>"
    again = make_fetcher(cache_dir=tmp_path).fetch_full(server.url("/p"))
    assert again.from_cache and again.doc.content == b"<p>new</p>"


def test_cache_skips_responses_without_validators(server: App, make_fetcher, tmp_path: Path):
    server.page("/p", PAGE)
    make_fetcher(cache_dir=tmp_path).fetch(server.url("/p"))
    assert HttpCache(tmp_path).get(server.url("/p")) is None


def test_cache_follows_redirect_to_cached_final_url(server: App, make_fetcher, tmp_path: Path):
    server.redirect("/short", "/p")
    server.cached_page("/p", PAGE, etag='"v1"')
    make_fetcher(cache_dir=tmp_path).fetch(server.url("/short"))
    second = make_fetcher(cache_dir=tmp_path).fetch_full(server.url("/short"))
    assert second.from_cache and second.doc.url == server.url("/p")


def test_cache_corrupt_entry_is_a_miss(tmp_path: Path):
    cache = HttpCache(tmp_path)
    url = "https://x.vn/a"
    cache.put(url, RawDocument(content=PAGE, url=url, headers=(("ETag", '"1"'),)))
    assert cache.get(url) is not None
    key = cache_key(url)
    (tmp_path / key[:2] / f"{key}.json").write_text("{broken", encoding="utf-8")
    assert cache.get(url) is None


def test_cache_entry_round_trip(tmp_path: Path):
    cache = HttpCache(tmp_path)
    doc = RawDocument(
        content=PAGE,
        url="https://x.vn/a",
        content_type="text/html; charset=utf-8",
        encoding="utf-8",
        fetched_at="2024-01-04T03:00:00+00:00",
        status=200,
        headers=(("ETag", '"1"'), ("Last-Modified", LAST_MODIFIED)),
    )
    cache.put("https://x.vn/a", doc)
    entry = cache.get("https://x.vn/a")
    assert entry is not None and entry.doc == doc
    assert entry.conditional_headers() == {
        "If-None-Match": '"1"',
        "If-Modified-Since": LAST_MODIFIED,
    }
