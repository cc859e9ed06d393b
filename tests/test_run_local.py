"""vnextract.pipeline.run on the local engine: rows, dead letters, workers, idempotence, first-wins, CLI."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from _run_inputs import Inputs, dump, make_inputs, reference_run, run_into, sqlite_url

from vnextract.models import Record
from vnextract.pipeline.errors import Rejection, VnextractError
from vnextract.pipeline.run import EXTRACTOR_VERSION, IdSet, article_key
from vnextract.pipeline.run_cli import main as run_main
from vnextract.pipeline.sinks.database import DatabaseSink


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Inputs:
    return make_inputs(tmp_path_factory.mktemp("run") / "inputs", good=6)


@pytest.fixture(scope="module")
def reference(inputs: Inputs, tmp_path_factory: pytest.TempPathFactory, nlp, settings):
    """One run with one worker (in this process): its database URL, summary and dead-letter file."""
    return reference_run(inputs, tmp_path_factory.mktemp("reference"), settings, batch_size=3)


def test_run_local_counts_rows_and_rejections(inputs: Inputs, reference) -> None:
    url, summary, _ = reference
    assert summary.processed == inputs.articles
    assert summary.duplicates == inputs.duplicates
    assert dict(summary.rejected) == inputs.rejected
    assert summary.inputs == inputs.inputs
    assert summary.skipped == 0
    assert summary.exit_code == 1
    tables = dump(url)
    assert len(tables["articles"]) == inputs.articles
    assert len(tables["rejections"]) == sum(inputs.rejected.values())
    assert sorted(json.loads(row[2]) for row in tables["rejections"]) == sorted(
        code for code, n in inputs.rejected.items() for _ in range(n)
    )
    assert tables["persons"] and tables["dates"] and tables["statistics"]


def test_run_local_first_input_of_an_id_wins(reference) -> None:
    url, _, _ = reference
    with DatabaseSink(url) as sink, sink.engine.connect() as conn:
        archives = [row[0] for row in conn.exec_driver_sql(
            "SELECT json_extract(record, '$.source.archive') FROM articles")]
    assert not any(str(a).endswith("z-copy-of-the-first.txt") for a in archives)
    assert any(str(a).endswith(".txt") and "/a000-" in str(a) for a in archives)


def test_run_workers_two_gives_the_same_rows_as_one(inputs: Inputs, reference, tmp_path: Path,
                                                    settings) -> None:
    url, one, _ = reference
    two_url = sqlite_url(tmp_path / "two.db")
    two = run_into(two_url, inputs, settings, workers=2, batch_size=2, chunk_size=2)
    assert two.workers == 2
    assert (two.processed, two.duplicates, two.rejected) == (one.processed, one.duplicates, one.rejected)
    assert dump(two_url) == dump(url)


class CollectingSink:
    """A sink of one's own (no `takes_rows`): keeps what `run` hands it."""

    def __init__(self) -> None:
        self.written: list[Any] = []

    def write_batch(self, records: Any) -> int:
        self.written.extend(records)
        return len(records)

    def write_rejections(self, items: Any) -> int:
        return len(list(items))

    def done_ids(self, extractor_version: str) -> set[str]:
        return set()


@pytest.mark.parametrize("workers", [1, 2])
def test_run_hands_rows_to_the_database_and_records_to_other_sinks(
    inputs: Inputs, settings, monkeypatch, workers: int
) -> None:
    """The database sink gets the rows its workers built (`RecordRows`); a sink of one's own gets
    the records, the same ones."""
    from vnextract.pipeline.run import run
    from vnextract.pipeline.sinks.rows import RecordRows, record_rows

    kept = CollectingSink()
    run([str(inputs.root)], settings, kept, workers=workers, progress=False)
    monkeypatch.setattr(CollectingSink, "takes_rows", True, raising=False)
    rows = CollectingSink()
    run([str(inputs.root)], settings, rows, workers=workers, progress=False)
    assert len(kept.written) == inputs.articles and all(isinstance(r, Record) for r in kept.written)
    assert all(isinstance(r, RecordRows) for r in rows.written)
    assert [record_rows(record) for record in kept.written] == rows.written


def test_run_rerun_is_idempotent(inputs: Inputs, reference, tmp_path: Path, settings) -> None:
    url, _, _ = reference
    again = sqlite_url(tmp_path / "again.db")
    first = run_into(again, inputs, settings, batch_size=4)
    second = run_into(again, inputs, settings, batch_size=5)  # no resume: everything rewritten
    assert second.processed == first.processed == inputs.articles
    assert dump(again) == dump(url)


def test_run_resume_skips_what_is_stored(inputs: Inputs, reference, tmp_path: Path, settings) -> None:
    url, _, _ = reference
    copy = tmp_path / "copy.db"
    copy.write_bytes(Path(url.removeprefix("sqlite:///")).read_bytes())
    summary = run_into(sqlite_url(copy), inputs, settings, resume=True)
    assert summary.processed == 0
    assert summary.skipped == inputs.articles + inputs.duplicates
    assert dict(summary.rejected) == inputs.rejected  # still dead letters: retried, same rows
    assert dump(sqlite_url(copy)) == dump(url)


