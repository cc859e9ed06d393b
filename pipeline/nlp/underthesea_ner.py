"""underthesea's NER (`underthesea.ner`), loaded on first use and without what NER does not use.

`import underthesea` also imports its optional pipelines (classification, sentiment, language
detection, parsing, translation, agent, addresses: requests and yaml among them), and its models
are read with joblib's pure-Python unpickler. Loading NER that way is 0.33 s of one core, as much
as extracting ten news articles. Here:
- the optional pipelines get stand-ins while the package is imported: each public function
  (`underthesea.classify`, ...) imports its real module when it is first called;
- while the package is imported and NER first runs (which loads the segmentation, POS, chunking and
  NER models), a model file that is a plain pickle (no numpy arrays, no compression) is read with
  the C unpickler, which builds the same objects; any other file goes to joblib as before.
Same models, same answers: about 0.2 s instead of 0.33 s. Where underthesea's `__init__.py` has
no `optional_imports` table of the shape known here, or underthesea is imported already, it is a
plain import.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import os
import pickle
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

Tagged = list[tuple[str, str, str, str]]  # token, POS, chunk, NER tag
# A short sentence run once while the fast reader is in place: NER's first call loads its models.
_WARM_UP = "Ông Putin đến Hà Nội"


def optional_imports() -> dict[str, str]:
    """underthesea's own table of optional pipelines (public name -> module), read from its
    `__init__.py` without running it; empty when the table is not there."""
    spec = importlib.util.find_spec("underthesea")
    if spec is None or spec.origin is None:
        return {}
    try:
        tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):
        return {}
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id == "optional_imports"):
            try:
                table = ast.literal_eval(node.value)
            except ValueError:
                return {}
            if isinstance(table, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in table.items()):
                return table
    return {}


def _deferred(module: str, name: str) -> Callable[..., Any]:
    """A function that imports `module` when called and runs its `name` with the same arguments."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"underthesea's `{name}` (imported from {module} on first call)."
    return call


@contextmanager
def _stand_ins(table: dict[str, str]) -> Iterator[None]:
    """Stand-in modules for the optional pipelines while the block runs; taken out after it."""
    placed: dict[str, ModuleType] = {}
    for name, module in table.items():
        if module in sys.modules:
            continue
        stand_in = ModuleType(module, "Stand-in while underthesea is imported.")
        setattr(stand_in, name, _deferred(module, name))
        sys.modules[module] = placed[module] = stand_in
    try:
        yield
    finally:
        for module, stand_in in placed.items():
            if sys.modules.get(module) is stand_in:
                del sys.modules[module]


def plain_pickle(data: bytes) -> bool:
    """A pickle stream that joblib's reader and the C unpickler read alike: protocol 2 or later,
    not compressed, and naming neither joblib's array wrappers nor numpy."""
    return data[:1] == b"\x80" and b"joblib" not in data and b"numpy" not in data


@contextmanager
def _fast_model_reader() -> Iterator[None]:
    """joblib.load reads plain pickles with the C unpickler while the block runs."""
    import joblib  # type: ignore[import-untyped]

    joblib_load = joblib.load

    def load(filename: Any, mmap_mode: str | None = None) -> Any:
        if mmap_mode is None and isinstance(filename, (str, os.PathLike)):
            data = Path(filename).read_bytes()
            if plain_pickle(data):
                return pickle.loads(data)  # the model files of the installed wheel
        return joblib_load(filename, mmap_mode)

    joblib.load = load
    try:
        yield
    finally:
        joblib.load = joblib_load


@cache
def ner() -> Callable[[str], Tagged]:
    """`underthesea.ner`, with its models loaded."""
    table = optional_imports()
    if "underthesea" in sys.modules or not table:
        from underthesea import ner as plain_ner

        plain: Callable[[str], Tagged] = plain_ner  # underthesea has no type information
        return plain
    with _fast_model_reader():
        with _stand_ins(table):
            from underthesea import ner as lean_ner
        lean_ner(_WARM_UP)
    loaded: Callable[[str], Tagged] = lean_ner
    return loaded
