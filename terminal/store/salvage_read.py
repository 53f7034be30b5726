"""Reading what is still readable in a damaged store file.

Never on the damaged file itself: the file (and its -wal) is first copied into a
scratch directory, so the copy in damaged/ stays byte-identical whatever SQLite
does while reading (replaying a WAL, writing a -shm). Three passes:

1. the file: a truncated file gets its length back as zero pages; a file whose
   100-byte header is not SQLite's gets a rebuilt one (the page size found by
   trying each size SQLite allows); a file whose schema is lost gets a new page 1
   naming the tables found by their pages (salvage_schema.py);
2. the plain read, per table: one SELECT; if it fails, a walk by rowid that skips
   the damaged part of the b-tree (doubling jumps), then reads the skipped rowid
   range by halves, so a damaged page loses only its own rows;
3. where the `sqlite3` command line is installed, its `.recover` into a second
   scratch file; rows it finds that the plain read did not are added.

Rowids the table's indexes still name, but whose rows no pass could read, are
counted as lost.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from terminal.store.salvage_schema import Columns, rebuild_schema

log = logging.getLogger(__name__)

MAGIC = b"SQLite format 3\x00"
PAGE_SIZES = (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512)
MAX_FAILED_QUERIES = 50_000  # per table: a wrecked root page must not take hours
MAX_JUMP = 1 << 40
RECOVER_TIMEOUT_S = 300


@dataclass
class TableRead:
    """The rows of one table that could be read, by rowid, and what is known lost."""

    columns: list[str]
    rows: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    failed: bool = False  # some part of the table could not be read
    unreadable: bool = False  # nothing of the table could be read
    indexed: set[int] = field(default_factory=set)  # rowids the indexes name

    @property
    def lost(self) -> int:
        """Rows the indexes name that no pass could read (a lower bound)."""
        return len(self.indexed - self.rows.keys())


@dataclass
class DamagedRead:
    """Everything read from one damaged store file."""

    tables: dict[str, TableRead] = field(default_factory=dict)
    # attachment rowid → its submission id, from the index (survives lost table pages)
    attachment_owners: dict[int, str] = field(default_factory=dict)
    header_rebuilt: bool = False
    padded: bool = False  # a truncated file was given its length back (zero pages)
    schema_rebuilt: bool = False  # the tables were found by their pages (salvage_schema.py)
    recover_used: bool = False
    recover_note: str = ""

    def table(self, name: str) -> TableRead | None:
        return self.tables.get(name)


def _header(page_size: int, wal: bool) -> bytes:
    """A 100-byte SQLite header from which SQLite computes the rest (size from the file)."""
    h = bytearray(100)
    h[0:16] = MAGIC
    h[16:18] = (1 if page_size == 65536 else page_size).to_bytes(2, "big")
    h[18] = h[19] = 2 if wal else 1
    h[21], h[22], h[23] = 64, 32, 32
    h[24:28] = (1).to_bytes(4, "big")  # change counter ≠ version-valid-for: size from file
    h[40:44] = (1).to_bytes(4, "big")  # schema cookie
    h[44:48] = (4).to_bytes(4, "big")  # schema format
    h[56:60] = (1).to_bytes(4, "big")  # UTF-8
    h[96:100] = (3040001).to_bytes(4, "big")  # "written by" SQLite 3.40.1
    return bytes(h)


def _schema_readable(path: Path) -> bool:
    try:
        conn = sqlite3.connect(path)
        try:
            conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return True


def _repair_header(path: Path) -> bool:
    """Give a file with a foreign header SQLite's own; True when it was rebuilt."""
    with path.open("rb") as fh:
        head = fh.read(100)
    if head[:16] == MAGIC:
        return False
    wal = Path(str(path) + "-wal").exists()
    size = path.stat().st_size
    original = head
    for page_size in PAGE_SIZES:
        if size % page_size:
            continue
        with path.open("r+b") as fh:
            fh.write(_header(page_size, wal))
        if _schema_readable(path):
            return True
    with path.open("r+b") as fh:  # nothing worked: leave it as it was for .recover
        fh.write(original)
    return False


