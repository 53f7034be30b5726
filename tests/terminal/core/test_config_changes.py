"""A changed setting is audited at the next start: which keys, never their values."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from terminal.audit.config_changes import FINGERPRINT_KEY, keys_text
from terminal.audit.trail import AuditTrail
from terminal.runtime import start_core
from tests.conftest import make_config


def start_and_close(data_dir: Path, **overrides: Any) -> list[tuple[str, str, dict[str, Any]]]:
    """Start a core with these settings; the config_change records so far."""
    config = make_config(data_dir, **overrides)
    core = start_core(config, configure_logging=False, audit_config=True)
    try:
        rows = AuditTrail.for_core(core).records()
        assert AuditTrail.for_core(core).verify().ok
        changes = [r for r in rows if r.action == "config_change"]
        return [(r.actor, r.result, json.loads(r.detail)) for r in changes]
    finally:
        core.close()


def test_first_start_records_nothing_and_same_settings_stay_quiet(data_dir: Path) -> None:
    assert start_and_close(data_dir) == []
    assert start_and_close(data_dir) == []


def test_changed_keys_are_named_once(data_dir: Path) -> None:
    start_and_close(data_dir)
    records = start_and_close(data_dir, ui__idle_timeout_s=120, terminal__branch_name="东城支行")
    assert records == [
        ("system", "ok", {"count": 2, "keys": "terminal.branch_name,ui.idle_timeout_s"})
    ]
    assert start_and_close(data_dir, ui__idle_timeout_s=120, terminal__branch_name="东城支行") == (
        records  # unchanged since: no second record
    )
    back = start_and_close(data_dir)  # and back to the defaults is a change again
    assert back[-1][2] == {"count": 2, "keys": "terminal.branch_name,ui.idle_timeout_s"}


def test_values_never_reach_the_store_in_clear(data_dir: Path) -> None:
    start_and_close(data_dir)
    start_and_close(data_dir, terminal__branch_name="东城支行营业厅")
    conn = sqlite3.connect(data_dir / "store.sqlite3")
    try:
        stored = conn.execute("SELECT value FROM kv WHERE key = ?", (FINGERPRINT_KEY,)).fetchone()
        details = [r[0] for r in conn.execute("SELECT detail FROM audit_log")]
    finally:
        conn.close()
    assert "东城" not in stored[0] and not any("东城" in d or "\\u" in d for d in details)
    assert len(json.loads(stored[0])["terminal.branch_name"]) == 16


def test_many_changed_keys_fit_the_detail_limit() -> None:
    keys = [f"section{i}.some_long_key_name" for i in range(9)]
    text = keys_text(keys)
    assert len(text) <= 64 and text.endswith(f"+{9 - text.count(',')}")
    assert text.startswith("section0.some_long_key_name,")
    assert keys_text(["ui.voice"]) == "ui.voice"


def test_other_commands_and_the_spelling_of_the_data_dir_change_nothing(
    data_dir: Path, monkeypatch: Any
) -> None:
    start_and_close(data_dir)
    # A technician's command with another log level (its own shell) is not the kiosk.
    other = start_core(make_config(data_dir, logging__level="DEBUG"), configure_logging=False)
    other.close()
    monkeypatch.chdir(data_dir.parent)  # the same directory, written relatively
    relative = start_core(
        make_config(Path(data_dir.name)), configure_logging=False, audit_config=True
    )
    try:
        assert relative.paths.store_file.resolve() == (data_dir / "store.sqlite3").resolve()
        records = AuditTrail.for_core(relative).records()
        assert [r for r in records if r.action == "config_change"] == []
    finally:
        relative.close()
    # and the kiosk's own next start, after all that, still sees no change
    assert start_and_close(data_dir) == []
