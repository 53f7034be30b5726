"""Key-encryption keys (KEKs): they wrap the per-record data keys of central/at_rest.py.

A KEK never enters the database: the database holds only data keys wrapped by it and
the KEK's id. ``KekProvider`` is what the rest of central uses, so a KMS or an HSM
(wrap and unwrap done inside it) can replace ``FileKekProvider``, which keeps each
KEK as 32 random bytes in ``<keys dir>/kek/<id>.kek`` (mode 0600) and names the
current one in ``<keys dir>/kek/current``. A running server notices a new current KEK
(``keys rotate-kek`` in another process) without a restart.
"""

from __future__ import annotations

import os
import re
import secrets
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from central.at_rest import AtRestError

KEK_LEN = 32
KEK_SUFFIX = ".kek"
CURRENT_FILE = "current"
_NONCE_LEN = 12
_ID = re.compile(r"^kek-[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8}$")


class KekProvider(Protocol):
    """Wraps and unwraps data keys; ``context`` is bound to the wrapped key (AAD)."""

    def current_id(self) -> str:
        """The KEK new data keys are wrapped with."""
        ...

    def wrap(self, data_key: bytes, context: bytes) -> tuple[str, bytes]:
        """``(kek_id, wrapped)`` of ``data_key`` under the current KEK."""
        ...

    def unwrap(self, kek_id: str, wrapped: bytes, context: bytes) -> bytes:
        """The data key; AtRestError when the KEK is gone or the wrap was altered."""
        ...


def _wrap_aad(kek_id: str, context: bytes) -> bytes:
    return b"mashangban-central/kek-wrap/v1|" + kek_id.encode() + b"|" + context


class FileKekProvider:
    """KEKs as files of random bytes beside central's other keys."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._lock = threading.Lock()
        self._keys: dict[str, AESGCM] = {}
        self._current: tuple[int, str] | None = None  # (mtime_ns of `current`, id)

    # -- the provider interface -------------------------------------------------
    def current_id(self) -> str:
        pointer = self.directory / CURRENT_FILE
        try:
            stamp = pointer.stat().st_mtime_ns
        except FileNotFoundError:
            return self.rotate(datetime.now(UTC))
        with self._lock:
            if self._current is not None and self._current[0] == stamp:
                return self._current[1]
        kek_id = pointer.read_text(encoding="ascii").strip()
        if not _ID.match(kek_id):
            raise AtRestError(f"{pointer} does not name a key-encryption key")
        with self._lock:
            self._current = (stamp, kek_id)
        return kek_id

    def wrap(self, data_key: bytes, context: bytes) -> tuple[str, bytes]:
        kek_id = self.current_id()
        nonce = secrets.token_bytes(_NONCE_LEN)
        wrapped = self._aead(kek_id).encrypt(nonce, data_key, _wrap_aad(kek_id, context))
        return kek_id, nonce + wrapped

    def unwrap(self, kek_id: str, wrapped: bytes, context: bytes) -> bytes:
        aead = self._aead(kek_id)
        try:
            aad = _wrap_aad(kek_id, context)
            return aead.decrypt(wrapped[:_NONCE_LEN], wrapped[_NONCE_LEN:], aad)
        except InvalidTag:
            raise AtRestError(f"a data key wrapped by {kek_id} does not unwrap") from None

    # -- file keeping (keys rotate-kek, retire-kek) -----------------------------
    def path_for(self, kek_id: str) -> Path:
        if not _ID.match(kek_id):
            raise AtRestError(f"{kek_id!r} is not a key-encryption key id")
        return self.directory / f"{kek_id}{KEK_SUFFIX}"

    def ids(self) -> list[str]:
        """Every KEK on disk, oldest first."""
        if not self.directory.is_dir():
            return []
        found = [p.name[: -len(KEK_SUFFIX)] for p in self.directory.glob(f"kek-*{KEK_SUFFIX}")]
        return sorted(i for i in found if _ID.match(i))

    def rotate(self, now: datetime) -> str:
        """Write a new KEK (0600, fsynced) and make it current; its id."""
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        kek_id = f"kek-{now.astimezone(UTC).strftime('%Y%m%dT%H%M%S')}Z-{secrets.token_hex(4)}"
        _write_private(self.path_for(kek_id), secrets.token_bytes(KEK_LEN), exclusive=True)
        _write_private(self.directory / CURRENT_FILE, f"{kek_id}\n".encode(), exclusive=False)
        with self._lock:
            self._current = None
        return kek_id

    def remove(self, kek_id: str) -> None:
        """Delete a KEK file (the caller checked that nothing refers to it)."""
        if kek_id == self.current_id():
            raise ValueError(f"{kek_id} is the current key-encryption key")
        self.path_for(kek_id).unlink()
        with self._lock:
            self._keys.pop(kek_id, None)

    def _aead(self, kek_id: str) -> AESGCM:
        with self._lock:
            aead = self._keys.get(kek_id)
        if aead is not None:
            return aead
        path = self.path_for(kek_id)
        try:
            key = path.read_bytes()
        except FileNotFoundError:
            raise AtRestError(f"key-encryption key {kek_id} is missing") from None
        if len(key) != KEK_LEN:
            raise AtRestError(f"key-encryption key {kek_id} is not {KEK_LEN} bytes")
        aead = AESGCM(key)
        with self._lock:
            self._keys[kek_id] = aead
        return aead


def _write_private(target: Path, data: bytes, exclusive: bool) -> None:
    """Write ``data`` 0600 through a temporary file; never overwrite when ``exclusive``."""
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if exclusive:
            os.link(temporary, target)
        else:
            os.replace(temporary, target)
        directory = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    finally:
        temporary.unlink(missing_ok=True)
