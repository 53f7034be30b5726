"""Entry point of the packaged terminal (PyInstaller): the `mashangban` command line."""

from mashangban.cli import main

raise SystemExit(main())
