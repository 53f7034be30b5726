"""Receipt rendering: layout + QR to a page (QImage) and to ESC/POS bytes, against a QR baseline.

Baseline, in the same run: building the qrcode matrix alone (what every
renderer must do at least). Each sample renders a receipt with its own
receipt number and signed URL, like a real run of receipts; cases are
interleaved round by round so machine noise hits all of them alike.
Target: median and p99 <= 30 ms for the page and the ESC/POS renders.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_receipt_render.py [--n 200]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qrcode
import qrcode.constants
from PySide6.QtGui import QGuiApplication

from bench.stats import machine, summary_ms, table
from terminal.devices.printer.escpos_renderer import EscposOptions, render_escpos
from terminal.devices.printer.page_renderer import image_png, render_image
from terminal.receipts.model import Receipt

TARGET_MS = 30.0
WARM_UP = 20
BASE_URL = "https://zwfw.example.gov.cn"


def sample_receipt(index: int) -> Receipt:
    """A realistic receipt: long hall and category names, offline notice, signed URL."""
    number = f"0042-261127-{index:04d}-{index % 10}"
    return Receipt(
        hall_name="昆明市五华区人民政府政务服务中心华山街道便民服务分中心（马上办示范点）",
        title="诉求受理回执",
        receipt_no=number,
        issued_at=datetime(2026, 11, 27, 10, 11, tzinfo=timezone(timedelta(hours=8))),
        kind="appeal",
        kind_label="诉求",
        subject_label="城乡建设／住房保障／老旧小区改造及加装电梯、物业服务纠纷与公共维修资金使用",
        masked_contact="张* 138****5678",
        notice_lines=("工作人员将在3个工作日内与您联系，受理费用：￥0。",),
        qr_payload=f"{BASE_URL}/r/{number}?ts={1795745460 + index}&sig=MFRGGZDFMZTWQ2LK",
        queued_offline=True,
    )


def qr_matrix_only(receipt: Receipt) -> object:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(receipt.qr_payload)
    code.make(fit=True)
    return code.get_matrix()


CASES: dict[str, Callable[[Receipt], object]] = {
    "qrcode matrix only (baseline)": qr_matrix_only,
    "page 80 mm -> QImage": lambda r: render_image(r, 80),
    "page 58 mm -> QImage": lambda r: render_image(r, 58),
    "page 80 mm -> PNG bytes": lambda r: image_png(render_image(r, 80)),
    "ESC/POS 80 mm, native QR": lambda r: render_escpos(r, EscposOptions(576, True)),
    "ESC/POS 80 mm, raster QR": lambda r: render_escpos(r, EscposOptions(576, False)),
    "ESC/POS 58 mm, raster QR": lambda r: render_escpos(r, EscposOptions(384, False)),
}
CHECKED = ("page 80 mm -> QImage", "ESC/POS 80 mm, native QR", "ESC/POS 80 mm, raster QR")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200, help="samples per case after warm-up")
    args = parser.parse_args()
    app = QGuiApplication.instance() or QGuiApplication([])
    receipts = [sample_receipt(i) for i in range(WARM_UP + args.n)]
    for receipt in receipts[:WARM_UP]:
        for render in CASES.values():
            render(receipt)
    samples: dict[str, list[float]] = {name: [] for name in CASES}
    for receipt in receipts[WARM_UP:]:
        for name, render in CASES.items():
            start = time.perf_counter()
            render(receipt)
            samples[name].append(time.perf_counter() - start)
    base_median, base_p99 = summary_ms(samples["qrcode matrix only (baseline)"])
    rows = []
    for name, values in samples.items():
        median, p99 = summary_ms(values)
        rows.append(
            (name, str(len(values)), f"{median:.2f}", f"{p99:.2f}",
             f"{median / base_median:.1f}", f"{p99 / base_p99:.1f}")
        )  # fmt: skip
    print(f"receipt rendering — {machine()}, Qt platform {QGuiApplication.platformName()}")
    print(table(rows, ("what", "n", "median ms", "p99 ms", "x baseline median", "x baseline p99")))
    worst = max(summary_ms(samples[name])[1] for name in CHECKED)
    verdict = "met" if worst <= TARGET_MS else "NOT met"
    print(
        f"target: page and ESC/POS renders <= {TARGET_MS:g} ms; worst p99 {worst:.2f} ms: {verdict}"
    )
    del app


if __name__ == "__main__":
    main()
