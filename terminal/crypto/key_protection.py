"""How the terminal's small keys are kept: sealed to the TPM, or 0600 files.

Two keys live in ``keys/`` beside the store: ``local.key`` (wraps the enrolment
secret that signs requests and receipt QRs) and ``audit.key`` (MACs the audit
chain). A KeyProtector keeps one key for a path:

- FileProtector: the raw key in the file itself, mode 0600 (as before; no TPM).
- TpmProtector: ``<name>.tpm`` beside it, a TPM sealed data object (crypto/tpm.py).
  On another machine, or after the TPM was cleared, it cannot be unsealed.

``store.key_protection`` chooses: ``auto`` (the TPM when one answers, else files;
file keys found while a TPM answers are sealed and the files erased), ``tpm``
(refuse to run without the TPM) or ``file`` (never seal). Whatever the setting,
a key that is already sealed is only ever read from the TPM: a missing TPM is an
error, never a reason to make a new key (that would lose the terminal's identity).
"""

from __future__ import annotations

import base64
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from terminal.crypto.key_file import read_key_file
from terminal.crypto.tpm import SealedObject, Tpm, TpmError, resolve_tcti
from terminal.durable import fsync_dir, write_durably

log = logging.getLogger(__name__)

MODES = ("auto", "tpm", "file")
SEALED_SUFFIX = ".tpm"
FORMAT = "mashangban-tpm-sealed/1"

WHY = {
    "wrong_tpm": "it is sealed to another TPM: this data directory was copied from "
    "another machine, or this machine's TPM was cleared or replaced",
    "pcr_mismatch": "the machine's measured boot state (PCRs) is not the one it was "
    "sealed to: firmware, boot loader or Secure Boot settings changed",
    "unreachable": "the TPM does not answer",
    "absent": "no TPM can be used here",
    "other": "the TPM refused",
}
ADVICE = {
    "wrong_tpm": "This copy cannot sign as the terminal, by design. On the terminal's own "
    "machine, check the TPM was not cleared in the firmware. Otherwise move this data "
    "directory aside and enrol the terminal afresh (`mashangban enroll`).",
    "pcr_mismatch": "Undo the firmware or boot change, or move the data directory aside "
    "and enrol afresh; see docs/deployment.md (TPM).",
    "unreachable": "Switch the TPM on in the firmware, check store.tpm_tcti and that "
    "/dev/tpmrm0 is readable by the kiosk's user (group tss).",
    "absent": "Install tpm2-tools and switch the TPM on in the firmware.",
    "other": "Look at the kiosk's log; see docs/deployment.md (TPM).",
}


class KeyUnavailable(RuntimeError):
    """A key exists but cannot be read here (or a TPM is required and absent)."""

    def __init__(self, kind: str, path: Path, detail: str = "") -> None:
        self.kind = kind
        self.path = path
        self.why = WHY.get(kind, WHY["other"])
        self.advice = ADVICE.get(kind, ADVICE["other"])
        tail = f" ({detail})" if detail else ""
        super().__init__(f"the terminal's key {path.name} cannot be read: {self.why}{tail}")


class KeyProtector(Protocol):
    kind: str  # "file" | "tpm"

    def holds(self, path: Path) -> bool: ...

    def read(self, path: Path, length: int) -> bytes: ...

    def write(self, path: Path, key: bytes) -> None: ...


class FileProtector:
    """The key in the file itself, mode 0600, as it always was."""

    kind = "file"

    def holds(self, path: Path) -> bool:
        return path.exists()

    def read(self, path: Path, length: int) -> bytes:
        key = read_key_file(path, length)
        if key is None:
            raise FileNotFoundError(path)
        return key

    def write(self, path: Path, key: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, key)
            os.fsync(fd)
        finally:
            os.close(fd)
        fsync_dir(path.parent)


def sealed_path(path: Path) -> Path:
    return path.with_name(path.name + SEALED_SUFFIX)


