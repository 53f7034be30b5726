"""Sealing small keys to a TPM 2.0 through Debian's tpm2-tools (the `tpm2_*` commands).

Why the command-line tools and not Python bindings: they are a plain Debian package
(`tpm2-tools`), need nothing compiled into the packaged build, and any TCTI works
(``device:/dev/tpmrm0`` on a kiosk, ``swtpm:host=…,port=…`` in tests). Nothing is
imported at start: a machine without the tools simply has no TPM here.

What is made: a sealed data object (keyedhash, ``fixedtpm|fixedparent``) under a
primary ECC key of the owner hierarchy. The primary is re-derived from the TPM's
owner seed each time (same template, same key), so nothing but the sealed object's
public and private parts is kept on disk, and the private part is encrypted by that
primary: on another TPM, or after the TPM is cleared, loading it fails. Optionally
the object's policy binds it to PCR values (``pcrs``, e.g. ``sha256:0,7``).

The secret passes only through pipes (stdin of ``tpm2_create``, stdout of
``tpm2_unseal``); the work files in a private temporary folder are contexts and
public/encrypted parts, never the secret. Without a resource manager (swtpm, mssim,
/dev/tpm0) every command leaves its objects loaded, so each step is followed by
flushing the transient objects.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

RESOURCE_MANAGER = Path("/dev/tpmrm0")
TCTI_ENV = "TPM2TOOLS_TCTI"
TOOLS = ("tpm2_createprimary", "tpm2_create", "tpm2_load", "tpm2_unseal", "tpm2_flushcontext")
TIMEOUT_S = 60.0  # a TPM is slow, and this machine may be busy; never a tight limit


class TpmError(RuntimeError):
    """The TPM could not do it. ``kind``: absent (no tools or no TPM), unreachable,
    wrong_tpm (the object was sealed to another TPM or before a clear), pcr_mismatch
    (the machine's measured state changed), other."""

    def __init__(self, kind: str, message: str) -> None:
        self.kind = kind
        super().__init__(message)


@dataclass(frozen=True)
class SealedObject:
    public: bytes  # TPM2B_PUBLIC
    private: bytes  # TPM2B_PRIVATE, encrypted by the primary key
    pcrs: str  # "" or e.g. "sha256:0,7": the policy it is bound to


def resolve_tcti(configured: str) -> str | None:
    """The TCTI to use: the configured one, else $TPM2TOOLS_TCTI, else the kernel's
    resource manager when /dev/tpmrm0 exists; None: no TPM is known here."""
    if configured:
        return configured
    from_env = os.environ.get(TCTI_ENV, "")
    if from_env:
        return from_env
    return f"device:{RESOURCE_MANAGER}" if RESOURCE_MANAGER.exists() else None


def tools_missing() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


def _classify(stderr: str) -> str:
    text = stderr.lower()
    if "integrity check failed" in text or "0x1df" in text:
        return "wrong_tpm"
    if ("policy" in text and ("fail" in text or "0x99d" in text)) or "pcr" in text:
        return "pcr_mismatch"
    if "tcti" in text or "connection" in text or "no such file" in text or "0xa000a" in text:
        return "unreachable"
    return "other"


def _reason(stderr: str) -> str:
    """The most telling line of tpm2-tools' complaint (the TPM's own code if any)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    telling = [line for line in lines if "tpm:" in line or "tcti" in line.lower()]
    return (telling or lines or ["no reason given"])[0].removeprefix("ERROR: ")


class Tpm:
    """One TPM reached through ``tcti``."""

    def __init__(self, tcti: str) -> None:
        self.tcti = tcti

    def _run(self, args: list[str], work: Path, stdin: bytes | None = None) -> bytes:
        env = {**os.environ, TCTI_ENV: self.tcti}
        try:
            done = subprocess.run(
                args,
                input=stdin,
                cwd=work,
                env=env,
                capture_output=True,
                timeout=TIMEOUT_S,
                check=False,
            )
        except FileNotFoundError:
            raise TpmError("absent", f"{args[0]} is not installed (Debian: tpm2-tools)") from None
        except subprocess.TimeoutExpired:
            raise TpmError("unreachable", f"{args[0]} got no answer from {self.tcti}") from None
        if done.returncode != 0:
            err = done.stderr.decode("utf-8", "replace")
            raise TpmError(_classify(err), f"{args[0]} failed via {self.tcti}: {_reason(err)}")
        return done.stdout

    def _flush(self, work: Path) -> None:
        """Flush transient objects (a resource manager does this itself; harmless there)."""
        with contextlib.suppress(TpmError):
            self._run(["tpm2_flushcontext", "-t"], work)

    def _primary(self, work: Path) -> None:
        self._run(["tpm2_createprimary", "-Q", "-C", "o", "-G", "ecc", "-c", "primary.ctx"], work)
        self._flush(work)

    def probe(self) -> None:
        """Raise TpmError unless the tools are here and the TPM makes a primary key."""
        missing = tools_missing()
        if missing:
            raise TpmError("absent", f"tpm2-tools not installed ({', '.join(missing)} missing)")
        with _workdir() as work:
            self._primary(work)

    def seal(self, secret: bytes, pcrs: str = "") -> SealedObject:
        with _workdir() as work:
            self._flush(work)
            self._primary(work)
            args = ["tpm2_create", "-Q", "-C", "primary.ctx", "-i", "-"]
            args += ["-u", "sealed.pub", "-r", "sealed.priv"]
            if pcrs:
                self._pcr_policy(work, pcrs)
                args += ["-L", "pcr.policy", "-a", "fixedtpm|fixedparent"]
            self._run(args, work, stdin=secret)
            self._flush(work)
            return SealedObject(
                (work / "sealed.pub").read_bytes(), (work / "sealed.priv").read_bytes(), pcrs
            )

    def _pcr_policy(self, work: Path, pcrs: str) -> None:
        self._run(["tpm2_startauthsession", "-S", "trial.ctx"], work)
        try:
            policy = ["tpm2_policypcr", "-Q", "-S", "trial.ctx", "-l", pcrs, "-L", "pcr.policy"]
            self._run(policy, work)
        finally:
            self._run(["tpm2_flushcontext", "trial.ctx"], work)

    def unseal(self, sealed: SealedObject) -> bytes:
        """The secret; a passing failure (another process flushed our objects on a TPM
        without a resource manager, or it ran out of object slots) is tried again."""
        for attempt in range(3):
            try:
                return self._unseal_once(sealed)
            except TpmError as exc:
                if exc.kind != "other" or attempt == 2:
                    raise
                time.sleep(0.5 * (attempt + 1))
        raise AssertionError("unreachable")

    def _unseal_once(self, sealed: SealedObject) -> bytes:
        with _workdir() as work:
            (work / "sealed.pub").write_bytes(sealed.public)
            (work / "sealed.priv").write_bytes(sealed.private)
            self._flush(work)
            try:
                self._primary(work)
                load = ["tpm2_load", "-Q", "-C", "primary.ctx", "-u", "sealed.pub"]
                self._run([*load, "-r", "sealed.priv", "-c", "sealed.ctx"], work)
                self._flush(work)
                auth = ["-p", f"pcr:{sealed.pcrs}"] if sealed.pcrs else []
                return self._run(["tpm2_unseal", "-c", "sealed.ctx", *auth], work)
            finally:
                self._flush(work)


class _workdir:
    """A private temporary folder for context files (0700, removed afterwards)."""

    def __enter__(self) -> Path:
        self._dir = tempfile.TemporaryDirectory(prefix="mashangban-tpm-")
        os.chmod(self._dir.name, 0o700)
        return Path(self._dir.name)

    def __exit__(self, *exc: object) -> None:
        self._dir.cleanup()
