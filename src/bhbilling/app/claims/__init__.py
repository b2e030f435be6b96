"""Claim use cases: build claims from coding decisions, move them through their states,
and correct or void them. Batching them into 837P files lives in ``app.submission``."""
