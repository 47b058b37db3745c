"""The configuration contract: defaults run with no file, the example documents every key."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

import pytest

from bot.config import Config, load_config, parse_config
from store.errors import ConfigError

EXAMPLE = Path(__file__).resolve().parents[2] / "config.example.toml"


def _keys(cls: type, prefix: str = "") -> set[str]:
    out: set[str] = set()
    for f in dataclasses.fields(cls):
        if f.name == "source":
            continue
        default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default  # type: ignore[misc]
        if dataclasses.is_dataclass(default):
            out |= _keys(type(default), f"{prefix}{f.name}.")
        else:
            out.add(f"{prefix}{f.name}")
    return out


def test_example_config_parses_and_documents_every_key() -> None:
    """config.example.toml is valid and names every key that Config has (modules only as a comment)."""
    data = tomllib.loads(EXAMPLE.read_text())
    config = parse_config(data, "example")
    assert config.customers[0].name == "Acme AS"
    text = EXAMPLE.read_text()
    missing = [k for k in _keys(Config) if k.rsplit(".", 1)[-1] + " =" not in text]
    assert missing == ["modules", "customers"] or sorted(missing) == ["customers", "modules"]
    # The two lists of tables are documented as tables, with each of their keys.
    assert "[[customers]]" in text and "# [[modules]]" in text
    for key in ("name", "domains", "instance", "slack_team_ids", "key", "nb", "en", "exclude"):
        assert f"{key} =" in text


def test_no_file_means_built_in_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --config, $CASEBOT_CONFIG or ./casebot.toml casebot runs on the DESIGN.md defaults."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CASEBOT_CONFIG", raising=False)
    config = load_config(None)
    assert (config.smtp.host, config.smtp.port, config.http.port) == ("127.0.0.1", 2525, 3000)
    assert config.store.url == "sqlite:///casebot-data/casebot.db"
    assert (
        config.limits.messages_per_sender_per_hour == 120 and config.limits.replies_per_sender_per_hour == 10
    )


@pytest.mark.parametrize(
    "text,needle",
    [
        ("[smtp]\nport = 'x'\n", "smtp.port must be a whole number"),
        ("[smtp]\nprot = 25\n", "unknown key(s) in [smtp]: prot"),
        ("[nonsense]\n", "unknown section [nonsense]"),
        ("[grants]\nbackend = 'carrier-pigeon'\n", "grants.backend"),
        ("[smtp\n", "not valid TOML"),
        ("[[modules]]\nkey = 'fleet'\nnb = ['bil', '*']\n", "'fleet' has a form with no word before '*'"),
    ],
)
def test_bad_config_names_the_problem(tmp_path: Path, text: str, needle: str) -> None:
    """A wrong key or value is refused with a message that says which and why."""
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as error:
        load_config(str(path))
    assert needle in str(error.value)
