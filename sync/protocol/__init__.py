"""The Terminal Sync Protocol's wire definitions: no I/O in this package.

Both sides import it: the terminal's sync client and the reference central.
"""
