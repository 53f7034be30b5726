"""What central will refuse by shape, checked before a receipt is issued.

A citizen must never hold a receipt for a submission central rejects as an
``invalid-payload``: so confirm encodes the payload as it will be sealed and runs
central's own judge on those bytes (sync/protocol/payload_rules.py), with the
terminal's margin, before anything is sealed or stored.

Problems name a field and a rule, never a value: payloads hold personal data.
"""

from __future__ import annotations

import json
from typing import Any

from sync.protocol.payload_rules import CatalogCodes, PayloadRejected, judge_payload


def _encoded(payload: Any) -> bytes:
    """The payload as UTF-8 JSON, or PayloadRejected for what JSON cannot hold."""
    try:
        return json.dumps(payload, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except UnicodeEncodeError:
        rule = "a string holds an unpaired surrogate"
        raise PayloadRejected(
            f"payload is not JSON: {rule}", rule=rule, reason="characters"
        ) from None
    except (TypeError, ValueError, RecursionError) as exc:  # not JSON, NaN, a cycle
        rule = f"not a JSON value ({type(exc).__name__})"
        raise PayloadRejected(f"payload is not JSON: {rule}", rule=rule) from None


def check_payload(kind: str, code: str, payload: Any, codes: CatalogCodes | None) -> bytes:
    """The payload as the UTF-8 JSON to be sealed, when central would accept its shape.

    ``codes`` are those of the catalog version the citizen used (None when this
    terminal no longer holds that version: central then judges the codes alone).
    Raises PayloadRejected otherwise; its ``reason`` picks the citizen's words.
    """
    body = _encoded(payload)
    judge_payload(kind, body, codes, code=code, margin=True)
    return body
