"""Central's data is private: the data dir 0700, the database, its WAL, attachments,
keys and logs 0600, so another local user (``nobody``) cannot read the database;
enrolment codes are stored keyed (HMAC), and older plain-hash codes are withdrawn."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from centralkit.batches import send_batch
from centralkit.catalog import write_catalog
from centralkit.cli import run_cli
from centralkit.factory import CONTACT
from centralkit.server import ThreadedCentral
from centralkit.terminals import enroll_terminal

from central.app import open_core
from central.config import CentralConfig
from central.services.enrollment import issue_code
from central.store.models import EnrollmentCode


def modes(root: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(root.stat().st_mode)}
    for path in root.rglob("*"):
        found[str(path.relative_to(root))] = stat.S_IMODE(path.stat().st_mode)
    return found


def test_everything_central_writes_is_private(central, terminal):
    item = terminal.factory.item(attachments=[b"\xff\xd8 sealed photo bytes"])
    sha = item["attachments"][0]["sha256"]
    put = terminal.client.send("PUT", f"/api/v1/attachments/{sha}", b"\xff\xd8 sealed photo bytes")
    assert put.status_code in (200, 201), put.text
    send_batch(terminal, [item])
    data = central.config.data_dir
    found = modes(data)
    for name in (
        "central.sqlite3",
        "central.sqlite3-wal",
        "terminal-secrets.key",
        "security.log",
        "keys/enrollment-codes.key",
        f"attachments/{sha[:2]}/{sha}.enc",
        f"keys/kek/{central.services.core.kek.current_id()}.kek",
        "keys/kek/current",
    ):
        assert found.get(name) == 0o600, (name, found)
    assert found["."] == 0o700 and found["keys"] == 0o700 and found["attachments"] == 0o700
    loose = {name: oct(mode) for name, mode in found.items() if mode & 0o077}
    assert not loose


def as_nobody(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["runuser", "-u", "nobody", "--", *argv], capture_output=True, text=True, timeout=30
    )


@pytest.fixture
def open_base() -> Iterator[Path]:
    """A directory any user may pass through (pytest's own temp root is 0700, which
    alone would hide everything from ``nobody``)."""
    base = Path(tempfile.mkdtemp(prefix="msb-security-"))
    base.chmod(0o711)
    yield base
    shutil.rmtree(base, ignore_errors=True)


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("runuser"), reason="needs root")
def test_another_local_user_cannot_read_the_database(open_base, clock):
    config = CentralConfig.build(
        data_dir=open_base / "data", catalog_path=write_catalog(open_base / "catalog.json")
    )
    server = ThreadedCentral(config, clock).start()
    try:
        terminal = enroll_terminal(server, clock, "0042")
        send_batch(terminal, [terminal.factory.item()])
        terminal.client.close()
        database = config.data_dir / "central.sqlite3"
        targets = [str(database), str(database.with_name("central.sqlite3-wal"))]
        for target in targets:
            grep = as_nobody("grep", "-c", CONTACT["id_number"], target)
            assert grep.returncode == 2 and "Permission denied" in grep.stderr, grep
            cat = as_nobody("cat", target)
            assert cat.returncode != 0 and not cat.stdout
        # The control: with the modes of before, `nobody` reads the database.
        config.data_dir.chmod(0o755)
        database.chmod(0o644)
        assert as_nobody("cat", targets[0]).returncode == 0
    finally:
        server.stop()


def test_doctor_finds_and_fixes_loose_modes(tmp_path):
    data, db = tmp_path / "d", f"sqlite:///{tmp_path / 'd' / 'central.sqlite3'}"
    assert run_cli(data, db, "enroll-code").returncode == 0
    assert run_cli(data, db, "doctor").returncode == 0
    data.chmod(0o755)
    (data / "central.sqlite3").chmod(0o644)
    (data / "keys" / "enrollment-codes.key").chmod(0o640)
    warned = run_cli(data, db, "--log-level", "warning", "terminals")
    assert "central.sqlite3 is 0644, should be 0600" in warned.stderr
    found = run_cli(data, db, "doctor")
    assert found.returncode == 1
    assert found.stdout.count("loose:") == 3 and "doctor --fix" in found.stdout
    assert run_cli(data, db, "doctor", "--fix").returncode == 0
    assert run_cli(data, db, "doctor").returncode == 0
    assert stat.S_IMODE(data.stat().st_mode) == 0o700


def test_codes_are_stored_keyed_and_old_plain_hashes_are_withdrawn(tmp_path, clock):
    config = CentralConfig.build(data_dir=tmp_path / "d")
    core = open_core(config, clock)
    code = issue_code(core.store, clock.now(), hasher=core.code_hasher)
    plain = hashlib.sha256(code.replace("-", "").encode()).hexdigest()
    with core.store.transaction() as session:
        stored = [row.code_hash for row in session.query(EnrollmentCode)]
        assert plain not in stored and stored[0].startswith("h1:") and len(stored[0]) == 64
        # A code issued by the previous version: only its plain SHA-256 is known.
        session.add(EnrollmentCode(code_hash="ab" * 32, created_at=clock.now(),
                                   expires_at=clock.now() + timedelta(hours=20)))  # fmt: skip
    core.store.dispose()

    reopened = open_core(config, clock)
    with reopened.store.transaction() as session:
        old = session.get(EnrollmentCode, "ab" * 32)
        assert old is not None and old.expires_at <= clock.now()
        keyed = session.get(EnrollmentCode, stored[0])
        assert keyed is not None and keyed.expires_at > clock.now()
    reopened.store.dispose()
