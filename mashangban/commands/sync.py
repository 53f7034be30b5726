"""`mashangban sync [--once] [--now] [--json]`: sync with central from the command line.

``--once`` runs one cycle (drain the outbox, pull case changes, the catalog and
the staff accounts, heartbeat) and prints counts; exit 0 only when nothing is left pending,
1 when something is (central unreachable or refusing), 2 when sync cannot run
(unusable server URL, not enrolled, embedded central failed). Without
``--once`` the worker runs in the foreground until interrupted. The random
start delay (sync.start_jitter_s) applies unless ``--now`` is given.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from typing import Any

from mashangban.embedded_central import EmbeddedCentralError, central_for
from sync.errors import InsecureServerUrl, NotEnrolled, SyncError
from sync.service import CycleReport, SyncService
from sync.worker import SyncWorker
from terminal.config import Config
from terminal.runtime import TerminalCore, start_core
from terminal.submissions.queue import queue_stats


def add_parser(sub: Any) -> None:
    p = sub.add_parser("sync", help="send queued submissions and pull updates now")
    p.add_argument("--once", action="store_true", help="one cycle, then exit with a status")
    p.add_argument("--now", action="store_true", help="skip the random start delay")
    p.add_argument("--json", action="store_true", help="machine-readable output (--once)")


def execute(config: Config, args: argparse.Namespace) -> int:
    core = start_core(config, owner="mashangban sync")
    try:
        with central_for(core) as url:
            service = SyncService(core, url)
            try:
                return _once(core, service, args) if args.once else _forever(service, args)
            finally:
                service.close()
    except InsecureServerUrl as exc:
        print(f"mashangban sync: {exc.detail}", file=sys.stderr)
        return 2
    except EmbeddedCentralError as exc:
        print(f"mashangban sync: {exc}", file=sys.stderr)
        return 2
    finally:
        core.close()


def _once(core: TerminalCore, service: SyncService, args: argparse.Namespace) -> int:
    error = ""
    report: CycleReport | None = None
    if service.probe():
        if not args.now:
            service.timing.sleep(service.backoff.start_delay(service.timing))
        try:
            report = service.run_cycle()
        except NotEnrolled:
            print("mashangban sync: this terminal is not enrolled", file=sys.stderr)
            return 2
        except SyncError as exc:
            error = exc.code
    else:
        error = service.probe_error or "offline"
    stats = queue_stats(core.store)
    left = stats.by_state["pending"] + stats.by_state["uploading"]
    doc = _summary(report, stats.by_state, error)
    if args.json:
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        for key, value in doc.items():
            print(f"{key:22} {value if value is not None else '-'}")
    return 0 if left == 0 else 1


def _summary(report: CycleReport | None, by_state: dict[str, int], error: str) -> dict[str, Any]:
    doc: dict[str, Any] = {"error": error or None}
    if report is not None:
        out = report.drain.outcomes
        doc.update(
            sent_accepted=out.accepted,
            sent_duplicate=out.duplicate,
            sent_rejected=out.rejected,
            missing_attachments=out.missing_attachments,
            attachments_uploaded=report.drain.attachments_uploaded,
            batches=report.drain.batches,
            case_changes=report.changes.received,
            catalog_changed=report.catalog.changed,
            staff_changed=report.staff.changed,
            staff_applied=report.staff.applied,
            staff_problem=report.staff.rejected or report.staff.error,
        )
    doc.update(
        pending=by_state["pending"] + by_state["uploading"],
        synced=by_state["synced"],
        rejected=by_state["rejected"],
    )
    return doc


def _forever(service: SyncService, args: argparse.Namespace) -> int:
    worker = SyncWorker(service)
    done = threading.Event()
    worker.add_listener(
        lambda s: print(
            f"online={s.online} syncing={s.syncing} queue={s.queue_depth} "
            f"last_sync={s.last_sync_at or '-'} error={s.error or '-'}",
            flush=True,
        )
    )
    previous = signal.signal(signal.SIGTERM, lambda *_: done.set())
    if args.now:
        worker.kick()
    worker.start()
    try:
        done.wait()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        worker.stop()
    return 0
