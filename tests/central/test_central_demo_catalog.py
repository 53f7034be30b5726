"""The demo catalog shipped in resources/ is served by default and validates payloads."""

from __future__ import annotations

import dataclasses

import pytest
from centralkit.batches import outcomes, send_batch
from centralkit.factory import appeal_payload, application_payload
from centralkit.server import ThreadedCentral
from centralkit.terminals import enroll_terminal

from central.config import DEFAULT_CATALOG


@pytest.mark.skipif(not DEFAULT_CATALOG.exists(), reason="demo catalog not written yet")
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_demo_catalog_is_the_default_and_validates(config, clock):
    server = ThreadedCentral(dataclasses.replace(config, catalog_path=DEFAULT_CATALOG), clock)
    server.start()
    try:
        terminal = enroll_terminal(server, clock, "0042")
        catalog = terminal.client.get("/api/v1/catalog").json()
        assert catalog["version"] and catalog["platform_keys"]
        items = [
            terminal.factory.item(payload=appeal_payload("urban.road")),
            terminal.factory.item("application", payload=application_payload(
                catalog["items"][0]["code"])),
            terminal.factory.item(payload=appeal_payload("no.such.category")),
        ]  # fmt: skip
        assert outcomes(send_batch(terminal, items)) == ["accepted", "accepted", "rejected"]
        feed = terminal.client.get("/api/v1/cases/changes").json()["changes"]
        assert all(change["department"] for change in feed)
        terminal.client.close()
    finally:
        server.stop()
