"""Central's files are its own: the data directory 0700, every file in it 0600.

The database and its WAL hold citizens' payloads (encrypted at rest, central/at_rest.py),
the directory holds the keys that open them and everything else; no other local user may read
any of it. Central creates what it writes with these modes (and runs with umask
077); ``loose_paths`` finds what is looser anyway (an old installation, a restore,
a copy), which start-up warns about and ``mashangban-central doctor`` lists and,
with ``--fix``, tightens.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

DIR_MODE = 0o700
FILE_MODE = 0o600
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class LoosePath:
    """A path others may read (or enter, or write)."""

    path: Path
    mode: int
    wanted: int

    def describe(self) -> str:
        return f"{self.path} is {self.mode:04o}, should be {self.wanted:04o}"


def sqlite_path(db_url: str) -> Path | None:
    """The database file of an SQLite URL (None for other databases, or in memory)."""
    url = make_url(db_url)
    if not url.drivername.startswith("sqlite") or not url.database:
        return None
    if url.database == ":memory:":
        return None
    return Path(url.database)


def prepare_private_files(data_dir: Path, db_url: str) -> None:
    """Create the data dir 0700 and an SQLite database file 0600 before SQLite does
    (SQLite gives its WAL and shared-memory files the database file's mode)."""
    if not data_dir.exists():
        data_dir.mkdir(parents=True, mode=DIR_MODE)
        os.chmod(data_dir, DIR_MODE)  # mkdir's mode is cut by the umask
    database = sqlite_path(db_url)
    if database is not None and not database.exists():
        database.parent.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT, FILE_MODE))


def _walk(root: Path, deep: bool) -> Iterator[Path]:
    yield root
    if deep:
        for dirpath, dirnames, filenames in os.walk(root):
            for name in dirnames + filenames:
                yield Path(dirpath) / name
        return
    for child in root.iterdir():  # the top level and one below (keys/, attachments/)
        yield child
        if child.is_dir() and not child.is_symlink():
            yield from child.iterdir()


def loose_paths(data_dir: Path, db_url: str, deep: bool = True) -> list[LoosePath]:
    """Everything of central that others may reach. ``deep=False`` checks the data dir,
    its files and one level below (cheap enough for every admin command)."""
    candidates: list[Path] = list(_walk(data_dir, deep)) if data_dir.exists() else []
    database = sqlite_path(db_url)
    if database is not None:
        candidates += [database.with_name(database.name + s) for s in ("", *SQLITE_SIDE_FILES)]
    found: dict[Path, LoosePath] = {}
    for path in candidates:
        try:
            info = path.lstat()
        except FileNotFoundError:
            continue
        if stat.S_ISLNK(info.st_mode):
            continue  # a link's own mode means nothing; its target is checked if ours
        wanted = DIR_MODE if stat.S_ISDIR(info.st_mode) else FILE_MODE
        mode = stat.S_IMODE(info.st_mode)
        if mode & 0o077:
            found[path] = LoosePath(path, mode, wanted)
    return list(found.values())


def tighten(loose: list[LoosePath]) -> list[LoosePath]:
    """chmod each path to its wanted mode; the ones that could not be changed."""
    failed = []
    for item in loose:
        try:
            os.chmod(item.path, item.wanted)
        except OSError:
            failed.append(item)
    return failed
