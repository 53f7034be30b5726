"""The security event log: one JSON line per event in ``<data dir>/security.log``.

Every line has ``time``, ``event``, ``source`` (the client address, or ``local`` for
an admin command), ``terminal_id`` (as claimed, or null) and ``outcome``, plus a few
fixed fields (``code``, ``path`` without its query, ``command``). Never personal
data and never a secret: no bodies, no query strings, no signatures, no codes.

The file rotates (``RotatingFileHandler``: 10 MB, five old files), is created 0600
and is counted per event and outcome in ``/metrics`` (Prometheus text format).
"""

from __future__ import annotations

import io
import json
import logging
import logging.handlers
import os
import threading
import time
import unicodedata
from pathlib import Path
from typing import Any

from prometheus_client import CollectorRegistry, Counter

from central.clock import Clock, SystemClock
from sync.protocol.times import rfc3339

SECURITY_LOG_FILENAME = "security.log"
MAX_BYTES = 10 * 1024 * 1024
BACKUP_COUNT = 5
FIELD_MAX = 80
MAX_QUIET_KEYS = 10_000
REPEAT_EVERY_S = 10.0  # floods: one line per event, source and terminal this often

# The events central records (docs/security.md lists when each is written).
BAD_SIGNATURE = "bad-signature"
UNKNOWN_TERMINAL = "unknown-terminal"
CLOCK_SKEW = "clock-skew"
REPLAYED_NONCE = "replayed-nonce"
TERMINAL_REVOKED = "terminal-revoked"
ENROLMENT = "enrolment"
ENROLMENT_FAILED = "enrolment-failed"
ENROLMENT_LOCKED = "enrolment-locked"
THROTTLED = "throttled"
RECEIPT_NOT_VERIFIED = "receipt-not-verified"
LOOKUP_REFUSED = "receipt-lookup-refused"
LOOKUP_LOCKED = "receipt-lookup-locked"
ADMIN_COMMAND = "admin-command"
LOOSE_FILE_MODES = "loose-file-modes"
AT_REST_DECRYPT_FAILED = "at-rest-decrypt-failed"
PAYLOAD_OPENED = "payload-opened"
AUDIT_CHAIN = "audit-chain"  # a terminal's audit chain went back, skipped or changed
STAFF_LOCKOUT = "staff-lockout"  # a staff account locked at a kiosk (wrong PINs)


def clean(value: object) -> str | None:
    """A short printable form of an attacker-supplied value (a header, a path)."""
    if value is None:
        return None
    text = "".join(
        ch if unicodedata.category(ch)[0] != "C" else "?" for ch in str(value)[:FIELD_MAX]
    )
    return text + ("…" if len(str(value)) > FIELD_MAX else "")


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating file handler whose files are created (and kept) mode 0600."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        os.fchmod(fd, 0o600)  # an older file may have been made looser
        return io.open(fd, "a", encoding="utf-8")  # noqa: UP020 (typed as TextIOWrapper)


class SecurityLog:
    """Writes security events and counts them.

    ``path=None`` counts without writing (tools that have no data dir).
    """

    def __init__(
        self,
        path: Path | None,
        clock: Clock | None = None,
        registry: CollectorRegistry | None = None,
    ) -> None:
        self.path = path
        self._clock = clock or SystemClock()
        self.registry = registry or CollectorRegistry()
        self._counter = Counter(
            "central_security_events",
            "Security events by event and outcome",
            ["event", "outcome"],
            registry=self.registry,
        )
        # A logger of our own, outside logging's global tree: two apps in one process
        # (tests) must not write each other's files, and nothing propagates to stderr.
        self._logger = logging.Logger(f"central.security.{id(self)}", logging.INFO)
        self._logger.propagate = False
        self._handler: logging.Handler | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            self._handler = PrivateRotatingFileHandler(
                path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
            )
            self._handler.setFormatter(logging.Formatter("%(message)s"))
            self._logger.addHandler(self._handler)
        self._quiet_lock = threading.Lock()
        self._quiet: dict[tuple[str, str | None, str | None], tuple[float, int]] = {}

    def _repeats(self, key: tuple[str, str | None, str | None], every_s: float) -> int | None:
        """None to stay quiet (a line for ``key`` was written under ``every_s`` ago);
        else how many were left unwritten since that line."""
        now = time.monotonic()
        with self._quiet_lock:
            last, skipped = self._quiet.get(key, (None, 0))
            if last is not None and now - last < every_s:
                self._quiet[key] = (last, skipped + 1)
                return None
            if len(self._quiet) >= MAX_QUIET_KEYS:
                self._quiet.clear()
            self._quiet[key] = (now, 0)
            return skipped

    def record(
        self,
        event: str,
        outcome: str,
        *,
        source: str | None = None,
        terminal_id: str | None = None,
        every_s: float | None = None,
        **fields: object,
    ) -> None:
        """Write one event line and count it; ``fields`` are short, non-personal facts.

        With ``every_s``, one line per event, source and terminal is written in that
        time; the others are counted, and the next line's ``repeats`` says how many
        there were (a flood must not rotate the evidence away)."""
        self._counter.labels(event=event, outcome=outcome).inc()
        if every_s is not None:
            # Made-up terminal ids must not make every line new.
            known = None if event == UNKNOWN_TERMINAL else terminal_id
            repeats = self._repeats((event, source, known), every_s)
            if repeats is None:
                return
            if repeats:
                fields["repeats"] = repeats
        line: dict[str, Any] = {
            "time": rfc3339(self._clock.now()),
            "event": event,
            "source": clean(source),
            "terminal_id": clean(terminal_id),
            "outcome": outcome,
        }
        line.update({key: value if isinstance(value, int) else clean(value)
                     for key, value in fields.items()})  # fmt: skip
        self._logger.info(json.dumps(line, ensure_ascii=True, sort_keys=True))

    def count(self, event: str, outcome: str) -> None:
        """Count an event without writing a line (repeats of a throttled flood)."""
        self._counter.labels(event=event, outcome=outcome).inc()

    def close(self) -> None:
        """Close the file (the log reopens it on the next event)."""
        if self._handler is not None:
            self._handler.close()
