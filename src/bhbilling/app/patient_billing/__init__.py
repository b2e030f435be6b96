"""Patient billing: the patient ledger, payments, refunds and credits, payment plans,
statements (held by rule, printed as PDF) and the small-balance write-off rule.

The rules are pure, in ``domain.receivables`` (``payments``, ``plans``, ``statements``,
``patient_account``); this package reads the ledger and rows, stores what was decided and
posts balanced entries through ``app.ledger``. See docs/patient-billing.md.
"""
