"""Inputs and Parquet output behind fsspec URLs (pipeline.sources.remote, pipeline.cluster):
file:// through fsspec, and s3:// against a loopback S3 server (moto) read by s3fs. The rows are
the local engine's, the inputs' names aside (the URL where the local run names the path)."""

from __future__ import annotations

import gzip
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _run_inputs import CORPUS, VOLATILE, Inputs, dump, make_inputs, sqlite_url

from vnextract.pipeline.cluster import ClusterError, plan_shards, run_cluster
from vnextract.pipeline.errors import InputError
from vnextract.pipeline.settings import Settings
from vnextract.pipeline.sources.inputs import iter_inputs
from vnextract.pipeline.sources.remote import is_remote, list_files
from vnextract.pipeline.types import RawDocument

FILES_PER_SHARD = 3


def _with_sidecar(root: Path) -> None:
    """A corpus text with its `.meta.json` (date and URL), which must be read beside it."""
    text = max(CORPUS.glob("*/*.txt"))
    shutil.copy(text, root / f"s-{text.name}")
    shutil.copy(text.with_name(text.name.replace(".txt", ".meta.json")),
                root / f"s-{text.name.replace('.txt', '.meta.json')}")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Inputs:
    folder = tmp_path_factory.mktemp("remote") / "inputs"
    made = make_inputs(folder, good=5)
    (folder / "z-copy-of-the-first.txt").unlink()  # which copy wins differs by engine (documented)
    _with_sidecar(folder)
    with gzip.open(folder / "g-feed.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"url": "https://example.invalid/tin/2.html", "published": "2024-02-01",
                                 "text": "Ngày 1/2, UBND tỉnh Lâm Đồng họp với 1.200 hộ dân."},
                                ensure_ascii=False) + "\n")
    return Inputs(root=made.root, articles=made.articles, rejected=made.rejected, duplicates=0)


def _described(outcome: Any, prefix: str) -> tuple[Any, ...]:
    """An outcome with its names made relative to `prefix` (a folder's path or URL)."""
    if isinstance(outcome, RawDocument):
        return ("doc", (outcome.archive or "").removeprefix(prefix), outcome.content, outcome.url,
                outcome.published, outcome.content_type)
    return ("error", outcome.code, (outcome.source or "").removeprefix(prefix))


# --- file:// through fsspec, no Ray ------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "remote"),
    [
        pytest.param("s3://bucket/prefix/", True, id="s3"),
        pytest.param("file:///data/a.jsonl", True, id="file"),
        pytest.param("https://example.invalid/a.html", False, id="web-page"),
        pytest.param("/data/a.jsonl", False, id="path"),
    ],
)
def test_remote_is_remote_for_fsspec_urls_only(spec: str, remote: bool) -> None:
    assert is_remote(spec) is remote


def test_remote_file_url_reads_what_the_path_reads(inputs: Inputs) -> None:
    root = str(inputs.root)
    local = [_described(o, root) for o in iter_inputs([root], Settings())]
    remote = [_described(o, f"file://{root}") for o in iter_inputs([f"file://{root}"], Settings())]
    assert remote == local
    assert any(d[0] == "doc" and d[4] for d in local if d[1].startswith("/s-"))  # the sidecar's date


