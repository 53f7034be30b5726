"""Helpers for the store-checks tests: real processes, real files."""
