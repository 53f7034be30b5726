"""The loaded configuration: immutable, typed per section."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from terminal.config.schema import (
    SECTION_TYPES,
    CameraSection,
    CardReaderSection,
    LoggingSection,
    MicrophoneSection,
    PrinterSection,
    ReceiptSection,
    ScannerSection,
    StaffSection,
    StoreSection,
    SyncSection,
    TerminalSection,
    UiSection,
)


@dataclass(frozen=True)
class Config:
    """Every setting of the terminal, after defaults, file, environment and overrides.

    Read a key as ``config.sync.server_url``. ``data_dir`` is ``store.data_dir``
    resolved to an absolute path (the platform's data directory when empty).
    ``warnings`` holds what was ignored (unknown keys and sections, with their
    lines); ``origins`` says where each non-default value came from.
    """

    terminal: TerminalSection
    store: StoreSection
    sync: SyncSection
    receipt: ReceiptSection
    ui: UiSection
    printer: PrinterSection
    card_reader: CardReaderSection
    scanner: ScannerSection
    camera: CameraSection
    microphone: MicrophoneSection
    logging: LoggingSection
    staff: StaffSection
    data_dir: Path
    source_path: Path | None = None
    warnings: tuple[str, ...] = ()
    origins: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def section(self, name: str) -> Mapping[str, Any]:
        """The keys of one section as a read-only mapping; KeyError for an unknown section."""
        if name not in SECTION_TYPES:
            raise KeyError(name)
        return MappingProxyType(dataclasses.asdict(getattr(self, name)))

    def to_json(self) -> dict[str, Any]:
        """Everything, as JSON-ready data (lists, not tuples), for ``doctor --json``."""
        return {
            "source_path": None if self.source_path is None else str(self.source_path),
            "data_dir": str(self.data_dir),
            "warnings": list(self.warnings),
            "origins": dict(self.origins),
            "settings": {
                name: {
                    key: list(value) if isinstance(value, tuple) else value
                    for key, value in self.section(name).items()
                }
                for name in SECTION_TYPES
            },
        }
