"""MASHANGBAN_<SECTION>__<KEY> environment variables."""

from __future__ import annotations

from pathlib import Path

import pytest

from terminal.config import ConfigError, load_config


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        '[sync]\nserver_url = "https://file.example"\ntimeout_s = 7\n[ui]\nvoice = true\n',
        encoding="utf-8",
    )
    return path


def test_environment_overrides_the_file(config_file: Path) -> None:
    env = {"MASHANGBAN_SYNC__SERVER_URL": "https://env.example"}
    config = load_config(config_file, env=env)
    assert config.sync.server_url == "https://env.example"
    assert config.sync.timeout_s == 7.0  # from the file
    assert config.origins["sync.server_url"] == "environment variable MASHANGBAN_SYNC__SERVER_URL"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1", True), ("0", False), ("TRUE", True), ("false", False), ("Yes", True), (" no ", False)],
)
def test_booleans(config_file: Path, text: str, expected: bool) -> None:
    config = load_config(config_file, env={"MASHANGBAN_UI__VOICE": text})
    assert config.ui.voice is expected


def test_numbers_lists_and_strings(config_file: Path) -> None:
    env = {
        "MASHANGBAN_STORE__RETENTION_DAYS": " 45 ",
        "MASHANGBAN_SYNC__TIMEOUT_S": "2.5",
        "MASHANGBAN_SYNC__PIN_SHA256": f"{'a' * 64}, {'b' * 64},",
        "MASHANGBAN_TERMINAL__BRANCH_NAME": "  五华区 服务点 ",
        "MASHANGBAN_CARD_READER__BAUDRATE": "9600",
        "MASHANGBAN_PRINTER__PAPER_WIDTH_MM": "58",
    }
    config = load_config(config_file, env=env)
    assert config.store.retention_days == 45
    assert config.sync.timeout_s == 2.5
    assert config.sync.pin_sha256 == ("a" * 64, "b" * 64)
    assert config.terminal.branch_name == "  五华区 服务点 "  # strings are taken as they are
    assert config.card_reader.baudrate == 9600
    assert config.printer.paper_width_mm == 58


def test_empty_list_variable_clears_the_list(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[sync]\npin_sha256 = ["%s"]\n' % ("a" * 64), encoding="utf-8")
    config = load_config(path, env={"MASHANGBAN_SYNC__PIN_SHA256": ""})
    assert config.sync.pin_sha256 == ()


@pytest.mark.parametrize(
    ("var", "text", "expected"),
    [
        ("MASHANGBAN_UI__VOICE", "maybe", 'must be one of 1/0/true/false/yes/no, not "maybe"'),
        ("MASHANGBAN_STORE__RETENTION_DAYS", "30d", 'must be an integer, not "30d"'),
        ("MASHANGBAN_STORE__RETENTION_DAYS", "2.0", 'must be an integer, not "2.0"'),
        ("MASHANGBAN_SYNC__TIMEOUT_S", "ten", 'must be a number, not "ten"'),
        ("MASHANGBAN_SYNC__TIMEOUT_S", "inf", "must be a finite number"),
        ("MASHANGBAN_UI__IDLE_TIMEOUT_S", "5", "must be at least 15, not 5"),
        ("MASHANGBAN_TERMINAL__CODE", "12", 'must be 4 digits, not "12"'),
        ("MASHANGBAN_PRINTER__BACKEND", "laser", "must be one of"),
        ("MASHANGBAN_SYNC__PIN_SHA256", "abc", 'item 1 must be 64 hex digits, not "abc"'),
    ],
)
def test_bad_value_names_the_variable(
    config_file: Path, var: str, text: str, expected: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(config_file, env={var: text})
    message = str(caught.value)
    assert message.startswith(f"environment variable {var}: ")
    assert expected in message


def test_unknown_setting_variable_warns_and_others_are_ignored(config_file: Path) -> None:
    env = {
        "MASHANGBAN_SYNC__SERVER_ULR": "https://typo.example",
        "MASHANGBAN_DEBUG": "1",  # no "__": not a setting, may belong to someone else
        "PATH": "/usr/bin",
        "mashangban_ui__voice": "0",  # names are upper case
    }
    config = load_config(config_file, env=env)
    assert config.warnings == (
        "environment variable MASHANGBAN_SYNC__SERVER_ULR: unknown setting, ignored; "
        "did you mean MASHANGBAN_SYNC__SERVER_URL?",
    )
    assert config.sync.server_url == "https://file.example"
    assert config.ui.voice is True


def test_process_environment_is_the_default(
    config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MASHANGBAN_STAFF__LOCKOUT_MINUTES", "30")
    assert load_config(config_file).staff.lockout_minutes == 30


def test_file_error_and_environment_error_are_reported_together(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[camera]\nmax_side_px = 100\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path, env={"MASHANGBAN_CAMERA__JPEG_QUALITY": "x"})
    assert [p.split(":")[0] for p in caught.value.problems] == [
        str(path) + ", line 2",
        "environment variable MASHANGBAN_CAMERA__JPEG_QUALITY",
    ]
