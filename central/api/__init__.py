"""The HTTP surface of central: one router module per resource."""
