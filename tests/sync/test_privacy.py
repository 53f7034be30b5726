"""Sync never logs the terminal secret or anything a citizen typed, even at DEBUG."""

from __future__ import annotations

import base64
import logging
import random

import pytest
from synckit.central_process import CentralProcess
from synckit.terminals import catalog_appeals, enrol_core, service_for, sync_config

from sync.timestamps import fixed_width_utc, parse_rfc3339


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


def test_stored_times_sort_as_times() -> None:
    same_second = [parse_rfc3339("2026-11-27T02:11:09Z"), parse_rfc3339("2026-11-27T02:11:09.5Z")]
    assert "2026-11-27T02:11:09.5Z" < "2026-11-27T02:11:09Z"  # why fixed width matters
    stamped = [fixed_width_utc(t) for t in same_second]
    assert stamped == sorted(stamped) and stamped[0] == "2026-11-27T02:11:09.000000Z"
