"""What a technician must hear about the store: salvage and integrity, in counts.

One summary (`store_health`) for `doctor`, the staff status screen and the
heartbeat: the newest salvage of the last 30 days (rows kept and known lost,
submissions in particular), whether the enrolment was lost with it, and the
submissions held back because their sealed data no longer matches (by receipt
number, for staff follow-up). Counts, states and receipt numbers only: nothing
a citizen typed. `check_salvage` and `check_integrity` are the doctor checks;
terminal.doctor is imported inside them (as terminal/audit/checks.py does).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from terminal.identity import ENROLMENT_LOST_KEY
from terminal.store import integrity
from terminal.store.startup import OpenStore

if TYPE_CHECKING:
    from terminal.doctor import Check
    from terminal.runtime import TerminalCore

SALVAGED = "salvaged"  # the store event kinds written by terminal/store/salvage.py
SALVAGE_FAILED = "salvage_failed"
DAMAGED = "damaged_moved_aside"
WINDOW_DAYS = 30
RECEIPTS_SHOWN = 10


@dataclass(frozen=True)
class StoreHealth:
    """The store's recent trouble, if any."""

    damaged_at: str | None = None  # RFC 3339: the newest damaged store moved aside
    salvaged: int = 0  # rows kept from it, every table
    lost: int = 0  # rows known lost
    submissions_salvaged: int = 0
    submissions_lost: int = 0
    salvage_failed: bool = False
    incomplete: tuple[str, ...] = ()  # tables that could not be read completely
    enrolment_lost: bool = False
    held_back: tuple[tuple[str, str], ...] = field(default=())  # (receipt, problem)

    @property
    def anything(self) -> bool:
        return bool(self.damaged_at or self.enrolment_lost or self.held_back)

    def receipts_text(self) -> str:
        shown = [r for r, _ in self.held_back[:RECEIPTS_SHOWN]]
        more = len(self.held_back) - len(shown)
        return ", ".join(shown) + (f" (+{more})" if more > 0 else "")


def _since(days: int) -> str:
    moment = datetime.now(UTC) - timedelta(days=days)
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def _read(conn: sqlite3.Connection, since: str) -> dict[str, Any]:
    events = conn.execute(
        "SELECT at, kind, detail FROM store_events WHERE kind IN (?, ?, ?) AND at >= ? "
        "ORDER BY id DESC",
        (DAMAGED, SALVAGED, SALVAGE_FAILED, since),
    ).fetchall()
    lost = conn.execute("SELECT 1 FROM kv WHERE key = ?", (ENROLMENT_LOST_KEY,)).fetchone()
    identity = conn.execute("SELECT 1 FROM terminal_identity").fetchone()
    return {"events": events, "enrolment_lost": lost is not None and identity is None}


def store_health(store: OpenStore, days: int = WINDOW_DAYS) -> StoreHealth:
    """The summary, read with plain SQL (cheap enough for every heartbeat)."""
    found = store.read(lambda c: _read(c, _since(days)))
    held = tuple(integrity.held_back(store))
    events = found["events"]
    damaged = next((e for e in events if e[1] == DAMAGED), None)
    salvage = next((e for e in events if e[1] in (SALVAGED, SALVAGE_FAILED)), None)
    counts: dict[str, Any] = {}
    if salvage is not None and salvage[1] == SALVAGED:
        try:
            counts = json.loads(salvage[2])
        except ValueError:
            counts = {}
    tables = counts.get("tables") or {}
    sub = tables.get("submissions") or [0, 0]
    return StoreHealth(
        damaged_at=damaged[0] if damaged else None,
        salvaged=sum(int(v[0]) for v in tables.values()),
        lost=sum(int(v[1]) for v in tables.values()),
        submissions_salvaged=int(sub[0]),
        submissions_lost=int(sub[1]),
        salvage_failed=salvage is not None and salvage[1] == SALVAGE_FAILED,
        incomplete=tuple(counts.get("incomplete") or ()),
        enrolment_lost=bool(found["enrolment_lost"]),
        held_back=held,
    )


def check_salvage(core: TerminalCore) -> Check:
    """warn after a salvage (what was kept and lost); fail when the enrolment was lost."""
    from terminal import doctor

    health = store_health(core.store)
    if health.enrolment_lost:
        return doctor.Check(
            "store salvage",
            "fail",
            "the enrolment was lost with a damaged store; this terminal will not use the "
            "demo central",
            "Enrol again: `mashangban enroll --server URL --code CODE` with a code from central.",
        )
    if health.salvage_failed:
        return doctor.Check(
            "store salvage",
            "fail",
            f"a damaged store (moved aside at {health.damaged_at}) could not be salvaged",
            "Keep damaged/ as it is and send it to the vendor; the log says why.",
        )
    if health.damaged_at is None:
        return doctor.Check("store salvage", "ok", "no damaged store in the last 30 days")
    partly = f"; not fully readable: {', '.join(health.incomplete)}" if health.incomplete else ""
    return doctor.Check(
        "store salvage",
        "warn",
        f"damaged store moved aside at {health.damaged_at}: {health.salvaged} rows salvaged "
        f"({health.submissions_salvaged} submissions), {health.lost} known lost "
        f"({health.submissions_lost} submissions){partly}",
        "Keep damaged/ for the vendor; check the disk and power supply. Citizens whose "
        "submissions were lost have paper receipts: central has no record of them.",
    )


def check_integrity(core: TerminalCore) -> Check:
    """warn when sealed data no longer matches its digest (read only: nothing is marked)."""
    from terminal import doctor

    held = dict(store_health(core.store).held_back)
    for finding in integrity.scan(core.store):  # damage the background check has not seen
        if finding.problem:
            held[finding.receipt_no] = finding.problem
        else:
            held.pop(finding.receipt_no, None)
    if not held:
        return doctor.Check("sealed data", "ok", "every unsent payload and file matches its digest")
    receipts = ", ".join(sorted(held)[:RECEIPTS_SHOWN])
    kinds = ", ".join(sorted(set(held.values())))
    return doctor.Check(
        "sealed data",
        "warn",
        f"{len(held)} submissions held back ({kinds}): {receipts}",
        "They are not sent. Staff: contact the citizens with these receipt numbers; keep "
        "the data directory for the vendor.",
    )
