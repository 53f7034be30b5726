"""Sync never logs the terminal secret or anything a citizen typed, even at DEBUG."""

from __future__ import annotations

import base64
import logging
import random

import pytest
from synckit.central_process import CentralProcess
from synckit.terminals import catalog_appeals, enrol_core, service_for, sync_config


def test_nothing_secret_or_personal_reaches_the_log(
    data_dir, central: CentralProcess, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.DEBUG)
    core = enrol_core(sync_config(data_dir, central.url), central)
    try:
        rng = random.Random(91)
        drafts = [catalog_appeals(rng, photos=1) for _ in range(3)]
        for draft in drafts:
            core.confirm(draft)
        service = service_for(core, central)
        service.run_cycle()
        service.close()
        secret = core.identity.secret  # type: ignore[union-attr]
    finally:
        core.close()
    text = caplog.text
    assert "POST /submissions/batch" in text  # the log did record the traffic
    assert base64.b64encode(secret).decode() not in text and secret.hex() not in text
    for draft in drafts:
        contact = draft.payload["contact"]
        for value in (contact["name"], contact["phone"], contact["id_number"]):
            assert value not in text
        assert draft.payload["description"] not in text
