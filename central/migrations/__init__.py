"""Alembic migrations of central's database."""
