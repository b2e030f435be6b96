"""Benchmarks of the batch paths, each compared in the same run with a lower bound."""
