"""The table of configuration keys: one frozen dataclass per ``[section]``.

The device sections live in :mod:`terminal.config.devices`; :data:`SECTION_TYPES`
below lists every section, in the order of the docs.

Each field's annotation is the key's type, and :func:`~.spec.setting` gives
its default, one-line documentation and limits. Validation, defaults,
attribute access (``config.sync.timeout_s``) and docs/configuration.md all
come from here; to add a key, add a field and regenerate the docs with
``python scripts/gen_config_docs.py``.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from terminal.config.devices import (
    CameraSection,
    CardReaderSection,
    MicrophoneSection,
    PrinterSection,
    ScannerSection,
)
from terminal.config.spec import KeySpec, format_value, keys_of, setting

_URL = r"https?://\S+"


def _known_time_zone(name: str) -> str | None:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return f'must be an IANA time zone name such as "Asia/Shanghai", not {format_value(name)}'
    return None


@dataclass(frozen=True)
class TerminalSection:
    """Who this terminal is and where it stands."""

    code: str = setting(
        "0001",
        "This terminal's code, assigned at enrolment; part of every receipt number "
        "(0000 is the embedded demo's, never a real terminal's).",
        pattern=r"[0-9]{4}",
        pattern_doc="4 digits",
    )
    branch_code: str = setting("530102-001", "Code of the branch the terminal stands in.")
    branch_name: str = setting(
        "马上办便民服务点（示范）", "Name of the branch, printed on receipts."
    )
    locale: str = setting("zh_CN", "Language the screens start in.", choices=("zh_CN", "en"))
    timezone: str = setting(
        "Asia/Shanghai",
        "IANA time zone of receipt times and of the day that receipt numbers count in.",
        check=_known_time_zone,
        check_doc="an IANA time zone name",
    )


@dataclass(frozen=True)
class StoreSection:
    """The local database, sealed attachments and backups."""

    data_dir: str = setting(
        "",
        "Folder of the database, attachments and backups; empty = the platform's data "
        "folder. Relative: from the config file's folder (from the current one when set "
        "by environment or command line).",
    )
    retention_days: int = setting(
        30, "Days after sync before sealed payloads and attachments are erased.", minimum=1
    )
    max_attachment_mb: int = setting(
        20, "Largest attachment a citizen may add, in MB.", minimum=1, maximum=20
    )
    max_attachments: int = setting(9, "Most attachments on one submission.", minimum=0, maximum=50)
    min_free_disk_mb: int = setting(
        200, "Free disk space (MB) below which no new submission is taken.", minimum=0
    )
    backups_kept: int = setting(5, "Database backups (taken before migrations) kept.", minimum=1)
    key_protection: str = setting(
        "auto",
        "How keys/ is kept: auto = sealed to the TPM when one answers (file keys too), "
        "else 0600 files; tpm = refuse to start without one; file = never seal "
        "(sealed keys are still read).",
        choices=("auto", "tpm", "file"),
    )
    tpm_tcti: str = setting(
        "",
        "How to reach the TPM (a tpm2-tools TCTI, e.g. device:/dev/tpmrm0); empty = "
        "$TPM2TOOLS_TCTI, else /dev/tpmrm0 when it exists.",
    )
    tpm_pcrs: str = setting(
        "",
        "PCRs the sealed keys are bound to, e.g. sha256:0,7 (a firmware or Secure Boot "
        "change then locks them out); empty = bound to the TPM only.",
        pattern=r"(sha(1|256|384):[0-9]{1,2}(,[0-9]{1,2})*)?",
        pattern_doc="empty or BANK:N,N (e.g. sha256:0,7)",
    )


@dataclass(frozen=True)
class SyncSection:
    """Talking to the central platform."""

    server_url: str = setting(
        "",
        "Base URL of the central platform; empty = start the embedded reference central "
        "on loopback.",
        pattern=f"({_URL})?",
        pattern_doc="empty or an http(s):// URL",
    )
    allow_http_loopback: bool = setting(
        False,
        "Allow plain http:// to a loopback server (development, tests); false = https:// "
        "only. The embedded demo central is always reached over loopback http://.",
    )
    ca_file: str = setting("", "PEM file of CAs trusted for the server; empty = the system's.")
    pin_sha256: tuple[str, ...] = setting(
        (),
        "SHA-256 fingerprints (hex) of the server's certificate or public key: current "
        "and backup; empty = no pinning.",
        pattern=r"[0-9A-Fa-f]{64}",
        pattern_doc="64 hex digits",
    )
    timeout_s: float = setting(
        10.0, "Timeout of one HTTP request, in seconds.", minimum=0.1, maximum=600
    )
    backoff_base_s: float = setting(
        1.0,
        "Seconds before the first retry of a failed sync; doubles on each failure.",
        minimum=0.1,
    )
    backoff_cap_s: float = setting(
        300.0, "Longest delay between sync retries, in seconds.", minimum=1
    )
    start_jitter_s: float = setting(
        30.0,
        "Random delay of up to this many seconds before the first sync, so that terminals "
        "restarted together do not call at once.",
        minimum=0,
    )
    batch_max_items: int = setting(
        100, "Most submissions in one upload batch.", minimum=1, maximum=10_000
    )
    batch_max_bytes: int = setting(2_097_152, "Largest upload batch body, in bytes.", minimum=1024)
    poll_interval_s: float = setting(
        30.0, "Seconds between pulls of catalog and case changes.", minimum=1
    )
    heartbeat_interval_s: float = setting(
        60.0, "Seconds between heartbeats that report the terminal's health.", minimum=5
    )


@dataclass(frozen=True)
class ReceiptSection:
    """Printed and on-screen receipts."""

    public_base: str = setting(
        "https://mashangban.example.gov.cn",
        "The platform's public site; receipt QR codes link under it.",
        pattern=_URL,
        pattern_doc="an http(s):// URL",
    )
    screen_timeout_s: int = setting(
        60, "Seconds the receipt screen stays before returning home.", minimum=5
    )


@dataclass(frozen=True)
class UiSection:
    """The kiosk window."""

    idle_timeout_s: int = setting(
        90,
        "Seconds without a touch before the idle countdown; its end discards the session.",
        minimum=15,
    )
    idle_countdown_s: int = setting(
        15, "Seconds of the countdown that warns before an idle session ends.", minimum=5
    )
    fullscreen: bool = setting(True, "Run the window full screen; false for development.")
    orientation: str = setting(
        "auto",
        "Layout orientation; auto follows the screen's shape.",
        choices=("auto", "landscape", "portrait"),
    )
    elderly_scale: float = setting(
        1.3, "Scale of text and controls in large-print mode.", minimum=1.3, maximum=2.0
    )
    large_text: bool = setting(
        False,
        "Start every citizen session in large-text (elderly) mode: the branch default "
        "each session returns to.",
    )
    voice: bool = setting(True, "Speak guidance aloud.")
    voice_engine: str = setting(
        "auto",
        "Text-to-speech engine; auto picks one that works, mock is silent (tests).",
        choices=("auto", "speechd", "mock", "none"),
    )


@dataclass(frozen=True)
class LoggingSection:
    """The terminal's log (never holds personal data)."""

    level: str = setting(
        "INFO", "Lowest level written.", choices=("DEBUG", "INFO", "WARNING", "ERROR")
    )
    max_bytes: int = setting(5_242_880, "Size at which the log file rotates.", minimum=10_240)
    backups: int = setting(5, "Rotated log files kept.", minimum=0)


