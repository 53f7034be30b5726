"""`doctor`'s word on how the terminal's keys are kept: sealed to the TPM or 0600 files.

Read-only: it unseals a sealed key to prove this machine's TPM gives it back (that
changes nothing on disk) and probes for a TPM; it never seals or moves a key.
"""

from __future__ import annotations

import stat
from pathlib import Path

from terminal.audit.key import KEY_LEN, audit_key_path
from terminal.crypto.key_protection import (
    KeyProtection,
    KeyUnavailable,
    blob_field,
    protector_in_use,
)
from terminal.doctor import Check
from terminal.runtime import TerminalCore

NAME = "key protection"
SEAL_ADVICE = (
    "Run `mashangban keys seal-to-tpm` (with the kiosk stopped), or restart the kiosk: "
    "with store.key_protection = auto it seals them itself. The terminal keeps its identity."
)


def check_key_protection(core: TerminalCore) -> Check:
    protection = KeyProtection.of(core.config)
    files = [core.paths.local_key_file, audit_key_path(core.paths.local_key_file)]
    kept = {path: protector_in_use(path) for path in files}
    sealed = [p for p in files if kept[p] == "tpm"]
    plain = [p for p in files if kept[p] == "file"]
    if sealed:
        return _sealed(protection, sealed, plain)
    tpm, why = protection.find_tpm()
    names = ", ".join(p.name for p in plain) or "no keys yet"
    if protection.mode == "tpm" and tpm is None:
        return Check(
            NAME,
            "fail",
            f"store.key_protection = tpm, but no TPM answers: {why}",
            "Switch the TPM on in the firmware and check store.tpm_tcti (docs/deployment.md).",
        )
    if tpm is not None:
        if not plain:
            return Check(
                NAME, "ok", f"no keys yet; they will be sealed to the TPM ({tpm.tpm.tcti})"
            )
        advice = SEAL_ADVICE
        if protection.mode == "file":
            advice = "store.key_protection = file keeps them in files: set it to auto, then " + (
                SEAL_ADVICE
            )
        return Check(
            NAME,
            "warn",
            f"a TPM answers ({tpm.tpm.tcti}) but it is not used: {names} are 0600 files, "
            "so a copy of the disk can sign as this terminal",
            advice,
        )
    loose = [p.name for p in plain if stat.S_IMODE(p.stat().st_mode) & 0o077]
    if loose:
        return Check(
            NAME,
            "warn",
            f"key files readable by others: {', '.join(loose)}",
            "chmod 600 them (only the kiosk's user may read its keys).",
        )
    return Check(NAME, "ok", f"0600 files ({names}); no TPM: {why}")


def _sealed(protection: KeyProtection, sealed: list[Path], plain: list[Path]) -> Check:
    tcti = ""
    for path in sealed:
        try:
            reader = protection.reader(path)
            tcti = reader.tpm.tcti
            reader.read(path, KEY_LEN)
        except KeyUnavailable as exc:
            return Check(
                NAME,
                "fail",
                f"{exc}; so this copy cannot sign as the terminal",
                exc.advice,
            )
    bound = blob_field(sealed[0], "pcrs")
    pcrs = f", bound to PCRs {bound}" if bound else ", not bound to PCRs"
    names = ", ".join(p.name for p in sealed)
    if plain:
        return Check(
            NAME,
            "warn",
            f"{names} sealed to the TPM ({tcti}), but {', '.join(p.name for p in plain)} "
            "is still a plain file",
            SEAL_ADVICE,
        )
    return Check(NAME, "ok", f"sealed to the TPM ({tcti}{pcrs}): {names}")
