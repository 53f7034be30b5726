"""The 国密 primitives against their standards' vectors, and SM2 against a reference.

SM3 (GB/T 32905), SM4 (GB/T 32907), SM4-GCM (RFC 8998 A.1), HMAC-SM3 against RFC
2104 built by hand over SM3, SM2 encryption (GB/T 32918.4): the product's SM2 is
OpenSSL's, which takes no chosen k, so tests/sync/protocol/sm2_reference.py
reproduces the standard's worked example with its k, then product and reference
open each other's ciphertexts on the recommended curve, and the product opens a
pinned fixed-k ciphertext.
"""

from __future__ import annotations

import pytest
import sm2_reference as ref
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from sync.protocol import sm2_libcrypto, sm_envelope
from sync.protocol.receipt_numbers import receipt_sig_mac, receipt_signature
from sync.protocol.sealing_names import MAC_HMAC_SHA256, MAC_HMAC_SM3
from sync.protocol.signing import hmac_sm3, sign, verify
from sync.protocol.sm2_libcrypto import Sm2Error, Sm2PrivateKey, Sm2PublicKey

pytestmark = pytest.mark.skipif(not sm2_libcrypto.available(), reason="no libcrypto SM2")

X = bytes.fromhex


def _sm3(data: bytes) -> bytes:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize()


