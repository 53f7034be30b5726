"""Loading the configuration: defaults, the file, overrides, data_dir and the result's API."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import platformdirs
import pytest

from terminal.config import (
    Config,
    ConfigError,
    default_config,
    default_config_path,
    default_data_dir,
    load_config,
)
from terminal.config import loader as loader_module


@pytest.fixture
def default_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Point the default config file and data directory into the test's own directory."""
    config_file = tmp_path / "home-config" / "config.toml"
    data_dir = tmp_path / "home-data"
    monkeypatch.setattr(loader_module, "default_config_path", lambda: config_file)
    monkeypatch.setattr(loader_module, "default_data_dir", lambda: data_dir)
    return config_file, data_dir


def write(tmp_path: Path, text: str, name: str = "config.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_every_default(default_dirs: tuple[Path, Path]) -> None:
    config = load_config(env={})
    assert config.source_path is None
    assert config.terminal.code == "0001"
    assert config.terminal.branch_name == "马上办便民服务点（示范）"
    assert config.store.retention_days == 30
    assert config.sync.server_url == ""
    assert config.sync.allow_http_loopback is False  # production: https:// only
    assert config.sync.pin_sha256 == ()
    assert config.sync.batch_max_bytes == 2_097_152
    assert config.printer.paper_width_mm == 80
    assert config.ui.elderly_scale == 1.3
    assert config.data_dir == default_dirs[1]
    assert config.warnings == ()
    assert dict(config.origins) == {}


def test_file_at_the_default_location_is_read(default_dirs: tuple[Path, Path]) -> None:
    config_file, _ = default_dirs
    config_file.parent.mkdir()
    config_file.write_text('[terminal]\ncode = "0427"\n', encoding="utf-8")
    config = load_config(env={})
    assert config.terminal.code == "0427"
    assert config.source_path == config_file


def test_file_values_replace_defaults(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        [sync]
        server_url = "https://tsp.example.gov.cn"
        pin_sha256 = ["%s", "%s"]
        timeout_s = 5          # an integer is fine for a number key
        [ui]
        fullscreen = false
        orientation = "portrait"
        """.replace("        ", "")
        % ("a" * 64, "B" * 64),
    )
    config = load_config(path, env={})
    assert config.sync.server_url == "https://tsp.example.gov.cn"
    assert config.sync.pin_sha256 == ("a" * 64, "B" * 64)
    assert config.sync.timeout_s == 5.0 and isinstance(config.sync.timeout_s, float)
    assert config.ui.fullscreen is False
    assert config.ui.orientation == "portrait"
    assert config.sync.backoff_cap_s == 300.0  # untouched keys keep their defaults
    assert config.origins["sync.timeout_s"] == f"{path}, line 5"
    assert config.source_path == path


def test_explicit_config_file_that_is_missing_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.toml"
    with pytest.raises(ConfigError) as caught:
        load_config(missing, env={})
    assert str(caught.value) == f"{missing}: configuration file not found"


def test_directory_given_as_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the configuration file"):
        load_config(tmp_path, env={})


def test_overrides_win_over_environment_and_file(tmp_path: Path) -> None:
    path = write(tmp_path, "[store]\nretention_days = 10\n")
    env = {"MASHANGBAN_STORE__RETENTION_DAYS": "20"}
    config = load_config(path, env=env, overrides={"store.retention_days": 40})
    assert config.store.retention_days == 40
    assert config.origins["store.retention_days"] == "command line"


def test_override_text_is_parsed_and_none_means_not_given(tmp_path: Path) -> None:
    config = default_config(
        overrides={"ui.voice": "no", "sync.pin_sha256": ("c" * 64,), "store.data_dir": None}
    )
    assert config.ui.voice is False
    assert config.sync.pin_sha256 == ("c" * 64,)
    assert config.store.data_dir == ""


def test_bad_or_unknown_override_is_an_error() -> None:
    with pytest.raises(ConfigError) as caught:
        default_config(overrides={"store.retention_days": 0, "store.nope": 1})
    assert caught.value.problems == (
        "command line: store.retention_days must be at least 1, not 0",
        "command line: unknown setting store.nope",
    )


def test_data_dir_override_accepts_a_path(tmp_path: Path) -> None:
    config = default_config(overrides={"store.data_dir": tmp_path / "kiosk"})
    assert config.data_dir == tmp_path / "kiosk"
    assert config.store.data_dir == str(tmp_path / "kiosk")


def test_relative_data_dir_in_file_starts_at_the_file(tmp_path: Path) -> None:
    (tmp_path / "etc").mkdir()
    path = write(tmp_path / "etc", '[store]\ndata_dir = "../var/data"\n')
    config = load_config(path, env={})
    assert config.data_dir == tmp_path / "var" / "data"


def test_relative_data_dir_from_command_line_starts_at_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert default_config(overrides={"store.data_dir": "d"}).data_dir == tmp_path / "d"


def test_data_dir_expands_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    config = default_config(overrides={"store.data_dir": "~/kiosk"})
    assert config.data_dir == tmp_path / "kiosk"


@pytest.mark.skipif(sys.platform != "linux", reason="XDG variables are how Linux moves them")
def test_default_locations_follow_platformdirs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_config_path() == tmp_path / "cfg" / "mashangban" / "config.toml"
    assert default_data_dir() == tmp_path / "data" / "mashangban"
    assert default_config().data_dir == tmp_path / "data" / "mashangban"
    assert not (tmp_path / "cfg").exists()  # asking for the path creates nothing


def test_default_config_path_is_in_the_platform_config_dir() -> None:
    expected = Path(platformdirs.user_config_dir("mashangban")) / "config.toml"
    assert default_config_path() == expected


def test_config_is_immutable() -> None:
    config = default_config()
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.sync.timeout_s = 1.0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.data_dir = Path("/x")  # type: ignore[misc]
    with pytest.raises(TypeError):
        config.section("sync")["timeout_s"] = 1.0  # type: ignore[index]


def test_section_mapping_and_unknown_section() -> None:
    config = default_config(overrides={"scanner.wedge_min_length": 12})
    scanner = config.section("scanner")
    assert scanner["wedge_min_length"] == 12
    assert set(scanner) == {f.name for f in dataclasses.fields(config.scanner)}
    with pytest.raises(KeyError):
        config.section("source_path")


def test_to_json_holds_everything_and_is_json(tmp_path: Path) -> None:
    path = write(tmp_path, '[sync]\npin_sha256 = ["%s"]\n[extra]\n' % ("d" * 64))
    config = load_config(path, env={})
    data = json.loads(json.dumps(config.to_json()))
    assert data["source_path"] == str(path)
    assert data["data_dir"] == str(config.data_dir)
    assert data["warnings"] == list(config.warnings) and len(data["warnings"]) == 1
    assert data["origins"] == {"sync.pin_sha256": f"{path}, line 2"}
    assert data["settings"]["sync"]["pin_sha256"] == ["d" * 64]
    assert data["settings"]["printer"]["escpos_native_qr"] is True
    assert set(data["settings"]) == {f.name for f in dataclasses.fields(Config)} - {
        "data_dir",
        "source_path",
        "warnings",
        "origins",
    }


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes('\ufeff[terminal]\ncode = "0002"\n'.encode())
    assert load_config(path, env={}).terminal.code == "0002"
