"""The README's "How it works" names every module of the package, so a new module is explained
where a newcomer looks first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(
    p for folder in ("pipeline", "models", "vnextract") for p in (ROOT / folder).rglob("*.py")
    if not p.is_symlink() and "vnextract/pipeline" not in p.as_posix() and "vnextract/models" not in p.as_posix()
)


def how_it_works() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text[text.index("## How it works"): text.index("\n## ", text.index("## How it works") + 5)]


@pytest.mark.parametrize("path", [p for p in MODULES if p.name != "__init__.py" or p.parent.name in
                                  ("nlp", "extract", "parse", "vnextract")],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_readme_names_every_module(path: Path) -> None:
    names = set(re.findall(r"`([\w/.]+\.py)`|([\w]+\.py)", how_it_works()))
    flat = {n for pair in names for n in pair if n}
    assert path.name in flat or str(path.relative_to(ROOT)) in flat or \
        f"{path.parent.name}/{path.name}" in flat, f"{path.relative_to(ROOT)} is not in How it works"