@dataclass(frozen=True)
class StaffSection:
    """Staff sign-in."""

    idle_timeout_s: int = setting(
        300, "Seconds without a touch before a staff session locks.", minimum=30
    )
    lockout_failures: int = setting(5, "Failed sign-ins in a row that lock the account.", minimum=1)
    lockout_minutes: int = setting(
        15,
        "Minutes the account then stays locked; doubled for each further lockout "
        "within 24 h, at most 4 h.",
        minimum=1,
    )


SECTION_TYPES: Mapping[str, type] = MappingProxyType(
    {
        "terminal": TerminalSection,
        "store": StoreSection,
        "sync": SyncSection,
        "receipt": ReceiptSection,
        "ui": UiSection,
        "printer": PrinterSection,
        "card_reader": CardReaderSection,
        "scanner": ScannerSection,
        "camera": CameraSection,
        "microphone": MicrophoneSection,
        "logging": LoggingSection,
        "staff": StaffSection,
    }
)

SECTION_KEYS: Mapping[str, tuple[KeySpec, ...]] = MappingProxyType(
    {name: keys_of(name, cls) for name, cls in SECTION_TYPES.items()}
)


def all_keys() -> tuple[KeySpec, ...]:
    """Every key of every section, in the order of the table."""
    return tuple(spec for specs in SECTION_KEYS.values() for spec in specs)


def section_doc(name: str) -> str:
    """The one-line description of a section."""
    return (SECTION_TYPES[name].__doc__ or "").strip()
