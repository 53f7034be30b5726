"""An unauthenticated flood beside a real terminal: the flood meets 429s, the
terminal's ``mashangban sync --once`` completes (separate buckets per source and per
terminal, even with ``serve --rate-limit``, whose ceiling is split the same way)."""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from synckit.central_process import CentralProcess
from synckit.cli import run_mashangban
from synckit.terminals import confirm_appeals, enrol_core, sync_config

FLOODERS = 3


HEARTBEAT = "/api/v1/terminals/heartbeat"
BEAT = json.dumps(
    {"app_version": "1.0.0", "queue": {"pending": 0, "rejected": 0}, "devices": {}}
).encode()


class Flood:
    """Threads sending unsigned requests (or ones with ``headers``) as fast as they
    can until stopped."""

    def __init__(self, url: str, headers: dict[str, str] | None = None) -> None:
        self.url = url
        self.headers = headers or {}
        self.statuses: Counter[int] = Counter()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [
            threading.Thread(target=self._run, name=f"flood-{i}", daemon=True)
            for i in range(FLOODERS)
        ]

    def _run(self) -> None:
        with requests.Session() as session:
            while not self._stop.is_set():
                try:
                    status = session.post(
                        self.url + HEARTBEAT, data=BEAT, headers=self.headers, timeout=10
                    ).status_code
                except requests.RequestException:
                    status = -1
                with self._lock:
                    self.statuses[status] += 1

    def __enter__(self) -> Flood:
        for thread in self._threads:
            thread.start()
        return self

    def wait_for(self, status: int, count: int, timeout_s: float = 60) -> None:
        """Until ``count`` answers had ``status`` (429: the flood really is throttled)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            with self._lock:
                if self.statuses[status] >= count:
                    return
            self._stop.wait(0.05)  # polling a live flood, with a deadline
        raise AssertionError(f"not {count} answers {status}: {self.statuses}")

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(30)


@pytest.fixture
def ceilinged_central(tmp_path: Path) -> Iterator[CentralProcess]:
    # The attack: --rate-limit 20 was one bucket that a flood emptied.
    with CentralProcess(tmp_path / "central", "--rate-limit", "20") as server:
        yield server


def test_an_unsigned_flood_does_not_starve_a_syncing_terminal(tmp_path, ceilinged_central):
    data_dir = tmp_path / "kiosk"
    data_dir.mkdir()
    config = sync_config(data_dir, ceilinged_central.url)
    core = enrol_core(config, ceilinged_central)
    try:
        receipts = confirm_appeals(core, 5, seed=13, every_nth_photo=2)
    finally:
        core.close()
    env = {
        "MASHANGBAN_TERMINAL__CODE": config.terminal.code,
        "MASHANGBAN_SYNC__SERVER_URL": ceilinged_central.url,
        "MASHANGBAN_SYNC__ALLOW_HTTP_LOOPBACK": "true",
    }
    with Flood(ceilinged_central.url) as flood:
        flood.wait_for(429, 200)
        once = run_mashangban(data_dir, "sync", "--once", "--now", "--json", env=env)
        refused_during_sync = flood.statuses[429]
    assert once.returncode == 0, once.stdout + once.stderr
    summary = json.loads(once.stdout)
    assert summary["sent_accepted"] == len(receipts) and summary["pending"] == 0
    assert summary["error"] is None
    assert refused_during_sync > 200  # the flood went on, refused, all along
    cases = ceilinged_central.cases(config.terminal.code)
    assert sorted(c["receipt_no"] for c in cases) == sorted(receipts)
    log = (ceilinged_central.data_dir / "security.log").read_text(encoding="utf-8")
    throttled = [json.loads(x) for x in log.splitlines() if '"throttled"' in x]
    assert throttled and all(t["terminal_id"] is None for t in throttled)
    # One line per bucket and source every 10 s, not one per refused request.
    assert len(throttled) < 20


def test_the_default_central_throttles_an_unsigned_flood(central):
    with Flood(central.url) as flood:
        flood.wait_for(429, 50)
    assert flood.statuses[401] >= 50  # a source's burst went through first
    metrics = requests.get(central.url + "/metrics", timeout=30).text  # never throttled
    assert 'central_security_events_total{event="throttled",outcome="refused"}' in metrics


def test_forged_signatures_from_a_terminals_own_address_do_not_starve_it(central, terminal):
    assert terminal.client.send("POST", HEARTBEAT, BEAT).status_code == 200
    forged = dict(terminal.client.headers("POST", HEARTBEAT, BEAT))
    forged["X-Signature"] = "0" * len(forged["X-Signature"])
    with Flood(central.url, headers=forged) as flood:
        flood.wait_for(401, 200)  # far past the failure bucket's burst
        beats = [terminal.client.send("POST", HEARTBEAT, BEAT).status_code for _ in range(20)]
    assert beats == [200] * 20

    stranger = dict(forged, **{"X-Terminal-Id": str(uuid.uuid4())})
    with Flood(central.url, headers=stranger) as flood:
        flood.wait_for(429, 50)  # an id that never signed here is refused unverified
    lines = central.config.security_log_path.read_text(encoding="utf-8").splitlines()
    assert len(lines) < 40, "a flood is summarised: one line per source every 10 s"
    metrics = requests.get(central.url + "/metrics", timeout=30).text
    counted = re.search(
        r'central_security_events_total\{event="bad-signature",outcome="refused"\} (\d+)', metrics
    )
    assert counted and int(counted.group(1)) >= 200  # every one is counted