# Keys this process has unsealed (by TCTI, blob file and blob): the audit trail reads
# its key for every record, and each unseal is several tpm2-tools processes.
_UNSEALED: dict[tuple[str, str, SealedObject], bytes] = {}


class TpmProtector:
    """The key sealed to the TPM behind ``tcti`` (optionally bound to ``pcrs``)."""

    kind = "tpm"

    def __init__(self, tpm: Tpm, pcrs: str = "") -> None:
        self.tpm = tpm
        self.pcrs = pcrs

    def holds(self, path: Path) -> bool:
        return sealed_path(path).exists()

    def read(self, path: Path, length: int) -> bytes:
        blob = sealed_path(path)
        sealed = _read_blob(blob)
        seen = (self.tpm.tcti, str(blob.resolve()), sealed)
        key = _UNSEALED.get(seen)
        if key is None:
            try:
                key = self.tpm.unseal(sealed)
            except TpmError as exc:
                raise KeyUnavailable(exc.kind, path, str(exc)) from None
        if len(key) != length:
            raise KeyUnavailable("other", path, "unsealed key has the wrong length")
        _UNSEALED[seen] = key
        return key

    def write(self, path: Path, key: bytes) -> None:
        """Seal, check the TPM gives it back, then write the blob durably."""
        try:
            sealed = self.tpm.seal(key, self.pcrs)
            if self.tpm.unseal(sealed) != key:
                raise KeyUnavailable("other", path, "the TPM did not give the key back")
        except TpmError as exc:
            raise KeyUnavailable(exc.kind, path, str(exc)) from None
        doc = {
            "format": FORMAT,
            "tcti": self.tpm.tcti,  # a hint for readers without the configuration
            "pcrs": sealed.pcrs,
            "public": base64.b64encode(sealed.public).decode(),
            "private": base64.b64encode(sealed.private).decode(),
        }
        target = sealed_path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(doc, indent=1).encode()
        write_durably(target, data, target.with_name(target.name + ".tmp"))


