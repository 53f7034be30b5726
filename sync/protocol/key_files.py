"""The platform key file format, shared by central and by the terminal's embedded default.

One JSON file per key at ``<central data dir>/keys/<kid>.json``, mode 0600::

    {"kid": "demo-2026a", "alg": "HPKE-X25519-SHA256-ChaCha20Poly1305",
     "private_key": "<base64 raw 32 bytes X25519>", "public_key": "<base64 raw 32>",
     "created_at": "2026-11-27T02:11:09.000000Z", "demo": true}

An SM suite key (alg ``SM2-SM4GCM-SM3``) holds the raw 32-byte SM2 scalar and the
65-byte uncompressed public point (04 || x || y).

The key with the newest ``created_at`` (ties broken by ``kid``) is the current one.
No I/O and no cryptography here: each side reads and writes files itself.
"""

from __future__ import annotations

import base64
import binascii
from typing import Final

from pydantic import model_validator

from sync.protocol.schemas import Kid, UtcDateTime, WireModel
from sync.protocol.sealing_names import PRIVATE_KEY_LEN, PUBLIC_KEY_LEN, X25519_KEY_LEN

KEYS_DIRNAME: Final = "keys"
KEY_FILE_SUFFIX: Final = ".json"
KEY_FILE_MODE: Final = 0o600


class PlatformKeyFile(WireModel):
    kid: Kid
    alg: str
    private_key: str
    public_key: str
    created_at: UtcDateTime
    demo: bool = False

    @model_validator(mode="after")
    def _raw_keys_base64(self) -> PlatformKeyFile:
        """Both halves base64 of raw keys of the alg's sizes (32 bytes for an alg not
        known here, which the loader then refuses with its own message)."""
        halves = ((self.private_key, PRIVATE_KEY_LEN), (self.public_key, PUBLIC_KEY_LEN))
        for value, sizes in halves:
            try:
                raw = base64.b64decode(value, validate=True)
            except (binascii.Error, ValueError) as exc:
                raise ValueError("not base64") from exc
            size = sizes.get(self.alg, X25519_KEY_LEN)
            if len(raw) != size:
                raise ValueError(f"a raw {self.alg} key half is {size} bytes")
        return self


def key_file_name(kid: str) -> str:
    """The file name that holds the key ``kid``."""
    return f"{kid}{KEY_FILE_SUFFIX}"
