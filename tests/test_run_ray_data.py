"""The ray-data engine (pipeline.cluster): shards planned by the driver, read, extracted and
written by Ray Data workers; the same rows as the local engine; resumable shard by shard."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from _run_inputs import Inputs, dump, make_inputs, run_into, sqlite_url

from vnextract.pipeline.cluster import (
    LEDGER_FILE,
    ClusterError,
    FileLedger,
    ShardSummary,
    partition_of,
    plan_shards,
    run_cluster,
)
from vnextract.pipeline.run import EXTRACTOR_VERSION

FILES_PER_SHARD = 3  # several shards from a small folder


# --- planning (no Ray) -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "per_shard", "expected"),
    [
        pytest.param(["a.txt", "b.txt", "c.txt"], 2, [["a.txt", "b.txt"], ["c.txt"]], id="groups"),
        pytest.param(["a.txt", "f.jsonl", "g.txt"], 5, [["a.txt"], ["f.jsonl"], ["g.txt"]],
                     id="archive-alone"),
        pytest.param(["p.warc.gz", "q.html"], 5, [["p.warc.gz"], ["q.html"]], id="warc-alone"),
    ],
)
def test_cluster_plan_shards_groups_files_and_keeps_archives_alone(
    tmp_path: Path, names: list[str], per_shard: int, expected: list[list[str]]
) -> None:
    for name in names:
        (tmp_path / name).write_text("x", encoding="utf-8")
    shards = list(plan_shards([str(tmp_path)], per_shard))
    assert [[Path(p).name for p in shard.paths] for shard in shards] == expected
    assert len({shard.shard_id for shard in shards}) == len(shards)


def test_cluster_shard_id_follows_file_content(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("một", encoding="utf-8")
    before = next(plan_shards([str(tmp_path)])).shard_id
    assert next(plan_shards([str(tmp_path)])).shard_id == before  # stable across plans
    path.write_text("một hai", encoding="utf-8")
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    assert next(plan_shards([str(tmp_path)])).shard_id != before


@pytest.mark.parametrize("spec", [pytest.param("-", id="stdin"),
                                  pytest.param("https://example.invalid/a.html", id="url"),
                                  pytest.param("nosuch://bucket/archive", id="unknown-scheme")])
def test_cluster_refuses_inputs_workers_cannot_read(spec: str) -> None:
    with pytest.raises(ClusterError) as caught:
        list(plan_shards([spec]))
    assert caught.value.code == "E070"


def test_cluster_needs_a_sink(settings) -> None:
    with pytest.raises(ClusterError) as caught:
        run_cluster(["corpus"], settings)
    assert caught.value.code == "E071"


@pytest.mark.parametrize(
    ("outlet", "published", "expected"),
    [
        pytest.param("Dân trí", "2024-01-04", ("Dân trí", "2024-01"), id="both"),
        pytest.param(None, "2024-01-04T08:00:00+07:00", ("unknown", "2024-01"), id="no-outlet"),
        pytest.param("VnExpress", None, ("VnExpress", "unknown"), id="no-date"),
        pytest.param(" ", "2024", ("unknown", "unknown"), id="blank-outlet-year-only"),
    ],
)
def test_cluster_partition_of_outlet_and_month(outlet, published, expected) -> None:
    from vnextract.models import Record

    record = Record.model_validate({
        "id": "x" * 64, "text": "t", "source": {"outlet": outlet}, "published_at": published,
        "extractor": {"name": "vnextract", "version": "test"},
    })
    assert partition_of(record) == expected


def test_cluster_file_ledger_skips_a_line_cut_by_a_kill(tmp_path: Path) -> None:
    ledger = FileLedger(tmp_path / LEDGER_FILE)
    ledger.mark(ShardSummary(shard_id="s1", inputs=2, processed=2), EXTRACTOR_VERSION)
    ledger.mark(ShardSummary(shard_id="old", inputs=1), "0.0.0-other")
    with (tmp_path / LEDGER_FILE).open("a", encoding="utf-8") as handle:
        handle.write('{"extractor_version": "')  # the kill came mid-line
    assert list(ledger.done(EXTRACTOR_VERSION)) == ["s1"]


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        pytest.param(["https://example.invalid/a.html"], "E070", id="url-input"),
        pytest.param(["corpus", "--dead-letter", "dead.jsonl"], None, id="dead-letter-file"),
    ],
)
def test_cli_run_ray_data_refuses_what_workers_cannot_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], code: str | None
) -> None:
    from vnextract.pipeline.cli import main

    status = main(["run", "--engine", "ray-data", "--db", f"sqlite:///{tmp_path / 'r.db'}",
                   "--no-progress", *extra])
    assert status == 2
    message = capsys.readouterr().err
    assert "vnextract run:" in message
    assert code is None or f"[{code}]" in message


# --- on a local Ray instance ----------------------------------------------------------------

ray = pytest.importorskip("ray")
pytest.importorskip("ray.data")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Inputs:
    folder = tmp_path_factory.mktemp("ray-data") / "inputs"
    made = make_inputs(folder, good=8)
    # The same text under a second name: the local engine keeps the first copy, the cluster the
    # copy of the shard written last (documented in pipeline.cluster); equal rows need neither.
    (folder / "z-copy-of-the-first.txt").unlink()
    return Inputs(root=made.root, articles=made.articles, rejected=made.rejected, duplicates=0)


def _parquet_records(folder: Path) -> dict[str, dict]:
    import pyarrow.dataset as ds

    table = ds.dataset(folder, format="parquet", partitioning="hive").to_table()
    return {row["id"]: json.loads(row["record"]) for row in table.to_pylist()}


def test_run_ray_data_same_rows_as_local_and_resumes_by_shard(
    ray_session, inputs: Inputs, settings, tmp_path: Path
) -> None:
    local_url, cluster_url = sqlite_url(tmp_path / "local.db"), sqlite_url(tmp_path / "cluster.db")
    parquet = tmp_path / "records"
    local = run_into(local_url, inputs, settings)

    # A run stopped after its first recorded shard, as a killed driver would be.
    recorded: list[str] = []

    def stop_after_first(summary: ShardSummary) -> None:
        recorded.append(summary.shard_id)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_cluster([str(inputs.root)], settings, db_url=cluster_url, parquet=str(parquet),
                    workers=2, files_per_shard=FILES_PER_SHARD, on_shard=stop_after_first)
    assert len(recorded) == 1

    resumed = run_cluster([str(inputs.root)], settings, db_url=cluster_url, parquet=str(parquet),
                          workers=2, files_per_shard=FILES_PER_SHARD)
    shards = list(plan_shards([str(inputs.root)], FILES_PER_SHARD))
    assert len(shards) >= 3
    assert resumed.inputs == local.inputs == inputs.inputs
    assert resumed.processed + resumed.skipped == local.processed == inputs.articles
    assert resumed.rejected == local.rejected
    # Nothing lost, nothing doubled: every table holds the local engine's rows.
    assert dump(cluster_url) == dump(local_url)

    # The Parquet dataset holds the same records, once each, partitioned by outlet and month.
    from sqlalchemy import create_engine, text

    engine = create_engine(local_url)
    with engine.connect() as conn:
        stored = {row.id: json.loads(row.record) for row in conn.execute(text("SELECT id, record FROM articles"))}
    engine.dispose()
    assert _parquet_records(parquet) == stored
    assert not list(parquet.rglob(".part-*"))  # no half-written shard left visible or hidden
    assert all(p.parent.name.startswith("month=") and p.parent.parent.name.startswith("outlet=")
               for p in parquet.rglob("part-*.parquet"))

    again = run_cluster([str(inputs.root)], settings, db_url=cluster_url, parquet=str(parquet),
                        workers=2, files_per_shard=FILES_PER_SHARD)
    assert again.processed == 0 and again.skipped == inputs.articles
    assert dump(cluster_url) == dump(local_url)
