"""underthesea's NER loaded the lean way (pipeline.nlp.underthesea_ner) answers as the plain one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from vnextract.pipeline.nlp.underthesea_ner import optional_imports, plain_pickle

SENTENCES = [
    "Ông Putin ca ngợi những thành tựu vĩ đại của Liên Xô",
    "Tổng thống Emmanuel Macron gặp Thủ tướng Phạm Minh Chính tại Paris hôm 5/10.",
    "HLV Jose Mourinho nói với Reuters rằng Chelsea cần thêm thời gian.",
    "Bà Angela Merkel, cựu Thủ tướng Đức, đến Hà Nội.",
    "Theo Bloomberg, CEO Elon Musk đã bán 4,4 tỷ USD cổ phiếu Tesla.",
]

# Each side runs in a new interpreter: one process cannot load underthesea both ways.
LEAN = (
    "import json, sys\n"
    "from vnextract.pipeline.nlp.underthesea_ner import ner\n"
    "tag = ner()\n"
    "print(json.dumps([tag(s) for s in json.loads(sys.argv[1])], ensure_ascii=False))\n"
    "import underthesea\n"
    "assert all(callable(getattr(underthesea, name)) for name in "
    "('classify', 'sentiment', 'lang_detect', 'translate'))\n"
    "assert 'requests' not in sys.modules, 'the optional pipelines were imported'\n"
)
PLAIN = (
    "import json, sys\n"
    "from underthesea import ner\n"
    "print(json.dumps([ner(s) for s in json.loads(sys.argv[1])], ensure_ascii=False))\n"
)


def _tags(code: str) -> object:
    result = subprocess.run([sys.executable, "-c", code, json.dumps(SENTENCES)], check=False,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_underthesea_ner_lean_same_tags() -> None:
    assert _tags(LEAN) == _tags(PLAIN)


def test_underthesea_ner_lean_reads_the_table() -> None:
    table = optional_imports()
    assert table, "underthesea's optional_imports table is not where it was: NER loads the plain way"
    assert all(module.startswith("underthesea.") for module in table.values())


def _model_files() -> list[Path]:
    import importlib.util

    spec = importlib.util.find_spec("underthesea")
    assert spec is not None and spec.submodule_search_locations
    return sorted(Path(next(iter(spec.submodule_search_locations))).rglob("*.bin"))


def test_underthesea_ner_lean_plain_pickles_read_alike() -> None:
    """Every model file the C unpickler takes (a plain pickle) gives what joblib gives; the others
    stay with joblib. At least one file is taken, else the fast path would never run."""
    import pickle

    import joblib

    plain = [path for path in _model_files() if plain_pickle(path.read_bytes())]
    assert plain, "no underthesea model file is a plain pickle"
    for path in plain:
        assert pickle.loads(path.read_bytes()) == joblib.load(path), path.name


@pytest.mark.parametrize("data, plain", [
    pytest.param(b"\x80\x04\x95\x0b\x00\x00\x00\x00\x00\x00\x00]\x94\x8c\x01a\x94a.", True, id="plain pickle"),
    pytest.param(b"x\x9c\x00", False, id="zlib compressed"),
    pytest.param(b"\x80\x04joblib.numpy_pickle\x94NumpyArrayWrapper", False, id="numpy wrapper"),
    pytest.param(b"\x80\x02cnumpy.core.multiarray\n_reconstruct", False, id="numpy array"),
])
def test_underthesea_ner_lean_plain_pickle(data: bytes, plain: bool) -> None:
    assert plain_pickle(data) is plain
