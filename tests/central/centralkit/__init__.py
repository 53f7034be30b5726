"""Test kit for central's tests: a real server in a thread, a signing client, sealing,
a PostgreSQL server from the machine's binaries, and a small catalog."""
