"""Platform key pairs: the files under ``<data_dir>/keys/`` and the ring central opens with.

The file format is defined in ``sync.protocol.key_files`` (shared with the terminal's
embedded default, which may write the first demo key before central ever runs).
Private keys are never logged; only kids and file names are.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from pydantic import ValidationError

from sync.protocol.key_files import KEY_FILE_MODE, KEY_FILE_SUFFIX, PlatformKeyFile, key_file_name
from sync.protocol.schemas import PlatformKey
from sync.protocol.sealing_names import (
    ALG_OF_SUITE,
    SEAL_ALG_SM2_SM4GCM,
    SUITE_OF_ALG,
    SUITE_STANDARD,
    SUPPORTED_SEAL_ALGS,
    mac_of_alg,
)
from sync.protocol.sm2_libcrypto import Sm2Error, Sm2PrivateKey
from sync.protocol.times import rfc3339

log = logging.getLogger(__name__)
_RAW = serialization.Encoding.Raw


@dataclass(frozen=True)
class PlatformKeyPair:
    """One loaded key: its kid, algorithm (its suite), private half and base64 public half."""

    kid: str
    alg: str
    private_key: X25519PrivateKey | Sm2PrivateKey
    public_key_b64: str
    created_at: datetime
    demo: bool

    def published(self) -> PlatformKey:
        """The public description terminals receive, with the suite it stands for."""
        return PlatformKey(
            kid=self.kid,
            alg=self.alg,
            public_key=self.public_key_b64,
            suite=SUITE_OF_ALG[self.alg],
            mac=mac_of_alg(self.alg),
        )


def _public_b64(private_key: X25519PrivateKey) -> str:
    raw = private_key.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def _private_key(document: PlatformKeyFile, name: str) -> X25519PrivateKey | Sm2PrivateKey:
    """The private half, checked to match the public half the file holds."""
    raw = base64.b64decode(document.private_key)
    if document.alg == SEAL_ALG_SM2_SM4GCM:
        try:  # libcrypto checks the pair (EVP_PKEY_pairwise_check)
            return Sm2PrivateKey(raw, base64.b64decode(document.public_key))
        except Sm2Error as exc:
            raise ValueError(f"key file {name}: {exc}") from exc
    private_key = X25519PrivateKey.from_private_bytes(raw)
    if _public_b64(private_key) != document.public_key:
        raise ValueError(f"key file {name}: public key does not match private key")
    return private_key


def load_key_file(path: Path) -> PlatformKeyPair:
    """Read and check one key file; ValueError when it is not a usable key."""
    try:
        document = PlatformKeyFile.model_validate_json(path.read_bytes())
    except (OSError, ValidationError) as exc:
        raise ValueError(f"unreadable key file {path.name}") from exc
    if document.alg not in SUPPORTED_SEAL_ALGS:
        raise ValueError(f"key file {path.name}: unsupported alg")
    if path.name != key_file_name(document.kid):
        raise ValueError(f"key file {path.name} holds another kid")
    private_key = _private_key(document, path.name)
    if path.stat().st_mode & 0o077:
        log.warning("key file %s is readable by others; it should be mode 0600", path.name)
    return PlatformKeyPair(
        document.kid,
        document.alg,
        private_key,
        document.public_key,
        document.created_at,
        document.demo,
    )


def _new_pair(alg: str) -> tuple[bytes, bytes]:
    """Raw (private, public) halves of a new key of ``alg``."""
    if alg == SEAL_ALG_SM2_SM4GCM:
        return Sm2PrivateKey.generate()  # Sm2Error where libcrypto has no SM2
    private_key = X25519PrivateKey.generate()
    raw_private = private_key.private_bytes(
        _RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return raw_private, base64.b64decode(_public_b64(private_key))


def write_key_file(
    keys_dir: Path, kid: str, created_at: datetime, demo: bool, suite: str = SUITE_STANDARD
) -> Path:
    """Generate a pair of the ``suite``'s alg and write it as a new key file (never
    overwrites). ValueError for an unknown suite; Sm2Error when SM2 is unavailable."""
    if suite not in ALG_OF_SUITE:
        raise ValueError(f"unknown suite {suite!r} (one of {', '.join(sorted(ALG_OF_SUITE))})")
    alg = ALG_OF_SUITE[suite]
    keys_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    raw_private, raw_public = _new_pair(alg)
    document = {
        "kid": kid,
        "alg": alg,
        "private_key": base64.b64encode(raw_private).decode(),
        "public_key": base64.b64encode(raw_public).decode(),
        "created_at": rfc3339(created_at),
        "demo": demo,
    }
    PlatformKeyFile.model_validate(document)
    target = keys_dir / key_file_name(kid)
    temporary = keys_dir / f".{kid}.{os.getpid()}.tmp"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, KEY_FILE_MODE)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=2)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.link(temporary, target)  # fails if the kid exists: never overwrite a key
    finally:
        temporary.unlink(missing_ok=True)
    return target


def next_kid(existing: set[str], year: int) -> str:
    """``k{year}a``, ``k{year}b``, … the first one not in ``existing``."""
    index = 0
    while True:
        suffix, n = "", index
        while True:
            suffix = chr(ord("a") + n % 26) + suffix
            n = n // 26 - 1
            if n < 0:
                break
        candidate = f"k{year}{suffix}"
        if candidate not in existing:
            return candidate
        index += 1


class KeyRing:
    """The platform keys in a directory, reloaded when the directory changes."""

    def __init__(self, keys_dir: Path) -> None:
        self.keys_dir = keys_dir
        self._lock = threading.Lock()
        self._listing: tuple[tuple[str, int], ...] | None = None
        self._keys: dict[str, PlatformKeyPair] = {}

    def _scan(self) -> tuple[tuple[str, int], ...]:
        if not self.keys_dir.is_dir():
            return ()
        entries = []
        for path in self.keys_dir.iterdir():
            if path.name.endswith(KEY_FILE_SUFFIX) and not path.name.startswith("."):
                try:
                    entries.append((path.name, path.stat().st_mtime_ns))
                except FileNotFoundError:
                    continue
        return tuple(sorted(entries))

    def refresh(self) -> bool:
        """Reload when files were added, removed or changed; True when reloaded."""
        with self._lock:
            listing = self._scan()
            if listing == self._listing:
                return False
            keys: dict[str, PlatformKeyPair] = {}
            for name, _ in listing:
                try:
                    pair = load_key_file(self.keys_dir / name)
                except ValueError as exc:
                    log.error("skipping platform key: %s", exc)
                    continue
                keys[pair.kid] = pair
            self._keys, self._listing = keys, listing
            log.info("platform keys loaded: %s", ", ".join(sorted(keys)) or "none")
            return True

    def ensure_key(self, now: datetime) -> None:
        """Generate a first key pair when the directory holds none."""
        self.refresh()
        if not self._keys:
            kid = next_kid(set(), now.year)
            write_key_file(self.keys_dir, kid, now, demo=False)
            log.info("generated the first platform key %s", kid)
            self.refresh()

    def all(self) -> list[PlatformKeyPair]:
        """Every usable key, newest first (the first is the current one)."""
        with self._lock:
            pairs = list(self._keys.values())
        return sorted(pairs, key=lambda p: (p.created_at, p.kid), reverse=True)

    def get(self, kid: str) -> PlatformKeyPair | None:
        """The key ``kid``, re-reading the directory once if it is not known yet."""
        with self._lock:
            pair = self._keys.get(kid)
        if pair is None and self.refresh():
            with self._lock:
                pair = self._keys.get(kid)
        return pair

    def published(self) -> list[PlatformKey]:
        """Public halves, newest first, as terminals receive them."""
        return [pair.published() for pair in self.all()]
