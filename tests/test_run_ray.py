"""vnextract.pipeline.run on a local Ray instance: the same records and dead letters as the local engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from _run_inputs import Inputs, dump, make_inputs, sqlite_url

from vnextract.pipeline.run import ray_init_kwargs, run
from vnextract.pipeline.run_executors import RayExecutor
from vnextract.pipeline.sinks.database import DatabaseSink

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Inputs:
    return make_inputs(tmp_path_factory.mktemp("ray") / "inputs", good=5)


def test_run_ray_gives_the_records_of_the_local_engine(ray_session, inputs: Inputs, settings,
                                                       tmp_path: Path) -> None:
    local_url, ray_url = sqlite_url(tmp_path / "local.db"), sqlite_url(tmp_path / "ray.db")
    with DatabaseSink(local_url) as sink:
        local = run([str(inputs.root)], settings, sink, progress=False, batch_size=3)
    with DatabaseSink(ray_url) as sink:
        on_ray = run([str(inputs.root)], settings, sink, engine="ray", workers=2, progress=False,
                     batch_size=3, chunk_size=2)
        assert sink.stats.batches >= 2  # the driver wrote batches as results arrived
    assert on_ray.engine == "ray" and on_ray.workers == 2
    assert on_ray.processed == local.processed == inputs.articles
    assert (on_ray.rejected, on_ray.duplicates) == (local.rejected, local.duplicates)
    # Same ids, same record JSON (articles.record), same child rows and dead letters.
    assert dump(ray_url) == dump(local_url)
    assert ray.is_initialized()  # a session the run did not start is left running

    # Resumable like the local engine: the done ids travel to the actors once.
    with DatabaseSink(ray_url) as sink:
        again = run([str(inputs.root)], settings, sink, engine="ray", workers=2, resume=True,
                    progress=False)
    assert again.processed == 0 and again.skipped == inputs.articles + inputs.duplicates
    assert dump(ray_url) == dump(local_url)


def test_run_ray_local_instance_stays_on_loopback() -> None:
    kwargs = ray_init_kwargs(2, None)
    assert kwargs["include_dashboard"] is False
    assert kwargs["_node_ip_address"] == "127.0.0.1"
    assert kwargs["num_cpus"] == 2
    remote = ray_init_kwargs(None, "ray://head:10001")
    assert "num_cpus" not in remote and "_node_ip_address" not in remote
    assert RayExecutor.__name__  # imported without starting anything