def test_run_dead_letter_jsonl_has_reasons_and_payloads(inputs: Inputs, reference, settings,
                                                        tmp_path: Path) -> None:
    _, _, dead = reference
    letters = [json.loads(line) for line in dead.read_text(encoding="utf-8").splitlines()]
    by_code = {letter["code"]: letter for letter in letters}
    assert sorted(by_code) == sorted(inputs.rejected)
    for letter in letters:
        assert letter["reason"] and letter["input"] and len(letter["input_key"]) == 64
        assert letter["extractor_version"] == EXTRACTOR_VERSION
    assert by_code["E001"]["payload"]["text"] == ""
    assert by_code["E001"]["input"].endswith("b-empty.txt")
    assert by_code["E002"]["payload"]["content_b64"]  # binary kept as base64, retryable
    assert "Trang chủ" in by_code["E007"]["payload"]["text"]
    assert by_code["E007"]["payload"]["archive"].endswith("b-no-article.html")
    assert by_code["E006"]["input"].endswith("feed.jsonl:2")  # unreadable line: file and line
    # A second run into the same file appends nothing: every key is already there.
    run_into(sqlite_url(tmp_path / "other.db"), inputs, settings, dead_letter=dead)
    assert len(dead.read_text(encoding="utf-8").splitlines()) == len(letters)


@pytest.mark.parametrize("failure", ["validation", "bug"])
def test_run_failed_validation_and_bugs_become_dead_letters(tmp_path: Path, settings, monkeypatch,
                                                            failure: str) -> None:
    import vnextract.pipeline.process

    inputs = make_inputs(tmp_path / "in", good=3, bad=False, pages=False)
    real = vnextract.pipeline.process.extract_article

    def flaky(article, *args, **kwargs):
        if marker in "\n".join(article.paragraphs):
            if failure == "validation":
                raise Rejection("E020", "statistic low > high")
            raise RuntimeError("boom")
        return real(article, *args, **kwargs)

    first = min(inputs.root.glob("a000-*"))
    marker = max(first.read_text(encoding="utf-8").splitlines(), key=len)[:60]
    monkeypatch.setattr(vnextract.pipeline.process, "extract_article", flaky)
    summary = run_into(sqlite_url(tmp_path / "r.db"), inputs, settings)
    code = "E020" if failure == "validation" else "E099"
    # The same text came three times (a000, its copy, the JSONL line): three inputs, three keys.
    assert dict(summary.rejected) == {code: 3}
    assert (summary.processed, summary.duplicates) == (2, 0)
    rows = dump(sqlite_url(tmp_path / "r.db"))["rejections"]
    assert {json.loads(row[2]) for row in rows} == {code}


def test_run_article_key_matches_record_id(nlp, settings) -> None:
    from _run_inputs import CORPUS, PAGES

    from vnextract.pipeline.parse import parse
    from vnextract.pipeline.process import extract_article
    from vnextract.pipeline.sources.inputs import iter_inputs

    checked = 0
    for raw in iter_inputs([str(CORPUS), str(PAGES)], settings):
        if isinstance(raw, VnextractError):
            continue
        try:
            article = parse(raw, settings)
        except VnextractError:  # a fixture page with no article (E007) has no key to compare
            continue
        record = extract_article(article, nlp, settings)
        assert article_key(article) == record.id, raw.archive
        checked += 1
    assert checked >= 100  # the corpus and the saved pages, not a handful


@pytest.mark.parametrize(
    "ids",
    [
        ["00" * 32],
        ["ab" * 15 + "00" + "cd" * 16],  # trailing NUL byte in the 16-byte prefix
        [hashlib.sha256(str(n).encode()).hexdigest() for n in range(300)],
    ],
    ids=["zero", "trailing-nul", "many"],
)
def test_run_idset_membership_is_exact(ids: list[str], monkeypatch) -> None:
    monkeypatch.setattr(IdSet, "MERGE_MIN", 10)  # many merges, the array growing between them
    loaded = IdSet(ids)
    grown = IdSet()
    for value in ids:
        assert grown.add(value)
        assert not grown.add(value)
    for value in ids:
        assert value in loaded and value in grown
    missing = "ff" * 32
    assert missing not in loaded and missing not in grown
    assert "ab" * 15 + "01" + "cd" * 16 not in IdSet(["ab" * 15 + "00" + "cd" * 16])


@pytest.mark.parametrize(
    "argv, code",
    [
        (["{good}"], 0),
        (["{all}"], 1),
        (["{good}", "--db", "mysql://x/y"], 2),
        (["{good}", "--published", "2024-13-01"], 2),
        (["{good}", "--workers", "0"], 2),
        (["{good}", "-j", "0"], 2),
        (["{good}", "-j", "2"], 0),
        (["{good}", "--engine", "spark"], 2),
    ],
    ids=["all-good", "some-rejected", "bad-db", "bad-date", "zero-workers", "zero-jobs", "two-jobs",
         "bad-engine"],
)
def test_run_cli_exit_status(argv: list[str], code: int, inputs: Inputs, tmp_path: Path,
                             capsys) -> None:
    good = make_inputs(tmp_path / "good", good=1, bad=False, pages=False)
    args = [a.format(good=good.root, all=inputs.root) for a in argv]
    if "--db" not in args:
        args += ["--db", sqlite_url(tmp_path / "cli.db")]
    try:
        status = run_main(args)
    except SystemExit as exc:  # argparse's own usage errors
        status = exc.code
    assert status == code
    if code < 2:
        assert "processed" in capsys.readouterr().err
