"""The receipt printer: one interface, a shared layout, page and ESC/POS renderers.

- `ReceiptPrinter` / `PrintOutcome` (interface) — what the kiosk calls.
- `receipt_blocks` (layout) — what every receipt says, in order.
- `page_renderer` — QPainter onto a 576- or 384-dot page: QImage, PNG, PDF.
- `escpos_renderer` — the receipt as ESC/POS bytes (GB18030, native or image QR).
- Backends: `EscposPrinter` (network, serial, USB, file), `SystemPrinter`
  (a Qt / CUPS printer), `SimulatedPrinter` (PNG + .bin files), `NoPrinter`.
- `printer_from_settings` — builds the backend named in ``[printer]``.

Modules that need Qt (page renderer, system printer, simulator) are imported
only where used, so the ESC/POS path runs without Qt.
"""

from terminal.devices.printer.factory import printer_from_settings
from terminal.devices.printer.interface import NoPrinter, PrintOutcome, ReceiptPrinter

__all__ = ["NoPrinter", "PrintOutcome", "ReceiptPrinter", "printer_from_settings"]
