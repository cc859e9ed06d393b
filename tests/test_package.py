"""The installed package: one top-level name, `vnextract`, with the repo's folders inside it."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import vnextract

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_package_installs_only_under_vnextract() -> None:
    config = PYPROJECT["tool"]["setuptools"]
    assert all(name == "vnextract" or name.startswith("vnextract.") for name in config["packages"])
    assert set(config["package-dir"]) == {"vnextract", "vnextract.pipeline", "vnextract.models"}


def test_package_lists_every_source_folder() -> None:
    """A new subpackage left out of pyproject.toml would be missing from a wheel."""
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    found = {"vnextract"}
    for folder, prefix in (("pipeline", "vnextract.pipeline"), ("models", "vnextract.models")):
        for init in (ROOT / folder).rglob("__init__.py"):
            parts = init.parent.relative_to(ROOT / folder).parts
            found.add(".".join((prefix, *parts)))
    assert found == listed


def test_package_version_is_one_value() -> None:
    assert vnextract.__version__ == importlib.metadata.version("vnextract")
    out = subprocess.run([sys.executable, "-m", "vnextract", "--version"], capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == f"vnextract {vnextract.__version__}"


@pytest.mark.parametrize("name", ["Record", "Person", "Title", "Entity", "DateMention", "Statistic",
                                  "DocumentRef", "Source", "Mention", "extract", "Extractor",
                                  "VnextractError", "record_json_schema"])
def test_package_exports_the_public_names(name: str) -> None:
    assert getattr(vnextract, name) is not None
    assert name in vnextract.__all__


def test_package_import_is_light() -> None:
    """`import vnextract` for the models alone loads neither spaCy nor underthesea."""
    code = "import sys, vnextract; print(any(m in sys.modules for m in ('spacy', 'underthesea')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_package_unknown_attribute_raises() -> None:
    with pytest.raises(AttributeError):
        vnextract.no_such_name  # noqa: B018


def test_package_folders_are_the_repo_folders() -> None:
    """vnextract/pipeline and vnextract/models are links to the repo's folders, so the package reads
    the same from a checkout (scripts, mypy) as installed."""
    for name in ("pipeline", "models"):
        link = ROOT / "vnextract" / name
        assert link.is_symlink() and link.resolve() == (ROOT / name).resolve()
