"""The audit trail: chained, append-only records of every staff and technician action.

Records say who did what and when, never about whom. See docs/staff-and-audit.md.
"""
