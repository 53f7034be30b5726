"""The logging filter masks ID-number- and phone-shaped digits (a second line of defence)."""

from __future__ import annotations

import logging
from pathlib import Path

from terminal.logging_setup import redact, setup_logging


def test_redact_masks_ids_and_phones_but_not_receipts_or_times() -> None:
    text = "id 53010219580317202X phone 13987654321 receipt 0042-261127-0001-8 at 20261127"
    out = redact(text)
    assert "53010219580317202X" not in out and "5301**************" in out
    assert "13987654321" not in out and "139****4321" in out
    assert "0042-261127-0001-8" in out and "20261127" in out


def test_log_file_never_receives_the_clear_values(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "logs", "INFO")
    try:
        logging.getLogger("t").warning(
            "citizen %s called from %s", "11010519491231002X", "13812345678"
        )
        for handler in logging.getLogger().handlers:
            handler.flush()
        content = path.read_text(encoding="utf-8")
        assert "11010519491231002X" not in content and "13812345678" not in content
        assert "138****5678" in content
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "_mashangban", False):
                logging.getLogger().removeHandler(handler)
                handler.close()
