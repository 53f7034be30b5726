"""A terminal enrolled with a real central, ~50 submissions with photos, and damage done
to its store file from outside, as a failing disk or a cut power supply would."""

from __future__ import annotations

import json
import os
import random
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from synckit.central_process import CentralProcess
from synckit.cli import run_mashangban
from synckit.terminals import confirm_appeals, enrol_core, sync_config

from terminal.audit import actions
from terminal.audit.trail import AuditTrail
from terminal.config import Config

PAGE = 4096


@dataclass
class Terminal:
    """What the terminal held before the damage, by submission id."""

    data_dir: Path
    config: Config
    terminal_id: str
    terminal_code: str
    receipts: dict[str, str]  # submission id → receipt number
    rowids: dict[str, int]  # submission id → rowid in the store
    photos: dict[str, list[str]]  # submission id → sealed file names

    @property
    def store(self) -> Path:
        return self.data_dir / "store.sqlite3"


def build_terminal(central: CentralProcess, data_dir: Path, count: int = 50) -> Terminal:
    """Enrol with ``enroll --server`` only (no server in the configuration), confirm
    ``count`` appeals (every 5th with a photo), close the store cleanly."""
    config = sync_config(data_dir, central.url)
    core = enrol_core(config, central)
    try:
        confirm_appeals(core, count, every_nth_photo=5)
        trail = AuditTrail.for_core(core)  # a trail to keep: two staff actions
        trail.record(actions.TECHNICIAN_CLI, actions.FORCE_SYNC)
        trail.record(actions.TECHNICIAN_CLI, actions.EXPORT, "ok", {"count": 3})
        identity = core.identity
        assert identity is not None and not identity.demo
    finally:
        core.close()
    conn = sqlite3.connect(data_dir / "store.sqlite3")
    try:
        rows = conn.execute("SELECT id, rowid, receipt_no FROM submissions").fetchall()
        files = conn.execute("SELECT submission_id, sha256 FROM attachments").fetchall()
    finally:
        conn.close()
    photos: dict[str, list[str]] = {}
    for sid, sha in files:
        photos.setdefault(sid, []).append(sha)
    # The subprocesses get no sync.server_url: the enrolment alone says where central is.
    bare = sync_config(data_dir, "", terminal__code=config.terminal.code)
    return Terminal(
        data_dir,
        bare,
        identity.terminal_id,
        identity.terminal_code,
        {r[0]: r[2] for r in rows},
        {r[0]: r[1] for r in rows},
        photos,
    )


def sync_once(terminal: Terminal) -> tuple[int, dict[str, Any], str]:
    """``mashangban sync --once --now --json`` as its own process; (exit code, its JSON
    summary, its log)."""
    done = run_mashangban(
        terminal.data_dir,
        "sync",
        "--once",
        "--now",
        "--json",
        env={
            "MASHANGBAN_TERMINAL__CODE": terminal.config.terminal.code,
            "MASHANGBAN_SYNC__ALLOW_HTTP_LOOPBACK": "true",  # the test central: http://
        },
        timeout=180,
    )
    try:
        summary = json.loads(done.stdout)
    except ValueError:
        summary = {"unparsed": done.stdout}
    return done.returncode, summary, done.stderr


def table_pages(store: Path, table: str) -> list[int]:
    """The leaf pages of a table (SQLite's dbstat), in page order."""
    conn = sqlite3.connect(store)
    try:
        found = conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
            (table,),
        ).fetchall()
    finally:
        conn.close()
    return [int(r[0]) for r in found]


def ids_in(data: bytes, ids: list[str], pages: list[int]) -> set[str]:
    """Which submission ids are written in these pages (a row's id is in its cell)."""
    chunks = [data[(p - 1) * PAGE : p * PAGE] for p in pages]
    return {i for i in ids if any(i.encode() in chunk for chunk in chunks)}


def overwrite_pages(terminal: Terminal, seed: int = 12) -> set[str]:
    """Four random leaf pages in the middle of the submissions table get random bytes;
    returns the ids of the submissions that lived on them."""
    rng = random.Random(seed)
    pages = table_pages(terminal.store, "submissions")
    assert len(pages) >= 8, pages
    hit = rng.sample(pages[1:-1], 4)
    data = bytearray(terminal.store.read_bytes())
    lost = ids_in(bytes(data), list(terminal.receipts), hit)
    for p in hit:
        data[(p - 1) * PAGE : p * PAGE] = rng.randbytes(PAGE)
    terminal.store.write_bytes(bytes(data))
    return lost


def truncate(terminal: Terminal, keep_pages: int) -> set[str]:
    """Cut the file 100 bytes into page ``keep_pages + 1`` (power lost while it grew:
    that page keeps its header, not its cells, which SQLite writes from the end);
    returns the ids of the submissions whose rows were past the cut."""
    data = terminal.store.read_bytes()
    cut = keep_pages * PAGE + 100
    pages = table_pages(terminal.store, "submissions")
    gone = [p for p in pages if p > keep_pages]
    lost = ids_in(data, list(terminal.receipts), gone)
    os.truncate(terminal.store, cut)
    return lost


def garbage_header(terminal: Terminal) -> set[str]:
    """100 random bytes over SQLite's header; nothing else is touched."""
    data = bytearray(terminal.store.read_bytes())
    data[:100] = random.Random(5).randbytes(100)
    terminal.store.write_bytes(bytes(data))
    return set()


def central_submissions(central: CentralProcess, terminal_id: str) -> dict[str, list[str]]:
    """What central holds from the terminal: receipt number → attachment digests."""
    conn = sqlite3.connect(f"file:{central.data_dir / 'central.sqlite3'}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT s.receipt_no, a.sha256 FROM submissions s "
            "LEFT JOIN submission_attachments a ON a.submission_id = s.submission_id "
            "WHERE s.terminal_id = ?",
            (terminal_id,),
        ).fetchall()
    finally:
        conn.close()
    held: dict[str, list[str]] = {}
    for receipt, sha in rows:
        held.setdefault(receipt, [])
        if sha:
            held[receipt].append(sha)
    return held


def central_has_file(central: CentralProcess, sha256: str) -> bool:
    """Central holds the attachment (encrypted at rest: central/attachment_files.py)."""
    return (central.data_dir / "attachments" / sha256[:2] / f"{sha256}.enc").is_file()
