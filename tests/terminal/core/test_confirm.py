"""confirm: sealed, one transaction, receipt only after commit, nothing on failure."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from sync.protocol.receipt_numbers import DEMO_TERMINAL_CODE
from terminal.crypto.sealing import ALG_HPKE_X25519, Sealer, open_sealed
from terminal.identity import load_platform_keys
from terminal.receipts.number import parse_receipt_number
from terminal.runtime import TerminalCore
from terminal.submissions.confirm import AttachmentLimits, Confirmer
from terminal.submissions.errors import ConfirmError
from tests.terminal.core.helpers import appeal, demo_private_key, open_payload


def rows(core: TerminalCore, sql: str) -> list[tuple]:
    conn = sqlite3.connect(core.paths.store_file)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_confirm_seals_payload_and_attachments(core: TerminalCore) -> None:
    photo = b"\xff\xd8JPEG" + bytes(range(256)) * 40
    confirmed = core.confirm(appeal("路灯坏了一个月", (photo,), name="张三", phone="13812345678"))
    [(rid, receipt, alg, kid, enc, ct, state, pstate, display)] = rows(
        core,
        "SELECT id, receipt_no, sealed_alg, sealed_kid, sealed_enc, sealed_ct, outbox_state, "
        "print_state, display_json FROM submissions",
    )
    assert (rid, receipt) == (confirmed.submission_id, confirmed.receipt_no)
    assert alg == ALG_HPKE_X25519 and kid == load_platform_keys(core.store)[0].kid
    assert (state, pstate) == ("pending", "unprinted")
    assert "张三" not in display and "13812345678" not in display
    payload = open_payload(core.paths.root, enc, ct)
    assert payload["description"] == "路灯坏了一个月"
    assert payload["contact"] == {"name": "张三", "phone": "13812345678"}
    [listed] = payload["attachments"]
    assert listed["media_type"] == "image/jpeg"
    sealed_file = core.paths.attachments_dir / f"{listed['sha256']}.sealed"
    sealed = sealed_file.read_bytes()
    assert hashlib.sha256(sealed).hexdigest() == listed["sha256"]
    assert photo not in sealed
    assert open_sealed(demo_private_key(core.paths.root), sealed[:32], sealed[32:]) == photo
    assert rows(core, "SELECT sha256, size FROM attachments") == [(listed["sha256"], len(sealed))]


def test_receipt_numbers_follow_the_daily_sequence(core: TerminalCore) -> None:
    first = core.confirm(appeal())
    second = core.confirm(appeal())
    a, b = parse_receipt_number(first.receipt_no), parse_receipt_number(second.receipt_no)
    # Not yet enrolled: the demo's own code, never the configured one (terminal/demo.py).
    assert (a.terminal_code, a.sequence, b.sequence) == (DEMO_TERMINAL_CODE, 1, 2)
    assert a.day == first.local_time.date()


def test_sequence_restarts_each_local_day(core: TerminalCore) -> None:
    keys = load_platform_keys(core.store)
    moments = iter(
        [
            datetime(2026, 11, 27, 15, 59, tzinfo=UTC),  # 23:59 in Shanghai
            datetime(2026, 11, 27, 16, 1, tzinfo=UTC),  # 00:01 next day
            datetime(2026, 11, 27, 16, 2, tzinfo=UTC),
        ]
    )
    confirmer = Confirmer(
        core.store, Sealer(keys[0]), "0042", ZoneInfo("Asia/Shanghai"), clock=lambda: next(moments)
    )
    numbers = [confirmer.confirm(appeal()).receipt_no for _ in range(3)]
    assert [n[5:16] for n in numbers] == ["261127-0001", "261128-0001", "261128-0002"]


def test_oversize_attachment_is_refused_and_nothing_is_stored(core: TerminalCore) -> None:
    keys = load_platform_keys(core.store)
    confirmer = Confirmer(
        core.store,
        Sealer(keys[0]),
        "0042",
        ZoneInfo("Asia/Shanghai"),
        AttachmentLimits(max_bytes=1000, max_count=2),
    )
    with pytest.raises(ConfirmError) as err:
        confirmer.confirm(appeal(attachments=(b"x" * 1001,)))
    assert err.value.code == "attachment_too_large"
    assert "太大" in err.value.message() and "too large" in err.value.message("en")
    with pytest.raises(ConfirmError) as err:
        confirmer.confirm(appeal(attachments=(b"a", b"b", b"c")))
    assert err.value.code == "too_many_attachments"
    assert rows(core, "SELECT count(*) FROM submissions") == [(0,)]
    assert list(core.paths.attachments_dir.iterdir()) == []


def test_invalid_drafts_are_refused(core: TerminalCore) -> None:
    from dataclasses import replace

    for bad in (
        replace(appeal(), kind="letter"),
        replace(appeal(), code=""),
        replace(appeal(), channel="assisted"),
    ):
        with pytest.raises(ConfirmError) as err:
            core.confirm(bad)
        assert err.value.code == "invalid_draft"


def test_disk_full_at_confirm_leaves_no_row_no_receipt_no_file(core: TerminalCore) -> None:
    core.confirm(appeal())  # sequence 1 is used
    pages = core.store.writer.run(lambda c: c.execute("PRAGMA page_count").fetchone()[0])
    # SQLite's own limit: the next growth of the file fails with SQLITE_FULL.
    core.store.writer.run(lambda c: c.execute(f"PRAGMA max_page_count = {pages}"))
    # Within central's 20,000 characters, but far more than the pages SQLite may add.
    big = appeal("很长的描述" * 3900, (b"p" * 5000,), name="李四", phone="13900001111")
    with pytest.raises(ConfirmError) as err:
        core.confirm(big)
    assert err.value.code == "disk_full"
    assert "存储空间已满" in err.value.message() and "no receipt" in err.value.message("en")
    assert rows(core, "SELECT count(*) FROM submissions") == [(1,)]
    assert rows(core, "SELECT count(*) FROM attachments") == [(0,)]
    assert list(core.paths.attachments_dir.iterdir()) == []
    assert rows(core, "PRAGMA integrity_check") == [("ok",)]
    core.store.writer.run(lambda c: c.execute("PRAGMA max_page_count = 1073741823"))
    after = core.confirm(appeal())
    assert parse_receipt_number(after.receipt_no).sequence == 2  # the failed one took none


def test_confirm_without_platform_key_is_not_ready(core: TerminalCore) -> None:
    core.confirmer = None
    with pytest.raises(ConfirmError) as err:
        core.confirm(appeal())
    assert err.value.code == "not_ready"


def test_receipt_for_a_confirmed_submission_has_signed_qr_and_masked_contact(
    core: TerminalCore,
) -> None:
    from terminal.receipts.qr import verify_receipt_url
    from terminal.runtime import receipt_for

    confirmed = core.confirm(appeal(name="张三", phone="13812345678"))
    receipt = receipt_for(core, confirmed.receipt_no, online=False)
    assert receipt.receipt_no == confirmed.receipt_no
    assert receipt.masked_contact == "张*" and receipt.subject_label == "道路设施"
    # Not enrolled yet: the demo's receipt says so first (terminal/demo.py).
    assert receipt.demo and receipt.title.startswith("【演示】")
    assert receipt.queued_offline and receipt.notice_lines == (
        "演示模式：本回执仅供演示，提交内容不会转交任何部门。",
        "诉求将转交相关部门办理，办理进展可随时查询。",
    )
    assert core.identity is not None
    number = verify_receipt_url(
        receipt.qr_payload,
        public_base=core.config.receipt.public_base,
        secret=core.identity.secret,
        terminal_code=DEMO_TERMINAL_CODE,
    )
    assert number.format() == confirmed.receipt_no
    english = receipt_for(core, confirmed.receipt_no, online=True, locale="en")
    assert english.title == "[DEMO] Appeal receipt" and not english.queued_offline


def test_io_error_writing_an_attachment_gives_a_plain_message(core: TerminalCore) -> None:
    import shutil

    shutil.rmtree(core.paths.attachments_dir)
    core.paths.attachments_dir.write_bytes(b"")  # a file where the folder should be
    with pytest.raises(ConfirmError) as err:
        core.confirm(appeal(attachments=(b"photo",)))
    assert err.value.code == "storage_error"
    assert "没有保存" in err.value.message() and "try again" in err.value.message("en")
    assert rows(core, "SELECT count(*) FROM submissions") == [(0,)]


def test_printed_receipt_says_offline_once_and_how_to_look_up(core: TerminalCore) -> None:
    from terminal.devices.printer.layout import OFFLINE_NOTICE, receipt_blocks
    from terminal.runtime import receipt_for

    receipt = receipt_for(core, core.confirm(appeal()).receipt_no, online=False)
    texts = [getattr(b, "text", "") for b in receipt_blocks(receipt)]
    assert sum(OFFLINE_NOTICE in t for t in texts) == 1
    assert sum("诉求将转交" in t for t in texts) == 1
    online = receipt_for(core, receipt.receipt_no, online=True)
    assert not any(OFFLINE_NOTICE in getattr(b, "text", "") for b in receipt_blocks(online))
