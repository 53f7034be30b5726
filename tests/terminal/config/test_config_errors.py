"""Bad files: each message names the file, the line and the key; unknown names only warn."""

from __future__ import annotations

from pathlib import Path

import pytest

from terminal.config import Config, ConfigError, load_config


def load_text(tmp_path: Path, text: str) -> Config:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path, env={})


def error_for(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as caught:
        load_text(tmp_path, text)
    return str(caught.value)


def test_wrong_type_names_key_and_line(tmp_path: Path) -> None:
    text = '[terminal]\ncode = "0427"\n\n[store]\nretention_days = "30"\n'
    message = error_for(tmp_path, text)
    assert message == (
        f"{tmp_path / 'config.toml'}, line 5: store.retention_days must be an integer, "
        'not a string ("30"); write it without quotes'
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[ui]\nfullscreen = 1\n", "line 2: ui.fullscreen must be a boolean, not an integer (1)"),
        ("[ui]\nelderly_scale = true\n", "ui.elderly_scale must be a number, not a boolean"),
        ("[printer]\nsystem_printer = 5\n", 'must be a string, not an integer (5) (put it in "'),
        ('[sync]\npin_sha256 = "ab"\n', "sync.pin_sha256 must be a list of strings, not a str"),
        ("[sync]\npin_sha256 = [1]\n", "sync.pin_sha256 must be a list of strings; item 1 is"),
        ("[sync]\ntimeout_s = {a = 1}\n", "sync.timeout_s must be a number, not a table"),
        ("sync = 3\n", "line 1: sync must be a table: a [sync] line, then keys"),
    ],
)
def test_type_errors(tmp_path: Path, text: str, expected: str) -> None:
    assert expected in error_for(tmp_path, text)


def test_dotted_and_inline_forms_are_located(tmp_path: Path) -> None:
    text = '# comment\nterminal.code = 12\n\nui = { voice = "loud" }\n'
    with pytest.raises(ConfigError) as caught:
        load_text(tmp_path, text)
    problems = caught.value.problems
    assert ", line 2: terminal.code must be a string, not an integer (12)" in problems[0]
    assert ", line 4: ui.voice must be a boolean" in problems[1]


def test_syntax_error_gives_line_and_column(tmp_path: Path) -> None:
    message = error_for(tmp_path, "[sync]\ntimeout_s = 10\nserver_url = https://x\n")
    assert message.startswith(f"{tmp_path / 'config.toml'}, line 3, column 14: not valid TOML")
    assert "text must be in quotes" in message
    assert "Traceback" not in message


def test_duplicate_table_is_shown_without_python_tuples(tmp_path: Path) -> None:
    message = error_for(tmp_path, "[ui]\nvoice = true\n[ui]\n")
    assert "line 3" in message and "Cannot declare ui twice" in message
    assert "('" not in message


def test_file_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes('[terminal]\nbranch_name = "便民"\n'.encode("gb18030"))
    with pytest.raises(ConfigError, match=r"line 2: the file is not UTF-8; save it as UTF-8"):
        load_config(path, env={})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[terminal]\ncode = "12345"\n', 'terminal.code must be 4 digits, not "12345"'),
        ('[terminal]\ncode = "０４２７"\n', "terminal.code must be 4 digits"),
        ('[terminal]\nlocale = "fr"\n', 'terminal.locale must be one of "zh_CN", "en", not "fr"'),
        ('[terminal]\ntimezone = "Mars/Olympus"\n', "terminal.timezone must be an IANA time"),
        ("[printer]\npaper_width_mm = 76\n", "must be one of 80, 58, not 76"),
        ("[store]\nretention_days = 0\n", "store.retention_days must be at least 1, not 0"),
        ("[store]\nmax_attachment_mb = 21\n", "must be between 1 and 20, not 21"),
        ("[ui]\nelderly_scale = 2.5\n", "ui.elderly_scale must be between 1.3 and 2, not 2.5"),
        ("[ui]\nidle_timeout_s = 14\n", "ui.idle_timeout_s must be at least 15, not 14"),
        ("[sync]\ntimeout_s = nan\n", "sync.timeout_s must be a finite number, not nan"),
        ('[sync]\npin_sha256 = ["%s", "xyz"]\n' % ("a" * 64), "item 2 must be 64 hex digits"),
        ('[sync]\nserver_url = "ftp://x"\n', "must be empty or an http(s):// URL"),
        ('[card_reader]\nplugin = "vendor.sdk"\n', 'must be empty or "module:Class"'),
        ('[logging]\nlevel = "info"\n', "logging.level must be one of"),
    ],
)
def test_limits(tmp_path: Path, text: str, expected: str) -> None:
    message = error_for(tmp_path, text)
    assert expected in message
    assert ", line 2: " in message


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = '[terminal]\ncode = "x"\nlocale = "fr"\n[camera]\njpeg_quality = 99\n'
    with pytest.raises(ConfigError) as caught:
        load_text(tmp_path, text)
    assert len(caught.value.problems) == 3
    assert str(caught.value).startswith("3 problems in the configuration:\n")
    assert [p.split(": ")[0][-6:] for p in caught.value.problems] == ["line 2", "line 3", "line 5"]


def test_unknown_keys_and_sections_warn_with_line(tmp_path: Path) -> None:
    text = (
        "[sync]\nservr_url = 'https://x'\ntimeout_s = 3\n\n"
        "[printr]\nbackend = 'escpos'\n\n[zzz.qqq]\n"
        "[ui]\nvoice = false\n"
    )
    config = load_text(tmp_path, text)
    path = tmp_path / "config.toml"
    assert config.warnings == (
        f"{path}, line 2: unknown key sync.servr_url, ignored; did you mean sync.server_url?",
        f"{path}, line 5: unknown section [printr], ignored; did you mean printer?",
        f"{path}, line 8: unknown section [zzz], ignored",
    )
    assert config.sync.timeout_s == 3.0
    assert config.ui.voice is False


def test_unknown_top_level_key_warns(tmp_path: Path) -> None:
    config = load_text(tmp_path, 'version = 2\n[terminal]\ncode = "0002"\n')
    assert config.warnings == (f"{tmp_path / 'config.toml'}, line 1: unknown key version, ignored",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[sync]\nserver_url = "http://10.0.0.5:8080"\n', "line 2: sync.server_url uses http://"),
        (
            '[sync]\nserver_url = "http://127.0.0.1:8080"\nallow_http_loopback = false\n',
            "line 2: sync.server_url uses http://, which sync.allow_http_loopback = false",
        ),
        ("[sync]\nbackoff_base_s = 500\n", "line 2: sync.backoff_cap_s (300.0) must not be"),
        ("[ui]\nidle_timeout_s = 15\n", "line 2: ui.idle_countdown_s (15) must be shorter"),
    ],
)
def test_rules_across_keys(tmp_path: Path, text: str, expected: str) -> None:
    assert expected in error_for(tmp_path, text)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "127.8.0.1"])
def test_http_to_loopback_is_allowed(tmp_path: Path, host: str) -> None:
    config = load_text(
        tmp_path, f'[sync]\nserver_url = "http://{host}:8443/tsp"\nallow_http_loopback = true\n'
    )
    assert config.sync.server_url == f"http://{host}:8443/tsp"
