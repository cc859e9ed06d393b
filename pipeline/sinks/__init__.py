"""Sinks: where records and dead letters go (JSON Lines files, SQLite or PostgreSQL databases).

`database.DatabaseSink` (SQLAlchemy Core), `jsonl.JsonlSink` and `jsonl.DeadLetterSink` share one
shape: `write_batch(records)`, `write_rejections(items)` (dead letters), `done_ids(version)` where
it applies, and `close()`. This module stays light: the CLI imports it to build its parser.
"""

from __future__ import annotations

DEFAULT_URL = "sqlite:///records.db"
EXPORT_FORMATS = ("jsonl", "csv", "parquet")
