"""One module per command: `add_parser(subparsers)` and `execute(config, args) -> exit code`."""
