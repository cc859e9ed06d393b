"""Sinks: where records and dead letters go (JSON Lines files, SQLite or PostgreSQL databases).

`database.DatabaseSink` (SQLAlchemy Core), `jsonl.JsonlSink` and `jsonl.DeadLetterSink` share one
shape: `write_batch(records)`, `write_rejections(items)` (dead letters), `done_ids(version)` where
it applies, and `close()`. This module stays light: the CLI imports it to build its parser.
"""

from __future__ import annotations

DEFAULT_URL = "sqlite:///records.db"
EXPORT_FORMATS = ("jsonl", "csv", "parquet")
# Articles per database transaction (`run --batch-size`, each Ray worker's writes). A thousand
# loads PostgreSQL about a fifth faster than two hundred did (each COPY and commit serves more
# rows), and a kill still loses little: a slow run commits at least every 15 seconds.
DEFAULT_BATCH_SIZE = 1000
