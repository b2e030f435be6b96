"""Claim scrubbing in the app: snapshots from the database, stored runs, overrides, the gate.

- ``snapshots`` (with ``practice_facts``, ``chunk_facts``, ``consents``) fills the pure
  engine's ``ClaimSnapshot`` from the rows of one practice, loading related rows in bulk
  per chunk of claims; its docstrings record how each fact is read (docs/scrubbing.md
  lists the fields).
- ``service`` scrubs claims and stores one ``ScrubRun`` per claim; ``overrides`` records a
  finding accepted by a user with OVERRIDE_FINDINGS, with a reason, audited.
- ``gate`` plugs the scrubber into ``prepare_claims``: a claim with an error that nobody
  overrode stays a draft ("scrubbed") with its findings on the claim page.
"""
