"""A slow, test-only reference of SM2 encryption (GB/T 32918.4) with a chosen k.

Affine arithmetic on Python integers: not constant time, never used by the product.
It exists so the product's SM2 (OpenSSL's, through ctypes) can be checked against
the standard's worked example, which needs a fixed k that OpenSSL does not take:
the reference reproduces the example, then product and reference must open each
other's ciphertexts on the recommended curve.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes

Point = tuple[int, int] | None


def sm3(data: bytes) -> bytes:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize()


@dataclass(frozen=True)
class Curve:
    p: int
    a: int
    b: int
    n: int
    gx: int
    gy: int

    @property
    def g(self) -> Point:
        return (self.gx, self.gy)

    def add(self, one: Point, two: Point) -> Point:
        if one is None:
            return two
        if two is None:
            return one
        p = self.p
        if one[0] == two[0]:
            if (one[1] + two[1]) % p == 0:
                return None
            slope = (3 * one[0] * one[0] + self.a) * pow(2 * one[1], -1, p) % p
        else:
            slope = (two[1] - one[1]) * pow(two[0] - one[0], -1, p) % p
        x = (slope * slope - one[0] - two[0]) % p
        return (x, (slope * (one[0] - x) - one[1]) % p)

    def mul(self, k: int, point: Point) -> Point:
        result: Point = None
        while k:
            if k & 1:
                result = self.add(result, point)
            point = self.add(point, point)
            k >>= 1
        return result

    def on_curve(self, point: Point) -> bool:
        if point is None:
            return False
        x, y = point
        return (y * y - (x * x * x + self.a * x + self.b)) % self.p == 0


def _h(text: str) -> int:
    return int(text.replace(" ", ""), 16)


# GB/T 32918.5-2017: the recommended curve.
SM2P256 = Curve(
    p=_h("FFFFFFFE FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF 00000000 FFFFFFFF FFFFFFFF"),
    a=_h("FFFFFFFE FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF 00000000 FFFFFFFF FFFFFFFC"),
    b=_h("28E9FA9E 9D9F5E34 4D5A9E4B CF6509A7 F39789F5 15AB8F92 DDBCBD41 4D940E93"),
    n=_h("FFFFFFFE FFFFFFFF FFFFFFFF FFFFFFFF 7203DF6B 21C6052B 53BBF409 39D54123"),
    gx=_h("32C4AE2C 1F198119 5F990446 6A39C994 8FE30BBF F2660BE1 715A4589 334C74C7"),
    gy=_h("BC3736A2 F4F6779C 59BDCEE3 6B692153 D0A9877C C62A4740 02DF32E5 2139F0A0"),
)

# GM/T 0003.4-2012 / GB/T 32918.4 annex A: the Fp-256 example curve.
EXAMPLE_FP256 = Curve(
    p=_h("8542D69E 4C044F18 E8B92435 BF6FF7DE 45728391 5C45517D 722EDB8B 08F1DFC3"),
    a=_h("787968B4 FA32C3FD 2417842E 73BBFEFF 2F3C848B 6831D7E0 EC65228B 3937E498"),
    b=_h("63E4C6D3 B23B0C84 9CF84241 484BFE48 F61D59A5 B16BA06E 6E12D1DA 27C5249A"),
    n=_h("8542D69E 4C044F18 E8B92435 BF6FF7DD 29772063 0485628D 5AE74EE7 C32E79B7"),
    gx=_h("421DEBD6 1B62EAB6 746434EB C3CC315E 32220B3B ADD50BDC 4C4E6C14 7FEDD43D"),
    gy=_h("0680512B CBB42C07 D47349D2 153B70C4 E5D7FDFC BFA36EA1 A85841B9 E46E09A2"),
)


def kdf(z: bytes, length: int) -> bytes:
    out, counter = b"", 1
    while len(out) < length:
        out += sm3(z + counter.to_bytes(4, "big"))
        counter += 1
    return out[:length]


@dataclass(frozen=True)
class Sm2Ciphertext:
    x1: int
    y1: int
    c3: bytes
    c2: bytes


def encrypt(curve: Curve, public: Point, k: int, message: bytes) -> Sm2Ciphertext:
    c1, shared = curve.mul(k, curve.g), curve.mul(k, public)
    assert c1 is not None and shared is not None
    x2, y2 = shared[0].to_bytes(32, "big"), shared[1].to_bytes(32, "big")
    pad = kdf(x2 + y2, len(message))
    c2 = bytes(m ^ t for m, t in zip(message, pad, strict=True))
    return Sm2Ciphertext(c1[0], c1[1], sm3(x2 + message + y2), c2)


def decrypt(curve: Curve, private: int, cipher: Sm2Ciphertext) -> bytes:
    c1 = (cipher.x1, cipher.y1)
    assert curve.on_curve(c1)
    shared = curve.mul(private, c1)
    assert shared is not None
    x2, y2 = shared[0].to_bytes(32, "big"), shared[1].to_bytes(32, "big")
    pad = kdf(x2 + y2, len(cipher.c2))
    message = bytes(c ^ t for c, t in zip(cipher.c2, pad, strict=True))
    if sm3(x2 + message + y2) != cipher.c3:
        raise ValueError("C3 does not match")
    return message


# --- GB/T 35276 SM2Cipher ::= SEQUENCE { x INTEGER, y INTEGER, hash OCTET STRING,
#     cipherText OCTET STRING }, DER --------------------------------------------------


def _der(tag: int, body: bytes) -> bytes:
    size = len(body)
    if size < 0x80:
        return bytes([tag, size]) + body
    length = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(length)]) + length + body


def _der_int(value: int) -> bytes:
    raw = value.to_bytes(value.bit_length() // 8 + 1, "big")  # a leading 0 keeps it positive
    while len(raw) > 1 and raw[0] == 0 and raw[1] < 0x80:
        raw = raw[1:]
    return _der(0x02, raw)


def to_der(cipher: Sm2Ciphertext) -> bytes:
    body = _der_int(cipher.x1) + _der_int(cipher.y1) + _der(0x04, cipher.c3)
    return _der(0x30, body + _der(0x04, cipher.c2))


def _read(data: bytes, at: int, tag: int) -> tuple[bytes, int]:
    assert data[at] == tag, f"tag {data[at]:#x} at {at}, wanted {tag:#x}"
    size, at = data[at + 1], at + 2
    if size & 0x80:
        count = size & 0x7F
        size, at = int.from_bytes(data[at : at + count], "big"), at + count
    return data[at : at + size], at + size


def from_der(data: bytes) -> Sm2Ciphertext:
    body, end = _read(data, 0, 0x30)
    assert end == len(data)
    x, at = _read(body, 0, 0x02)
    y, at = _read(body, at, 0x02)
    c3, at = _read(body, at, 0x04)
    c2, at = _read(body, at, 0x04)
    assert at == len(body)
    return Sm2Ciphertext(int.from_bytes(x, "big"), int.from_bytes(y, "big"), c3, c2)
