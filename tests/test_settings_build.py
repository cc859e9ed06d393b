"""Settings are built once, from the command's options and the environment, and never changed."""

from __future__ import annotations

import argparse

import pydantic
import pytest

from vnextract.pipeline.settings import CONTACT_ENV, Settings, build_settings


def args(**options) -> argparse.Namespace:
    return argparse.Namespace(**options)


@pytest.mark.parametrize(
    "options, environ, path, value",
    [
        pytest.param({}, {}, ("fetch", "allow_private"), False, id="default-private-refused"),
        pytest.param({"allow_private": True}, {}, ("fetch", "allow_private"), True, id="allow-private"),
        pytest.param({"max_bytes": 500}, {}, ("extract", "max_input_bytes"), 500, id="max-bytes-input"),
        pytest.param({"max_bytes": 500}, {}, ("fetch", "max_input_bytes"), 500, id="max-bytes-local-reads"),
        pytest.param({"max_bytes": 5_000_000}, {}, ("extract", "max_text_chars"), 5_000_000,
                     id="max-bytes-raises-text-limit"),
        pytest.param({"jobs": 9}, {}, ("fetch", "max_concurrency"), 9, id="jobs"),
        pytest.param({"article_seconds": 5.0}, {}, ("extract", "article_seconds"), 5.0, id="budget"),
        pytest.param({"article_seconds": 0.0}, {}, ("extract", "article_seconds"), None, id="budget-off"),
    ],
)
def test_settings_build_from_options(options: dict, environ: dict, path: tuple[str, str], value) -> None:
    settings = build_settings(args(**options), environ)
    assert getattr(getattr(settings, path[0]), path[1]) == value


def test_settings_contact_from_option_beats_environment() -> None:
    from_env = build_settings(args(), {CONTACT_ENV: "desk@example.org"})
    from_option = build_settings(args(contact="me@example.org"), {CONTACT_ENV: "desk@example.org"})
    assert "desk@example.org" in from_env.fetch.user_agent
    assert "me@example.org" in from_option.fetch.user_agent
    assert "example.invalid" not in Settings().fetch.user_agent


def test_settings_caller_base_is_kept() -> None:
    base = Settings(fetch={"allowed_networks": ["127.0.0.0/8"], "allow_private": True})
    built = build_settings(args(settings=base, max_bytes=100))
    assert built.fetch.allowed_networks == ("127.0.0.0/8",) and built.fetch.allow_private
    assert base.extract.max_input_bytes != 100  # the base itself is untouched


@pytest.mark.parametrize("section, field", [("fetch", "allow_private"), ("extract", "max_text_chars")])
def test_settings_are_frozen(section: str, field: str) -> None:
    settings = build_settings(args())
    with pytest.raises(pydantic.ValidationError):
        setattr(getattr(settings, section), field, 1)


def test_settings_article_budget_rejects_a_runaway_input(tmp_path, capsys) -> None:
    from vnextract.pipeline.cli import main

    long = tmp_path / "long.txt"
    long.write_text(("Năm 2023, huyện có 4.872 đảng viên và 63 tổ chức cơ sở đảng. " * 4000), encoding="utf-8")
    code = main(["extract", str(long), "--article-seconds", "0.05"])
    assert code == 1 and "[E040]" in capsys.readouterr().err
