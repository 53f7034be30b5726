"""Health checks for technicians: a plain verdict and what to do, per check.

Verdicts: ok, warn (look at it), fail (the terminal cannot serve citizens
properly). `mashangban doctor` exits 0 / 1 / 2 for the worst verdict.
Never shows personal data: only counts, sizes, paths and states.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from sync.protocol.times import rfc3339
from terminal.runtime import TerminalCore
from terminal.store import migrate
from terminal.store.access import StoreUnavailable
from terminal.store.engine import REQUIRED_PRAGMAS, read_pragmas
from terminal.store.health import check_integrity, check_salvage
from terminal.store.models import StoreEvent
from terminal.store.startup import quick_check
from terminal.submissions.queue import queue_stats

VERDICT_RANK = {"ok": 0, "warn": 1, "fail": 2}


@dataclass(frozen=True)
class Check:
    name: str
    verdict: str  # ok | warn | fail
    summary: str
    advice: str = ""

    def as_json(self) -> dict[str, str]:
        return {
            "name": self.name,
            "verdict": self.verdict,
            "summary": self.summary,
            "advice": self.advice,
        }


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def check_configuration(core: TerminalCore) -> Check:
    source = str(core.config.source_path) if core.config.source_path else "built-in defaults"
    if core.config.warnings:
        return Check(
            "configuration",
            "warn",
            f"{source}: " + "; ".join(core.config.warnings),
            "Fix or remove the keys named above (see docs/configuration.md).",
        )
    return Check("configuration", "ok", f"loaded from {source}")


def check_disk(core: TerminalCore) -> Check:
    free = shutil.disk_usage(core.paths.root).free
    floor = core.config.store.min_free_disk_mb * 1024 * 1024
    summary = f"{_mb(free)} free at {core.paths.root} (minimum {_mb(floor)})"
    if free < floor:
        return Check(
            "disk", "fail", summary, "Free disk space: remove old files or enlarge the disk."
        )
    if free < 2 * floor:
        return Check("disk", "warn", summary, "Disk space is getting low; plan a clean-up.")
    return Check("disk", "ok", summary)


def check_store_integrity(core: TerminalCore) -> Check:
    """quick_check, read-only: a damaged store is reported here and moved aside only by
    the process that owns the data directory (the kiosk, at its next start)."""
    try:
        verdict = quick_check(core.paths.store_file, read_only=True)
    except StoreUnavailable as exc:
        return Check("store integrity", "fail", f"cannot be checked: {exc.what}", exc.advice)
    if verdict != "ok":
        return Check(
            "store integrity",
            "fail",
            f"quick_check: {verdict}",
            "Restart the terminal (systemctl restart mashangban): it moves the damaged "
            "store aside, keeping every byte, and reports it.",
        )
    return Check("store integrity", "ok", "quick_check ok")


def check_store_settings(core: TerminalCore) -> Check:
    with core.store.reader.connect() as conn:
        actual = read_pragmas(conn.connection.dbapi_connection)  # type: ignore[arg-type]
        revision = migrate.current_revision(core.store.reader)
    wrong = {k: v for k, v in actual.items() if str(v).lower() != str(REQUIRED_PRAGMAS[k]).lower()}
    head = migrate.head_revision()
    if wrong or revision != head:
        return Check(
            "store settings",
            "fail",
            f"pragmas off: {wrong}; schema {revision} (head {head})",
            "Restart the terminal so start-up applies settings and migrations.",
        )
    return Check(
        "store settings", "ok", f"WAL, synchronous=FULL, foreign keys, secure_delete; schema {head}"
    )


def check_store_events(core: TerminalCore) -> Check:
    since = rfc3339(datetime.now(UTC) - timedelta(days=30))
    with core.store.reader.connect() as conn:
        damaged = conn.execute(
            select(StoreEvent.at, StoreEvent.detail)
            .where(StoreEvent.kind == "damaged_moved_aside", StoreEvent.at >= since)
            .order_by(StoreEvent.at.desc())
        ).all()
    if damaged:
        at, detail = damaged[0]
        return Check(
            "store history",
            "warn",
            f"a damaged store was moved aside at {at}: {detail}",
            "Keep the moved file for the vendor; check the disk and power supply.",
        )
    return Check("store history", "ok", "no damaged store in the last 30 days")


def check_store_size(core: TerminalCore) -> Check:
    files = [core.paths.store_file, core.paths.store_file.with_name("store.sqlite3-wal")]
    size = sum(p.stat().st_size for p in files if p.exists())
    attachments = sum(p.stat().st_size for p in core.paths.attachments_dir.glob("*.sealed"))
    backups = sorted(core.paths.backups_dir.glob("store-*.sqlite3"))
    note = f"; {len(backups)} backups, newest {backups[-1].name}" if backups else "; no backups yet"
    return Check(
        "store size", "ok", f"database {_mb(size)}, sealed attachments {_mb(attachments)}{note}"
    )


ENROL_ADVICE = "Run `mashangban enroll --server URL --code CODE` with a code from central."


def check_enrolment(core: TerminalCore) -> Check:
    """Enrolled for real (ok), the demo (warn: nothing is forwarded), or not at all /
    enrolment lost from the store (fail; the demo never stands in, terminal/demo.py)."""
    from terminal.demo import read_mark

    mark = read_mark(core.paths)
    identity = core.identity
    if identity is None and any(n.startswith("local key unreadable") for n in core.notes):
        return Check(
            "enrolment",
            "fail",
            "the enrolment cannot be read: the terminal's local key is not available here "
            "(see key protection)",
            "Follow the key protection check's advice.",
        )
    if mark is not None and (identity is None or identity.demo):
        where = f" with {mark.server_url}" if mark.server_url else ""
        code = f" as terminal {mark.terminal_code}" if mark.terminal_code else ""
        return Check(
            "enrolment",
            "fail",
            f"enrolled{where}{code} once, but the store holds no enrolment; "
            "the demo is not used, so nothing can be submitted",
            ENROL_ADVICE,
        )
    if identity is None:
        return Check(
            "enrolment",
            "fail",
            f"not enrolled with {core.config.sync.server_url}",
            ENROL_ADVICE,
        )
    if identity.demo:
        return Check(
            "enrolment",
            "warn",
            f"demo mode: terminal {identity.terminal_code} uses the embedded demo central on "
            "loopback; submissions are not forwarded to any department",
            ENROL_ADVICE,
        )
    return Check(
        "enrolment",
        "ok",
        f"terminal {identity.terminal_code} enrolled with {identity.server_url}",
    )


def check_keys(core: TerminalCore) -> Check:
    if core.confirmer is None:
        return Check(
            "platform key",
            "fail",
            "no platform key: submissions cannot be sealed",
            "Enrol the terminal; the platform key arrives with enrolment.",
        )
    return Check("platform key", "ok", f"sealing to {core.confirmer._sealer.key.kid}")


def check_queue(core: TerminalCore) -> Check:
    stats = queue_stats(core.store)
    summary = (
        ", ".join(f"{k} {v}" for k, v in stats.by_state.items()) + f", unprinted {stats.unprinted}"
    )
    if stats.by_state.get("rejected"):
        return Check(
            "queue", "warn", summary, "Staff: open the outbox view and read central's reasons."
        )
    if stats.oldest_pending_age_s and stats.oldest_pending_age_s > 86400:
        return Check(
            "queue",
            "warn",
            summary + f"; oldest pending {stats.oldest_pending_age_s / 3600:.0f} h",
            "Check the network and `mashangban sync --once`.",
        )
    return Check("queue", "ok", summary)


CHECKS: list[Callable[[TerminalCore], Check]] = [
    check_configuration,
    check_disk,
    check_store_integrity,
    check_store_settings,
    check_store_events,
    check_salvage,
    check_integrity,
    check_store_size,
    check_enrolment,
    check_keys,
    check_queue,
]


def run_checks(
    core: TerminalCore, extra: list[Callable[[TerminalCore], Check]] | None = None
) -> list[Check]:
    results = []
    for check in [*CHECKS, *(extra or [])]:
        try:
            results.append(check(core))
        except Exception as exc:  # a check that crashes is itself a finding
            results.append(
                Check(check.__name__.removeprefix("check_"), "fail", f"check failed: {exc!r}")
            )
    return results


def overall(checks: list[Check]) -> str:
    return max((c.verdict for c in checks), key=VERDICT_RANK.__getitem__, default="ok")


def check_catalog(core: TerminalCore) -> Check:
    """Which catalog the screens use: installed from central, or the bundled demo."""
    from terminal.catalog import CatalogError, CatalogStore

    store = CatalogStore(core.paths.catalog_dir)
    try:
        catalog = store.load()
    except CatalogError as exc:
        return Check(
            "catalog", "fail", f"no usable catalog: {exc}", "Reinstall the build; then sync."
        )
    source = getattr(store.source, "value", str(store.source))
    summary = (
        f"version {catalog.version} ({source}): "
        f"{len(catalog.themes)} themes, {len(catalog.items)} items"
    )
    refused = store.refusal()
    if refused is not None:  # the screens keep the catalog above; central's is not used
        return Check(
            "catalog",
            "warn",
            f"central's catalog was refused at {refused.get('at')}: {refused.get('reason')} "
            f"({refused.get('problems')} problems); in use: {summary}",
            "Tell the platform's catalog team; the terminal keeps the catalog in use "
            "until central sends one that passes the checks.",
        )
    return Check("catalog", "ok", summary)


CHECKS.append(check_catalog)
