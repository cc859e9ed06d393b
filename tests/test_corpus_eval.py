"""The corpus gate: every field's F1 stays at or above its floor (floors only go up)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import eval as corpus_eval

FLOORS = json.loads(corpus_eval.FLOORS.read_text()) if corpus_eval.FLOORS.exists() else {}


@pytest.fixture(scope="module")
def scores():
    found, failed = corpus_eval.evaluate(ROOT / "corpus")
    assert not failed, failed
    return found


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_corpus_eval_field_at_or_above_floor(scores, field: str) -> None:
    score = scores[field]
    if score.f1 + 1e-9 < FLOORS[field]:  # show the same field diff `vnextract diff --golden` prints
        from vnextract.pipeline.review.golden import golden_diff
        from vnextract.pipeline.review.render import render_text

        report = render_text(golden_diff(ROOT / "corpus"))
        pytest.fail(f"{field} F1 {score.f1:.3f} < floor {FLOORS[field]}\n{report}")


def test_corpus_eval_sidecars_agree_with_expected_records() -> None:
    for article, expected_path in corpus_eval.corpus_files(ROOT / "corpus"):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        sidecar = article.with_name(article.name.rsplit(".", 1)[0] + ".meta.json")
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
        assert meta["published"] == expected["published"], article


def test_corpus_eval_covers_the_required_topics() -> None:
    pairs = corpus_eval.corpus_files(ROOT / "corpus")
    topics = {article.parent.name for article, _ in pairs}
    assert len(topics) >= 8, sorted(topics)


def test_corpus_eval_digest_matches_the_corpus() -> None:
    """The gate: any added, removed or edited corpus file (an expected record above all) must be
    accepted with `scripts/eval.py --record-digest`, so the change shows in review."""
    recorded = json.loads(corpus_eval.DIGEST.read_text(encoding="utf-8"))
    current = corpus_eval.corpus_digest(ROOT / "corpus")
    assert corpus_eval.digest_changes(recorded, current) == []
    assert recorded["articles"] == current["articles"] == len(corpus_eval.corpus_files(ROOT / "corpus"))


@pytest.mark.parametrize(
    "recorded, current, changes",
    [
        pytest.param({"a": "1"}, {"a": "1"}, [], id="same"),
        pytest.param({"a": "1"}, {"a": "2"}, ["edited a"], id="edited"),
        pytest.param({"a": "1"}, {}, ["removed a"], id="removed"),
        pytest.param({}, {"b": "1"}, ["added b"], id="added"),
    ],
)
def test_corpus_eval_digest_changes_name_the_file(recorded: dict, current: dict, changes: list) -> None:
    assert corpus_eval.digest_changes({"files": recorded}, {"files": current}) == changes


DEVSET_FLOORS = corpus_eval.load_floors(corpus_eval.DEVSET_FLOORS)


@pytest.fixture(scope="module")
def devset_scores():
    if not corpus_eval.devset.load(corpus_eval.DEVSET_DIR):
        pytest.skip(f"the real-news dev set is not in {corpus_eval.DEVSET_DIR}")
    found, failed = corpus_eval.evaluate_devset(corpus_eval.DEVSET_DIR)
    assert not failed, failed
    return found


@pytest.mark.parametrize("field", sorted(DEVSET_FLOORS))
def test_devset_eval_field_at_or_above_floor(devset_scores, field: str) -> None:
    score = devset_scores[field]
    if score.f1 + 1e-9 < DEVSET_FLOORS[field]:
        misses = "\n".join(f"{name}: missed {m} extra {e}" for name, m, e in score.misses)
        pytest.fail(f"real-news {field} F1 {score.f1:.3f} < floor {DEVSET_FLOORS[field]}\n{misses}")


def test_devset_titles_compare_as_one_string_without_punctuation() -> None:
    # The gold writes "Trưởng PC67, CATP"; a record has role "Trưởng", organisation "PC67 - CATP".
    gold = {"officials": [{"name": "A", "titles": ["Trưởng PC67, CATP"]}]}
    record = {"officials": [{"name": "A", "titles": [{"role": "Trưởng", "organization": "PC67 - (CATP)"}]}]}
    key = corpus_eval.devset.DEVSET_KEYS["titles"]
    assert key(gold) == key(record) == {("A", "trưởng pc67 catp")}
    other = {"officials": [{"name": "A", "titles": [{"role": "Trưởng", "organization": None}]}]}
    assert key(other) != key(gold)


def test_devset_loader_cuts_articles_by_line_range(tmp_path: Path) -> None:
    (tmp_path / "binhvq-news-sample.txt").write_text("a1\na2\nb1\n", encoding="utf-8")
    gold = [{"article": 1, "lines": [1, 2], "reference_date": "2018-01-05"}, {"article": 2, "lines": [3, 3]}]
    (tmp_path / "binhvq-news-sample.gold.jsonl").write_text(
        "\n".join(json.dumps(g) for g in gold) + "\n", encoding="utf-8"
    )
    first, second = corpus_eval.devset.load(tmp_path)
    assert (first.text, first.published) == ("a1\na2", "2018-01-05")
    assert (second.text, second.published) == ("b1", None)
    assert corpus_eval.devset.load(tmp_path / "absent") == []
