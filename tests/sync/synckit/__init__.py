"""Test kit for the terminal's sync: real central processes, scripted and TLS servers."""
