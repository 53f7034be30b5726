"""Submissions: drafts, confirm, the life-cycle state machine, retention."""
