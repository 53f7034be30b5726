"""The staff puller: ``GET /staff`` with If-None-Match, provisioned into the directory.

Central sends every staff account it holds for this terminal, disabled ones
included (docs/sync.md, Staff accounts). An unchanged list costs a ``304``; a
changed one is handed whole to ``StaffDirectory.provision`` (actor ``system``,
audited as ``staff_provision``) as the complete list, so central accounts it no
longer names are disabled here too. The ETag and a digest of the applied body
are stored in the same transaction as the accounts, so a crash never leaves
accounts applied but unremembered (or the reverse).

A list the terminal refuses (a malformed answer, or a record the directory
refuses, e.g. a hash weaker than scrypt n=2**14) changes no account; its digest
and ETag are remembered with the reason, so the same bad list is neither
applied nor audited again at every cycle, and the report keeps saying why.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from dataclasses import dataclass
from typing import Any, Final

from sync.client import SyncClient, parse
from sync.errors import BadResponse
from sync.kv import put_kv, read_kv, write_kv
from sync.protocol.staff_list import STAFF_PATH, StaffListResponse
from sync.protocol.staff_rules import StaffRuleError
from terminal.audit import actions
from terminal.staff.directory import StaffDirectory
from terminal.store.startup import OpenStore

log = logging.getLogger(__name__)
STAFF_ETAG: Final = "sync.staff_etag"
STAFF_DIGEST: Final = "sync.staff_digest"  # sha256 of the body last applied
STAFF_REJECTED: Final = "sync.staff_rejected"  # {"digest", "etag", "reason"} of a refused list


@dataclass
class StaffReport:
    """What one pull did. ``rejected`` is the reason code while central's current list
    is refused; ``error`` the sync error code when the request itself failed."""

    changed: bool = False
    applied: int = 0
    disabled: int = 0
    rejected: str | None = None
    error: str | None = None


class StaffPuller:
    """Keeps the terminal's central-provisioned staff accounts in step with central."""

    def __init__(self, client: SyncClient, store: OpenStore, directory: StaffDirectory) -> None:
        self._client = client
        self._store = store
        self._directory = directory

    def _rejected(self) -> dict[str, Any]:
        raw = read_kv(self._store, STAFF_REJECTED)
        try:
            value = json.loads(raw) if raw else {}
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def pull(self) -> StaffReport:
        """Fetch the list unless central says ours is current; apply it when it changed."""
        applied_etag = read_kv(self._store, STAFF_ETAG)
        rejected = self._rejected()
        known = [tag for tag in (applied_etag, rejected.get("etag")) if tag]
        headers = {"Accept": "application/json"}
        if known:
            headers["If-None-Match"] = ", ".join(known)
        response = self._client.request("GET", STAFF_PATH, headers=headers, expect=(200, 304))
        etag = response.headers.get("ETag")
        if response.status_code == 304:
            if rejected and etag is not None and etag == rejected.get("etag"):
                return StaffReport(rejected=str(rejected.get("reason")))
            if rejected:  # central went back to the list applied here
                write_kv(self._store, STAFF_REJECTED, "")
            return StaffReport()
        digest = hashlib.sha256(response.content).hexdigest()
        if digest == read_kv(self._store, STAFF_DIGEST):  # same list under another ETag
            self._remember(etag, digest)
            return StaffReport()
        if rejected and digest == rejected.get("digest"):
            return StaffReport(rejected=str(rejected.get("reason")))
        try:
            listing = parse(response, StaffListResponse)
        except BadResponse as exc:
            log.error("staff list from central not applied: %s", exc)
            self._directory.audit.record(
                actions.SYSTEM, actions.STAFF_PROVISION, "refused", {"reason": "bad_response"}
            )
            return self._refuse(etag, digest, "bad_response")
        records = [record.model_dump() for record in listing.accounts]
        listed = {r["staff_id"] for r in records}
        stale = [
            a.staff_id
            for a in self._directory.list()
            if a.source == "central" and a.enabled and a.staff_id not in listed
        ]
        if not records and not stale:  # nothing to provision: no audit record for nothing
            self._remember(etag, digest)
            return StaffReport(changed=True)
        try:
            count = self._directory.provision(
                records,
                actor=actions.SYSTEM,
                complete=True,
                then=lambda conn: self._remember_in(conn, etag, digest),
            )
        except StaffRuleError as exc:
            log.error("staff list from central refused (%s); accounts unchanged", exc.reason)
            return self._refuse(etag, digest, exc.reason)
        return StaffReport(changed=True, applied=count, disabled=len(stale))

    def _remember_in(self, conn: sqlite3.Connection, etag: str | None, digest: str) -> None:
        put_kv(conn, STAFF_ETAG, etag or "")
        put_kv(conn, STAFF_DIGEST, digest)
        put_kv(conn, STAFF_REJECTED, "")

    def _remember(self, etag: str | None, digest: str) -> None:
        self._store.writer.run(lambda conn: self._remember_in(conn, etag, digest))

    def _refuse(self, etag: str | None, digest: str, reason: str) -> StaffReport:
        record = {"digest": digest, "etag": etag, "reason": reason}
        write_kv(self._store, STAFF_REJECTED, json.dumps(record, sort_keys=True))
        return StaffReport(rejected=reason)
