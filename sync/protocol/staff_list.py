"""Wire schema of ``GET /api/v1/staff``: the staff accounts central provisions to the
calling terminal (docs/sync.md, Staff accounts). No I/O.

Each record is what ``terminal.staff.directory.StaffDirectory.provision`` takes; the
PIN travels only as the terminal's scrypt hash (``scrypt$n$r$p$salt$dk``), never in
clear. Disabled accounts are listed too (``enabled: false``), so that a disable
reaches the terminal. The terminal checks each record again (id, name, role, hash
strength) and refuses the whole list when one is bad.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import Field, StringConstraints

from sync.protocol.schemas import WireModel

STAFF_PATH: Final = "/staff"
MAX_STAFF_ACCOUNTS: Final = 5000

StaffRole = Literal["clerk", "technician"]


class StaffAccountRecord(WireModel):
    """One account as the terminal stores it (the hash, never a PIN)."""

    staff_id: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    display_name: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    role: StaffRole
    pin_hash: Annotated[str, StringConstraints(pattern=r"^scrypt\$", max_length=256)]
    enabled: bool


class StaffListResponse(WireModel):
    """Every account central holds for the calling terminal, by staff id."""

    accounts: list[StaffAccountRecord] = Field(max_length=MAX_STAFF_ACCOUNTS)
