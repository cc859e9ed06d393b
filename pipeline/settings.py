"""One Settings object for a run: built once, by `build_settings` from the command's arguments and the
environment, frozen, and passed explicitly to every stage."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from vnextract.pipeline import __version__

CONTACT_ENV = "VNEXTRACT_CONTACT"


def default_user_agent(contact: str | None = None) -> str:
    """The User-Agent naming the project and, when known, who runs it (argument, else env).

    Site owners read it to decide whether to block a crawler or write to its operator: a
    contact they can reach is the polite default, a placeholder address is not.
    """
    contact = (contact or os.environ.get(CONTACT_ENV, "")).strip()
    details = "Vietnamese news extraction" + (f"; contact: {contact}" if contact else "")
    return f"vnextract/{__version__} ({details})"


class FetchSettings(BaseModel):
    """How the fetchers behave on the network."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    user_agent: str = Field(default_factory=lambda: default_user_agent())
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_retries: int = 3
    backoff_base: float = 0.5  # seconds; doubled each retry
    max_backoff: float = 60.0
    max_redirects: int = 5
    max_bytes: int = 10 * 1024 * 1024  # decoded body size limit
    per_host_delay: float = 1.0  # seconds between requests to one host (Crawl-delay wins if larger)
    max_concurrency: int = 4
    obey_robots: bool = True
    allow_private: bool = False  # loopback/private addresses are refused unless set (tests set it)
    cache_dir: Path | None = None  # conditional-GET cache; None disables it
    # CIDRs reachable even when allow_private is off (an intranet mirror; tests use 127.0.0.0/8)
    allowed_networks: tuple[str, ...] = ()
    max_crawl_delay: float = 60.0  # a robots.txt Crawl-delay above this is capped (and logged)
    total_timeout: float = 120.0  # seconds for one exchange, connect to last byte (trickling servers)
    max_sitemap_bytes: int = 50 * 1024 * 1024  # the sitemap protocol allows 50 MB uncompressed
    max_input_bytes: int = 20 * 1024 * 1024  # one local input (file, stdin, JSONL line, WARC record)


class ExtractSettings(BaseModel):
    """How extraction behaves."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_input_bytes: int = 20 * 1024 * 1024  # larger inputs are refused before decoding
    max_text_chars: int = 2_000_000  # longer article bodies are refused, not truncated silently
    # past it one input (parse and extraction) is rejected with E040 instead of stalling a worker
    article_seconds: float | None = 120.0


class Settings(BaseModel):
    """All settings of one run."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fetch: FetchSettings = Field(default_factory=FetchSettings)
    extract: ExtractSettings = Field(default_factory=ExtractSettings)


# command-line option -> (settings section, field): the options every subcommand may carry
_FETCH_OPTIONS = (
    ("delay", "per_host_delay"),
    ("user_agent", "user_agent"),
    ("cache_dir", "cache_dir"),
    ("jobs", "max_concurrency"),
)


def build_settings(args: argparse.Namespace | None = None, environ: dict[str, str] | None = None) -> Settings:
    """The one place a run's Settings are made: defaults, then the environment, then the options.

    `args.settings` (a Settings made by a caller such as a test) is taken as the base. `--max-bytes N`
    sets every input size limit; a body of N characters takes at least N bytes, so the text limit
    rises with it. The result is frozen: no stage changes it afterwards.
    """
    env = os.environ if environ is None else environ
    base: Settings = getattr(args, "settings", None) or Settings()
    fetch: dict[str, Any] = {}
    extract: dict[str, Any] = {}
    if getattr(args, "allow_private", False):
        fetch["allow_private"] = True
    contact = getattr(args, "contact", None) or env.get(CONTACT_ENV)
    if contact and not getattr(args, "user_agent", None):
        fetch["user_agent"] = default_user_agent(contact)
    for option, field in _FETCH_OPTIONS:
        value = getattr(args, option, None)
        if value is not None and field in FetchSettings.model_fields:
            fetch[field] = value
    limit = getattr(args, "max_bytes", None)
    if limit is not None:
        fetch["max_input_bytes"] = extract["max_input_bytes"] = limit
        fetch["max_bytes"] = limit
        extract["max_text_chars"] = max(base.extract.max_text_chars, limit)
    seconds = getattr(args, "article_seconds", None)
    if seconds is not None:
        extract["article_seconds"] = seconds if seconds > 0 else None
    return base.model_copy(update={
        "fetch": base.fetch.model_copy(update=fetch),
        "extract": base.extract.model_copy(update=extract),
    })
