"""bhbilling: revenue-cycle management for US behavioral and mental health care.

The package is split into rings (see docs/architecture.md): a pure core (kernel, reference,
domain, payers, x12, interchange, application, simulator) and the Django adapters (app,
entrypoints, reports) around it.
"""

__version__ = "0.1.0"
