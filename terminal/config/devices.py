"""The device sections of the key table: printer, ID-card reader, scanner, camera, microphone.

Each device has a simulator (tests and demos), real backends, and ``none``;
``backend`` chooses among them. See :mod:`terminal.config.schema`.
"""

from __future__ import annotations

from dataclasses import dataclass

from terminal.config.spec import setting


@dataclass(frozen=True)
class PrinterSection:
    """The receipt printer."""

    backend: str = setting(
        "simulator",
        "simulator saves receipt images, escpos talks ESC/POS, system uses a Qt printer, "
        "none prints nothing.",
        choices=("simulator", "escpos", "system", "none"),
    )
    paper_width_mm: int = setting(80, "Width of the paper roll, in mm.", choices=(80, 58))
    escpos_connection: str = setting(
        "file",
        "How the ESC/POS printer is attached.",
        choices=("usb", "serial", "network", "file"),
    )
    escpos_target: str = setting(
        "",
        'The ESC/POS printer: usb "VID:PID", serial "/dev/ttyS0" or "/dev/ttyS0:115200", '
        'network "host[:port]" (port 9100 if omitted), file a path.',
    )
    escpos_native_qr: bool = setting(
        True, "Let the printer draw QR codes; false sends them as images."
    )
    system_printer: str = setting(
        "", "Qt printer name for the system backend; empty = the system default."
    )
    simulator_dir: str = setting(
        "", "Folder for simulated receipts; empty = printer-sim in the data directory."
    )
    timeout_s: float = setting(
        10.0, "Seconds to wait for the printer before reporting a fault.", minimum=1, maximum=120
    )


@dataclass(frozen=True)
class CardReaderSection:
    """The resident ID-card reader."""

    backend: str = setting(
        "simulator",
        "Which reader: simulator, serial (on a serial port), plugin (a vendor SDK) or none.",
        choices=("simulator", "serial", "plugin", "none"),
    )
    port: str = setting("", "Serial port of the reader, e.g. /dev/ttyUSB0 or COM3.")
    baudrate: int = setting(115200, "Serial speed of the reader.", minimum=1200, maximum=921600)
    plugin: str = setting(
        "",
        "Vendor SDK adapter for the plugin backend.",
        pattern=r"([A-Za-z_][\w.]*:[A-Za-z_]\w*)?",
        pattern_doc='empty or "module:Class"',
    )
    simulator_cards: str = setting(
        "", "JSON file of the simulator's cards; empty = the built-in demo cards."
    )


@dataclass(frozen=True)
class ScannerSection:
    """The barcode and QR scanner."""

    backend: str = setting(
        "wedge",
        "Which scanner: wedge (it types like a keyboard), serial, simulator (demos) or none.",
        choices=("wedge", "serial", "simulator", "none"),
    )
    port: str = setting("", "Serial port of the scanner.")
    baudrate: int = setting(9600, "Serial speed of the scanner.", minimum=1200, maximum=921600)
    wedge_max_key_interval_ms: int = setting(
        35, "Keys closer together than this (ms) count as a scan, not typing.", minimum=1
    )
    wedge_min_length: int = setting(8, "Shortest burst of keys taken as a scan.", minimum=1)


@dataclass(frozen=True)
class CameraSection:
    """The document camera."""

    backend: str = setting(
        "auto",
        "Which camera: auto uses a Qt camera when one is present, else none.",
        choices=("auto", "qt", "simulator", "none"),
    )
    device: str = setting("", "Qt camera id or description; empty = the default camera.")
    max_side_px: int = setting(
        1600, "Photos are scaled to at most this on the longer side.", minimum=320, maximum=4096
    )
    jpeg_quality: int = setting(85, "JPEG quality of photos.", minimum=30, maximum=95)
    simulator_images: str = setting(
        "", "Folder of images the simulated camera returns; empty = built-in samples."
    )


@dataclass(frozen=True)
class MicrophoneSection:
    """Voice notes."""

    backend: str = setting(
        "auto",
        "Which microphone: auto uses a Qt one when present, else none.",
        choices=("auto", "qt", "simulator", "none"),
    )
    max_seconds: int = setting(120, "Longest recording, in seconds.", minimum=5, maximum=600)
    simulator_file: str = setting(
        "", "Audio file the simulated microphone returns; empty = a built-in sample."
    )
