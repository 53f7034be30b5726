"""One owner per data directory, from outside: real kiosks and commands on one folder."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

from tests.terminal.store_safety.helpers import (
    cli,
    log_text,
    receipts_in_store,
    spawn,
    stderr_of,
    stop,
    wait_until,
)


def test_a_second_kiosk_is_refused_and_the_first_runs_on(data_dir: Path) -> None:
    first = spawn(data_dir, "run", "--windowed")
    try:
        wait_until(lambda: "sync attached" in log_text(data_dir), "the first kiosk to be up")
        lock = json.loads((data_dir / "owner.lock").read_text(encoding="utf-8"))
        assert lock["pid"] == first.pid and lock["command"] == "mashangban run"

        second = cli(data_dir, "run", "--windowed")
        assert second.returncode == 2
        assert f"pid {first.pid} (mashangban run)" in second.stderr
        assert "Traceback" not in second.stderr and "Traceback" not in second.stdout
        assert log_text(data_dir).count("window shown") == 1  # the second never started

        # a technician's writing commands are refused while the kiosk runs, saying why
        for args, stdin in (
            (("sync", "--once", "--now"), None),
            (("staff", "add", "--id", "S9", "--name", "Tech", "--pin-stdin"), "13572468\n"),
            (("loadgen", "--count", "1"), None),
        ):
            refused = cli(data_dir, *args, stdin=stdin)
            assert refused.returncode == 2, (args, refused.stderr)
            assert "refused" in refused.stderr and "staff screens" in refused.stderr
            assert "systemctl stop mashangban" in refused.stderr
            assert "Traceback" not in refused.stderr
        assert receipts_in_store(data_dir) == {}  # loadgen confirmed nothing

        # reading commands work beside it
        assert cli(data_dir, "queue", "--json").returncode == 0
        assert cli(data_dir, "audit", "verify").returncode == 0
        assert cli(data_dir, "staff", "list").returncode == 0

        assert first.poll() is None, "the first kiosk stopped"
        assert json.loads((data_dir / "owner.lock").read_text())["pid"] == first.pid
    finally:
        code = stop(first)
    assert code == 0, stderr_of(first)[-2000:]
    assert "Traceback" not in log_text(data_dir)


def test_a_killed_owner_never_blocks_the_next_one(data_dir: Path) -> None:
    holder = spawn(data_dir, "loadgen", "--count", "100000")
    assert holder.stdout is not None
    first = holder.stdout.readline().strip()
    assert first, stderr_of(holder)
    busy = cli(data_dir, "loadgen", "--count", "1")
    assert busy.returncode == 2 and f"pid {holder.pid} (mashangban loadgen)" in busy.stderr
    assert "wait for it to finish" in busy.stderr
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=60)
    printed = [first, *holder.stdout.read().split()]
    holder.stdout.close()

    after = cli(data_dir, "loadgen", "--count", "1")  # at once: the kernel dropped the lock
    assert after.returncode == 0, after.stderr
    stored = receipts_in_store(data_dir)
    assert set(printed) <= set(stored) and after.stdout.strip() in stored
    assert json.loads((data_dir / "owner.lock").read_text())["pid"] != holder.pid
