"""The terminal's configuration: one TOML file, environment variables, command-line overrides.

Typical use by the command line::

    config = load_config(args.config, overrides={"store.data_dir": args.data_dir})
    config.sync.server_url, config.data_dir, config.warnings

Every key, its type, default and limits are declared once in
:mod:`terminal.config.schema` (with the section classes, imported from there);
docs/configuration.md is generated from it.
"""

from terminal.config.errors import ConfigError
from terminal.config.loader import (
    ENV_PREFIX,
    default_config,
    default_config_path,
    default_data_dir,
    load_config,
)
from terminal.config.model import Config
from terminal.config.schema import (
    SECTION_KEYS,
    SECTION_TYPES,
    all_keys,
)
from terminal.config.spec import KeySpec

__all__ = [
    "ENV_PREFIX",
    "SECTION_KEYS",
    "SECTION_TYPES",
    "Config",
    "ConfigError",
    "KeySpec",
    "all_keys",
    "default_config",
    "default_config_path",
    "default_data_dir",
    "load_config",
]
