"""soup_import: soupsieve's regexes come from the pattern cache, and its selectors select as before."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import soupsieve
from bs4 import BeautifulSoup

from vnextract.pipeline.parse.soup_import import compile_selector

# A fresh process: import soup_import, compile selectors of every token kind, print how many
# patterns the cache answered (the first process fills it, a later one reads it).
CHILD = """
from vnextract.pipeline.extract import pattern_cache
hits = 0
get = pattern_cache._STORE.get
def counted(key):
    global hits
    entry = get(key)
    hits += entry is not None
    return entry
pattern_cache._STORE.get = counted
from vnextract.pipeline.parse.soup_import import compile_selector
for selector in ["div.a > p", "#main [data-x^='1'] + span", "li:nth-child(2n+1)", "a:not(.b), h1 ~ h2",
                 ":is(p, div)::before", "p:contains('x')"]:
    try:
        compile_selector(selector)
    except Exception:
        pass
print(hits)
"""


def test_soup_import_patterns_come_from_the_cache(tmp_path: Path) -> None:
    env = {**os.environ, "VNEXTRACT_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True,
                           check=True, timeout=120).stdout.split()[-1] for _ in range(2)]
    first, later = int(runs[0]), int(runs[1])
    # The first process, on an empty cache, only finds the patterns it compiled twice itself; a
    # later one reads soupsieve's module patterns and its tokenizer's back.
    assert later >= first + 15, (first, later)


def test_soup_import_selectors_select_what_soupsieve_selects() -> None:
    soup = BeautifulSoup("<div id=main class=a><p>1</p><span data-x=12>2</span><p class=b>3</p></div>",
                         "html.parser")
    for selector in ["div.a > p", "#main [data-x^='1']", "p:nth-of-type(2)", "p:not(.b)", "div :is(p, span)"]:
        assert compile_selector(selector).select(soup) == soupsieve.compile(selector).select(soup), selector
