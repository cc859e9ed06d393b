"""The record's shape read from the models, for code that walks records field by field (diffs,
golden files, table checks): a field added to a model reaches them without a second list."""

from __future__ import annotations

import types
import typing

from pydantic import BaseModel

from vnextract.models.record import Mention, Record


def item_model(model: type[BaseModel], name: str) -> type[BaseModel] | None:
    """The model of the items of a list field (`Record.statistics` -> Statistic), else None."""
    annotation = model.model_fields[name].annotation
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return item
    return None


def list_fields(model: type[BaseModel] = Record) -> tuple[str, ...]:
    """Fields holding lists of items (persons, officials, ..., statistics), in model order."""
    return tuple(name for name in model.model_fields if item_model(model, name) is not None)


def optional_text_fields(model: type[BaseModel] = Record) -> tuple[str, ...]:
    """Fields holding one optional string (title, sapo, author, published_at), in model order."""
    wanted = {str, type(None)}
    return tuple(
        name for name, info in model.model_fields.items()
        if typing.get_origin(info.annotation) in (typing.Union, types.UnionType)
        and set(typing.get_args(info.annotation)) == wanted
    )


def value_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """An item's own fields: without the span (`text`, `start`, `end`) and its mentions."""
    span = set(Mention.model_fields) if issubclass(model, Mention) else set()
    return tuple(name for name in model.model_fields if name not in span and name != "mentions")
