"""The nlp stage: one spaCy Language for Vietnamese news with the extractors as components."""

from __future__ import annotations

import gc
import importlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import vnextract.pipeline.spacy_import  # noqa: F401  (first: spaCy without its command line)

# isort: split
import spacy
from spacy.language import Language

from vnextract.pipeline.extract import COMPONENTS
from vnextract.pipeline.extract.values import register_extensions
from vnextract.pipeline.nlp.tokenizer import SyllableTokenizer
from vnextract.pipeline.settings import ExtractSettings

LOGGER = logging.getLogger(__name__)

__all__ = ["COMPONENTS", "build_nlp", "shared_nlp"]


def build_nlp(
    components: tuple[tuple[str, str], ...] = COMPONENTS,
    max_length: int = ExtractSettings().max_text_chars,
) -> Language:
    """A fresh Language: syllable tokenizer plus the given extractor components, in order.

    `max_length` is spaCy's own guard (E088, 1,000,000 by default, sized for its neural parsers):
    here it is the tool's limit on body text, which `process` checks first with an E004.
    """
    register_extensions()
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.max_length = max_length
    nlp.tokenizer = SyllableTokenizer(nlp.vocab)
    for name, module in components:
        importlib.import_module(module)  # registers the component factory
        nlp.add_pipe(name)
    return nlp


@contextmanager
def _collection_paused() -> Iterator[None]:
    """No garbage collection while the block runs: loading allocates a few hundred thousand
    objects that all live on (tables, tries, vocabularies), and every collection it set off
    would walk them again, for nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@lru_cache(maxsize=1)
def shared_nlp() -> Language:
    """The process-wide Language, loaded once (models and lexicons are read a single time).

    What it loads lives as long as the process, so it is moved out of the collector's view
    (`gc.freeze`): collections during extraction then walk only each document's own objects,
    not the lexicons again (5-10% of the time per article otherwise).
    """
    with _collection_paused():
        nlp = build_nlp()
    gc.freeze()
    return nlp
