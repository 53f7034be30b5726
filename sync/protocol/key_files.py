"""The platform key file format, shared by central and by the terminal's embedded default.

One JSON file per key at ``<central data dir>/keys/<kid>.json``, mode 0600::

    {"kid": "demo-2026a", "alg": "HPKE-X25519-SHA256-ChaCha20Poly1305",
     "private_key": "<base64 raw 32 bytes X25519>", "public_key": "<base64 raw 32>",
     "created_at": "2026-11-27T02:11:09.000000Z", "demo": true}

The key with the newest ``created_at`` (ties broken by ``kid``) is the current one.
No I/O and no cryptography here: each side reads and writes files itself.
"""

from __future__ import annotations

import base64
import binascii
from typing import Final

from pydantic import field_validator

from sync.protocol.schemas import Kid, UtcDateTime, WireModel
from sync.protocol.sealing_names import X25519_KEY_LEN

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

    @field_validator("private_key", "public_key")
    @classmethod
    def _raw_x25519_base64(cls, value: str) -> str:
        try:
            raw = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValueError("not base64") from exc
        if len(raw) != X25519_KEY_LEN:
            raise ValueError(f"a raw key is {X25519_KEY_LEN} bytes")
        return value


def key_file_name(kid: str) -> str:
    """The file name that holds the key ``kid``."""
    return f"{kid}{KEY_FILE_SUFFIX}"
