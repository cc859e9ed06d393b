"""The pytest plugin (entry point pytest11): golden-record checks in users' own test suites."""

from __future__ import annotations

import json

import pytest

ARTICLE = ("Ngày 5/3, ông Nguyễn Văn An, Chủ tịch UBND tỉnh Lâm Đồng, chủ trì hội nghị. "
           "Năm 2023, toàn tỉnh có 4.872 đảng viên.")
TEST_FILE = """
def test_article(vnextract_golden):
    record = vnextract_golden("article.txt", "golden/article.json", published="2024-03-06")
    assert record["officials"]
"""


@pytest.fixture(scope="module", autouse=True)
def _loaded_once() -> None:
    # pytester runs in this process and forgets modules first imported inside a run; numpy's C
    # extension cannot be loaded twice, so the heavy imports happen out here, once.
    from vnextract.api import Extractor

    Extractor().extract(ARTICLE)


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.path.joinpath("article.txt").write_text(ARTICLE, encoding="utf-8")
    pytester.makepyfile(test_golden=TEST_FILE)
    return pytester


def golden(pytester: pytest.Pytester) -> dict:
    return json.loads(pytester.path.joinpath("golden", "article.json").read_text(encoding="utf-8"))


def write_golden(pytester: pytest.Pytester, record: dict) -> None:
    pytester.path.joinpath("golden", "article.json").write_text(json.dumps(record, ensure_ascii=False),
                                                                 encoding="utf-8")


def test_plugin_missing_golden_fails_and_update_writes_it(project: pytest.Pytester) -> None:
    result = project.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*no golden file*--vnextract-update*"])
    project.runpytest("--vnextract-update").assert_outcomes(passed=1)
    assert [o["name"] for o in golden(project)["officials"]] == ["Nguyễn Văn An"]
    project.runpytest().assert_outcomes(passed=1)


def test_plugin_mismatch_prints_the_field_diff(project: pytest.Pytester) -> None:
    project.runpytest("--vnextract-update").assert_outcomes(passed=1)
    record = golden(project)
    record["statistics"][0]["value"] = 4000
    write_golden(project, record)
    result = project.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*record differs from its golden file*", "*statistics*", "*value: 4000*4872*"])


def test_plugin_update_accepts_additions_and_changes(project: pytest.Pytester) -> None:
    project.runpytest("--vnextract-update").assert_outcomes(passed=1)
    record = golden(project)
    unit = record["statistics"][0]["unit"]
    record["dates"] = []  # the extractor now finds dates the golden file lacked
    record["statistics"][0]["unit"] = "hộ"
    write_golden(project, record)
    project.runpytest().assert_outcomes(failed=1)
    project.runpytest("--vnextract-update").assert_outcomes(passed=1)
    assert golden(project)["dates"] and golden(project)["statistics"][0]["unit"] == unit


def test_plugin_update_refuses_to_drop_a_golden_item(project: pytest.Pytester) -> None:
    project.runpytest("--vnextract-update").assert_outcomes(passed=1)
    record = golden(project)
    record["persons"].append({"name": "Trần Thị Bình", "titles": [], "mentions": []})
    write_golden(project, record)
    result = project.runpytest("--vnextract-update")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*refuses to drop 1 golden item*", "*Trần Thị Bình*"])
    assert "Trần Thị Bình" in [p["name"] for p in golden(project)["persons"]]  # file untouched
    project.runpytest("--vnextract-update", "--vnextract-allow-drop").assert_outcomes(passed=1)
    assert "Trần Thị Bình" not in [p["name"] for p in golden(project)["persons"]]


def test_plugin_missing_article_is_a_clear_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_golden=TEST_FILE)
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*article not found*article.txt*"])
