"""Claim submission: stored claims -> typed 837P objects -> batches with control numbers."""
