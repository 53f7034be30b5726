"""Peripheral interfaces, their simulators and real backends."""
