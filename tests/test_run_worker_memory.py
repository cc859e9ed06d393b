"""A worker's memory stays flat over a long run: spaCy's vocabulary does not keep every word of
every article (pipeline.run_worker.Worker extracts inside a memory zone), and the records are
the same as without one."""

from __future__ import annotations

from pathlib import Path

from vnextract.pipeline.process import process
from vnextract.pipeline.run_worker import Worker, WorkerConfig
from vnextract.pipeline.types import RawDocument

ROOT = Path(__file__).resolve().parent.parent


def _article(number: int) -> RawDocument:
    """A short article full of words no other article has (numbers, a made-up place)."""
    text = (f"Ngày 4/1, UBND xã Đa{number}ka cho biết năm 2023 có {number * 7919:,} hộ dân, "
            f"tăng {number % 97}.{number % 13}% so với năm trước, thu {number * 31:,} tỷ đồng.")
    return RawDocument(content=text.encode(), content_type="text/plain",
                       url=f"https://example.invalid/{number}", published="2024-01-05")


def test_worker_forgets_the_words_of_each_article(settings) -> None:
    worker = Worker(WorkerConfig(settings=settings))
    worker.process_one(_article(0))  # lexicons and labels that load on first use
    strings_before = len(worker.nlp.vocab.strings)
    for number in range(1, 60):
        result = worker.process_one(_article(number))
        assert getattr(result, "id", None), result
    assert len(worker.nlp.vocab.strings) == strings_before


def test_worker_records_same_as_outside_a_memory_zone(settings) -> None:
    files = sorted((ROOT / "corpus").rglob("*.txt"))
    assert len(files) >= 10
    raws = [RawDocument(content=f.read_bytes(), archive=str(f), content_type="text/plain",
                        published="2024-01-04") for f in files]
    worker = Worker(WorkerConfig(settings=settings))
    zoned = [worker.process_one(raw) for raw in raws]  # one after another, as in a run
    plain = [process(raw, worker.nlp, settings) for raw in raws]
    assert [r.model_dump() for r in zoned] == [r.model_dump() for r in plain]  # type: ignore[union-attr]
