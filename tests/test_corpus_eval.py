"""The corpus gate: every field's F1 stays at or above its floor (floors only go up)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import eval as corpus_eval  # noqa: E402

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
        from pipeline.review.golden import golden_diff
        from pipeline.review.render import render_text

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
    assert len(pairs) >= 41 and len(topics) >= 8, (len(pairs), sorted(topics))
