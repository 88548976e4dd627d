from pathlib import Path

import pytest

from journal.config import Config, load_config, resolve_home
from journal.errors import JournalError


def test_missing_config_means_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path) == Config()


def test_config_is_read(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('week_start = "sunday"\ndefault_notebook = "일기"\n', encoding="utf-8")
    config = load_config(tmp_path)
    assert config.week_start == "sunday"
    assert config.default_notebook == "일기"


def test_broken_config_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('week_start = "monday"\neditor = "vim\n', encoding="utf-8")
    with pytest.raises(JournalError) as info:
        load_config(tmp_path)
    assert str(path) in info.value.message
    assert "line 2" in info.value.message


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("colour = 'red'", "unknown setting"),
        ("week_start = 3", "must be a string"),
        ("week_start = 'someday'", "weekday"),
    ],
)
def test_invalid_settings_are_named(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "config.toml").write_text(content, encoding="utf-8")
    with pytest.raises(JournalError, match=message):
        load_config(tmp_path)


def test_home_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOURNAL_HOME", str(tmp_path / "env"))
    assert resolve_home(str(tmp_path / "flag")) == tmp_path / "flag"
    assert resolve_home(None) == tmp_path / "env"
    monkeypatch.delenv("JOURNAL_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_home(None) == tmp_path / "xdg" / "journal"