def test_sm3_gbt32905_examples() -> None:
    assert _sm3(b"abc").hex() == (
        "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    )
    assert _sm3(b"abcd" * 16).hex() == (
        "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"
    )


def test_sm4_gbt32907_example() -> None:
    key = X("0123456789abcdeffedcba9876543210")
    encryptor = Cipher(algorithms.SM4(key), modes.ECB()).encryptor()
    ciphertext = encryptor.update(key) + encryptor.finalize()
    assert ciphertext.hex() == "681edf34d206965e86b3e94f536e4246"
    decryptor = Cipher(algorithms.SM4(key), modes.ECB()).decryptor()
    assert decryptor.update(ciphertext) + decryptor.finalize() == key


RFC8998_PT = X(
    "AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD"
    "EEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA"
)
RFC8998_CT = X(
    "17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735"
    "D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D"
)
RFC8998_TAG = X("83DE3541E4C2B58177E065A9BF7B62EC")


def test_sm4_gcm_rfc8998_vector_with_the_installed_openssl() -> None:
    key, iv = X("0123456789ABCDEFFEDCBA9876543210"), X("00001234567800000000ABCD")
    aad = X("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2")
    out = sm_envelope.sm4_gcm_encrypt(key, iv, RFC8998_PT, aad)
    assert out == RFC8998_CT + RFC8998_TAG
    assert sm_envelope.sm4_gcm_decrypt(key, iv, out, aad) == RFC8998_PT
    with pytest.raises(InvalidTag):
        sm_envelope.sm4_gcm_decrypt(key, iv, out[:-1] + bytes([out[-1] ^ 1]), aad)
    with pytest.raises(InvalidTag):
        sm_envelope.sm4_gcm_decrypt(key, iv, out, aad + b"x")


def _hmac_by_hand(key: bytes, message: bytes) -> bytes:
    block = 64  # SM3's block size
    key = _sm3(key) if len(key) > block else key
    key = key.ljust(block, b"\0")
    inner = _sm3(bytes(b ^ 0x36 for b in key) + message)
    return _sm3(bytes(b ^ 0x5C for b in key) + inner)


@pytest.mark.parametrize("key", [b"", b"k" * 16, b"\x0b" * 20, b"long" * 40])
def test_hmac_sm3_is_rfc2104_over_sm3(key: bytes) -> None:
    message = b"POST\n/api/v1/submissions/batch\n1767225600\nabc\n" + b"0" * 64
    assert hmac_sm3(key, message) == _hmac_by_hand(key, message)
    assert hmac_sm3(key, message) != hmac_sm3(key, message + b"!")


def test_request_signature_names_its_mac_and_verifies_only_in_it() -> None:
    args = ("POST", "/api/v1/x?a=1", 1767225600, "ab" * 16, "cd" * 32)
    sha = sign(b"secret", *args)
    sm3 = sign(b"secret", *args, mac=MAC_HMAC_SM3)
    assert sha.startswith("v1=") and sm3.startswith("sm3=")
    assert sm3 == "sm3=" + _hmac_by_hand(b"secret", "\n".join(map(str, args)).encode()).hex()
    assert verify(b"secret", sha, *args) and verify(b"secret", sm3, *args)
    assert not verify(b"secret", "sm3=" + sha[3:], *args)  # relabelled: no
    assert not verify(b"other", sm3, *args)
    assert not verify(b"secret", "v2=" + sm3[4:], *args)


def test_receipt_sig_length_names_its_mac() -> None:
    no, ts = "0001-260101-0001-1", 1767225600
    sha = receipt_signature(b"s", no, ts)
    sm3 = receipt_signature(b"s", no, ts, MAC_HMAC_SM3)
    assert (len(sha), len(sm3)) == (16, 24)
    assert receipt_sig_mac(sha) == MAC_HMAC_SHA256 and receipt_sig_mac(sm3) == MAC_HMAC_SM3
    assert receipt_sig_mac(sha[:-1]) is None


# --- SM2 ---------------------------------------------------------------------------

ANNEX_D = ref._h("1649AB77 A00637BD 5E2EFE28 3FBF3535 34AA7F7C B89463F2 08DDBC29 20BB0DA0")
ANNEX_K = ref._h("4C62EEFD 6ECFC2B9 5B92FD6C 3D957514 8AFA1742 5546D490 18E5388D 49DD7B4F")


def test_reference_reproduces_the_gbt32918_4_worked_example() -> None:
    curve = ref.EXAMPLE_FP256
    public = curve.mul(ANNEX_D, curve.g)
    assert public == (
        ref._h("435B39CC A8F3B508 C1488AFC 67BE491A 0F7BA07E 581A0E48 49A5CF70 628A7E0A"),
        ref._h("75DDBA78 F15FEECB 4C7895E2 C1CDF5FE 01DEBB2C DBADF453 99CCF77B BA076A42"),
    )
    cipher = ref.encrypt(curve, public, ANNEX_K, b"encryption standard")
    assert cipher.x1 == ref._h(
        "245C26FB 68B1DDDD B12C4B6B F9F2B6D5 FE60A383 B0D18D1C 4144ABF1 7F6252E7"
    )
    assert cipher.y1 == ref._h(
        "76CB9264 C2A7E88E 52B19903 FDC47378 F605E368 11F5C074 23A24B84 400F01B8"
    )
    assert cipher.c2 == X("650053A89B41C418B0C3AAD00D886C00286467")
    assert cipher.c3 == X("9C3D7360C30156FAB7C80A0276712DA9D8094A634B766D3A285E07480653426D")
    assert ref.decrypt(curve, ANNEX_D, cipher) == b"encryption standard"


# A fixed-k ciphertext of the SM4 test key, to the GB/T 32918.2 example key pair on
# the recommended curve, made by the reference and pinned here (GB/T 35276 DER).
PINNED_D = X("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8")
PINNED_PUBLIC = X(
    "0409F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020"
    "CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13"
)
PINNED_K = ref._h("59276E27 D506861A 16680F3A D9C02DCC EF3CC1FA 3CDBE4CE 6D54B80D EAC1BC21")
PINNED_CIPHERTEXT = X(
    "3079022004ebfc718e8d1798620432268e77feb6415e2ede0e073c0f4f640ecd2e149a73"
    "022100e858f9d81e5430a57b36daab8f950a3c64e6ee6a63094d99283aff767e124df0"
    "04204423b448d18b4a1a86b0e264e928007803243a5a8d9d0b0e8953bfe4e928adcf"
    "041045c54abc791125fbc9bae9ecc8a65559"
)
SM4_TEST_KEY = X("0123456789abcdeffedcba9876543210")


def test_product_opens_the_pinned_fixed_k_ciphertext() -> None:
    curve = ref.SM2P256
    point = curve.mul(int.from_bytes(PINNED_D, "big"), curve.g)
    assert point is not None
    assert b"\x04" + point[0].to_bytes(32, "big") + point[1].to_bytes(32, "big") == PINNED_PUBLIC
    cipher = ref.encrypt(curve, point, PINNED_K, SM4_TEST_KEY)
    assert ref.to_der(cipher) == PINNED_CIPHERTEXT  # the pin is the reference's output
    key = Sm2PrivateKey(PINNED_D, PINNED_PUBLIC)
    assert key.decrypt(PINNED_CIPHERTEXT) == SM4_TEST_KEY
    tampered = bytearray(PINNED_CIPHERTEXT)
    tampered[-1] ^= 1  # one bit of C2: C3 no longer matches
    with pytest.raises(Sm2Error):
        key.decrypt(bytes(tampered))


def test_product_and_reference_open_each_others_ciphertexts() -> None:
    scalar, point = Sm2PrivateKey.generate()
    key = Sm2PrivateKey(scalar, point)
    curve = ref.SM2P256
    public = (int.from_bytes(point[1:33], "big"), int.from_bytes(point[33:], "big"))
    assert curve.on_curve(public)
    assert curve.mul(int.from_bytes(scalar, "big"), curve.g) == public
    for message in (SM4_TEST_KEY, b"x", bytes(range(256)) * 3):
        from_product = ref.from_der(key.public.encrypt(message))
        assert ref.decrypt(curve, int.from_bytes(scalar, "big"), from_product) == message
        k = int.from_bytes(_sm3(message), "big") % (curve.n - 1) + 1
        from_reference = ref.to_der(ref.encrypt(curve, public, k, message))
        assert key.decrypt(from_reference) == message
    assert key.public.encrypt(b"same") != key.public.encrypt(b"same")  # a fresh k each time


def test_bad_keys_are_refused() -> None:
    _, point = Sm2PrivateKey.generate()
    other_scalar, _ = Sm2PrivateKey.generate()
    with pytest.raises(Sm2Error):
        Sm2PrivateKey(other_scalar, point)  # halves of different pairs
    off_curve = point[:-1] + bytes([point[-1] ^ 1])
    with pytest.raises(Sm2Error):
        Sm2PublicKey(off_curve)
    with pytest.raises(Sm2Error):
        Sm2PublicKey(point[1:])  # not the uncompressed form


def test_envelope_round_trip_binds_key_and_content() -> None:
    scalar, point = Sm2PrivateKey.generate()
    key = Sm2PrivateKey(scalar, point)
    enc, ct = sm_envelope.seal(key.public, b'{"name": "\xe5\xbc\xa0\xe4\xb8\x89"}')
    assert sm_envelope.open_sealed(key, enc, ct) == b'{"name": "\xe5\xbc\xa0\xe4\xb8\x89"}'
    assert len(enc) <= sm_envelope.MAX_ENC_LEN
    other = Sm2PrivateKey(*Sm2PrivateKey.generate())
    with pytest.raises(sm_envelope.SmEnvelopeError):
        sm_envelope.open_sealed(other, enc, ct)
    with pytest.raises(sm_envelope.SmEnvelopeError):
        sm_envelope.open_sealed(key, enc, ct[:-1] + bytes([ct[-1] ^ 1]))
    file_form = sm_envelope.seal_file(key.public, b"%PDF-1.7 scan")
    assert sm_envelope.open_file(key, file_form) == b"%PDF-1.7 scan"
    with pytest.raises(sm_envelope.SmEnvelopeError):
        sm_envelope.open_file(key, file_form[:40])
