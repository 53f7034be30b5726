"""Central's settings: where its data lives and how it serves."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import platformdirs

APP_NAME = "mashangban-central"
DB_FILENAME = "central.sqlite3"
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CATALOG = REPO_ROOT / "resources" / "catalog" / "demo-catalog.json"


def default_data_dir() -> Path:
    """The per-user data directory (platformdirs)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_url(data_dir: Path) -> str:
    """An SQLite file inside the data directory."""
    return f"sqlite:///{data_dir / DB_FILENAME}"


@dataclass(frozen=True)
class ThrottlePolicy:
    """Token-bucket rates (per second) and bursts, on by default (central/api/ratelimit.py);
    a rate of ``None`` switches that bucket family off."""

    source_rate: float | None = 20.0  # unsigned requests per source address
    source_burst: float = 100.0
    terminal_rate: float | None = 50.0  # verified requests per terminal
    terminal_burst: float = 300.0
    failure_rate: float | None = 2.0  # failed signatures per source address
    failure_burst: float = 30.0
    process_rate: float | None = None  # serve --rate-limit: a ceiling per process


@dataclass(frozen=True)
class CentralConfig:
    """Everything the server and the admin commands need to know."""

    data_dir: Path
    db_url: str
    catalog_path: Path = DEFAULT_CATALOG
    rate_limit: float | None = None  # requests per second per process (two ceilings)
    throttle: ThrottlePolicy = ThrottlePolicy()
    demo_advance_s: float | None = None
    min_app_version: str = "0.0.0"

    @classmethod
    def build(
        cls, data_dir: Path | None = None, db_url: str | None = None, **options: object
    ) -> CentralConfig:
        """Fill in the defaults for the data dir and the database URL."""
        directory = Path(data_dir) if data_dir else default_data_dir()
        return cls(
            data_dir=directory,
            db_url=db_url or default_db_url(directory),
            **options,  # type: ignore[arg-type]
        )

    @property
    def keys_dir(self) -> Path:
        return self.data_dir / "keys"

    @property
    def kek_dir(self) -> Path:
        """The key-encryption keys of data at rest (central/kek.py)."""
        return self.keys_dir / "kek"

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"

    @property
    def catalog_versions_dir(self) -> Path:
        """Every catalog version served, kept to judge submissions by theirs."""
        return self.data_dir / "catalogs"

    @property
    def secrets_key_path(self) -> Path:
        return self.data_dir / "terminal-secrets.key"

    @property
    def security_log_path(self) -> Path:
        return self.data_dir / "security.log"

    def throttle_policy(self) -> ThrottlePolicy:
        """The throttle with ``rate_limit`` as its per-process ceiling."""
        if self.rate_limit is None:
            return self.throttle
        return replace(self.throttle, process_rate=self.rate_limit)
