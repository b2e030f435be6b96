"""Prior authorization use cases (issue 10): records, balances, alerts, booking checks.

- ``records``: create and edit authorizations (validated, audited).
- ``uses``: sessions and claims as the ``ServiceUse``s the domain counts (scheduled =
  pending, billed = used, voided = given back).
- ``usage``: balance per authorization and the alerts worklist (80 % used, 2 left, 14 days).
- ``booking``: the blocking warning when booking or charging goes past an authorization or
  the plan's visit limit; ``visits``: visit limits per benefit year across all providers.
- ``claims``: ``authorization_for_claim`` -- the REF*G1 number a claim carries.
The rules themselves are pure, in ``domain.authorizations``.
"""
