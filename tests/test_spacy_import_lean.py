"""spaCy imported through pipeline.spacy_import: without its command line, and still whole."""

from __future__ import annotations

import subprocess
import sys

import pytest

# Each check runs in a new interpreter: the one running pytest has imported spaCy already.
CHECKS = {
    "cli not imported": (
        "import sys, vnextract.pipeline.spacy_import\n"
        "assert 'spacy' in sys.modules\n"
        "assert not [m for m in sys.modules if m.startswith(('spacy.cli', 'weasel', 'typer'))]\n"
    ),
    "spacy.info works": (
        "import vnextract.pipeline.spacy_import, spacy\n"
        "data = spacy.info(silent=True)\n"
        "assert data['spacy_version'] == spacy.__version__, data\n"
    ),
    "spacy.cli loads for real later": (
        "import vnextract.pipeline.spacy_import, spacy.cli\n"
        "from spacy.cli import info\n"
        "assert info.__module__ == 'spacy.cli.info', info.__module__\n"
        "assert hasattr(spacy.cli, 'download')\n"
    ),
    "pipeline built without the cli": (
        "import sys\n"
        "from vnextract.pipeline.nlp import build_nlp\n"
        "nlp = build_nlp()\n"
        "assert nlp('Ngày 4/1, ông Nguyễn Văn A cho biết.').text\n"
        "assert 'spacy.cli' not in sys.modules\n"
    ),
    "spacy imported before: left as it is": (
        "import sys, spacy\n"
        "assert 'spacy.cli' in sys.modules\n"
        "import vnextract.pipeline.spacy_import\n"
        "assert sys.modules['spacy'] is spacy\n"
    ),
}


@pytest.mark.parametrize("code", [pytest.param(code, id=name) for name, code in CHECKS.items()])
def test_spacy_import_lean(code: str) -> None:
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
