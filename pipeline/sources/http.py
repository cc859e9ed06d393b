"""The fetcher: one requests Session with timeouts, retries, redirects, limits and safety checks."""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from email.message import Message
from email.utils import parsedate_to_datetime
from typing import Literal, Self
from urllib.parse import urljoin

import requests
import urllib3.exceptions
from requests.adapters import HTTPAdapter

from vnextract.pipeline.errors import Errors
from vnextract.pipeline.settings import FetchSettings, Settings
from vnextract.pipeline.sources.cache import CacheEntry, HttpCache
from vnextract.pipeline.sources.codings import (
    Incomplete,
    UnsupportedCoding,
    decoder_for,
)
from vnextract.pipeline.sources.deadline import Deadline
from vnextract.pipeline.sources.limits import TooLarge
from vnextract.pipeline.sources.outcomes import FetchFailed
from vnextract.pipeline.sources.politeness import (
    Clock,
    ConcurrencyLimit,
    HostThrottle,
    SystemClock,
)
from vnextract.pipeline.sources.robots import RobotsPolicy, host_key, without_userinfo
from vnextract.pipeline.sources.safety import (
    AddressPolicy,
    Resolver,
    Unresolvable,
    UnsafeURL,
    guarded_pool_classes,
)
from vnextract.pipeline.types import RawDocument

LOGGER = logging.getLogger(__name__)

Kind = Literal["page", "feed", "robots"]

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK = 64 * 1024
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Sitemaps are often served gzipped as a download rather than as XML.
FEED_EXTRA_TYPES = frozenset(
    {"application/gzip", "application/x-gzip", "application/octet-stream", "text/plain"}
)
ACCEPT = {
    "page": "text/html,application/xhtml+xml;q=0.9",
    "feed": "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5",
    "robots": "text/plain,*/*;q=0.5",
}


def _accept_encoding() -> str:
    """gzip and deflate always; br only when a brotli decoder is installed (urllib3 needs one)."""
    try:
        import brotli  # noqa: F401
    except ImportError:
        return "gzip, deflate"
    return "gzip, deflate, br"


def content_type_ok(kind: Kind, content_type: str | None) -> bool:
    """True if a response of this content type is acceptable for this kind of fetch."""
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    if not mime or kind == "robots":
        return True  # undeclared: the parse stage sniffs the bytes
    if kind == "page":
        return mime in PAGE_TYPES
    return "xml" in mime or mime in FEED_EXTRA_TYPES


