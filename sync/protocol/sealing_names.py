"""Names shared by the sealing side (terminal) and the opening side (central).

Only names and constants live here: no cryptography, no I/O. Each side does its
own crypto with these values (sync-protocol.md §1 "Sealed submissions").
"""

from __future__ import annotations

# RFC 9180 base mode: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305.
SEAL_ALG_HPKE_X25519 = "HPKE-X25519-SHA256-ChaCha20Poly1305"

# HPKE `info` for payloads and for attachment files alike.
SEAL_INFO = b"mashangban-seal-v1"

# Length of the HPKE encapsulated key for X25519 (the `enc` prefix of a sealed file).
HPKE_X25519_ENC_LEN = 32

# Length of a raw X25519 key, private or public.
X25519_KEY_LEN = 32

# Every alg central can open today; a 国密 suite (SM2 + SM4-GCM) would be added here.
SUPPORTED_SEAL_ALGS = frozenset({SEAL_ALG_HPKE_X25519})
