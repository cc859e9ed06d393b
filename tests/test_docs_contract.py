"""docs/contract.md and the pydantic models describe the same record: every model's table lists
exactly its fields, with the types the models give them."""

from __future__ import annotations

import re
import types
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from vnextract import models

CONTRACT = Path(__file__).resolve().parent.parent / "docs" / "contract.md"
MODELS = [models.Record, models.Source, models.Mention, models.Person, models.Title, models.Entity,
          models.DateMention, models.Statistic, models.DocumentRef, models.record.Extractor]


def type_name(annotation: object) -> str:
    """A field's type as the document writes it: `str | null`, `list[Title]`, `"a" | "b"`."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return " | ".join(type_name(arg) for arg in typing.get_args(annotation))
    if origin is list:
        return f"list[{type_name(typing.get_args(annotation)[0])}]"
    if origin is typing.Literal:
        return " | ".join(f'"{arg}"' for arg in typing.get_args(annotation))
    if annotation is type(None):
        return "null"
    return getattr(annotation, "__name__", str(annotation))


def documented_tables(text: str) -> dict[str, dict[str, str]]:
    """Section title -> {field: type} from each section's `| field | type | meaning |` table."""
    tables: dict[str, dict[str, str]] = {}
    for section in re.split(r"^## ", text, flags=re.M)[1:]:
        title = section.split("\n", 1)[0].strip()
        rows = re.findall(r"^\| `(\w+)` \| (.+?) \| .* \|$", section, flags=re.M)
        tables[title] = {name: kind.replace("\\|", "|") for name, kind in rows}
    return tables


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_docs_contract_table_matches_model(model: type[BaseModel]) -> None:
    tables = documented_tables(CONTRACT.read_text(encoding="utf-8"))
    assert model.__name__ in tables, f"docs/contract.md has no section for {model.__name__}"
    expected = {name: type_name(field.annotation) for name, field in model.model_fields.items()}
    assert tables[model.__name__] == expected


def test_docs_contract_covers_every_model_of_the_record() -> None:
    """A new nested model (a new list of things) needs its own section."""
    seen: set[type[BaseModel]] = set()

    def walk(model: type[BaseModel]) -> None:
        seen.add(model)
        for field in model.model_fields.values():
            for arg in (field.annotation, *typing.get_args(field.annotation)):
                if isinstance(arg, type) and issubclass(arg, BaseModel) and arg not in seen:
                    walk(arg)

    walk(models.Record)
    assert seen <= set(MODELS) | {models.Mention}


# scripts/eval.py may default to the dev set beside the repo: it is a developer tool, not the product.
@pytest.mark.parametrize("path", ["README.md", "docs", "pipeline", "models", "vnextract"])
def test_docs_and_code_never_point_to_shared(path: str) -> None:
    root = CONTRACT.parent.parent / path
    files = [root] if root.is_file() else [p for p in root.rglob("*") if p.suffix in {".md", ".py"}]
    offenders = [str(p) for p in files if "../shared" in p.read_text(encoding="utf-8")]
    assert not offenders
