"""One Settings object for a run, built by the CLI and passed explicitly to every stage."""

from __future__ import annotations

import os
from pathlib import Path

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

    model_config = ConfigDict(extra="forbid")

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
    allowed_networks: list[str] = Field(default_factory=list)
    max_crawl_delay: float = 60.0  # a robots.txt Crawl-delay above this is capped (and logged)
    total_timeout: float = 120.0  # seconds for one exchange, connect to last byte (trickling servers)
    max_sitemap_bytes: int = 50 * 1024 * 1024  # the sitemap protocol allows 50 MB uncompressed
    max_input_bytes: int = 20 * 1024 * 1024  # one local input (file, stdin, JSONL line, WARC record)


class ExtractSettings(BaseModel):
    """How extraction behaves."""

    model_config = ConfigDict(extra="forbid")

    max_input_bytes: int = 20 * 1024 * 1024  # larger inputs are refused before decoding
    max_text_chars: int = 2_000_000  # longer article bodies are refused, not truncated silently


class Settings(BaseModel):
    """All settings of one run."""

    model_config = ConfigDict(extra="forbid")

    fetch: FetchSettings = Field(default_factory=FetchSettings)
    extract: ExtractSettings = Field(default_factory=ExtractSettings)
