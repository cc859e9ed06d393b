"""Shared fixtures: the repo root on sys.path, the shared data folder, one Language per session."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED_DATA = ROOT.parent / "shared" / "data"
SEED = SHARED_DATA / "seed-lam-dong-duc-trong-2024-01-04.txt"


@pytest.fixture(scope="session")
def nlp():
    """The full pipeline, loaded once for the test session."""
    from vnextract.pipeline.nlp import shared_nlp

    return shared_nlp()


@pytest.fixture(scope="session")
def settings():
    """Default settings."""
    from vnextract.pipeline.settings import Settings

    return Settings()


@pytest.fixture
def shared_seed() -> Path:
    """The seed article in ../shared/data; tests using it skip when it is absent."""
    if not SEED.exists():
        pytest.skip("../shared/data is absent")
    return SEED


@pytest.fixture(scope="module")
def ray_session() -> Iterator[Any]:
    """One local Ray instance for a test module (it takes seconds to start): loopback, 2 CPUs,
    no usage stats. Modules using it skip themselves when Ray is not installed."""
    import ray

    from vnextract.pipeline.run_executors import ray_init_kwargs

    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    if ray.is_initialized():
        ray.shutdown()
    ray.init(**ray_init_kwargs(2, None))
    yield ray
    ray.shutdown()
