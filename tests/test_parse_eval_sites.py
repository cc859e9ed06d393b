"""The outlet/era page gate: scripts/eval_parse.py scores tests/fixtures/sites/ at or above its floors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import eval_parse

ALL_FLOORS = json.loads(eval_parse.FLOORS.read_text(encoding="utf-8"))
FLOORS = {key: value for key, value in ALL_FLOORS.items() if isinstance(value, float)}
GENERIC_FLOORS = ALL_FLOORS.get("generic_only", {})
UNKNOWN_FLOORS = ALL_FLOORS.get("unknown_sites", {})


@pytest.fixture(scope="module")
def result() -> dict:
    if not any(eval_parse.SITES.glob("*.expected.json")):
        pytest.skip("no outlet/era fixtures")
    return eval_parse.evaluate_sites(eval_parse.SITES, libraries=False)


@pytest.mark.parametrize("field", [pytest.param(f, id=f) for f in sorted(FLOORS)])
def test_eval_sites_field_at_or_above_floor(result: dict, field: str) -> None:
    score = result["overall"]["ours"][field]
    wrong = [row["page"] for row in result["pages"] if not row["ours"][field]]
    assert score + 1e-9 >= FLOORS[field], f"{field} {score:.3f} < floor {FLOORS[field]}: {wrong}"


@pytest.fixture(scope="module")
def generic_result() -> dict:
    """Every page through the generic path, adapters switched off: how it holds on unknown layouts."""
    if not any(eval_parse.SITES.glob("*.expected.json")):
        pytest.skip("no outlet/era fixtures")
    from vnextract.pipeline.parse import metadata

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(metadata, "SITES", ())
        patch.setattr(metadata, "adapters_for", lambda url: ())
        return eval_parse.evaluate_sites(eval_parse.SITES, libraries=False)


@pytest.mark.parametrize("field", [pytest.param(f, id=f) for f in sorted(GENERIC_FLOORS)])
def test_eval_sites_generic_path_alone_at_or_above_floor(generic_result: dict, field: str) -> None:
    score = generic_result["overall"]["ours"][field]
    wrong = [row["page"] for row in generic_result["pages"] if not row["ours"][field]]
    assert score + 1e-9 >= GENERIC_FLOORS[field], f"{field} {score:.3f} < floor {GENERIC_FLOORS[field]}: {wrong}"


@pytest.fixture(scope="module")
def unknown_result() -> dict:
    """Every page as an unknown site's: adapters and the outlets table off, so the outlet's name,
    the site-name checks and the bylines rest on what the page says of itself."""
    if not any(eval_parse.SITES.glob("*.expected.json")):
        pytest.skip("no outlet/era fixtures")
    from vnextract.pipeline.parse import metadata

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(metadata, "SITES", ())
        patch.setattr(metadata, "adapters_for", lambda url: ())
        patch.setattr(metadata, "outlet_by_domain", lambda url: None)
        patch.setattr(metadata, "outlet_by_name", lambda text: None)
        return eval_parse.evaluate_sites(eval_parse.SITES, libraries=False)


@pytest.mark.parametrize("field", [pytest.param(f, id=f) for f in sorted(UNKNOWN_FLOORS)])
def test_eval_sites_unknown_sites_at_or_above_floor(unknown_result: dict, field: str) -> None:
    score = unknown_result["overall"]["ours"][field]
    wrong = [row["page"] for row in unknown_result["pages"] if not row["ours"][field]]
    assert score + 1e-9 >= UNKNOWN_FLOORS[field], f"{field} {score:.3f} < floor {UNKNOWN_FLOORS[field]}: {wrong}"


def test_eval_sites_every_row_names_outlet_and_era(result: dict) -> None:
    for row in result["pages"]:
        assert set(row["ours"]) == set(eval_parse.SITE_FIELDS)
        assert "adapter" in row and "era" in row and "outlet" in row


def test_eval_sites_floors_cover_the_issue_fields() -> None:
    assert {"title", "author", "published", "complete", "clean", "all"} <= set(FLOORS)
    assert all(0.0 <= value <= 1.0 for value in FLOORS.values())


@pytest.mark.parametrize(
    "found, field, right",
    [
        pytest.param(eval_parse.Parsed(text="Lead.\nA.\nB."), "complete", True, id="all-paragraphs"),
        pytest.param(eval_parse.Parsed(text="Lead.\nA."), "complete", False, id="paragraph-missing"),
        pytest.param(eval_parse.Parsed(text="Lead.\nA.\nB.\nẢnh: X"), "clean", False, id="caption-in-text"),
        pytest.param(eval_parse.Parsed(text="Lead.\nLead.\nA.\nB."), "clean", False, id="lead-twice"),
        pytest.param(eval_parse.Parsed(text="A.\nB."), "lead", False, id="lead-missing"),
        pytest.param(eval_parse.Parsed(published="2024-01-04"), "published", True, id="day-only"),
        pytest.param(eval_parse.Parsed(author="Hà Anh"), "author", False, id="author-differs"),
    ],
)
def test_eval_sites_score_page(found, field: str, right: bool) -> None:
    expected = {"title": None, "author": "Minh Anh", "published_at": "2024-01-04T08:00:00+07:00",
                "sapo": "Lead.", "paragraphs": ["A.", "B."], "captions": ["Ảnh: X"], "noise": []}
    assert eval_parse.score_page(found, expected)[field] is right


def test_eval_sites_refusal_scores_when_refused() -> None:
    assert eval_parse.score_page(eval_parse.Parsed(error="E007"), {"error": "E007"})["all"] is True
    assert eval_parse.score_page(eval_parse.Parsed(text="x"), {"error": "E007"})["all"] is False
