"""robots.txt: fetched once per host, obeyed, and its Crawl-delay handed to the throttle."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from vnextract.pipeline.errors import Errors, FetchError
from vnextract.pipeline.sources.outcomes import FetchFailed
from vnextract.pipeline.types import RawDocument

LOGGER = logging.getLogger(__name__)

RobotsFetch = Callable[
    [str], RawDocument
]  # raises FetchError; `status` attribute when HTTP said no


@dataclass(frozen=True)
class RobotsRules:
    """What one host's robots.txt says, or a blanket rule when it could not be read."""

    parser: RobotFileParser | None
    allow_all: bool = False
    disallow_reason: str | None = None  # set when the whole host is off limits for this run

    def can_fetch(self, user_agent: str, url: str) -> bool:
        """True if `user_agent` may fetch `url`."""
        if self.disallow_reason:
            return False
        if self.allow_all or self.parser is None:
            return True
        return self.parser.can_fetch(user_agent, url)

    def crawl_delay(self, user_agent: str) -> float | None:
        """The Crawl-delay (or Request-rate interval) for `user_agent`, if any."""
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(user_agent)
        rate = self.parser.request_rate(user_agent)
        candidates = [float(delay)] if delay is not None else []
        if rate is not None and rate.requests:
            candidates.append(rate.seconds / rate.requests)
        return max(candidates) if candidates else None


DEFAULT_PORTS = {"http": 80, "https": 443}


def _host_port(url: str) -> tuple[str, str, int | None]:
    """(scheme, host as written in a URL, port or None) without userinfo, lowercased."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"  # an IPv6 literal keeps its brackets
    try:
        port = parts.port
    except ValueError:
        port = None
    return scheme, host, port


def without_userinfo(url: str) -> str:
    """`url` without `user:password@`: credentials are never sent, logged or archived."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url  # malformed: the address policy refuses it with the reason
    if "@" not in parts.netloc:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def robots_url(url: str) -> str:
    """The robots.txt URL that governs `url`."""
    scheme, host, port = _host_port(url)
    suffix = f":{port}" if port is not None and port != DEFAULT_PORTS.get(scheme) else ""
    return f"{scheme}://{host}{suffix}/robots.txt"


def host_key(url: str) -> str:
    """The politeness and robots key of a URL: scheme://host:port, userinfo left out.

    Keyed so that `u1@host`, `u2@host` and `HOST:80` are one host: userinfo cannot buy a
    second delay slot or a second robots.txt verdict.
    """
    scheme, host, port = _host_port(url)
    return f"{scheme}://{host}:{port or DEFAULT_PORTS.get(scheme, 0)}"


def parse_robots(content: bytes) -> RobotsRules:
    """Rules from robots.txt bytes (undecodable bytes are replaced, as crawlers commonly do)."""
    parser = RobotFileParser()
    parser.parse(content.decode("utf-8", errors="replace").splitlines())
    # urllib.robotparser applies the first matching rule; RFC 9309 (and Google) apply the longest,
    # with Allow winning a tie. Sorting each group's rules that way makes first match = longest.
    # `entries` and `default_entry` are undocumented but stable since Python 2.
    default = getattr(parser, "default_entry", None)
    entries = list(getattr(parser, "entries", [])) + ([default] if default else [])
    for entry in entries:
        entry.rulelines.sort(key=lambda rule: (-len(rule.path), not rule.allowance))
    return RobotsRules(parser)


class RobotsPolicy:
    """Per-host robots.txt cache for one run; fetched with the run's session and throttle."""

    def __init__(self, fetch: RobotsFetch, user_agent: str) -> None:
        self._fetch = fetch
        self.user_agent = user_agent
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def rules_for(self, url: str) -> RobotsRules:
        """The rules of the host of `url`, fetching robots.txt the first time that host is seen."""
        key = host_key(url)
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        # One lock per host: a second thread for the same host waits for the first fetch
        # instead of fetching robots.txt twice, while other hosts go on.
        with lock:
            if key not in self._rules:
                self._rules[key] = self._load(robots_url(url))
            return self._rules[key]

    def _load(self, url: str) -> RobotsRules:
        try:
            doc = self._fetch(url)
        except FetchError as exc:
            status = getattr(exc, "status", None)
            if status is not None and 400 <= status < 500:
                # RFC 9309: an unavailable (4xx) robots.txt means no restrictions.
                LOGGER.info("%s answered %s: all paths allowed", url, status)
                return RobotsRules(None, allow_all=True)
            # 5xx or unreachable: RFC 9309 says assume complete disallow, here for this run.
            reason = f"robots.txt unavailable ({exc.reason}); host skipped for this run"
            LOGGER.warning("%s: %s", url, reason)
            return RobotsRules(None, disallow_reason=reason)
        return parse_robots(doc.content)

    def check(self, url: str) -> None:
        """Raise FetchError E011 if robots.txt forbids `url`."""
        rules = self.rules_for(url)
        if not rules.can_fetch(self.user_agent, url):
            detail = rules.disallow_reason or "path disallowed for this user agent"
            raise FetchFailed(Errors.E011, f"{url}: {detail}", url=url)

    def crawl_delay(self, url: str) -> float | None:
        """The Crawl-delay of the host of `url`, if robots.txt sets one."""
        return self.rules_for(url).crawl_delay(self.user_agent)
