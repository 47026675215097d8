"""Deterministic data generation and the `make bench` performance measurements."""
