"""Benchmarks: `make bench` runs them all; each prints its figures beside the baseline it was
measured against in the same run."""
