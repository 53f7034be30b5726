"""The case-change puller (sync-protocol.md §3): central's status updates flow back.

``GET /cases/changes?after=<cursor>`` pages through this terminal's changes,
oldest first. Each page is applied in ONE writer transaction together with the
new cursor, so a crash never skips a change and never applies one twice in a
way that matters (a status is only replaced by one at least as new).
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass
from functools import partial

from sync.client import SyncClient, parse
from sync.kv import CHANGES_CURSOR, put_kv, read_kv
from sync.protocol.schemas import DEFAULT_CHANGES_LIMIT, CaseChangesResponse
from sync.protocol.times import rfc3339
from terminal.store.startup import OpenStore
from terminal.submissions.lifecycle import set_central_status

log = logging.getLogger(__name__)
MAX_PAGES = 100  # per pull; the rest comes next cycle


@dataclass
class ChangesReport:
    received: int = 0
    applied: int = 0
    cursor: int = 0


def stored_cursor(store: OpenStore) -> int:
    """The cursor after the last applied change (0 before the first pull)."""
    value = read_kv(store, CHANGES_CURSOR)
    return int(value) if value else 0


class CaseChangePuller:
    """Applies central's status changes to the local submissions."""

    def __init__(self, client: SyncClient, store: OpenStore, limit: int = DEFAULT_CHANGES_LIMIT):
        self._client = client
        self._store = store
        self._limit = limit

    def pull(self) -> ChangesReport:
        """Fetch and apply every change after the stored cursor."""
        report = ChangesReport(cursor=stored_cursor(self._store))
        for _ in range(MAX_PAGES):
            response = self._client.request(
                "GET",
                "/cases/changes",
                params={"after": report.cursor, "limit": self._limit},
                headers={"Accept": "application/json"},
            )
            page = parse(response, CaseChangesResponse)
            if page.next_cursor == report.cursor and not page.changes:
                break
            report.received += len(page.changes)
            report.applied += self._store.writer.run(partial(self._apply, page=page))
            report.cursor = page.next_cursor
            if len(page.changes) < self._limit:
                break
        if report.received:
            log.info("case changes: %d received, %d applied", report.received, report.applied)
        return report

    @staticmethod
    def _apply(conn: sqlite3.Connection, page: CaseChangesResponse) -> int:
        applied = 0
        for change in page.changes:
            applied += set_central_status(
                conn,
                receipt_no=change.receipt_no,
                status=change.status,
                status_text_json=json.dumps(change.status_text.model_dump(), ensure_ascii=False),
                updated_at=rfc3339(change.updated_at),
            )
        put_kv(conn, CHANGES_CURSOR, str(page.next_cursor))
        return applied
