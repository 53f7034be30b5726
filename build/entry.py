"""Entry point of the packaged terminal (PyInstaller): the `mashangban` command line.

`mashangban --bundle-probe` instead runs build/bundle_probe.py, which proves the
bundle's Qt pieces (keyboard, multimedia, ICU, …) work; tests/package runs it.
"""

import sys

if sys.argv[1:] == ["--bundle-probe"]:
    from bundle_probe import main as probe

    raise SystemExit(probe())

from mashangban.cli import main

raise SystemExit(main())
