"""Where everything lives under the terminal's data directory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DataPaths:
    root: Path

    @property
    def store_file(self) -> Path:
        return self.root / "store.sqlite3"

    @property
    def attachments_dir(self) -> Path:
        return self.root / "attachments"

    @property
    def backups_dir(self) -> Path:
        return self.root / "backups"

    @property
    def damaged_dir(self) -> Path:
        return self.root / "damaged"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    @property
    def local_key_file(self) -> Path:
        return self.root / "keys" / "local.key"

    @property
    def catalog_dir(self) -> Path:
        """The active catalog (swapped in atomically by sync); the bundled demo until then."""
        return self.root / "catalog"

    @property
    def demo_central_dir(self) -> Path:
        """The embedded reference central's own data directory (demo only)."""
        return self.root / "demo-central"

    def ensure(self) -> None:
        for d in (self.root, self.attachments_dir, self.backups_dir, self.logs_dir):
            d.mkdir(parents=True, exist_ok=True)
