"""SM2 public-key encryption (GB/T 32918.4) from the system's OpenSSL 3 libcrypto.

`cryptography` has no SM2 curve, so this reaches OpenSSL's EVP interface through
ctypes: key generation, keys from raw bytes, EVP_PKEY_encrypt / EVP_PKEY_decrypt.
OpenSSL writes the ciphertext as GB/T 35276's ``SM2Cipher`` DER sequence (x, y of
C1, the SM3 hash C3, the ciphertext C2) and checks C1 is on the curve and C3
matches when decrypting. Why this library and not a PyPI one: docs/security.md.

The library is looked up at first use, never at import: a machine without it still
runs the standard suite, and ``available()`` says whether SM2 can be used.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
import weakref
from typing import Any

from sync.protocol.sealing_names import SM2_PRIVATE_KEY_LEN, SM2_PUBLIC_KEY_LEN

_SELECT_PUBLIC_KEY = 0x86  # EVP_PKEY_PUBLIC_KEY: the public key and all domain parameters
_SELECT_KEYPAIR = 0x87  # EVP_PKEY_KEYPAIR
_MAX_INPUT = 1 << 20

_lock = threading.Lock()
_lib: Any = None
_load_error = ""


class Sm2Error(Exception):
    """SM2 is unavailable, a key is unusable, or a ciphertext does not open."""


def _declare(lib: Any) -> None:
    p, i, sz = ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t
    pp, psz, cs = ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t), ctypes.c_char_p
    signatures: dict[str, tuple[Any, list[Any]]] = {
        "EVP_PKEY_CTX_new_from_name": (p, [p, cs, cs]),
        "EVP_PKEY_CTX_new_from_pkey": (p, [p, p, cs]),
        "EVP_PKEY_CTX_free": (None, [p]),
        "EVP_PKEY_free": (None, [p]),
        "EVP_PKEY_keygen_init": (i, [p]),
        "EVP_PKEY_generate": (i, [p, pp]),
        "EVP_PKEY_fromdata_init": (i, [p]),
        "EVP_PKEY_fromdata": (i, [p, pp, i, p]),
        "EVP_PKEY_public_check": (i, [p]),
        "EVP_PKEY_pairwise_check": (i, [p]),
        "EVP_PKEY_get_bn_param": (i, [p, cs, pp]),
        "EVP_PKEY_get_octet_string_param": (i, [p, cs, ctypes.c_char_p, sz, psz]),
        "EVP_PKEY_encrypt_init": (i, [p]),
        "EVP_PKEY_encrypt": (i, [p, ctypes.c_char_p, psz, ctypes.c_char_p, sz]),
        "EVP_PKEY_decrypt_init": (i, [p]),
        "EVP_PKEY_decrypt": (i, [p, ctypes.c_char_p, psz, ctypes.c_char_p, sz]),
        "OSSL_PARAM_BLD_new": (p, []),
        "OSSL_PARAM_BLD_free": (None, [p]),
        "OSSL_PARAM_BLD_push_utf8_string": (i, [p, cs, cs, sz]),
        "OSSL_PARAM_BLD_push_octet_string": (i, [p, cs, ctypes.c_char_p, sz]),
        "OSSL_PARAM_BLD_push_BN": (i, [p, cs, p]),
        "OSSL_PARAM_BLD_to_param": (p, [p]),
        "OSSL_PARAM_free": (None, [p]),
        "BN_bin2bn": (p, [ctypes.c_char_p, i, p]),
        "BN_bn2binpad": (i, [p, ctypes.c_char_p, i]),
        "BN_clear_free": (None, [p]),
        "ERR_clear_error": (None, []),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype, function.argtypes = restype, argtypes


def _library() -> Any:
    """libcrypto with SM2, loaded once; Sm2Error when this machine has none."""
    global _lib, _load_error
    with _lock:
        if _lib is not None:
            return _lib
        if _load_error:
            raise Sm2Error(_load_error)
        names = ["libcrypto.so.3", ctypes.util.find_library("crypto") or ""]
        for name in filter(None, names):
            try:
                lib = ctypes.CDLL(name)
                _declare(lib)
            except (OSError, AttributeError):
                continue
            ctx = lib.EVP_PKEY_CTX_new_from_name(None, b"SM2", None)
            if ctx:
                lib.EVP_PKEY_CTX_free(ctx)
                _lib = lib
                return lib
        _load_error = "no OpenSSL 3 libcrypto with SM2 on this machine"
        raise Sm2Error(_load_error)


def available() -> bool:
    """Whether SM2 can be used here (libcrypto 3 with the SM2 key type)."""
    try:
        _library()
    except Sm2Error:
        return False
    return True


def _check(ok: int, what: str) -> None:
    if ok != 1:
        _lib.ERR_clear_error()
        raise Sm2Error(what)


class _Pkey:
    """An owned EVP_PKEY*, freed with the object."""

    def __init__(self, lib: Any, handle: int) -> None:
        self.handle = handle
        self._finalizer = weakref.finalize(self, lib.EVP_PKEY_free, handle)

    def ctx(self) -> _Ctx:
        lib = _library()
        return _Ctx(lib, lib.EVP_PKEY_CTX_new_from_pkey(None, self.handle, None))


class _Ctx:
    """An EVP_PKEY_CTX* used within a ``with`` block."""

    def __init__(self, lib: Any, handle: int | None) -> None:
        if not handle:
            lib.ERR_clear_error()
            raise Sm2Error("no SM2 context")
        self._lib, self.handle = lib, handle

    def __enter__(self) -> int:
        return int(self.handle)

    def __exit__(self, *exc: object) -> None:
        self._lib.EVP_PKEY_CTX_free(self.handle)


def _from_raw(public: bytes, private: bytes | None) -> _Pkey:
    lib = _library()
    bld = lib.OSSL_PARAM_BLD_new()
    bn = lib.BN_bin2bn(private, len(private), None) if private is not None else None
    params = None
    try:
        _check(lib.OSSL_PARAM_BLD_push_utf8_string(bld, b"group", b"SM2", 0), "group")
        _check(lib.OSSL_PARAM_BLD_push_octet_string(bld, b"pub", public, len(public)), "pub")
        if bn:
            _check(lib.OSSL_PARAM_BLD_push_BN(bld, b"priv", bn), "private key")
        params = lib.OSSL_PARAM_BLD_to_param(bld)
        out = ctypes.c_void_p()
        with _Ctx(lib, lib.EVP_PKEY_CTX_new_from_name(None, b"SM2", None)) as ctx:
            _check(lib.EVP_PKEY_fromdata_init(ctx), "fromdata")
            selection = _SELECT_KEYPAIR if bn else _SELECT_PUBLIC_KEY
            _check(lib.EVP_PKEY_fromdata(ctx, ctypes.byref(out), selection, params), "key")
    finally:
        lib.OSSL_PARAM_free(params)
        lib.OSSL_PARAM_BLD_free(bld)
        lib.BN_clear_free(bn)
    if not out.value:
        raise Sm2Error("key")
    key = _Pkey(lib, out.value)
    with key.ctx() as ctx:  # a point on the curve; with a private half, the pair matching
        check = lib.EVP_PKEY_pairwise_check if bn else lib.EVP_PKEY_public_check
        _check(check(ctx), "the SM2 key does not check out")
    return key


def _crypt(key: _Pkey, data: bytes, decrypt: bool) -> bytes:
    if len(data) > _MAX_INPUT:
        raise Sm2Error("input too long")
    lib = _library()
    init = lib.EVP_PKEY_decrypt_init if decrypt else lib.EVP_PKEY_encrypt_init
    run = lib.EVP_PKEY_decrypt if decrypt else lib.EVP_PKEY_encrypt
    what = "the SM2 ciphertext does not open" if decrypt else "SM2 encryption failed"
    with key.ctx() as ctx:
        _check(init(ctx), what)
        size = ctypes.c_size_t(0)
        _check(run(ctx, None, ctypes.byref(size), data, len(data)), what)
        buffer = ctypes.create_string_buffer(size.value)
        _check(run(ctx, buffer, ctypes.byref(size), data, len(data)), what)
        return buffer.raw[: size.value]


class Sm2PublicKey:
    """An SM2 public key from its 65-byte uncompressed point (checked on the curve)."""

    def __init__(self, point: bytes) -> None:
        if len(point) != SM2_PUBLIC_KEY_LEN or point[:1] != b"\x04":
            raise Sm2Error("an SM2 public key is a 65-byte uncompressed point")
        self.point = bytes(point)
        self._key = _from_raw(self.point, None)

    def encrypt(self, plaintext: bytes) -> bytes:
        """GB/T 32918.4 encryption; the SM2Cipher DER bytes (GB/T 35276)."""
        return _crypt(self._key, plaintext, decrypt=False)


class Sm2PrivateKey:
    """An SM2 key pair from its raw scalar and point (checked to match)."""

    def __init__(self, scalar: bytes, point: bytes) -> None:
        if len(scalar) != SM2_PRIVATE_KEY_LEN:
            raise Sm2Error("an SM2 private key is 32 bytes")
        self.public = Sm2PublicKey(point)
        self._key = _from_raw(self.public.point, bytes(scalar))

    @classmethod
    def generate(cls) -> tuple[bytes, bytes]:
        """A new raw (private scalar, public point) pair from OpenSSL's generator."""
        lib = _library()
        out = ctypes.c_void_p()
        with _Ctx(lib, lib.EVP_PKEY_CTX_new_from_name(None, b"SM2", None)) as ctx:
            _check(lib.EVP_PKEY_keygen_init(ctx), "keygen")
            _check(lib.EVP_PKEY_generate(ctx, ctypes.byref(out)), "keygen")
        key = _Pkey(lib, int(out.value or 0))
        bn = ctypes.c_void_p()
        _check(lib.EVP_PKEY_get_bn_param(key.handle, b"priv", ctypes.byref(bn)), "priv")
        scalar = ctypes.create_string_buffer(SM2_PRIVATE_KEY_LEN)
        try:
            written = lib.BN_bn2binpad(bn, scalar, SM2_PRIVATE_KEY_LEN)
        finally:
            lib.BN_clear_free(bn)
        if written != SM2_PRIVATE_KEY_LEN:
            raise Sm2Error("keygen")
        point = ctypes.create_string_buffer(SM2_PUBLIC_KEY_LEN)
        size = ctypes.c_size_t(0)
        _check(
            lib.EVP_PKEY_get_octet_string_param(
                key.handle, b"encoded-pub-key", point, SM2_PUBLIC_KEY_LEN, ctypes.byref(size)
            ),
            "public key",
        )
        return scalar.raw, point.raw[: size.value]

    def decrypt(self, ciphertext: bytes) -> bytes:
        """The plaintext of an SM2Cipher DER ciphertext; Sm2Error when it does not open."""
        return _crypt(self._key, ciphertext, decrypt=True)
