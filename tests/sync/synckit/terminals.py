"""Terminals for sync tests: a core enrolled with a real central, and its submissions."""

from __future__ import annotations

import functools
import itertools
import json
import random
from pathlib import Path
from typing import Any
from unittest import mock

from sqlalchemy import select

from sync.client import SyncClient
from sync.enrolment import enroll
from sync.server_clock import ServerClock
from sync.service import SyncService, backoff_settings, transport_settings
from sync.timing import Timing
from terminal.catalog import demo_catalog_path, load_catalog
from terminal.config import Config, load_config
from terminal.loadgen import Choices, synthetic_appeal
from terminal.runtime import TerminalCore, start_core
from terminal.store.models import Submission
from terminal.submissions.draft import Draft

from .central_process import CentralProcess

_CODES = itertools.count(1001)


def sync_config(data_dir: Path, server_url: str, **overrides: Any) -> Config:
    """Isolated configuration (no file, no environment) for a terminal that syncs with
    ``server_url``, with fast retries and no start jitter."""
    values: dict[str, Any] = {
        "store.data_dir": str(data_dir),
        # Receipt numbers start with the terminal code; central refuses a receipt number
        # another terminal already used, so every test terminal gets its own code.
        "terminal.code": f"{next(_CODES):04d}",
        "sync.server_url": server_url,
        "sync.allow_http_loopback": True,  # test centrals are plain http:// on loopback
        "sync.start_jitter_s": 0,
        "sync.backoff_base_s": 0.1,
        "sync.backoff_cap_s": 1,
        **{key.replace("__", "."): value for key, value in overrides.items()},
    }
    return load_config(None, env={}, overrides=values)


def enrol_core(config: Config, central: CentralProcess) -> TerminalCore:
    """Enrol with a fresh code, then restart the core as a kiosk would (keys → confirmer)."""
    core = start_core(config, configure_logging=False)
    try:
        timing = Timing()
        client = SyncClient(
            central.url,
            transport_settings(config.sync),
            credentials=None,
            clock=ServerClock(timing, core.store),
            backoff=backoff_settings(config.sync),
            timing=timing,
        )
        enroll(core, client, central.enrollment_code(), server_url=central.url)
        client.close()
    finally:
        core.close()
    return start_core(config, configure_logging=False)


def service_for(core: TerminalCore, central: CentralProcess, **kwargs: Any) -> SyncService:
    return SyncService(core, central.url, **kwargs)


@functools.cache
def _choices() -> Choices:
    """Codes of the demo catalog that central serves and checks."""
    return Choices.from_catalog(load_catalog(demo_catalog_path()))


def catalog_appeals(rng: random.Random, photos: int = 0) -> Draft:
    """The next loadgen appeal, drawn from the demo catalog's categories and regions."""
    return synthetic_appeal(rng, _choices(), photos)


def confirm_appeals(
    core: TerminalCore, count: int, *, seed: int = 7, every_nth_photo: int = 0
) -> list[str]:
    """Create ``count`` appeals through the real confirm path; their receipt numbers."""
    rng = random.Random(seed)
    receipts = []
    for i in range(count):
        photos = 1 if every_nth_photo and i % every_nth_photo == 0 else 0
        receipts.append(core.confirm(catalog_appeals(rng, photos)).receipt_no)
    return receipts


def appeal_with(
    core: TerminalCore, *, category: str | None = None, description: str | None = None
) -> str:
    """One appeal with a chosen category or description (for poisoned submissions).

    Confirm refuses what central would (payload_checks.py); these rows stand for
    what a terminal without those checks stored, so the checks are stepped over here.
    """
    draft = catalog_appeals(random.Random(99))
    payload = dict(draft.payload)
    if category is not None:
        payload["category"] = category
    if description is not None:
        payload["description"] = description
    poisoned = Draft(
        kind=draft.kind,
        code=category or draft.code,
        payload=payload,
        catalog_version=draft.catalog_version,
        subject_label=draft.subject_label,
        masked_contact=draft.masked_contact,
    )

    def unchecked(kind: str, code: str, payload: Any, codes: Any) -> bytes:
        return json.dumps(payload, ensure_ascii=False).encode("utf-8")

    with mock.patch("terminal.submissions.confirm.check_payload", unchecked):
        return core.confirm(poisoned).receipt_no


def rows(core: TerminalCore) -> dict[str, Any]:
    """Every submission by receipt number: state, case id, errors, central status."""
    with core.store.reader.connect() as conn:
        found = conn.execute(
            select(
                Submission.receipt_no,
                Submission.id,
                Submission.outbox_state,
                Submission.case_id,
                Submission.outbox_error_code,
                Submission.central_status,
            )
        ).all()
    return {r.receipt_no: r for r in found}
