"""spaCy imported without its command line: importing this module imports spaCy.

`import spacy` runs `from .cli.info import info` (the `spacy info` command, public as
`spacy.info()`), which imports the whole of spaCy's command line: typer, weasel, httpx, requests,
rich. That is a third of spaCy's import and a quarter of a one-article `vnextract extract`, and the
pipeline never runs a spaCy command. So the first import of spaCy sees a stand-in `spacy.cli.info`
whose `info` imports the real command when it is called; the stand-in is taken out of
`sys.modules` at once, so a later `import spacy.cli` (or `python -m spacy`) loads the real package.

The import also runs without garbage collections, and what it made is frozen out of later ones
(`gc.freeze`): it is 200,000 objects that live as long as the process.

Only where spaCy's `__init__.py` holds exactly that line (the layout of the spaCy releases this
was written for); any other layout, or spaCy already imported, is a plain `import spacy`.
Modules of the pipeline that import spaCy import this module first.
"""

from __future__ import annotations

import gc
import importlib.util
import sys
from types import ModuleType
from typing import Any

_CLI_INFO = "spacy.cli.info"
_IMPORT_LINE = "from .cli.info import info"


def _deferred_info(*args: Any, **kwargs: Any) -> Any:
    """`spacy.info`: spaCy's own `info`, imported on its first call."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _imports_cli_info() -> bool:
    """Whether spaCy's `__init__.py` imports its `info` command as the releases known here do."""
    spec = importlib.util.find_spec("spacy")
    if spec is None or spec.origin is None:
        return False
    try:
        with open(spec.origin, encoding="utf-8") as init:
            source = init.read()
    except OSError:
        return False
    return source.count(_IMPORT_LINE) == 1 and source.count(".cli") == 1


def import_spacy() -> ModuleType:
    """The spacy module, imported without its command line when it is not imported yet."""
    if "spacy" in sys.modules or _CLI_INFO in sys.modules or not _imports_cli_info():
        import spacy

        return spacy
    stand_in = ModuleType(_CLI_INFO, "Stand-in while spaCy is imported: `info` loads the real command.")
    stand_in.info = _deferred_info  # type: ignore[attr-defined]
    sys.modules[_CLI_INFO] = stand_in
    # The import makes ~200,000 objects (modules, classes, schemas) that live as long as the
    # process: no collection while it runs, and afterwards they are kept out of every collection
    # (`gc.freeze`) instead of being walked again by each full one.
    collecting = gc.isenabled()
    gc.disable()
    try:
        import spacy
    finally:
        if collecting:
            gc.enable()
        if sys.modules.get(_CLI_INFO) is stand_in:
            del sys.modules[_CLI_INFO]
    gc.freeze()
    return spacy


import_spacy()
