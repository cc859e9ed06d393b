"""Cluster runs on Ray Data: the workers read their shards, extract and write the records.

    vnextract run archive/ --engine ray-data --db postgresql://... --parquet out/records

The driver (this process) only plans shards and records which are done:

- A shard is a list of input files every node can reach (a shared disk, NFS): consecutive files
  of a folder in sorted order (`files_per_shard` at a time), or one JSON Lines or WARC file. Its
  id is a hash of its paths, sizes and modification times, so a changed file makes a new shard.
- `ray.data.from_items(shards).map_batches(ShardExtractor, ...)`: each Ray worker is one
  `ShardExtractor` (a callable class) that loads the spaCy Language once, opens its own sinks
  (one PostgreSQL/SQLite connection per worker, so the database is loaded over several
  connections; and/or a Parquet dataset partitioned by outlet and month) and, per shard, reads
  the files itself, extracts, writes batches, and gives back one small summary row.
- The driver streams those summary rows and appends each to the shard ledger (a table
  `vnextract_shards` in the database, else `_shards.jsonl` in the Parquet folder). A shard is
  marked done only after its worker committed every row of it.

Resume: a killed run started again skips the shards the ledger holds for this extractor version
and redoes the others whole. Redoing a shard cannot double a row: database rows are upserts keyed
by article id (dead letters by input key), and a shard's Parquet files are named after the shard
and replaced, not appended to. Within a shard the first input of an article id wins, as in the
local engine; an article found in two shards is one database row (both write the same id) but,
in Parquet, is in both shards' files: deduplicate by `id` when reading a dataset built from
overlapping inputs. In the database the copy of the shard written last stays (its `source`
names its own file), where the local engine keeps the first copy in input order.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import logging
import os
import resource
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from vnextract.pipeline.errors import Errors, VnextractError
from vnextract.pipeline.settings import Settings
from vnextract.pipeline.sinks import DEFAULT_BATCH_SIZE

if TYPE_CHECKING:  # imported when run, inside run_cluster, like the run's other modules
    from vnextract.pipeline.run_progress import RunSummary

LOGGER = logging.getLogger(__name__)

ENGINE = "ray-data"
DEFAULT_FILES_PER_SHARD = 64  # small files per shard: a few seconds of work for one worker
LEDGER_TABLE = "vnextract_shards"
LEDGER_FILE = "_shards.jsonl"  # in the Parquet folder; "_" keeps Parquet readers off it
LEDGER_FOLDER = "_shards"  # in a Parquet dataset at an fsspec URL: one object per done shard
REJECTIONS_DIR = "_rejections"
UNKNOWN = "unknown"  # partition value of a record without outlet or month
PARQUET_ROW_GROUP = 2_000  # records buffered per partition before a row group is written


class ClusterError(VnextractError):
    """A cluster run that cannot start (inputs the workers cannot read, no sink, no Ray)."""


# --------------------------------------------------------------------------------------------
# Shards: planned by the driver from the input specs.


@dataclass(frozen=True)
class Shard:
    """Input files one worker reads and extracts in one go."""

    shard_id: str
    paths: tuple[str, ...]

    def to_json(self) -> str:
        return json.dumps({"shard_id": self.shard_id, "paths": list(self.paths)}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Shard:
        data = json.loads(text)
        return cls(shard_id=data["shard_id"], paths=tuple(data["paths"]))


def _shard(paths: Sequence[str]) -> Shard:
    """A shard of these paths; its id changes when a file's size or modification time does."""
    digest = hashlib.sha256()
    for path in paths:
        try:
            stat = os.stat(path)
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        except OSError:  # missing: the worker makes its dead letter; the id still names the path
            digest.update(f"{path}\0missing\n".encode())
    return Shard(shard_id=digest.hexdigest()[:32], paths=tuple(paths))


def _remote_shard(files: Sequence[tuple[str, dict[str, Any]]]) -> Shard:
    """A shard of fsspec URLs; its id changes when an object's size, ETag or mtime does."""
    digest = hashlib.sha256()
    for url, info in files:
        version = next((str(info[key]) for key in _VERSION_KEYS if info.get(key) is not None), "")
        digest.update(f"{url}\0{info.get('size')}\0{version}\n".encode())
    return Shard(shard_id=digest.hexdigest()[:32], paths=tuple(url for url, _info in files))


