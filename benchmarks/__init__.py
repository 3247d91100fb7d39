"""Benchmarks: `make bench` prints the performance table (see BENCHMARKS.md)."""
