"""Settings from the environment, and the honest User-Agent."""

from __future__ import annotations

import pytest

from pipeline.config import DEFAULT_DATABASE_URL, ConfigError, Settings, is_loopback
from pipeline.pseudonym import pseudonym


def test_defaults_are_the_embedded_ones() -> None:
    settings = Settings.from_env({})
    assert settings.database_url == DEFAULT_DATABASE_URL == "sqlite:///wdtk.sqlite3"
    assert settings.base_url == "https://www.whatdotheyknow.com"
    assert settings.rate == 1.0


def test_parse_workers_follow_the_cpus_unless_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    eight = Settings.from_env({}).parse_workers
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    one = Settings.from_env({}).parse_workers
    assert (eight, one, Settings.from_env({"WDTK_PARSE_WORKERS": "0"}).parse_workers) == (4, 0, 0)


def test_user_agent_names_the_project_and_the_contact() -> None:
    settings = Settings.from_env({"WDTK_CONTACT": "data@example.org"})
    assert settings.user_agent.startswith("wdtk-pipeline/")
    assert "contact: data@example.org" in settings.user_agent


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"WDTK_RATE": "fast"}, "WDTK_RATE"),
        ({"WDTK_BASE_URL": "ftp://x"}, "WDTK_BASE_URL"),
        ({"WDTK_PARSE_WORKERS": "-1"}, "WDTK_PARSE_WORKERS"),
        ({"WDTK_PARSE_WORKERS": "two"}, "WDTK_PARSE_WORKERS"),
    ],
)
def test_malformed_settings_name_their_variable(env: dict[str, str], variable: str) -> None:
    with pytest.raises(ConfigError, match=variable):
        Settings.from_env(env)


def test_loopback_detection() -> None:
    assert is_loopback("http://127.0.0.1:8800")
    assert is_loopback("http://localhost:8800/list")
    assert not is_loopback("https://www.whatdotheyknow.com")


def test_pseudonym_is_stable_keyed_and_case_insensitive() -> None:
    assert pseudonym("k1", "a_wilkinson_2") == pseudonym("k1", "A_Wilkinson_2 ")
    assert pseudonym("k1", "a_wilkinson_2") != pseudonym("k2", "a_wilkinson_2")
    assert pseudonym("k1", "a_wilkinson_2").startswith("requester_")
    with pytest.raises(ValueError):
        pseudonym("", "x")
