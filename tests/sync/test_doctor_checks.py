"""Doctor's sync checks against a real central: reachable, unreachable, clock offset;
and the catalog check."""

from __future__ import annotations

from pathlib import Path

from synckit.central_process import CentralProcess
from synckit.terminals import enrol_core, sync_config

from sync.doctor_checks import check_central, check_clock
from sync.kv import CLOCK_OFFSET, LAST_SYNC_AT, write_kv
from terminal.catalog import demo_catalog_path
from terminal.doctor import check_catalog
from terminal.runtime import TerminalCore


def test_central_reachable_then_gone_and_the_clock(data_dir: Path, tmp_path: Path) -> None:
    with CentralProcess(tmp_path / "central") as central:
        core = enrol_core(sync_config(data_dir, central.url), central)
        try:
            up = check_central(core)
            assert up.verdict == "ok" and central.url in up.summary
            central.stop()
            down = check_central(core)
            assert down.verdict == "fail" and "not reachable" in down.summary and down.advice
            assert check_clock(core).summary.startswith("not measured yet")
            write_kv(core.store, CLOCK_OFFSET, "-305.0")
            write_kv(core.store, LAST_SYNC_AT, "2026-11-27T01:00:00Z")
            off = check_clock(core)
            # kv holds central minus terminal: -305 means the terminal is 305 s ahead
            assert (
                off.verdict == "warn" and "+305.0 s (ahead" in off.summary and "NTP" in off.advice
            )
            write_kv(core.store, CLOCK_OFFSET, "1.5")
            assert check_clock(core).verdict == "ok"
        finally:
            core.close()


def test_the_embedded_demo_central_is_not_probed(core: TerminalCore) -> None:
    result = check_central(core)
    assert result.verdict == "ok" and "embedded" in result.summary


def test_catalog_check_names_version_and_source(core: TerminalCore) -> None:
    from terminal.catalog import CatalogStore

    bundled = check_catalog(core)
    assert (
        bundled.verdict == "ok" and "bundled" in bundled.summary and "16 themes" in bundled.summary
    )
    CatalogStore(core.paths.catalog_dir).install(demo_catalog_path().read_bytes(), etag='"e1"')
    assert "installed" in check_catalog(core).summary
