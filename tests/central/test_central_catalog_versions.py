"""Central judges a submission by the catalog version it names: an appeal filed offline
under 2026.11.3 is accepted after the catalog drops its category, even across a
restart; a version central never served falls back to the current catalog."""

from __future__ import annotations

import copy
import os
from pathlib import Path

from centralkit.batches import send_batch
from centralkit.catalog import SMALL_CATALOG, write_catalog
from centralkit.factory import appeal_payload
from centralkit.server import ThreadedCentral

CATALOG = "/api/v1/catalog"


def _without_noise(version: str) -> dict:
    changed = copy.deepcopy(SMALL_CATALOG)
    changed["version"] = version
    [urban] = changed["appeal_categories"]
    urban["children"] = [c for c in urban["children"] if c["code"] != "urban.noise"]
    return changed


def _replace_catalog(path: Path, document: dict) -> None:
    write_catalog(path, document)
    stat = path.stat()  # a new mtime even on a coarse clock: central reloads on change
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def _results(response) -> list[tuple[str, str | None]]:
    assert response.status_code == 200, response.text
    return [
        (r["outcome"], (r.get("error") or {}).get("detail")) for r in response.json()["results"]
    ]


def test_an_offline_appeal_under_the_old_catalog_is_accepted_after_the_drop(
    central, terminal, config, clock
):
    assert terminal.client.get(CATALOG).json()["version"] == "2026.11.3"
    offline = terminal.factory.item("appeal", appeal_payload("urban.noise"))  # names 2026.11.3
    _replace_catalog(central.config.catalog_path, _without_noise("2026.12.1"))
    assert terminal.client.get(CATALOG).json()["version"] == "2026.12.1"

    new = terminal.factory.item("appeal", appeal_payload("urban.noise"))
    new["catalog_version"] = "2026.12.1"  # filed under the new catalog: not offered there
    unknown = terminal.factory.item("appeal", appeal_payload("urban.noise"))
    unknown["catalog_version"] = "1999.1.1"  # never served: judged by the current one
    results = _results(send_batch(terminal, [offline, new, unknown]))
    assert results[0] == ("accepted", None)
    assert results[1] == ("rejected", "category is not in the catalog")
    assert results[2] == ("rejected", "category is not in the catalog")

    central.stop()  # the archive outlives the process
    restarted = ThreadedCentral(config, clock).start()
    try:
        again = terminal.factory.item("appeal", appeal_payload("urban.noise"))
        terminal.client.base_url = restarted.url
        assert _results(send_batch(terminal, [again])) == [("accepted", None)]
    finally:
        restarted.stop()
    assert len(list(config.catalog_versions_dir.glob("*.json"))) == 2
