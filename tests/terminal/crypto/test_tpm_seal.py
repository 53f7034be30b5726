"""Sealing a key to a TPM through tpm2-tools (terminal/crypto/tpm.py), against swtpm."""

from __future__ import annotations

import os

import pytest
from swtpmkit import Swtpm

from terminal.crypto.tpm import Tpm, TpmError


def test_a_sealed_key_unseals_on_its_tpm_only(swtpm: Swtpm, other_swtpm: Swtpm) -> None:
    secret = os.urandom(32)
    sealed = Tpm(swtpm.tcti).seal(secret)
    assert secret not in sealed.public + sealed.private
    for _ in range(3):  # and again: nothing is left loaded in a TPM without a manager
        assert Tpm(swtpm.tcti).unseal(sealed) == secret
    with pytest.raises(TpmError) as elsewhere:
        Tpm(other_swtpm.tcti).unseal(sealed)
    assert elsewhere.value.kind == "wrong_tpm"


def test_a_key_bound_to_a_pcr_is_locked_once_that_pcr_changes(swtpm: Swtpm) -> None:
    secret = os.urandom(32)
    sealed = Tpm(swtpm.tcti).seal(secret, "sha256:16")
    assert sealed.pcrs == "sha256:16"
    assert Tpm(swtpm.tcti).unseal(sealed) == secret
    extended = swtpm.tools("tpm2_pcrextend", "16:sha256=" + "ab" * 32)
    assert extended.returncode == 0, extended.stderr
    with pytest.raises(TpmError) as changed:
        Tpm(swtpm.tcti).unseal(sealed)
    assert changed.value.kind == "pcr_mismatch"


def test_a_tpm_that_does_not_answer_is_said_plainly(swtpm: Swtpm) -> None:
    tcti = swtpm.tcti
    swtpm.stop()
    with pytest.raises(TpmError) as gone:
        Tpm(tcti).probe()
    assert gone.value.kind == "unreachable" and tcti in str(gone.value)