# What tells one version of a remote object from the next: S3/GCS ETags, then modification times.
_VERSION_KEYS = ("ETag", "etag", "md5Hash", "generation", "mtime", "LastModified", "updated", "last_modified")


def plan_shards(specs: Iterable[str], files_per_shard: int = DEFAULT_FILES_PER_SHARD) -> Iterator[Shard]:
    """Shards of the inputs, in input order: folders and loose files in groups, archives alone.

    Local paths and fsspec URLs (s3://, gs://, file://, ...: listed through fsspec) are planned
    alike. Raises ClusterError for inputs only the driver could read (E070: stdin, http(s)
    pages), a URL whose filesystem package is missing (E074), one that cannot be listed (E075).
    """
    from vnextract.pipeline.sources.inputs import URL_PREFIXES, input_kind, walk_files
    from vnextract.pipeline.sources.remote import is_remote, list_files

    if files_per_shard < 1:
        raise ValueError("files_per_shard must be at least 1")
    group: list[tuple[str, dict[str, Any] | None]] = []

    def cut() -> Shard:
        remote = [(name, info) for name, info in group if info is not None]
        shard = _remote_shard(remote) if remote else _shard([name for name, _info in group])
        group.clear()
        return shard

    for spec in specs:
        if spec == "-" or spec.lower().startswith(URL_PREFIXES):
            raise ClusterError(Errors.E070, spec)
        files: list[tuple[str, dict[str, Any] | None]]
        if is_remote(spec):
            try:
                files = [(url, info) for url, info in list_files(spec)]
            except VnextractError as error:
                code = {Errors.E074: Errors.E074, Errors.E030: Errors.E070}.get(error.code, Errors.E075)
                raise ClusterError(code, error.detail, source=spec) from error
        else:
            path = Path(spec)
            files = [(str(p), None) for p in walk_files(path)] if path.is_dir() else [(spec, None)]
        for file, info in files:
            if group and (info is None) != (group[0][1] is None):
                yield cut()  # local files and URLs are not mixed in one shard
            kind = input_kind(Path(file.rsplit("/", 1)[-1]))
            if kind is not None and kind[0] in ("jsonl", "warc"):
                if group:
                    yield cut()
                group.append((file, info))
                yield cut()  # an archive holds many articles: a shard of its own
                continue
            group.append((file, info))
            if len(group) >= files_per_shard:
                yield cut()
    if group:
        yield cut()


# --------------------------------------------------------------------------------------------
# What a worker writes to.


def partition_of(record: Any) -> tuple[str, str]:
    """(outlet, month) of a record, the Parquet partition it goes to; `unknown` when absent."""
    outlet = (record.source.outlet or "").strip() or UNKNOWN
    published = record.published_at or ""
    month = published[:7] if len(published) >= 7 and published[4] == "-" else UNKNOWN
    return outlet, month


