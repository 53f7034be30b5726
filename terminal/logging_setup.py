"""Logging: a rotating file under the data directory, and stderr.

Personal data never reaches a log by design (payloads are sealed and never
logged). As a second line of defence a filter masks anything shaped like a
resident ID number or a mainland mobile number before a record is written.
"""

from __future__ import annotations

import logging
import re
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

_ID_RE = re.compile(
    r"(?<![0-9])([1-9][0-9]{5})(?:19|20)[0-9]{2}[01][0-9][0-3][0-9][0-9]{3}[0-9Xx](?![0-9])"
)
_PHONE_RE = re.compile(r"(?<![0-9])(1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])")
LOG_FILE = "mashangban.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def redact(text: str) -> str:
    """Mask ID-number-shaped and mobile-shaped digit runs."""
    text = _ID_RE.sub(lambda m: m.group(1)[:4] + "*" * 14, text)
    return _PHONE_RE.sub(lambda m: f"{m.group(1)}****{m.group(2)}", text)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class _DropsOnOSError:
    """A handler that a full disk (or a closed stderr) silences instead of printing
    ``--- Logging error ---`` and a traceback for every record; the count of records
    dropped is kept (``dropped``), and writing resumes by itself once there is room.
    Other errors (a bad format string) are reported as usual."""

    dropped = 0

    def handleError(self, record: logging.LogRecord) -> None:
        if isinstance(sys.exc_info()[1], OSError):
            self.dropped += 1
            return
        super().handleError(record)  # type: ignore[misc]


class QuietRotatingFileHandler(_DropsOnOSError, RotatingFileHandler):
    """The log file: records that cannot be written (disk full) are dropped quietly."""


class QuietStreamHandler(_DropsOnOSError, logging.StreamHandler):
    """stderr: a closed or full stream drops records quietly."""


def setup_logging(
    logs_dir: Path, level: str = "INFO", max_bytes: int = 5_242_880, backups: int = 5
) -> Path:
    """Configure the root logger once; returns the log file path."""
    logs_dir.mkdir(parents=True, exist_ok=True)
    path = logs_dir / LOG_FILE
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_mashangban", False):
            root.removeHandler(handler)
            handler.close()
    # delay: a full disk may refuse even the empty file; records are then dropped.
    file_handler = QuietRotatingFileHandler(
        path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8", delay=True
    )
    stderr_handler = QuietStreamHandler()
    stderr_handler.setLevel(logging.WARNING)
    for handler in (file_handler, stderr_handler):
        handler.setFormatter(logging.Formatter(_FORMAT))
        handler.addFilter(RedactingFilter())
        setattr(handler, "_mashangban", True)  # noqa: B010 (marks our own handlers)
        root.addHandler(handler)
    root.setLevel(level)
    return path
