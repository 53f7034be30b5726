"""Helpers for the key-protection tests: configurations, doctor's word, the raw key."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE.parents[1] / "sync") not in sys.path:
    sys.path.insert(0, str(HERE.parents[1] / "sync"))

from synckit.cli import run_mashangban  # noqa: E402

from terminal.config import Config, load_config  # noqa: E402
from terminal.crypto.key_protection import _read_blob, sealed_path  # noqa: E402
from terminal.crypto.tpm import Tpm  # noqa: E402


def tpm_config(data_dir: Path, tcti: str = "", **overrides: Any) -> Config:
    """An isolated configuration (demo identity: no server) using the TPM at ``tcti``."""
    values = {"store.data_dir": str(data_dir), "store.tpm_tcti": tcti, "terminal.code": "0042"}
    values.update({k.replace("__", "."): v for k, v in overrides.items()})
    return load_config(None, env={}, overrides=values)


def tpm_env(tcti: str, **more: str) -> dict[str, str]:
    return {"MASHANGBAN_STORE__TPM_TCTI": tcti, **more}


def doctor_check(
    data_dir: Path, env: dict[str, str], name: str = "key protection"
) -> dict[str, str]:
    """`mashangban doctor --json` as a subprocess; the named check."""
    done = run_mashangban(data_dir, "doctor", "--json", env=env)
    assert "Traceback" not in done.stderr, done.stderr
    doc = json.loads(done.stdout)
    found = [c for c in doc["checks"] if c["name"] == name]
    assert found, doc
    check: dict[str, str] = found[0]
    return check


def unsealed(key_file: Path, tcti: str) -> bytes:
    """The raw key behind a sealed key file (the test's own look, through the TPM)."""
    return Tpm(tcti).unseal(_read_blob(sealed_path(key_file)))


def files_holding(root: Path, needle: bytes) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and needle in p.read_bytes()]
