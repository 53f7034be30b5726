"""The smaller items of issue 12, each from outside with real processes and files."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from terminal.catalog import CatalogError, CatalogStore
from tests.terminal.store_demo.helpers import (
    TERMINAL_CODE,
    doctor,
    no_traceback,
    query,
    real_central,
    receipts,
    run,
    set_kv,
)
from tests.terminal.store_safety.helpers import log_text, spawn, stderr_of, stop, wait_until

OFFSET_KEY = "sync.clock_offset_s"


@pytest.mark.parametrize("where", ["/proc/nope", "/etc/passwd", "/etc/passwd/inside"])
@pytest.mark.parametrize(
    "args",
    [("doctor",), ("queue",), ("loadgen", "--count", "1"), ("sync", "--once"), ("run",)],
    ids=lambda a: a[0],
)
def test_a_data_dir_that_cannot_be_one_is_one_line_and_exit_2(
    where: str, args: tuple[str, ...], data_dir: Path
) -> None:
    done = run(data_dir, "--data-dir", where, *args)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert no_traceback(done)
    if (where, args[0]) != ("/proc/nope", "doctor"):  # doctor reports it as its checks
        assert where in done.stderr and "What to do" in done.stderr


@pytest.mark.parametrize(
    "content, says",
    [
        ("[1, 2]", "a JSON list"),
        ('"appeal"', "a JSON string"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"kind": "appeal", "payload": ' + "[" * 100_000 + "]" * 100_000 + "}", "too deeply"),
        ('{"kind": "appeal", "payload": ' + "[" * 40 + "]" * 40 + "}", "too deeply"),
        ("{nope", "not JSON"),
    ],
    ids=["list", "string", "deep-list", "deep-payload", "deep-enough", "not-json"],
)
def test_loadgen_from_a_file_that_is_no_template(
    content: str, says: str, data_dir: Path, tmp_path: Path
) -> None:
    template = tmp_path / "template.json"
    template.write_text(content, encoding="utf-8")
    done = run(data_dir, "loadgen", "--count", "1", "--from", str(template))
    assert done.returncode == 2 and no_traceback(done)
    assert says in done.stderr and str(template) in done.stderr
    assert not (data_dir / "store.sqlite3").exists()  # refused before anything started


def test_a_central_folder_in_the_working_directory_cannot_replace_the_demo_central(
    data_dir: Path, tmp_path: Path
) -> None:
    here = tmp_path / "somewhere"
    (here / "central").mkdir(parents=True)
    for name in ("__init__.py", "__main__.py"):
        (here / "central" / name).write_text("raise SystemExit('shadowed central')\n")
    assert run(data_dir, "loadgen", "--count", "1").returncode == 0
    done = run(data_dir, "sync", "--once", "--now", cwd=here)
    assert done.returncode == 0, done.stderr  # sent: the real central answered
    central_log = (data_dir / "demo-central" / "central.log").read_text(encoding="utf-8")
    assert "shadowed" not in central_log and "shadowed" not in done.stderr
    assert query(data_dir, "SELECT outbox_state FROM submissions") == [("synced",)]


def test_doctor_gives_the_clock_offset_with_its_sign(data_dir: Path) -> None:
    assert run(data_dir, "loadgen", "--count", "0").returncode == 0
    set_kv(data_dir, OFFSET_KEY, "-305.0")  # central minus terminal: terminal is ahead
    _, checks = doctor(data_dir)
    assert checks["clock"]["verdict"] == "warn"
    assert "+305.0 s (ahead of central's)" in checks["clock"]["summary"]
    set_kv(data_dir, OFFSET_KEY, "305.0")
    _, checks = doctor(data_dir)
    assert "-305.0 s (behind central's)" in checks["clock"]["summary"]


def local_day(moment: datetime) -> str:
    return moment.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%y%m%d")


def test_receipts_carry_the_date_the_known_clock_offset_gives(data_dir: Path) -> None:
    assert run(data_dir, "loadgen", "--count", "0").returncode == 0
    ahead = timedelta(days=10)
    set_kv(data_dir, OFFSET_KEY, f"{ahead.total_seconds():.3f}")  # this clock is 10 days slow
    before = datetime.now(UTC)
    [number] = receipts(run(data_dir, "loadgen", "--count", "1"))
    after = datetime.now(UTC)
    assert number[5:11] in {local_day(before + ahead), local_day(after + ahead)}
    [(created,)] = query(data_dir, "SELECT created_at FROM submissions")
    created_at = datetime.fromisoformat(created.replace("Z", "+00:00"))
    assert (
        before + ahead - timedelta(seconds=5) <= created_at <= after + ahead + timedelta(seconds=5)
    )


@pytest.mark.slow
def test_central_refuses_a_receipt_dated_2000(data_dir: Path, tmp_path: Path) -> None:
    with real_central(tmp_path / "platform") as central:
        code = central.enrollment_code()
        assert run(data_dir, "enroll", "--server", central.url, "--code", code).returncode == 0
        # A terminal whose clock reads 2000-01-01: the stored offset is what it believes.
        back = datetime(2000, 1, 1, 4, tzinfo=UTC) - datetime.now(UTC)
        set_kv(data_dir, OFFSET_KEY, f"{back.total_seconds():.3f}")
        [number] = receipts(run(data_dir, "loadgen", "--count", "1"))
        assert number.startswith(f"{TERMINAL_CODE}-000101-")
        sent = run(data_dir, "sync", "--once", "--now")
        assert no_traceback(sent)
        [(state, error)] = query(
            data_dir, "SELECT outbox_state, outbox_error_code FROM submissions"
        )
        # Refused by the receipt's date (bound to the terminal's enrolment) or by its
        # created_at far from central's clock: both checks stand; the binding runs first.
        assert state == "rejected" and error in ("receipt-date-implausible", "implausible-date")
        assert central.receipts_of(TERMINAL_CODE) == []


def test_doctor_says_when_centrals_catalog_was_refused(data_dir: Path) -> None:
    assert run(data_dir, "loadgen", "--count", "0").returncode == 0
    _, checks = doctor(data_dir)
    assert checks["catalog"]["verdict"] == "ok" and "bundled" in checks["catalog"]["summary"]
    with pytest.raises(CatalogError):  # what the catalog puller does with central's bytes
        CatalogStore(data_dir / "catalog").install(json.dumps({"version": "x"}).encode())
    _, checks = doctor(data_dir)
    catalog = checks["catalog"]
    assert catalog["verdict"] == "warn" and "refused" in catalog["summary"]
    assert "bundled" in catalog["summary"] and catalog["advice"]


@pytest.mark.slow
def test_a_kiosk_whose_sync_could_not_start_tries_again_and_syncs(data_dir: Path) -> None:
    assert run(data_dir, "loadgen", "--count", "1").returncode == 0
    blocker = data_dir / "demo-central" / "central.log"
    blocker.mkdir(parents=True)  # the embedded central cannot write its log: start fails
    kiosk = spawn(data_dir, "run", "--windowed")
    try:
        wait_until(lambda: "sync did not start (try 2" in log_text(data_dir), "a second try")
        assert "sync attached" not in log_text(data_dir)
        blocker.rmdir()  # space is back, the folder is fixed: the next try starts sync
        wait_until(lambda: "sync attached" in log_text(data_dir), "sync to start on a retry")
        assert "sync started after" in log_text(data_dir)
        wait_until(
            lambda: query(data_dir, "SELECT outbox_state FROM submissions") == [("synced",)],
            "the queued submission to be sent",
        )
    finally:
        code = stop(kiosk)
    assert code == 0, stderr_of(kiosk)
    assert "Traceback" not in stderr_of(kiosk)
