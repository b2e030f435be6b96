"""Eligibility use cases (issue 10): ask with 270s, record 271 answers, price a session.

- ``inquiries``: 270 files for the sessions scheduled in the next N days (one transaction
  per payer) or for one patient on demand; control numbers from the clearinghouse row.
- ``recording``: a 271 file -> one ``EligibilityCheck`` per patient it answers (summary JSON
  plus the raw 271), matched by our TRN trace or the member id (``matching``).
- ``stored``: the newest answer per payer, and its summary as a ``BenefitSummary`` again.
- ``responsibility``: the patient's expected share of a session from that summary and the
  fee schedule.
The pure rules live in ``x12.elig270``/``x12.elig271``, ``interchange.eligibility`` and
``domain.eligibility``; this package only reads and writes rows.
"""
