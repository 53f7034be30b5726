"""``python -m central`` runs the same command line as ``mashangban-central``."""

from central.cli import main

raise SystemExit(main())
