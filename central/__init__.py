"""The reference central platform of the Terminal Sync Protocol (FastAPI + SQLAlchemy).

It imports nothing from ``terminal/`` or ``ui/``; it shares only ``sync.protocol``.
"""