def charset_of(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, lowercased, or None."""
    if not content_type:
        return None
    msg = Message()
    msg["content-type"] = content_type
    charset = msg.get_content_charset()
    return charset.strip() or None if charset else None


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), or None if unusable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - now)


def _text_headers(items: Iterable[tuple[str, str | bytes]]) -> tuple[tuple[str, str], ...]:
    """Headers as text: requests lets a value be bytes, and HTTP header bytes are Latin-1."""
    return tuple((name, value.decode("latin-1") if isinstance(value, bytes) else value) for name, value in items)


@dataclass(frozen=True)
class Fetched:
    """A successful fetch: the document plus what a WARC needs to replay it."""

    doc: RawDocument
    from_cache: bool = False
    request_headers: tuple[tuple[str, str], ...] = ()
    redirects: tuple[str, ...] = ()  # URLs answered with a redirect, in order
    attempts: int = 1


class _GuardedAdapter(HTTPAdapter):
    """An HTTPAdapter whose connections dial only addresses the policy allows."""

    def __init__(self, policy: AddressPolicy, pool_maxsize: int) -> None:
        self._policy = policy
        super().__init__(pool_connections=pool_maxsize, pool_maxsize=pool_maxsize, max_retries=0)

    def init_poolmanager(self, *args: object, **kwargs: object) -> None:
        super().init_poolmanager(*args, **kwargs)  # type: ignore[arg-type]
        self.poolmanager.pool_classes_by_scheme = guarded_pool_classes(self._policy)


class _Retry(Exception):
    """Internal: this attempt failed in a way worth retrying after `delay` seconds."""

    def __init__(self, reason: str, delay: float | None = None, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.delay = delay
        self.status = status


class Fetcher:
    """Fetches URLs politely and safely; every failure is a FetchFailed (a FetchError)."""

    def __init__(
        self,
        settings: Settings | FetchSettings | None = None,
        *,
        clock: Clock | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        if isinstance(settings, Settings):
            settings = settings.fetch
        self.settings: FetchSettings = settings or FetchSettings()
        self.clock: Clock = clock or SystemClock()
        policy_kwargs = {"resolver": resolver} if resolver else {}
        self.policy = AddressPolicy(
            allow_private=self.settings.allow_private,
            allowed_networks=tuple(self.settings.allowed_networks),
            **policy_kwargs,
        )
        self.throttle = HostThrottle(self.settings.per_host_delay, self.clock)
        self.limit = ConcurrencyLimit(self.settings.max_concurrency)
        self.robots = RobotsPolicy(self._fetch_robots, self.settings.user_agent)
        self.cache = HttpCache(self.settings.cache_dir) if self.settings.cache_dir else None
        self.stats: Counter[str] = Counter()
        self._stats_lock = threading.Lock()
        self.session = self._make_session()

    def _make_session(self) -> requests.Session:
        session = requests.Session()
        # No proxies, .netrc or CA overrides from the environment: a proxy would be dialled instead
        # of the checked address, and runs should not depend on who launched them.
        session.trust_env = False
        session.headers.update(
            {
                "User-Agent": self.settings.user_agent,
                "Accept-Encoding": _accept_encoding(),
                "Accept-Language": "vi,en;q=0.8",
            }
        )
        adapter = _GuardedAdapter(self.policy, max(1, self.settings.max_concurrency))
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session

    # -- public API ---------------------------------------------------------------------------

    def fetch(self, url: str, kind: Kind = "page") -> RawDocument:
        """Fetch one URL and return its document; raise FetchFailed on any failure."""
        return self.fetch_full(url, kind).doc

    def fetch_full(self, url: str, kind: Kind = "page") -> Fetched:
        """Fetch one URL following redirects; return the document and its request details."""
        url = without_userinfo(url)  # never sent as credentials, never a second politeness key
        try:
            return self._follow(url, kind)
        except FetchFailed as exc:
            self._count(f"error.{exc.code}")
            LOGGER.info("fetch %s failed: [%s] %s", url, exc.code, exc.reason)
            raise
        except Exception as exc:  # never let one URL crash a run
            LOGGER.exception("unexpected error fetching %s", url)
            self._count("error.E010")
            raise FetchFailed(Errors.E010, f"{url}: unexpected error {exc!r}", url=url) from exc

    def fetch_many(
        self, urls: Iterable[str], kind: Kind = "page"
    ) -> Iterator[tuple[str, Fetched | FetchFailed]]:
        """Fetch URLs on up to max_concurrency threads; yield (url, outcome) in input order."""
        workers = max(1, self.settings.max_concurrency)
        window: list[tuple[str, Future[Fetched]]] = []
        # A bounded window of futures keeps memory flat on long URL streams and keeps order.
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fetch") as pool:
            for url in urls:
                window.append((url, pool.submit(self.fetch_full, url, kind)))
                if len(window) >= 2 * workers:
                    yield self._settle(*window.pop(0))
            while window:
                yield self._settle(*window.pop(0))

    def close(self) -> None:
        """Close the session's connections."""
        self.session.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals ----------------------------------------------------------------------------

    @staticmethod
    def _settle(url: str, future: Future[Fetched]) -> tuple[str, Fetched | FetchFailed]:
        try:
            return url, future.result()
        except FetchFailed as exc:
            return url, exc

    def _count(self, key: str, n: int = 1) -> None:
        with self._stats_lock:
            self.stats[key] += n

    def _fetch_robots(self, url: str) -> RawDocument:
        return self.fetch(url, kind="robots")

    def _check_allowed(self, url: str, kind: Kind) -> None:
        """Safety first (no connection to a refused address, not even for robots.txt), then robots."""
        try:
            self.policy.check_url(url)
        except UnsafeURL as exc:
            raise _refusal(url, exc) from exc
        if kind == "robots" or not self.settings.obey_robots:
            return
        self.robots.check(url)
        delay = self.robots.crawl_delay(url)
        if delay is not None and delay > self.settings.max_crawl_delay:
            LOGGER.warning(
                "%s asks Crawl-delay %.1fs; capped at %.1fs",
                host_key(url),
                delay,
                self.settings.max_crawl_delay,
            )
            delay = self.settings.max_crawl_delay
        self.throttle.set_delay(host_key(url), delay)

    def _follow(self, url: str, kind: Kind) -> Fetched:
        visited: list[str] = []
        current = url
        attempts = 0
        while True:
            self._check_allowed(current, kind)
            result, tries = self._with_retries(current, kind)
            attempts += tries
            if isinstance(result, Fetched):
                return Fetched(
                    result.doc, result.from_cache, result.request_headers, tuple(visited), attempts
                )
            visited.append(current)
            target = without_userinfo(urljoin(current, result))
            if target in visited or target == current:
                raise FetchFailed(Errors.E015, f"redirect loop at {target} (from {url})", url=url)
            if len(visited) > self.settings.max_redirects:
                raise FetchFailed(
                    Errors.E015, f"more than {self.settings.max_redirects} redirects from {url}", url=url
                )
            LOGGER.debug("redirect %s -> %s", current, target)
            current = target

    def _with_retries(self, url: str, kind: Kind) -> tuple[Fetched | str, int]:
        """One hop with retries: a Fetched, or the Location of a redirect; and the attempts made."""
        max_retries = max(0, self.settings.max_retries)
        for attempt in range(max_retries + 1):
            try:
                return self._attempt(url, kind), attempt + 1
            except _Retry as retry:
                if attempt >= max_retries:
                    raise FetchFailed(
                        Errors.E010,
                        f"{url}: {retry.reason} (gave up after {attempt + 1} attempts)",
                        url=url,
                        status=retry.status,
                    ) from retry
                backoff = self.settings.backoff_base * (2**attempt)
                delay = retry.delay if retry.delay is not None else backoff
                delay = min(self.settings.max_backoff, max(0.0, delay))
                LOGGER.info("%s: %s; retry %d in %.2fs", url, retry.reason, attempt + 1, delay)
                self._count("retries")
                self.clock.sleep(delay)
        raise AssertionError("unreachable")

    def _attempt(self, url: str, kind: Kind) -> Fetched | str:
        """One request: a Fetched, a redirect Location (str), or _Retry / FetchFailed raised."""
        entry = self.cache.get(url) if self.cache and kind != "robots" else None
        headers = {"Accept": ACCEPT[kind]}
        if entry:
            headers.update(entry.conditional_headers())
        host = host_key(url)
        self.throttle.wait(host)
        # The total timeout holds from connect to last byte (see deadline.py); wall time, not the
        # injectable clock, since it guards against a server that trickles bytes.
        with self.limit, Deadline(self.settings.total_timeout) as deadline:
            self._count("requests")
            try:
                response = self.session.get(
                    url,
                    headers=headers,
                    stream=True,
                    allow_redirects=False,  # each hop is re-checked for safety and robots
                    timeout=(self.settings.connect_timeout, self.settings.read_timeout),
                )
            except UnsafeURL as exc:
                raise _refusal(url, exc) from exc
            except (requests.RequestException, ValueError) as exc:
                if deadline.passed():  # the deadline shut the socket: a trickling server
                    raise self._timed_out(url) from exc
                if isinstance(exc, requests.ConnectionError):  # includes connect timeouts
                    raise _Retry(f"connection failed: {_short(exc)}") from exc
                if isinstance(exc, requests.Timeout):  # a read timeout: do not pile on
                    raise FetchFailed(Errors.E016, f"{url}: {_short(exc)}", url=url) from exc
                raise FetchFailed(Errors.E010, f"{url}: {_short(exc)}", url=url) from exc
            try:
                return self._handle(url, kind, response, entry, deadline)
            finally:
                response.close()

    def _timed_out(self, url: str) -> FetchFailed:
        return FetchFailed(
            Errors.E016, f"{url}: no complete response within {self.settings.total_timeout:g} s", url
        )

    def _handle(
        self,
        url: str,
        kind: Kind,
        response: requests.Response,
        entry: CacheEntry | None,
        deadline: Deadline,
    ) -> Fetched | str:
        status = response.status_code
        sent = _text_headers(response.request.headers.items())
        if status in REDIRECT_STATUSES:
            location = response.headers.get("Location")
            if not location:
                raise FetchFailed(Errors.E010, f"{url}: HTTP {status} without Location", url, status)
            return location
        if status == 304 and entry is not None:
            self._count("cache_hits")
            return Fetched(entry.doc, from_cache=True, request_headers=sent)
        if status == 429 or 500 <= status <= 599:
            delay = parse_retry_after(response.headers.get("Retry-After"), self._wall_seconds())
            raise _Retry(f"HTTP {status}", delay=delay, status=status)
        if status >= 300:
            raise FetchFailed(
                Errors.E010, f"{url}: HTTP {status} {response.reason or ''}".rstrip(), url, status
            )
        content_type = response.headers.get("Content-Type")
        if not content_type_ok(kind, content_type):
            raise FetchFailed(Errors.E014, f"{url}: {content_type}", url, status)
        body = self._read_body(url, kind, response, deadline)
        self._count("bytes", len(body))
        doc = RawDocument(
            content=body,
            url=url,
            content_type=content_type,
            encoding=charset_of(content_type),
            fetched_at=self.clock.now().isoformat(timespec="seconds"),
            status=status,
            headers=tuple(response.headers.items()),
        )
        if self.cache and kind != "robots":
            self.cache.put(url, doc)
        self._count("fetched")
        return Fetched(doc, request_headers=sent)

    def _read_body(
        self, url: str, kind: Kind, response: requests.Response, deadline: Deadline
    ) -> bytes:
        """Stream and decode the body; refuse it past the size limit, the deadline, or cut short.

        The bytes are read as sent (urllib3 does not decode them) so that the body's own end
        can be checked: Content-Length for the bytes on the wire, the coding's end marker for a
        compressed body (a gzip body cut short inflates without error into half a page).
        """
        limit = self.settings.max_sitemap_bytes if kind == "feed" else self.settings.max_bytes
        declared = response.headers.get("Content-Length", "").strip()
        coding = response.headers.get("Content-Encoding")
        try:
            decoder = decoder_for(coding, limit)
        except UnsupportedCoding as exc:
            raise FetchFailed(Errors.E010, f"{url}: unsupported Content-Encoding {exc}", url) from exc
        plain = (coding or "identity").strip().lower() == "identity"
        if plain and declared.isdigit() and int(declared) > limit:  # refused before reading
            raise FetchFailed(Errors.E013, f"{url}: Content-Length {declared} > {limit} bytes", url)
        chunks: list[bytes] = []
        received = 0
        try:
            # read1 returns what has arrived, so the deadline is checked while a server trickles
            # (and the deadline's timer unblocks a read that waits); the decoder inflates at most
            # up to the limit, so a bomb is abandoned there, never inflated whole.
            while raw := response.raw.read1(CHUNK, decode_content=False):
                received += len(raw)
                if deadline.passed():
                    raise self._timed_out(url)
                chunks.append(decoder.decode(raw))
            if deadline.passed():
                raise self._timed_out(url)
            if declared.isdigit() and received < int(declared):
                raise FetchFailed(
                    Errors.E017, f"{url}: {received} of {declared} bytes (Content-Length)", url
                )
            chunks.append(decoder.finish())
        except TooLarge as exc:
            raise FetchFailed(Errors.E013, f"{url}: more than {limit} bytes decoded", url) from exc
        except Incomplete as exc:
            raise FetchFailed(Errors.E017, f"{url}: {coding} body: {exc}", url) from exc
        except (urllib3.exceptions.ProtocolError, urllib3.exceptions.ReadTimeoutError) as exc:
            if deadline.passed():
                raise self._timed_out(url) from exc
            code = Errors.E016 if isinstance(exc, urllib3.exceptions.ReadTimeoutError) else Errors.E017
            raise FetchFailed(code, f"{url}: {_short(exc)}", url) from exc
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            if deadline.passed():
                raise self._timed_out(url) from exc
            raise FetchFailed(Errors.E017, f"{url}: broken body ({_short(exc)})", url) from exc
        return b"".join(chunks)

    def _wall_seconds(self) -> float:
        return self.clock.now().timestamp()


def _refusal(url: str, exc: UnsafeURL) -> FetchFailed:
    """E010 for a name that did not resolve, E012 for an address or scheme the policy refuses."""
    return FetchFailed(Errors.E010 if isinstance(exc, Unresolvable) else Errors.E012, str(exc), url=url)


def _short(exc: BaseException) -> str:
    """A one-line reason from a requests/urllib3 exception (their messages nest deeply)."""
    text = str(exc)
    return text if len(text) <= 200 else text[:197] + "..."
