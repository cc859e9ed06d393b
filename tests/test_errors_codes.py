"""Error codes are attributes of one module: code never spells a code as a string, so a mistyped
code cannot slip through to raise time; every message says how to fix the problem."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from vnextract.pipeline.errors import MESSAGES, Errors, InputError, VnextractError

ROOT = Path(__file__).resolve().parent.parent
CODE_LITERAL = re.compile(r"""^[^#]*?(["'])E\d{3}\1""")


def test_errors_codes_are_their_attribute_names() -> None:
    assert MESSAGES and all(re.fullmatch(r"E\d{3}", code) for code in MESSAGES)
    assert all(getattr(Errors, code) == code for code in MESSAGES)


def test_errors_mistyped_code_fails_where_written() -> None:
    with pytest.raises(AttributeError):
        Errors.E0004  # noqa: B018


@pytest.mark.parametrize("path", sorted(p for p in (ROOT / "pipeline").rglob("*.py") if p.name != "errors.py"),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_errors_no_code_spelled_as_a_string(path: Path) -> None:
    in_docstring = False
    offenders = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.count('"""') == 1:
            in_docstring = not in_docstring
            continue
        if not in_docstring and CODE_LITERAL.search(line):
            offenders.append(number)
    assert not offenders, f"{path.name}: use Errors.EXXX, not a string, on lines {offenders}"


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_errors_message_formats_and_survives_pickling(code: str) -> None:
    error = VnextractError(code, "detail", source="a.txt")
    assert error.reason == MESSAGES[code].format(detail="detail")
    again = pickle.loads(pickle.dumps(error))
    assert (again.code, again.reason, again.source) == (code, error.reason, "a.txt")


def test_errors_kinds_keep_their_class_across_processes() -> None:
    again = pickle.loads(pickle.dumps(InputError(Errors.E007, "no body")))
    assert type(again) is InputError and again.code == "E007"


def test_errors_failing_extractor_is_named_and_costs_one_input(monkeypatch) -> None:
    import vnextract
    from vnextract.pipeline.errors import ExtractorFailed

    extractor = vnextract.Extractor()
    real = extractor.nlp.get_pipe("vnx_statistics")

    def broken(doc):
        if "hỏng" in doc.text:
            raise ZeroDivisionError("boom")
        return real(doc)

    monkeypatch.setattr(extractor.nlp, "_components",
                        [(name, broken if name == "vnx_statistics" else pipe) for name, pipe in extractor.nlp._components])
    outcomes = list(extractor.pipe(["Năm 2023 có 5 hộ nghèo.", "Năm 2023 có 6 hộ hỏng.", "Có 7 hộ."],
                                   on_error="yield"))
    assert isinstance(outcomes[1], ExtractorFailed) and outcomes[1].code == "E099"
    assert "vnx_statistics" in outcomes[1].reason and "ZeroDivisionError" in outcomes[1].reason
    assert [o.statistics[0].value for o in (outcomes[0], outcomes[2])] == [5, 7]
    again = pickle.loads(pickle.dumps(outcomes[1]))
    assert (again.component, again.reason) == ("vnx_statistics", outcomes[1].reason)