class ParquetShardWriter:
    """One shard's records as Parquet files in a hive-partitioned dataset (outlet=…/month=…/).

    `root` is a folder or an fsspec URL (s3://bucket/records, ...). Files are written under
    hidden names (Parquet readers skip names starting with "." or "_") and renamed to
    `part-<shard>.parquet` when the shard is complete, so a reader never sees a half-written
    shard and a redone shard replaces its own files (on object stores a rename is a copy).
    """

    SCHEMA_FIELDS = ("id", "url", "title", "published_at", "extractor_version", "schema_version",
                     "record")

    def __init__(self, root: str | os.PathLike[str], shard_id: str) -> None:
        self.fs, self.root = dataset_filesystem(str(root))
        self.shard_id = shard_id
        self._buffers: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._writers: dict[tuple[str, str], tuple[Any, Any]] = {}  # (ParquetWriter, file)
        self._rejections: list[str] = []
        self.rows = 0

    def _folder(self, partition: tuple[str, str]) -> str:
        outlet, month = partition
        return f"{self.root}/outlet={quote(outlet, safe='')}/month={quote(month, safe='')}"

    def write_batch(self, records: Sequence[Any]) -> int:
        from vnextract.pipeline.sinks.rows import record_json

        for record in records:
            record, dumped = record_json(record)
            self._buffers.setdefault(partition_of(record), []).append({
                "id": record.id,
                "url": record.source.url,
                "title": record.title,
                "published_at": record.published_at,
                "extractor_version": record.extractor.version,
                "schema_version": record.schema_version,
                "record": str(dumped),
            })
        for partition, rows in self._buffers.items():
            if len(rows) >= PARQUET_ROW_GROUP:
                self._flush(partition)
        self.rows += len(records)
        return len(records)

    def _flush(self, partition: tuple[str, str]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = self._buffers.get(partition)
        if not rows:
            return
        table = pa.Table.from_pylist(rows, schema=_parquet_schema())
        opened = self._writers.get(partition)
        if opened is None:
            folder = self._folder(partition)
            self.fs.makedirs(folder, exist_ok=True)
            handle = self.fs.open(f"{folder}/.part-{self.shard_id}.parquet.tmp", "wb")
            opened = self._writers[partition] = (pq.ParquetWriter(handle, table.schema), handle)
        opened[0].write_table(table)
        self._buffers[partition] = []

    def write_rejections(self, items: Iterable[Any]) -> int:
        lines = [json.dumps(asdict(item), ensure_ascii=False, default=str) for item in items]
        self._rejections.extend(lines)
        return len(lines)

    def commit(self) -> None:
        """Write what is buffered and give every file of the shard its final name."""
        for partition in list(self._buffers):
            self._flush(partition)
        for partition, (writer, handle) in self._writers.items():
            writer.close()
            handle.close()
            folder = self._folder(partition)
            self.fs.mv(f"{folder}/.part-{self.shard_id}.parquet.tmp", f"{folder}/part-{self.shard_id}.parquet")
        self._writers = {}
        if self._rejections:
            folder = f"{self.root}/{REJECTIONS_DIR}"
            self.fs.makedirs(folder, exist_ok=True)
            temporary = f"{folder}/.part-{self.shard_id}.jsonl.tmp"
            with self.fs.open(temporary, "wb") as handle:
                handle.write(("\n".join(self._rejections) + "\n").encode("utf-8"))
            self.fs.mv(temporary, f"{folder}/part-{self.shard_id}.jsonl")
            self._rejections = []


def dataset_filesystem(root: str) -> tuple[Any, str]:
    """(fsspec filesystem, path of `root` in it) for a Parquet folder or URL; ClusterError E074
    when the URL's filesystem package is missing."""
    from vnextract.pipeline.sources.remote import filesystem, is_remote

    if not is_remote(root):
        from fsspec.implementations.local import LocalFileSystem

        return LocalFileSystem(), str(Path(root).absolute())
    try:
        fs, path = filesystem(root)
    except VnextractError as error:
        raise ClusterError(error.code if error.code == Errors.E074 else Errors.E075, error.detail,
                           source=root) from error
    return fs, path.rstrip("/")


def _parquet_schema() -> Any:
    import pyarrow as pa

    return pa.schema([(name, pa.string()) for name in ParquetShardWriter.SCHEMA_FIELDS])


# --------------------------------------------------------------------------------------------
# The worker: a callable class for map_batches, one per Ray worker process.


@dataclass(frozen=True)
class ClusterConfig:
    """What every worker needs: pickled once into each worker's constructor."""

    settings: Settings
    db_url: str | None = None  # a DatabaseSink per worker (its own connection)
    parquet: str | None = None  # a Parquet dataset folder every node can write to
    published: str | None = None
    batch_size: int = DEFAULT_BATCH_SIZE


@dataclass
class ShardSummary:
    """What one shard gave: counts the driver adds up and keeps in the ledger."""

    shard_id: str
    inputs: int = 0
    processed: int = 0
    skipped: int = 0
    duplicates: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    rows: int = 0  # database rows written (articles and child rows)
    seconds: float = 0.0
    write_seconds: float = 0.0  # of `seconds`, spent writing to the sinks
    worker: int = 0  # process id of the worker, for the scaling figures
    peak_mb: float = 0.0  # the worker's peak resident memory so far


class ShardExtractor:
    """map_batches callable: the Language and the sinks opened once, then shard after shard."""

    def __init__(self, config: ClusterConfig) -> None:
        from vnextract.pipeline.run_worker import Worker, WorkerConfig

        self.config = config
        self.worker = Worker(WorkerConfig(settings=config.settings, published=config.published))
        self.database = None
        if config.db_url:
            from vnextract.pipeline.sinks.database import DatabaseSink

            self.database = DatabaseSink(config.db_url)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        summaries = [self.extract_shard(Shard.from_json(str(text))) for text in batch["shard"]]
        return {"summary": [json.dumps(asdict(summary)) for summary in summaries]}

    def extract_shard(self, shard: Shard) -> ShardSummary:
        """Read, extract and write one shard; every row of it is committed when this returns."""
        from vnextract.models import Record
        from vnextract.pipeline.run import dead_letter_of_source
        from vnextract.pipeline.run_ids import IdSet
        from vnextract.pipeline.run_worker import Skipped
        from vnextract.pipeline.sinks.rejections import RejectedInput
        from vnextract.pipeline.sources.inputs import iter_inputs

        started = time.perf_counter()
        summary = ShardSummary(shard_id=shard.shard_id, worker=os.getpid())
        rejected: Counter[str] = Counter()
        parquet = ParquetShardWriter(self.config.parquet, shard.shard_id) if self.config.parquet else None
        records: list[Record] = []
        letters: list[RejectedInput] = []
        seen_ids, seen_keys = IdSet(), IdSet()  # 16 bytes an id: an archive shard may be large
        for item in iter_inputs(list(shard.paths), self.config.settings):
            summary.inputs += 1
            if isinstance(item, VnextractError):
                result: Any = dead_letter_of_source(item, self.config.published)
            else:
                result = self.worker.process_one(item)
            if isinstance(result, Skipped):
                summary.skipped += 1
            elif isinstance(result, RejectedInput):
                rejected[result.code] += 1
                if seen_keys.add(result.input_key):  # the same input twice: its first letter
                    letters.append(result)
            elif not seen_ids.add(result.id):  # first wins, as in the local engine
                summary.duplicates += 1
            else:
                records.append(result)
                summary.processed += 1
            if len(records) >= self.config.batch_size or len(letters) >= self.config.batch_size:
                summary.rows += self._write(records, letters, parquet, summary)
                records, letters = [], []
        summary.rows += self._write(records, letters, parquet, summary)
        if parquet is not None:
            started_commit = time.perf_counter()
            parquet.commit()
            summary.write_seconds += time.perf_counter() - started_commit
        summary.rejected = dict(sorted(rejected.items()))
        summary.seconds = time.perf_counter() - started
        summary.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return summary

    def _write(self, records: list[Any], letters: list[Any], parquet: ParquetShardWriter | None,
               summary: ShardSummary) -> int:
        started = time.perf_counter()
        rows = self._write_sinks(records, letters, parquet)
        summary.write_seconds += time.perf_counter() - started
        return rows

    def _write_sinks(self, records: list[Any], letters: list[Any], parquet: ParquetShardWriter | None) -> int:
        rows = 0
        if records:
            if self.database is not None:
                rows = self.database.write_batch(records)
            if parquet is not None:
                parquet.write_batch(records)
                rows = rows or len(records)
        if letters:
            if self.database is not None:
                self.database.write_rejections(letters)
            if parquet is not None:
                parquet.write_rejections(letters)
        return rows


# --------------------------------------------------------------------------------------------
# The ledger of done shards, kept by the driver.


class DatabaseLedger:
    """Done shards in a table of the run's database: the ledger lives with the rows it vouches for."""

    def __init__(self, db_url: str) -> None:
        from sqlalchemy import Column, DateTime, MetaData, String, Table, Text

        from vnextract.pipeline.sinks.engine import make_engine

        self.engine = make_engine(db_url)
        self.table = Table(
            LEDGER_TABLE, MetaData(),
            Column("shard_id", String(64), primary_key=True),
            Column("extractor_version", String(40), primary_key=True),
            Column("summary", Text, nullable=False),
            Column("finished_at", DateTime(timezone=True), nullable=False),
        )
        self.table.create(self.engine, checkfirst=True)

    def done(self, extractor_version: str) -> dict[str, ShardSummary]:
        from sqlalchemy import select

        query = select(self.table.c.shard_id, self.table.c.summary).where(
            self.table.c.extractor_version == extractor_version)
        with self.engine.connect() as conn:
            return {row.shard_id: ShardSummary(**json.loads(row.summary)) for row in conn.execute(query)}

    def mark(self, summary: ShardSummary, extractor_version: str) -> None:
        row = {"shard_id": summary.shard_id, "extractor_version": extractor_version,
               "summary": json.dumps(asdict(summary)), "finished_at": dt.datetime.now(dt.UTC)}
        with self.engine.begin() as conn:  # a redone shard replaces its line
            conn.execute(self.table.delete().where(
                (self.table.c.shard_id == summary.shard_id)
                & (self.table.c.extractor_version == extractor_version)))
            conn.execute(self.table.insert().values(**row))

    def close(self) -> None:
        self.engine.dispose()


class FileLedger:
    """Done shards as JSON Lines in the Parquet folder (when no database is written)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def done(self, extractor_version: str) -> dict[str, ShardSummary]:
        found: dict[str, ShardSummary] = {}
        if not self.path.exists():
            return found
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:  # a line cut by a kill: that shard is redone
                continue
            if entry.get("extractor_version") == extractor_version:
                found[entry["summary"]["shard_id"]] = ShardSummary(**entry["summary"])
        return found

    def mark(self, summary: ShardSummary, extractor_version: str) -> None:
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps({"extractor_version": extractor_version,
                                     "summary": asdict(summary)}) + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    def close(self) -> None:
        pass


class ObjectLedger:
    """Done shards as one small JSON object each in `<dataset>/_shards/` (an fsspec URL): object
    stores cannot append to a file, and a shard's object is written whole or not at all."""

    def __init__(self, root: str) -> None:
        self.fs, base = dataset_filesystem(root)
        self.folder = f"{base}/{LEDGER_FOLDER}"

    def _name(self, shard_id: str, extractor_version: str) -> str:
        return f"{self.folder}/{quote(extractor_version, safe='')}--{shard_id}.json"

    def done(self, extractor_version: str) -> dict[str, ShardSummary]:
        prefix = f"{quote(extractor_version, safe='')}--"
        try:
            names = [name for name in self.fs.ls(self.folder, detail=False)
                     if name.rsplit("/", 1)[-1].startswith(prefix)]
        except FileNotFoundError:
            return {}
        found: dict[str, ShardSummary] = {}
        for name in names:
            with self.fs.open(name, "rb") as handle:
                summary = ShardSummary(**json.loads(handle.read().decode("utf-8")))
            found[summary.shard_id] = summary
        return found

    def mark(self, summary: ShardSummary, extractor_version: str) -> None:
        self.fs.makedirs(self.folder, exist_ok=True)
        with self.fs.open(self._name(summary.shard_id, extractor_version), "wb") as handle:
            handle.write(json.dumps(asdict(summary)).encode("utf-8"))

    def close(self) -> None:
        pass


# --------------------------------------------------------------------------------------------
# The driver.


def run_cluster(
    specs: list[str],
    settings: Settings,
    *,
    db_url: str | None = None,
    parquet: str | None = None,
    workers: int | None = None,
    resume: bool = True,
    published: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    files_per_shard: int = DEFAULT_FILES_PER_SHARD,
    on_shard: Callable[[ShardSummary], object] | None = None,
) -> RunSummary:
    """Extract `specs` on Ray Data into the database at `db_url` and/or the Parquet folder.

    `workers`: Ray workers extracting at once (None: every CPU of the cluster). `resume`: skip
    the shards the ledger holds for this extractor version (a fresh run over a used ledger
    redoes them). `on_shard(summary)` is called after each shard is recorded (progress, tests).
    Returns a `pipeline.run.RunSummary`.
    """
    from vnextract.pipeline.run_progress import RunSummary
    from vnextract.pipeline.run_worker import EXTRACTOR_VERSION

    if not db_url and not parquet:
        raise ClusterError(Errors.E071, "neither --db nor --parquet")
    started = time.perf_counter()
    if parquet:
        dataset_filesystem(parquet)  # a URL whose filesystem is missing stops here, not in a worker
    shards = list(plan_shards(specs, files_per_shard))
    ledger = _ledger(db_url, str(parquet))
    summary = RunSummary(engine=ENGINE, workers=workers or 0)
    try:
        done = ledger.done(EXTRACTOR_VERSION) if resume else {}
        todo = [shard for shard in shards if shard.shard_id not in done]
        for shard in shards:
            if shard.shard_id in done:  # counted as already stored
                summary.inputs += done[shard.shard_id].inputs
                summary.skipped += done[shard.shard_id].processed + done[shard.shard_id].skipped
        LOGGER.info("ray-data: %d shards, %d already done", len(shards), len(shards) - len(todo))
        if todo:
            config = ClusterConfig(settings=settings, db_url=db_url, parquet=parquet,
                                   published=published, batch_size=batch_size)
            for shard_summary in _execute(todo, config, workers, summary):
                ledger.mark(shard_summary, EXTRACTOR_VERSION)
                summary.inputs += shard_summary.inputs
                summary.processed += shard_summary.processed
                summary.skipped += shard_summary.skipped
                summary.duplicates += shard_summary.duplicates
                summary.rejected.update(shard_summary.rejected)
                if on_shard is not None:
                    on_shard(shard_summary)
    finally:
        ledger.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _ledger(db_url: str | None, parquet: str) -> DatabaseLedger | FileLedger | ObjectLedger:
    """Where done shards are recorded: the database, else beside the Parquet dataset."""
    from vnextract.pipeline.sources.remote import is_remote

    if db_url:
        return DatabaseLedger(db_url)
    return ObjectLedger(parquet) if is_remote(parquet) else FileLedger(Path(parquet) / LEDGER_FILE)


def _execute(todo: list[Shard], config: ClusterConfig, workers: int | None, summary: Any) -> Iterator[ShardSummary]:
    """The shards' summaries as the workers finish them (any order)."""
    ray = start_ray(workers)  # ray.data imported there

    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.execution_options.preserve_order = False
    count = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    summary.workers = count
    dataset = ray.data.from_items(
        [{"shard": shard.to_json()} for shard in todo], override_num_blocks=len(todo)
    ).map_batches(
        ShardExtractor,
        fn_constructor_kwargs={"config": config},
        batch_size=1,  # one shard per call: the driver learns of each as soon as it is written
        compute=ray.data.ActorPoolStrategy(size=count),  # one Language per worker, kept
        num_cpus=1,
        batch_format="default",
    )
    for row in dataset.iter_rows():
        yield ShardSummary(**json.loads(row["summary"]))


def start_ray(workers: int | None) -> Any:
    """Ray, connected to RAY_ADDRESS or a local instance on loopback (ClusterError E072 if not)."""
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise ClusterError(Errors.E072, f"{type(exc).__name__}: {exc}") from exc
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    if not ray.is_initialized():
        from vnextract.pipeline.run_executors import ray_init_kwargs

        address = os.environ.get("RAY_ADDRESS") or None
        try:
            ray.init(**ray_init_kwargs(workers, address))
        except Exception as exc:
            raise ClusterError(Errors.E073, f"{address or 'a local instance'}: {type(exc).__name__}: {exc}") from exc
    return ray


# --------------------------------------------------------------------------------------------
# Command-line options of `vnextract run` for this engine.


def add_cluster_options(parser: argparse.ArgumentParser) -> None:
    """--parquet and --files-per-shard (used by --engine ray-data)."""
    parser.add_argument("--parquet", metavar="DIR",
                        help="--engine ray-data: also write records as a Parquet dataset "
                             "partitioned by outlet and month (a folder every node can write)")
    parser.add_argument("--files-per-shard", type=int, default=DEFAULT_FILES_PER_SHARD, metavar="N",
                        help="--engine ray-data: small files per shard (archives are shards of "
                             f"their own; default {DEFAULT_FILES_PER_SHARD})")


def run_from_args(args: argparse.Namespace, specs: list[str], settings: Settings) -> RunSummary:
    """`vnextract run --engine ray-data`: the CLI's options turned into `run_cluster`."""
    return run_cluster(
        specs,
        settings,
        db_url=args.db,
        parquet=getattr(args, "parquet", None),
        workers=args.jobs,
        resume=getattr(args, "resume", False),
        published=args.published,
        batch_size=args.batch_size,
        files_per_shard=getattr(args, "files_per_shard", DEFAULT_FILES_PER_SHARD),
    )