def test_remote_oversized_text_is_refused_before_copying(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes(b"x" * 5000)
    settings = Settings.model_validate({"fetch": {"max_input_bytes": 1000}})
    [outcome] = iter_inputs([f"file://{tmp_path}/big.txt"], settings)
    assert isinstance(outcome, InputError) and outcome.code == "E004"
    assert outcome.source == f"file://{tmp_path}/big.txt"


def test_remote_listing_leaves_out_hidden_and_other_files(tmp_path: Path) -> None:
    for name in ("a.txt", "a.meta.json", ".hidden.txt", "notes.pdf", "sub/b.html", ".git/c.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    listed = [url for url, _info in list_files(f"file://{tmp_path}")]
    assert listed == [f"file://{tmp_path}/a.txt", f"file://{tmp_path}/sub/b.html"]


def test_remote_plan_groups_urls_as_paths(inputs: Inputs) -> None:
    local = list(plan_shards([str(inputs.root)], FILES_PER_SHARD))
    remote = list(plan_shards([f"file://{inputs.root}"], FILES_PER_SHARD))
    assert [[p.removeprefix("file://") for p in s.paths] for s in remote] == [list(s.paths) for s in local]
    assert [s.shard_id for s in plan_shards([f"file://{inputs.root}"], FILES_PER_SHARD)] == [
        s.shard_id for s in remote]  # stable across plans


def test_remote_shard_id_follows_the_object(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("một", encoding="utf-8")
    before = next(plan_shards([f"file://{tmp_path}"])).shard_id
    path.write_text("một hai", encoding="utf-8")
    assert next(plan_shards([f"file://{tmp_path}"])).shard_id != before


@pytest.fixture
def missing_package(monkeypatch: pytest.MonkeyPatch) -> str:
    """A scheme fsspec knows whose package is not installed, as gs:// is without gcsfs."""
    from fsspec.registry import known_implementations

    monkeypatch.setitem(known_implementations, "vnxtest", {
        "class": "vnextract_no_such_package.FileSystem",
        "err": "Install vnextract-no-such-package to access vnxtest"})
    return "vnxtest://bucket/archive/"


def test_remote_missing_filesystem_package_is_named(missing_package: str, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    [outcome] = iter_inputs([missing_package], Settings())
    assert isinstance(outcome, InputError) and outcome.code == "E074"
    assert "vnextract-no-such-package" in outcome.reason
    with pytest.raises(ClusterError) as caught:
        list(plan_shards([missing_package]))
    assert caught.value.code == "E074"

    from vnextract.pipeline.cli import main

    status = main(["run", "--engine", "ray-data", "--db", sqlite_url(tmp_path / "r.db"), "--no-progress",
                   missing_package])
    assert status == 2
    assert "[E074]" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("spec", "code"),
    [pytest.param("nosuch://bucket/a.txt", "E030", id="unknown-scheme"),
     pytest.param("file:///nonexistent-vnextract/a.txt", "E005", id="missing-file")],
)
def test_remote_bad_urls_are_rejections(spec: str, code: str) -> None:
    [outcome] = iter_inputs([spec], Settings())
    assert isinstance(outcome, InputError) and outcome.code == code and outcome.source == spec


# --- on a local Ray instance: file:// and a loopback S3 server -------------------------------

ray = pytest.importorskip("ray")
pytest.importorskip("ray.data")


def _local_run(url: str, specs: list[str], settings: Any) -> Any:
    from vnextract.pipeline.run import run
    from vnextract.pipeline.sinks.database import DatabaseSink

    with DatabaseSink(url) as sink:
        return run(specs, settings, sink, progress=False)


def _renamed(tables: dict[str, list[tuple[Any, ...]]], old: str, new: str) -> dict[str, list[tuple[Any, ...]]]:
    """The dump with every mention of the inputs' folder `old` written as `new`, without the dead
    letters' keys (a hash of the input's name when it has no URL)."""
    from sqlalchemy import inspect as table_columns

    from vnextract.pipeline.sinks.schema import METADATA

    names = [c.name for c in table_columns(METADATA.tables["rejections"]).columns
             if c.name not in VOLATILE["rejections"]]
    key = names.index("input_key")
    renamed = {}
    for name, rows in tables.items():
        rows = [tuple(value.replace(old, new) for value in row) for row in rows]
        if name == "rejections":
            rows = [row[:key] + row[key + 1:] for row in rows]
        renamed[name] = sorted(rows)
    return renamed


def test_remote_ray_data_file_urls_same_rows_as_local(ray_session: Any, inputs: Inputs, settings: Any,
                                                      tmp_path: Path) -> None:
    root, url = str(inputs.root), f"file://{inputs.root}"
    plain_db, local_db, cluster_db = (sqlite_url(tmp_path / f"{n}.db") for n in ("plain", "local", "cluster"))
    _local_run(plain_db, [root], settings)
    local = _local_run(local_db, [url], settings)
    cluster = run_cluster([url], settings, db_url=cluster_db, workers=2, files_per_shard=FILES_PER_SHARD)
    assert cluster.inputs == local.inputs == inputs.inputs + 2
    assert cluster.processed == local.processed == inputs.articles + 2
    assert dump(cluster_db) == dump(local_db)
    assert _renamed(dump(local_db), url, root) == _renamed(dump(plain_db), url, root)


@pytest.fixture(scope="module")
def s3(inputs: Inputs) -> Iterator[Any]:
    """A moto S3 server on 127.0.0.1 holding the inputs under s3://vnextract-test/inputs/; the
    environment points boto at it (never at AWS: fixed keys, no instance metadata lookups)."""
    pytest.importorskip("s3fs")
    server_module = pytest.importorskip("moto.server")
    environment = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                   "AWS_DEFAULT_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true"}
    saved = {key: os.environ.get(key) for key in [*environment, "AWS_ENDPOINT_URL"]}
    server = server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        os.environ.update(environment, AWS_ENDPOINT_URL=f"http://{host}:{port}")
        import s3fs

        fs = s3fs.S3FileSystem(skip_instance_cache=True)
        fs.mkdir("vnextract-test")
        fs.put(str(inputs.root) + "/", "vnextract-test/inputs/", recursive=True)
        yield fs
    finally:
        server.stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="module")
def ray_with_s3(s3: Any) -> Iterator[Any]:
    """A Ray instance whose workers see the S3 server's environment (set before they start)."""
    import ray

    from vnextract.pipeline.run_executors import ray_init_kwargs

    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    if ray.is_initialized():
        ray.shutdown()
    env = {key: os.environ[key] for key in os.environ if key.startswith("AWS_")}
    ray.init(**ray_init_kwargs(2, None), runtime_env={"env_vars": env})
    yield ray
    ray.shutdown()


def _parquet_records(fs: Any, root: str) -> dict[str, dict[str, Any]]:
    import pyarrow.dataset as ds

    table = ds.dataset(root, format="parquet", partitioning="hive", filesystem=fs).to_table()
    return {row["id"]: json.loads(row["record"]) for row in table.to_pylist()}


def test_remote_ray_data_s3_inputs_and_parquet_same_rows_as_local(
    s3: Any, ray_with_s3: Any, inputs: Inputs, settings: Any, tmp_path: Path
) -> None:
    root, url = str(inputs.root), "s3://vnextract-test/inputs"
    plain_db, local_db, cluster_db = (sqlite_url(tmp_path / f"{n}.db") for n in ("plain", "local", "cluster"))
    _local_run(plain_db, [root], settings)
    local = _local_run(local_db, [url + "/"], settings)
    cluster = run_cluster([url + "/"], settings, db_url=cluster_db, parquet="s3://vnextract-test/records",
                          workers=2, files_per_shard=FILES_PER_SHARD)
    assert cluster.processed == local.processed == inputs.articles + 2
    assert cluster.rejected == local.rejected
    assert dump(cluster_db) == dump(local_db)
    assert _renamed(dump(local_db), url, root) == _renamed(dump(plain_db), url, root)

    stored = {row[0]: row for row in dump(cluster_db)["articles"]}
    parquet = _parquet_records(s3, "vnextract-test/records")
    assert set(parquet) == {json.loads(key) for key in stored}
    assert not [p for p in s3.find("vnextract-test/records") if "/.part-" in p]  # all renamed


def test_remote_ray_data_parquet_only_resumes_from_its_object_ledger(
    s3: Any, ray_with_s3: Any, inputs: Inputs, settings: Any
) -> None:
    target = "s3://vnextract-test/only-parquet"
    first = run_cluster(["s3://vnextract-test/inputs/"], settings, parquet=target, workers=2,
                        files_per_shard=FILES_PER_SHARD)
    assert first.processed == inputs.articles + 2
    assert s3.ls("vnextract-test/only-parquet/_shards")  # one object per done shard
    again = run_cluster(["s3://vnextract-test/inputs/"], settings, parquet=target, workers=2,
                        files_per_shard=FILES_PER_SHARD)
    assert again.processed == 0 and again.skipped == first.processed + first.skipped
