"""bs4 and soupsieve with their regexes from the pattern cache: importing this module imports both.

soupsieve compiles the regexes of its CSS tokenizer as it is imported, and the rest the first
time a selector needs them: 0.27 s of a process's first page, more than parsing the page. Imported
here inside `cached_compiles`, and with selectors compiled through `compile_selector`, they come
from the cache the extractors' patterns use: the same matchers, built without parsing the patterns
again. Modules of the pipeline that import bs4 import this module first.
"""

from __future__ import annotations

from vnextract.pipeline.extract.pattern_cache import cached_compiles

with cached_compiles():
    import bs4  # noqa: F401  (bs4 imports soupsieve for its CSS support)
    import soupsieve


def compile_selector(selector: str) -> soupsieve.SoupSieve:
    """`soupsieve.compile`, the tokenizer patterns it meets for the first time from the cache."""
    with cached_compiles():
        return soupsieve.compile(selector)
