"""The record's shape is defined once, by the pydantic models: every table kept explicit elsewhere
(the extractors' value classes, the record builder, the database tables, the diff's fields) is
checked against them here, so adding a field to a model fails one of these tests until its one
other home (a value class, or a column plus a migration) has it too."""

from __future__ import annotations

import dataclasses

import pytest
from pydantic import BaseModel

from vnextract import models
from vnextract.models.fields import list_fields, optional_text_fields, value_fields
from vnextract.pipeline.extract import values
from vnextract.pipeline.review import diff
from vnextract.pipeline.sinks.schema import METADATA

# extractor value class -> the model it fills
VALUE_CLASSES = [
    pytest.param(values.DateValue, models.DateMention, id="dates"),
    pytest.param(values.StatisticValue, models.Statistic, id="statistics"),
    pytest.param(values.DocumentValue, models.DocumentRef, id="documents"),
    pytest.param(values.EntityValue, models.Entity, id="entities"),
    pytest.param(values.TitleValue, models.Title, id="titles"),
]
# database table -> the model its rows hold (columns beyond the model: keys and numbering)
TABLES = [
    pytest.param("dates", models.DateMention, id="dates"),
    pytest.param("statistics", models.Statistic, id="statistics"),
    pytest.param("documents", models.DocumentRef, id="documents"),
    pytest.param("locations", models.Entity, id="locations"),
    pytest.param("titles", models.Title, id="titles"),
    pytest.param("persons", models.Person, id="persons"),
]


@pytest.mark.parametrize("value_class, model", VALUE_CLASSES)
def test_record_shape_value_classes_match_models(value_class: type, model: type[BaseModel]) -> None:
    assert {f.name for f in dataclasses.fields(value_class)} == set(value_fields(model))


@pytest.mark.parametrize("table, model", TABLES)
def test_record_shape_tables_have_a_column_per_field(table: str, model: type[BaseModel]) -> None:
    columns = set(METADATA.tables[table].columns.keys())
    wanted = {name for name in model.model_fields if name not in ("mentions", "titles")}
    assert wanted <= columns, f"{table} lacks columns for {sorted(wanted - columns)}: add them with a migration"


def test_record_shape_organisation_table_matches_entity_without_province() -> None:
    columns = set(METADATA.tables["organizations"].columns.keys())
    assert set(value_fields(models.Entity)) - {"province"} <= columns


def test_record_shape_articles_table_holds_the_scalar_fields() -> None:
    columns = set(METADATA.tables["articles"].columns.keys())
    assert {"id", "title", "published_at", "text", "schema_version"} <= columns
    assert {"url", "outlet"} <= columns  # from `source`


def test_record_shape_builder_fills_every_field() -> None:
    import vnextract

    record = vnextract.extract("Ngày 5/3/2024, ông Nguyễn Văn An, Chủ tịch UBND huyện Đức Trọng, "
                               "cho biết năm 2023 huyện có 4.872 đảng viên.", published="2024-03-06")
    dumped = record.model_dump()
    assert set(dumped) == set(models.Record.model_fields)
    for field in list_fields():
        for item in dumped[field]:
            item_model = models.Record.model_fields[field].annotation.__args__[0]
            assert set(item) == set(item_model.model_fields)


def test_record_shape_diff_walks_the_models_fields() -> None:
    assert diff.LIST_FIELDS == list_fields(models.Record)
    assert diff.SCALAR_FIELDS == optional_text_fields(models.Record) == ("title", "sapo", "author", "published_at")
    assert set(diff.LIST_FIELDS) == {"persons", "officials", "organizations", "locations", "documents",
                                     "dates", "statistics"}


class _Extended(models.Statistic):
    confidence: float | None = None


def test_record_shape_a_new_field_is_seen_by_the_derived_lists() -> None:
    """A field added to a model appears in `value_fields` with no other edit: the value class and
    the table checks above then name what is missing."""
    assert "confidence" in value_fields(_Extended)
    assert "confidence" not in {f.name for f in dataclasses.fields(values.StatisticValue)}
