"""vnextract: Vietnamese news articles in, structured, validated records out.

    >>> import vnextract
    >>> record = vnextract.extract("Ngày 5/3/2024, ông Nguyễn Văn A, Chủ tịch UBND tỉnh ...",
    ...                            published="2024-03-06")
    >>> [official.name for official in record.officials]

`extract` runs one article; `Extractor` loads the language pipeline once and runs many
(`.pipe(items, n_process=4)`). The record models (`Record`, `Person`, `Statistic`, ...) are the
public contract; `vnextract.models.Extractor` (the record's provenance block) keeps its name there,
since `vnextract.Extractor` is the runner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Everything is imported on first use: `import vnextract` (and the command line, which starts by
# importing this package) stays cheap until a name is asked for.
if TYPE_CHECKING:
    from vnextract.api import Extractor, extract
    from vnextract.models import (
        SCHEMA_VERSION,
        DateMention,
        DocumentRef,
        Entity,
        Mention,
        Person,
        Record,
        Source,
        Statistic,
        Title,
        record_json_schema,
    )
    from vnextract.pipeline.errors import InputError, Rejection, VnextractError

_MODELS = ("SCHEMA_VERSION", "DateMention", "DocumentRef", "Entity", "Mention", "Person", "Record", "Source",
           "Statistic", "Title", "record_json_schema")
_LAZY = {
    **dict.fromkeys(_MODELS, "vnextract.models"),
    "extract": "vnextract.api",
    "Extractor": "vnextract.api",
    "VnextractError": "vnextract.pipeline.errors",
    "InputError": "vnextract.pipeline.errors",
    "Rejection": "vnextract.pipeline.errors",
}

__all__ = [
    "SCHEMA_VERSION", "DateMention", "DocumentRef", "Entity", "Extractor", "InputError", "Mention",
    "Person", "Record", "Rejection", "Source", "Statistic", "Title", "VnextractError", "__version__",
    "extract", "record_json_schema",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'vnextract' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
