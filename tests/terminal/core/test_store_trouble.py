"""Environment failures of the store are told from bugs, on real SQLite errors."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from terminal.runtime import TerminalCore, start_core
from terminal.store.trouble import Trouble, store_trouble
from terminal.submissions.errors import ConfirmError
from terminal.submissions.lifecycle import mark_printed
from tests.conftest import make_config
from tests.small_disk import mounted_tmpfs
from tests.terminal.core.helpers import appeal, fill_the_disk_under


def _raised(fn: object) -> BaseException:
    with pytest.raises(Exception) as caught:
        fn()  # type: ignore[operator]
    return caught.value


def _holder(path: Path) -> sqlite3.Connection:
    """A second, real connection holding the write lock on the store file."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    return conn


def test_a_locked_store_is_busy(core: TerminalCore, tmp_path: Path) -> None:
    holder = _holder(core.paths.store_file)
    try:
        other = sqlite3.connect(core.paths.store_file, isolation_level=None, timeout=0)
        error = _raised(lambda: other.execute("BEGIN IMMEDIATE"))
        other.close()
    finally:
        holder.close()
    assert isinstance(error, sqlite3.OperationalError)
    assert store_trouble(error) is Trouble.BUSY


def test_sqlalchemy_wrapping_a_locked_store_is_busy(core: TerminalCore) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(
        f"sqlite:///{core.paths.store_file}", connect_args={"timeout": 0}, isolation_level=None
    )
    holder = _holder(core.paths.store_file)
    try:
        with engine.connect() as conn:
            error = _raised(lambda: conn.execute(text("BEGIN IMMEDIATE")))
    finally:
        holder.close()
        engine.dispose()
    assert type(error).__module__.startswith("sqlalchemy")
    assert store_trouble(error) is Trouble.BUSY


def test_a_full_disk_under_the_store_is_full(tmp_path: Path) -> None:
    with mounted_tmpfs(tmp_path / "disk", 24) as disk:
        core = start_core(
            make_config(disk / "data", terminal__code="0042", store__min_free_disk_mb=0),
            configure_logging=False,
        )
        try:
            confirmed = core.confirm(appeal("路灯坏了"))
            filler = fill_the_disk_under(core)
            error = _raised(
                lambda: core.store.writer.run(
                    lambda c: mark_printed(c, confirmed.submission_id, now="2026-11-27T03:00:00Z")
                )
            )
            assert store_trouble(error) is Trouble.FULL
            filler.unlink()
        finally:
            core.close()


def test_a_read_only_store_is_unavailable(core: TerminalCore) -> None:
    conn = sqlite3.connect(f"file:{core.paths.store_file}?mode=ro", uri=True)
    try:
        error = _raised(lambda: conn.execute("DELETE FROM store_events"))
    finally:
        conn.close()
    assert store_trouble(error) is Trouble.UNAVAILABLE


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        (errno.ENOSPC, Trouble.FULL),
        (errno.EDQUOT, Trouble.FULL),
        (errno.EIO, Trouble.UNAVAILABLE),
        (errno.EACCES, Trouble.UNAVAILABLE),
        (errno.EROFS, Trouble.UNAVAILABLE),
    ],
)
def test_os_errors_of_the_disk(number: int, kind: Trouble) -> None:
    assert store_trouble(OSError(number, "disk")) is kind


def test_words_without_a_code_still_count() -> None:
    assert store_trouble(sqlite3.OperationalError("database is locked")) is Trouble.BUSY
    assert store_trouble(sqlite3.OperationalError("database or disk is full")) is Trouble.FULL


def test_bugs_are_not_trouble(core: TerminalCore) -> None:
    def twice(conn: sqlite3.Connection) -> None:
        for _ in range(2):  # the second breaks the primary key
            conn.execute("INSERT INTO receipt_sequences(day, last) VALUES ('261127', 1)")

    duplicate = _raised(lambda: core.store.writer.run(twice))
    assert isinstance(duplicate, sqlite3.IntegrityError)
    no_table = _raised(lambda: core.store.read(lambda c: c.execute("SELECT * FROM nowhere")))
    for error in (
        duplicate,
        no_table,
        ValueError("x"),
        KeyError("k"),
        FileNotFoundError(errno.ENOENT, "gone"),
        ConnectionRefusedError(errno.ECONNREFUSED, "refused"),
        sqlite3.ProgrammingError("Cannot operate on a closed database."),
    ):
        assert store_trouble(error) is None, error


def test_the_cause_of_an_error_is_looked_at() -> None:
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as exc:
            raise ConfirmError("disk_full", "OSError") from exc
    except ConfirmError as wrapped:
        assert store_trouble(wrapped) is Trouble.FULL
    looped = RuntimeError("a")
    looped.__context__ = RuntimeError("b")
    looped.__context__.__context__ = looped
    assert store_trouble(looped) is None