def _read_blob(path: Path) -> SealedObject:
    try:
        doc: dict[str, Any] = json.loads(path.read_bytes())
        if doc.get("format") != FORMAT:
            raise ValueError(f"unknown format {doc.get('format')!r}")
        return SealedObject(
            base64.b64decode(doc["public"]), base64.b64decode(doc["private"]), doc["pcrs"]
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise KeyUnavailable("other", path, f"sealed key file damaged: {exc}") from None


def blob_field(path: Path, name: str) -> str:
    """A field of the sealed key file for ``path`` ("" when absent or unreadable)."""
    try:
        return str(json.loads(sealed_path(path).read_bytes()).get(name, ""))
    except (OSError, ValueError, AttributeError):
        return ""


@dataclass(frozen=True)
class KeyProtection:
    """The settings: mode (auto | tpm | file), TCTI ("" = $TPM2TOOLS_TCTI or
    /dev/tpmrm0), PCR selection ("" = not bound to PCRs)."""

    mode: str = "auto"
    tcti: str = ""
    pcrs: str = ""

    @classmethod
    def of(cls, config: Any) -> KeyProtection:
        store = config.store
        return cls(store.key_protection, store.tpm_tcti, store.tpm_pcrs)

    def tcti_for(self, path: Path | None = None) -> str | None:
        """The configured TCTI, else the one a sealed key was made through, else the
        environment's or the kernel's resource manager."""
        if self.tcti:
            return self.tcti
        hint = blob_field(path, "tcti") if path is not None else ""
        if hint and not os.environ.get("TPM2TOOLS_TCTI"):
            return hint
        return resolve_tcti("")

    def reader(self, path: Path) -> TpmProtector:
        """The TPM protector to read a sealed key with (it may not answer)."""
        tcti = self.tcti_for(path)
        if tcti is None:
            raise KeyUnavailable("absent", path, "no TPM is configured or found")
        return TpmProtector(Tpm(tcti), self.pcrs)

    def usable_tpm(self) -> TpmProtector | None:
        """A TPM protector when a TPM answers here (and the mode allows it), else None."""
        if self.mode == "file":
            return None
        tpm, why = self.find_tpm()
        if tpm is None:
            log.info("no TPM used for the terminal's keys: %s", why)
        return tpm

    def find_tpm(self) -> tuple[TpmProtector | None, str]:
        """Whatever the mode: a TPM protector if a TPM answers, else why not."""
        tcti = self.tcti_for()
        if tcti is None:
            return None, "no TPM found (no /dev/tpmrm0, store.tpm_tcti empty)"
        tpm = Tpm(tcti)
        try:
            tpm.probe()
        except TpmError as exc:
            return None, str(exc)
        return TpmProtector(tpm, self.pcrs), ""


def protector_in_use(path: Path) -> str:
    """'tpm', 'file' or 'none': how the key for ``path`` is kept now."""
    if sealed_path(path).exists():
        return "tpm"
    return "file" if path.exists() else "none"


def load_key(path: Path, length: int, protection: KeyProtection, *, create: bool) -> bytes | None:
    """The key for ``path``: unsealed from the TPM when it is sealed; else the file,
    sealed now if a TPM answers (mode auto or tpm); else, with ``create``, a new key
    kept the best way available. None: no key and ``create`` is false.
    KeyUnavailable: sealed but unreadable here, or mode tpm and no TPM."""
    files = FileProtector()
    if sealed_path(path).exists():
        key = protection.reader(path).read(path, length)
        if create and files.holds(path) and files.read(path, length) == key:
            erase_file(path)  # a seal finished, the file's erasure did not
        return key
    if files.holds(path):
        key = files.read(path, length)
        if create and protection.mode != "file":
            tpm = protection.usable_tpm()
            if tpm is not None:
                move_to(tpm, path, key)
            elif protection.mode == "tpm":
                raise KeyUnavailable("absent", path, "store.key_protection is tpm")
        return key
    if not create:
        return None
    chosen: KeyProtector | None = protection.usable_tpm()
    if chosen is None and protection.mode == "tpm":
        raise KeyUnavailable("absent", path, "store.key_protection is tpm")
    chosen = chosen or files
    key = os.urandom(length)
    chosen.write(path, key)
    log.info("new key %s kept by %s", path.name, chosen.kind)
    return key


def move_to(tpm: TpmProtector, path: Path, key: bytes) -> None:
    """Seal a file key to the TPM, then erase the file (same key: same identity)."""
    tpm.write(path, key)
    erase_file(path)
    log.warning("key %s sealed to the TPM (%s); its plain file was erased", path.name, tpm.tpm.tcti)


def seal_files(paths: list[Path], length: int, protection: KeyProtection) -> list[str]:
    """Seal every file key among ``paths`` to the TPM now, whatever the mode (for
    `mashangban keys seal-to-tpm`); what happened to each, in plain words."""
    tpm = KeyProtection("tpm", protection.tcti, protection.pcrs).usable_tpm()
    if tpm is None:
        tcti = protection.tcti_for()
        raise KeyUnavailable(
            "absent" if tcti is None else "unreachable",
            paths[0],
            "no TPM configured or found" if tcti is None else f"no answer via {tcti}",
        )
    done = []
    for path in paths:
        if sealed_path(path).exists():
            tpm.read(path, length)  # it must still unseal here
            done.append(f"{path.name}: already sealed to this TPM")
        elif path.exists():
            move_to(tpm, path, FileProtector().read(path, length))
            done.append(f"{path.name}: sealed to the TPM, plain file erased")
        else:
            done.append(f"{path.name}: none yet (it will be made sealed)")
    return done


def erase_file(path: Path) -> None:
    """Overwrite with zeros, fsync, unlink. On flash and journalled file systems the
    old blocks may survive: docs/security.md says what that means."""
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.write(bytes(size))
        f.flush()
        os.fsync(f.fileno())
    path.unlink()
    fsync_dir(path.parent)