def _pad_truncated(path: Path) -> bool:
    """Give a truncated file back the length its header states, as zero pages: SQLite
    refuses the whole schema when a table's root page lies past the end of the file,
    while zero pages only fail the rows that lived on them. True when it was padded."""
    with path.open("rb") as fh:
        head = fh.read(100)
    if len(head) < 100 or head[:16] != MAGIC:
        return False
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    size = path.stat().st_size
    want = max(pages * page_size, -(-size // page_size) * page_size if page_size else size)
    if page_size not in PAGE_SIZES or want <= size:
        return False
    os.truncate(path, want)
    return True


@contextmanager
def scratch_copy(damaged: Path) -> Iterator[Path]:
    """A throw-away copy of the damaged file and its -wal, beside the damaged directory."""
    with TemporaryDirectory(prefix=".salvage-", dir=damaged.parent) as tmp:
        copy = Path(tmp) / "store.sqlite3"
        shutil.copyfile(damaged, copy)
        wal = Path(str(damaged) + "-wal")
        if wal.exists():
            shutil.copyfile(wal, Path(str(copy) + "-wal"))
        yield copy


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [str(r[1]) for r in conn.execute(f'PRAGMA table_info("{table}")')]


def _indexed_rowids(conn: sqlite3.Connection, table: str) -> set[int]:
    """Rowids named by any readable index of the table (as far as each index reads)."""
    found: set[int] = set()
    try:
        names = [str(r[1]) for r in conn.execute(f'PRAGMA index_list("{table}")')]
    except sqlite3.DatabaseError:
        return found
    for name in names:
        try:
            cur = conn.execute(f'SELECT rowid FROM "{table}" INDEXED BY "{name}"')
            for (rowid,) in cur:
                found.add(int(rowid))
        except sqlite3.DatabaseError:
            continue  # keep what this index gave before it failed
    return found


class _Walker:
    """Reads a table by rowid around damaged pages, within a query budget."""

    def __init__(self, conn: sqlite3.Connection, table: str, columns: list[str]) -> None:
        cols = ", ".join(f'"{c}"' for c in columns)
        self._conn = conn
        self._scan = f'SELECT rowid, {cols} FROM "{table}" WHERE rowid > ? ORDER BY rowid'
        self._next = f'SELECT rowid FROM "{table}" WHERE rowid > ? ORDER BY rowid LIMIT 1'
        self._range = f'SELECT rowid, {cols} FROM "{table}" WHERE rowid BETWEEN ? AND ?'
        # One rowid by equality: a range scan steps past its end, into a damaged page.
        self._one = f'SELECT rowid, {cols} FROM "{table}" WHERE rowid = ?'
        self.failures = 0
        self.rows: dict[int, tuple[Any, ...]] = {}

    def _fail(self) -> bool:
        self.failures += 1
        return self.failures < MAX_FAILED_QUERIES

    def walk(self) -> None:
        pos = -(1 << 63)
        while True:
            try:
                for row in self._conn.execute(self._scan, (pos,)):
                    self.rows[int(row[0])] = tuple(row[1:])
                    pos = int(row[0])
                return  # reached the end of the table
            except sqlite3.DatabaseError:
                if not self._fail():
                    return
            jump = 1
            while jump <= MAX_JUMP:  # where does readable b-tree start again?
                try:
                    self._conn.execute(self._next, (pos + jump,)).fetchone()
                    break
                except sqlite3.DatabaseError:
                    if not self._fail():
                        return
                    jump *= 2
            else:
                return
            self._halves(pos + 1, pos + jump)
            pos += jump

    def _halves(self, lo: int, hi: int) -> None:
        try:
            if lo == hi:
                found = self._conn.execute(self._one, (lo,)).fetchall()
            else:
                found = self._conn.execute(self._range, (lo, hi)).fetchall()
        except sqlite3.DatabaseError:
            if lo >= hi or not self._fail():
                return
            mid = (lo + hi) // 2
            self._halves(lo, mid)
            self._halves(mid + 1, hi)
            return
        for row in found:
            self.rows[int(row[0])] = tuple(row[1:])


def read_table(conn: sqlite3.Connection, table: str) -> TableRead:
    """Every readable row of ``table`` (by rowid), around damaged pages."""
    try:
        columns = _columns(conn, table)
    except sqlite3.DatabaseError:
        return TableRead([], failed=True, unreadable=True)
    if not columns:  # no such table (or its schema entry is gone)
        return TableRead([], failed=True, unreadable=True)
    result = TableRead(columns, indexed=_indexed_rowids(conn, table))
    cols = ", ".join(f'"{c}"' for c in columns)
    try:
        rows = conn.execute(f'SELECT rowid, {cols} FROM "{table}"').fetchall()
        result.rows = {int(r[0]): tuple(r[1:]) for r in rows}
        return result
    except sqlite3.DatabaseError:
        result.failed = True
    walker = _Walker(conn, table, columns)
    walker.walk()
    result.rows = walker.rows
    result.unreadable = not walker.rows
    return result


def _tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return [str(r[0]) for r in rows]


def _plain_pass(copy: Path, wanted: list[str]) -> dict[str, TableRead]:
    out: dict[str, TableRead] = {}
    try:
        conn = sqlite3.connect(copy)
    except sqlite3.DatabaseError:
        return out
    try:
        try:
            present = set(_tables(conn))
        except sqlite3.DatabaseError:
            present = set(wanted)  # the schema list is damaged: try every table by name
        for table in wanted:
            if table in present:
                out[table] = read_table(conn, table)
    finally:
        conn.close()
    return out


def _recover_pass(copy: Path, wanted: list[str]) -> tuple[dict[str, TableRead], str]:
    """`.recover` with the sqlite3 command line, when it is installed."""
    cli = shutil.which("sqlite3")
    if cli is None:
        return {}, "sqlite3 command line not installed"
    target = copy.with_name("recovered.sqlite3")
    try:
        dump = subprocess.run(
            [cli, str(copy), ".recover"],
            capture_output=True,
            timeout=RECOVER_TIMEOUT_S,
            check=False,
        )
        load = subprocess.run(
            [cli, str(target)],
            input=dump.stdout,
            capture_output=True,
            timeout=RECOVER_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return {}, f".recover failed: {type(exc).__name__}"
    if not target.exists() or load.returncode not in (0, 1):
        return {}, f".recover gave nothing (exit {dump.returncode}/{load.returncode})"
    return _plain_pass(target, wanted), ".recover used"


def _rebuild_schema(copy: Path, columns: Mapping[str, Columns]) -> dict[str, list[str]]:
    with copy.open("rb") as fh:
        head = fh.read(100)
    page_size = int.from_bytes(head[16:18], "big") if head[:16] == MAGIC else 4096
    page_size = 65536 if page_size == 1 else page_size
    if page_size not in PAGE_SIZES:
        page_size = 4096
    for suffix in ("-wal", "-shm"):  # the new page 1 must not be replaced from a WAL
        Path(str(copy) + suffix).unlink(missing_ok=True)
    return rebuild_schema(copy, _header(page_size, wal=False), page_size, columns)


def _merge_parts(tables: dict[str, TableRead], parts: dict[str, list[str]]) -> None:
    """Tables found under several roots (an interior page lost): one table again."""
    for name, entries in parts.items():
        for extra in entries[1:]:
            part = tables.pop(extra, None)
            if part is not None:
                _merge(tables, name, part)


def read_damaged(
    damaged: Path,
    wanted: list[str],
    *,
    use_recover: bool = True,
    columns: Mapping[str, Columns] | None = None,
) -> DamagedRead:
    """Read the ``wanted`` tables of a damaged store file (never touching the file).

    ``columns`` (the store's own schema) lets a file whose schema is lost be read."""
    result = DamagedRead()
    with scratch_copy(damaged) as copy:
        try:
            result.padded = _pad_truncated(copy)
            result.header_rebuilt = _repair_header(copy)
        except OSError as exc:
            log.warning("salvage: header not checked: %s", exc)
        if columns and not _schema_readable(copy):
            parts = _rebuild_schema(copy, columns)
            result.schema_rebuilt = bool(parts)
            wanted = [*wanted, *(e for entries in parts.values() for e in entries[1:])]
            result.tables = _plain_pass(copy, wanted)
            _merge_parts(result.tables, parts)
            for name in wanted:  # not found by its pages: empty, or lost
                result.tables.setdefault(name, TableRead([], failed=True, unreadable=True))
        else:
            result.tables = _plain_pass(copy, wanted)
        result.attachment_owners = _attachment_owners(copy)
        incomplete = [t for t in wanted if t not in result.tables or result.tables[t].failed]
        if use_recover and incomplete:
            recovered, result.recover_note = _recover_pass(copy, incomplete)
            for name, extra in recovered.items():
                _merge(result.tables, name, extra)
            result.recover_used = bool(recovered)
    return result


def _attachment_owners(copy: Path) -> dict[int, str]:
    """Which submission each attachment row belongs to, read from the covering index
    alone, so a submission whose attachment rows were lost can be held back."""
    owners: dict[int, str] = {}
    try:
        conn = sqlite3.connect(copy)
    except sqlite3.DatabaseError:
        return owners
    try:
        cur = conn.execute(
            "SELECT rowid, submission_id FROM attachments INDEXED BY ix_attachments_submission"
        )
        for rowid, owner in cur:
            owners[int(rowid)] = str(owner)
    except sqlite3.DatabaseError:
        pass  # keep what was read before the index failed
    finally:
        conn.close()
    return owners


def _merge(tables: dict[str, TableRead], name: str, extra: TableRead) -> None:
    """Add the rows .recover found that the plain pass did not (mapped by column name)."""
    mine = tables.get(name)
    if mine is None or not mine.columns:
        tables[name] = TableRead(extra.columns, dict(extra.rows), True, not extra.rows)
        return
    index = {c: i for i, c in enumerate(extra.columns)}
    if not all(c in index for c in mine.columns):
        return  # recovered under another shape: not trusted
    for rowid, row in extra.rows.items():
        if rowid not in mine.rows:
            mine.rows[rowid] = tuple(row[index[c]] for c in mine.columns)
    mine.unreadable = not mine.rows
