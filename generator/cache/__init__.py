"""Caches, stamps, cache files, forked workers and the garbage-collector pause."""
