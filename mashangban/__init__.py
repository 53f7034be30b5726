"""The application's composition root: the `mashangban` command line.

It sits above every room (ui → sync → terminal) and wires them together in one
visible order: config → logging → store → window, then (after Home's first paint)
devices → sync. Only the chosen command's module is imported. Nothing
imports this package.
"""
