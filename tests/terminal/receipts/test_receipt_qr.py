"""Signed receipt URLs: issue, verify, and every way a scanned one is refused."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from terminal.receipts import qr
from terminal.receipts.number import ReceiptNumber
from terminal.receipts.qr import ReceiptQrError, receipt_url, verify_receipt_url

BASE = "https://msb.example.gov.cn"
SECRET = b"terminal-0042-secret"
RECEIPT = "0042-261127-0123-X"
TS = 1764211200
# Computed once with hmac/base64 directly, outside the module under test.
URL = f"{BASE}/r/{RECEIPT}?ts={TS}&sig=HEPC5Z5FYRV7AJAM"
FOREIGN = ReceiptNumber.issue("0099", date(2026, 11, 27), 7).format()


def _verify(url: str, *, base: str = BASE, secret: bytes = SECRET, code: str = "0042"):
    return verify_receipt_url(url, public_base=base, secret=secret, terminal_code=code)


def _reason(url: str, **kwargs: object) -> str:
    with pytest.raises(ReceiptQrError) as caught:
        _verify(url, **kwargs)  # type: ignore[arg-type]
    return caught.value.reason


def _signed(receipt_no: str, ts: int = TS, secret: bytes = SECRET) -> str:
    """A signature made without the module, to build URLs it would never issue."""
    mac = hmac.new(secret, f"{receipt_no}|{ts}".encode(), hashlib.sha256).digest()
    return base64.b32encode(mac[:10]).decode()


# --- issuing -----------------------------------------------------------------


def test_url_matches_the_protocol_vector() -> None:
    assert receipt_url(BASE, RECEIPT, SECRET, TS) == URL


def test_trailing_slash_on_the_base_is_ignored() -> None:
    assert receipt_url(BASE + "/", RECEIPT, SECRET, TS) == URL
    assert receipt_url(BASE + "//", RECEIPT, SECRET, TS) == URL


def test_base_with_a_path_prefix() -> None:
    url = receipt_url("https://www.example.gov.cn/msb/", RECEIPT, SECRET, TS)
    assert url.startswith("https://www.example.gov.cn/msb/r/0042-261127-0123-X?ts=")
    assert _verify(url, base="https://www.example.gov.cn/msb").format() == RECEIPT


@pytest.mark.parametrize(
    "receipt_no",
    [
        "00422611270123X",  # valid but not canonical
        "0042-261127-0123-x",
        "0042-261127-0123-7",  # wrong check
        "",
    ],
)
def test_url_needs_a_canonical_valid_receipt_number(receipt_no: str) -> None:
    with pytest.raises(ValueError):
        receipt_url(BASE, receipt_no, SECRET, TS)


@pytest.mark.parametrize("ts", [-1, True, 1.5, "1764211200", 10**12])
def test_url_needs_a_plausible_unix_time(ts: object) -> None:
    with pytest.raises(ValueError):
        receipt_url(BASE, RECEIPT, SECRET, ts)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "base", ["", "msb.example.gov.cn", "ftp://msb.example.gov.cn", "https://", f"{BASE}?a=1"]
)
def test_url_needs_an_http_base(base: str) -> None:
    with pytest.raises(ValueError):
        receipt_url(base, RECEIPT, SECRET, TS)


@pytest.mark.parametrize("secret", [b"", "text-secret"])
def test_url_needs_a_non_empty_bytes_secret(secret: object) -> None:
    with pytest.raises(ValueError):
        receipt_url(BASE, RECEIPT, secret, TS)  # type: ignore[arg-type]


def test_zero_timestamp_is_allowed() -> None:
    assert _verify(receipt_url(BASE, RECEIPT, SECRET, 0)).format() == RECEIPT


# --- verifying ---------------------------------------------------------------


def test_verify_returns_the_receipt_number() -> None:
    assert _verify(URL) == ReceiptNumber("0042", date(2026, 11, 27), 123, "X")


@settings(max_examples=200)
@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    st.integers(1, 10**7),
    st.integers(0, 10**11),
    st.binary(min_size=1, max_size=64),
)
def test_round_trip(day: date, sequence: int, ts: int, secret: bytes) -> None:
    number = ReceiptNumber.issue("0042", day, sequence)
    url = receipt_url(BASE, number.format(), secret, ts)
    assert _verify(url, secret=secret) == number


@pytest.mark.parametrize("suffix", ["\r", "\n", "\r\n", "  ", "\t\r\n"])
def test_scanner_line_endings_are_tolerated(suffix: str) -> None:
    assert _verify(URL + suffix).format() == RECEIPT
    assert _verify(" " + URL + suffix).format() == RECEIPT


@pytest.mark.parametrize("base", [BASE + "/", BASE + "//", " " + BASE])
def test_verify_ignores_a_trailing_slash_on_the_base(base: str) -> None:
    assert _verify(URL, base=base).format() == RECEIPT


def test_scheme_and_host_compare_without_case() -> None:
    url = URL.replace("https://msb.example.gov.cn", "HTTPS://MSB.Example.GOV.cn")
    assert _verify(url).format() == RECEIPT


def test_constant_time_comparison_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(qr.hmac, "compare_digest", spy)
    _verify(URL)
    assert calls == [(base64.b32decode("HEPC5Z5FYRV7AJAM"),) * 2]


# --- refused -----------------------------------------------------------------


def test_tampered_signature() -> None:
    sig = URL.rsplit("=", 1)[1]
    flipped = ("A" if sig[0] != "A" else "B") + sig[1:]
    assert _reason(URL.replace(sig, flipped)) == "bad_signature"


def test_tampered_timestamp() -> None:
    assert _reason(URL.replace(f"ts={TS}", f"ts={TS + 1}")) == "bad_signature"


def test_tampered_receipt_to_another_valid_number_of_this_terminal() -> None:
    other = ReceiptNumber.issue("0042", date(2026, 11, 27), 124).format()
    assert _reason(URL.replace(RECEIPT, other)) == "bad_signature"


def test_signed_with_an_unknown_key() -> None:
    assert _reason(receipt_url(BASE, RECEIPT, b"some-other-terminal-key", TS)) == "bad_signature"
    assert _reason(URL, secret=b"terminal-0042-secreT") == "bad_signature"


def test_another_terminal_is_reported_before_the_signature_is_checked() -> None:
    # Whatever the signature, we hold no key for terminal 0099: look it up online.
    assert _reason(URL.replace(RECEIPT, FOREIGN)) == "other_terminal"
    assert _reason(receipt_url(BASE, FOREIGN, b"0099-key", TS)) == "other_terminal"


def test_this_terminal_scanning_its_own_with_another_code_configured() -> None:
    assert _reason(URL, code="0043") == "other_terminal"


@pytest.mark.parametrize(
    "receipt_no",
    [
        "0042-261127-0123-7",  # wrong check character
        "0042-260230-0123-X",  # 30 February
        "0042-261127-0000-X",
        "00422611270123X",  # valid number, but we never sign this form
        "0042-261127-0123-x",
        "receipt",
        "0042%2D261127%2D0123%2DX",  # percent-encoded hyphens are not decoded
    ],
)
def test_bad_receipt(receipt_no: str) -> None:
    url = f"{BASE}/r/{receipt_no}?ts={TS}&sig={_signed(receipt_no)}"
    assert _reason(url) == "bad_receipt"


@pytest.mark.parametrize(
    "url",
    [
        "",
        "   \r\n",
        RECEIPT,
        "not a url",
        URL.replace("https://", "http://"),
        URL.replace("msb.example.gov.cn", "msb.example.gov.cn.evil.test"),
        URL.replace("msb.example.gov.cn", "evil.test"),
        URL.replace("msb.example.gov.cn", "msb.example.gov.cn:8443"),
        URL.replace("/r/", "/R/"),
        URL.replace("/r/", "/x/"),
        URL.replace("/r/", "/r//"),
        URL.replace("/r/", "/msb/r/"),
        URL.replace(f"/r/{RECEIPT}", "/r/"),
        URL.replace("?", "/extra?"),
        URL + "#top",
        URL.split("?")[0],  # no query at all
        URL.replace(f"ts={TS}&", ""),  # missing ts
        URL.replace("&sig=HEPC5Z5FYRV7AJAM", ""),  # missing sig
        URL + f"&ts={TS}",  # duplicate ts
        URL + "&sig=HEPC5Z5FYRV7AJAM",  # duplicate sig
        URL + "&utm=1",  # a parameter we never print
        URL + "&",
        URL.replace(f"ts={TS}", "ts="),
        URL.replace(f"ts={TS}", "ts=12a"),
        URL.replace(f"ts={TS}", "ts=-1"),
        URL.replace(f"ts={TS}", "ts=+1764211200"),
        URL.replace(f"ts={TS}", "ts=01764211200"),  # leading zero
        URL.replace(f"ts={TS}", "ts=1.7e9"),
        URL.replace(f"ts={TS}", "ts=１７６４２１１２００"),  # full-width digits
        URL.replace(f"ts={TS}", "ts=1234567890123"),  # 13 digits
        URL.replace(f"ts={TS}", "ts"),
        URL.replace("HEPC5Z5FYRV7AJAM", "hepc5z5fyrv7ajam"),  # base32 is uppercase
        URL.replace("HEPC5Z5FYRV7AJAM", "HEPC5Z5FYRV7AJA"),  # too short
        URL.replace("HEPC5Z5FYRV7AJAM", "HEPC5Z5FYRV7AJAMA"),  # too long
        URL.replace("HEPC5Z5FYRV7AJAM", "HEPC5Z5FYRV7AJ=="),  # padding
        URL.replace("HEPC5Z5FYRV7AJAM", "HEPC5Z5FYRV7AJ01"),  # 0 and 1 are not base32
        URL.replace("HEPC5Z5FYRV7AJAM", ""),
        URL.replace("sig=", "SIG="),
        URL.replace("?ts", "? ts"),  # blank inside
        URL.replace("https://", "https://[::1"),  # urlsplit itself refuses this
    ],
)
def test_malformed(url: str) -> None:
    assert _reason(url) == "malformed"


def test_malformed_is_judged_before_the_receipt_and_the_terminal() -> None:
    assert _reason(f"{BASE}/r/junk?ts=1&sig=bad") == "malformed"
    assert _reason(f"{BASE}/r/{FOREIGN}?ts={TS}&sig=short") == "malformed"


def test_non_text_is_malformed() -> None:
    assert _reason(None) == "malformed"  # type: ignore[arg-type]
    assert _reason(URL.encode()) == "malformed"  # type: ignore[arg-type]


@pytest.mark.parametrize("code", ["42", "00420", "00a2", "٠٠٤٢"])
def test_verify_refuses_a_misconfigured_terminal_code(code: str) -> None:
    with pytest.raises(ValueError):
        _verify(URL, code=code)


def test_verify_refuses_an_empty_secret() -> None:
    with pytest.raises(ValueError):
        _verify(URL, secret=b"")


def test_error_is_a_value_error_carrying_its_reason() -> None:
    with pytest.raises(ValueError) as caught:
        _verify(URL + "&x=1")
    assert isinstance(caught.value, ReceiptQrError)
    assert caught.value.reason == "malformed" == str(caught.value)
