"""The application's composition root: the `mashangban` command line.

It sits above every room (ui → sync → terminal) and wires them together in one
visible order: config → logging → store → devices → sync → window. Nothing
imports this package.
"""
