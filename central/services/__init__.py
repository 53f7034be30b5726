"""Central's domain operations, independent of HTTP routing and of the command line."""
