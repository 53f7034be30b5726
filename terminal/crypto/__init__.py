"""Encryption at rest: sealing to the platform key, and the local wrapping key."""
