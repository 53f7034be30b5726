"""Enrolling from the diagnostics screen while the kiosk runs the demo (same code path:
`sync.enrolment.enroll` inside the running core, the embedded central still up).

Nothing sealed for the platform may go to the demo central, and the next confirm is
sealed to the platform's key under the terminal's own code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mashangban.embedded_central import central_for
from sync.client import SyncClient
from sync.enrolment import enroll
from sync.errors import ENROLLED_RESTART, SyncError
from sync.protocol.receipt_numbers import DEMO_TERMINAL_CODE
from sync.server_clock import ServerClock
from sync.service import SyncService, backoff_settings, transport_settings
from sync.timing import Timing
from terminal.runtime import start_core
from tests.conftest import make_config
from tests.terminal.core.helpers import appeal
from tests.terminal.store_demo.helpers import TERMINAL_CODE, query, real_central


@pytest.mark.slow
def test_enrolment_beside_the_running_demo_stops_demo_sync_and_seals_for_the_platform(
    data_dir: Path, tmp_path: Path
) -> None:
    config = make_config(
        data_dir,
        terminal__code=TERMINAL_CODE,
        sync__start_jitter_s=0,
        sync__allow_http_loopback=True,  # the platform here is http:// on loopback
    )
    core = start_core(config, configure_logging=False)
    try:
        demo_receipt = core.confirm(appeal()).receipt_no
        assert demo_receipt.startswith(f"{DEMO_TERMINAL_CODE}-")
        with real_central(tmp_path / "platform") as platform, central_for(core) as demo_url:
            service = SyncService(core, demo_url)
            try:
                service.run_cycle()  # the demo syncs as before
                timing = Timing()
                client = SyncClient(
                    platform.url,
                    transport_settings(config.sync),
                    credentials=None,
                    clock=ServerClock(timing, core.store),
                    backoff=backoff_settings(config.sync),
                    timing=timing,
                )
                try:
                    enroll(core, client, platform.enrollment_code(), server_url=platform.url)
                finally:
                    client.close()
                real_receipt = core.confirm(appeal()).receipt_no
                with pytest.raises(SyncError) as refused:
                    service.run_cycle()  # the old service must not send it to the demo
                assert refused.value.code == ENROLLED_RESTART
            finally:
                service.close()
            assert platform.receipts_of(TERMINAL_CODE) == []
        assert real_receipt.startswith(f"{TERMINAL_CODE}-")
        [(kid,)] = query(
            data_dir, "SELECT sealed_kid FROM submissions WHERE receipt_no = ?", real_receipt
        )
        assert not kid.startswith("demo-")
        assert query(data_dir, "SELECT count(*) FROM submissions") == [(1,)]  # demo's gone
    finally:
        core.close()
    again = start_core(config, configure_logging=False)  # the next start: the platform
    try:
        assert again.identity is not None and not again.identity.demo
        assert not (data_dir / "demo-central").exists()
    finally:
        again.close()
