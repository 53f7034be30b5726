"""Staff and technician accounts: PIN rules and hashing, sign-in with lockout.

Qt-free. The staff screens build on `StaffDirectory`; every change and sign-in
is written to the audit trail (terminal/audit/). See docs/staff-and-audit.md.
"""
