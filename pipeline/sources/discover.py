"""Article URLs from RSS/Atom feeds and XML sitemaps, filtered by date, canonical and de-duplicated."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Literal
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml import etree

from vnextract.pipeline.errors import Errors
from vnextract.pipeline.sources.http import Fetcher
from vnextract.pipeline.sources.limits import TooLarge, maybe_gunzip
from vnextract.pipeline.sources.outcomes import FetchFailed

LOGGER = logging.getLogger(__name__)

MAX_SITEMAP_DEPTH = 3  # index -> index -> urlset is already unusual; deeper is a loop or a trap
DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class Link:
    """A URL found in a feed or sitemap, with the date the source gives for it."""

    url: str
    published: date | None = None


@dataclass(frozen=True)
class Sitemap:
    """A parsed sitemap: either an index of sitemaps or a set of page URLs."""

    kind: Literal["index", "urlset"]
    links: tuple[Link, ...]


def canonicalize_url(url: str) -> str:
    """Lowercase scheme and host, drop default port, fragment and utm_* parameters; keep the rest."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"  # IPv6 literal
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port is None or DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    if parts.username or parts.password:
        userinfo = parts.username or ""
        if parts.password:
            userinfo += f":{parts.password}"
        netloc = f"{userinfo}@{netloc}"
    # Split by hand instead of parse_qsl/urlencode, which would re-encode and reorder nothing
    # the site meant: only tracking parameters go.
    query = "&".join(
        p for p in parts.query.split("&") if p and not p.split("=", 1)[0].lower().startswith("utm_")
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def parse_date(text: str | None) -> date | None:
    """A date from RFC 822 (RSS) or ISO 8601 / W3C datetime (Atom, sitemaps); None if unreadable."""
    if not text:
        return None
    text = text.strip()
    try:
        return datetime.fromisoformat(text).date()  # Python 3.11 reads a trailing "Z"
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    if len(text) in (4, 7) and text[:4].isdigit():  # W3C "2024" or "2024-01"
        try:
            return date(int(text[:4]), int(text[5:7]) if len(text) == 7 else 1, 1)
        except ValueError:
            return None
    return None


def _parse_xml(content: bytes) -> etree._Element | None:
    # No entity expansion, no DTD loading, no network: a billion-laughs or XXE document parses to
    # nothing harmful. recover=True because real feeds are often slightly broken.
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True
    )
    try:
        return etree.fromstring(content, parser=parser)
    except etree.XMLSyntaxError as exc:
        LOGGER.warning("unparseable XML: %s", exc)
        return None


def _local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _child(element: etree._Element, *names: str) -> etree._Element | None:
    for child in element:
        if _local(child) in names:
            return child
    return None


def _text(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    text = "".join(element.itertext()).strip()
    return text or None


def parse_feed(content: bytes, base_url: str | None = None) -> list[Link]:
    """Links of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, in document order."""
    root = _parse_xml(content)
    if root is None:
        return []
    links: list[Link] = []
    for element in root.iter():
        name = _local(element)
        if name == "item":  # RSS 2.0 and RSS 1.0
            href = _text(_child(element, "link"))
            if not href:
                guid = _child(element, "guid")
                if guid is not None and guid.get("isPermaLink", "true").lower() == "true":
                    href = _text(guid)
            stamp = _text(_child(element, "pubdate", "date", "published", "updated"))
        elif name == "entry":  # Atom
            href = None
            for link in element:
                if _local(link) == "link" and link.get("rel", "alternate") == "alternate":
                    href = link.get("href")
                    break
            stamp = _text(_child(element, "published", "updated"))
        else:
            continue
        if href:
            links.append(Link(urljoin(base_url, href) if base_url else href, parse_date(stamp)))
    return links


def parse_sitemap(content: bytes, base_url: str | None = None) -> Sitemap:
    """A sitemap index (links to sitemaps) or urlset (links to pages), with lastmod dates."""
    root = _parse_xml(content)
    if root is None:
        return Sitemap("urlset", ())
    kind: Literal["index", "urlset"] = "index" if _local(root) == "sitemapindex" else "urlset"
    links = []
    for element in root:
        if _local(element) not in ("url", "sitemap"):
            continue
        loc = _text(_child(element, "loc"))
        if loc:
            loc = urljoin(base_url, loc) if base_url else loc
            links.append(Link(loc, parse_date(_text(_child(element, "lastmod")))))
    return Sitemap(kind, tuple(links))


def select(
    links: Iterable[Link], since: date | None = None, limit: int | None = None
) -> Iterator[str]:
    """Canonical, de-duplicated URLs of links dated on or after `since` (undated kept), at most `limit`."""
    seen: set[str] = set()
    if limit is not None and limit <= 0:
        return
    for link in links:
        if since and link.published and link.published < since:
            continue
        url = canonicalize_url(link.url)
        if url not in seen:
            seen.add(url)
            yield url
            # Stop before pulling another link: that could mean fetching one more sitemap.
            if limit is not None and len(seen) >= limit:
                return


class Discoverer:
    """Fetches feeds and sitemaps through a Fetcher (so robots and politeness apply) for links."""

    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher
        self.errors: list[FetchFailed] = []  # what could not be read, for the run's report

    def _get(self, url: str) -> bytes | None:
        try:
            doc = self.fetcher.fetch(url, kind="feed")
            return maybe_gunzip(doc.content, self.fetcher.settings.max_sitemap_bytes)
        except FetchFailed as exc:
            self.errors.append(exc)
        except TooLarge as exc:
            self.errors.append(FetchFailed(Errors.E013, f"{url}: gunzipped to {exc}", url))
        except ValueError as exc:
            self.errors.append(FetchFailed(Errors.E010, f"{url}: {exc}", url))
        return None

    def feed_links(self, url: str) -> Iterator[Link]:
        """Links of one feed; a failure is recorded in `errors` and yields nothing."""
        content = self._get(url)
        if content is not None:
            yield from parse_feed(content, url)

    def sitemap_links(
        self, url: str, since: date | None = None, depth: int = 0, seen: set[str] | None = None
    ) -> Iterator[Link]:
        """Page links of a sitemap, following sitemap indexes (depth-capped, each sitemap once)."""
        seen = set() if seen is None else seen
        if url in seen or depth > MAX_SITEMAP_DEPTH:
            return
        seen.add(url)
        content = self._get(url)
        if content is None:
            return
        sitemap = parse_sitemap(content, url)
        if sitemap.kind == "urlset":
            yield from sitemap.links
            return
        for child in sitemap.links:
            if since and child.published and child.published < since:
                continue  # a sitemap untouched since `since` lists nothing newer: skip the fetch
            yield from self.sitemap_links(child.url, since, depth + 1, seen)

    def discover(
        self,
        feeds: Iterable[str] = (),
        sitemaps: Iterable[str] = (),
        since: date | None = None,
        limit: int | None = None,
    ) -> Iterator[str]:
        """Canonical unique page URLs from all feeds, then all sitemaps; lazy, stops at `limit`."""

        def links() -> Iterator[Link]:
            for feed in feeds:
                yield from self.feed_links(feed)
            for sitemap in sitemaps:
                yield from self.sitemap_links(sitemap, since)

        yield from select(links(), since, limit)
