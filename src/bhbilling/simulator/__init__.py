"""The payer and clearinghouse simulator: judges our 837P files as an outsider would.

It imports only `x12`, `reference` and `kernel` (an import-linter contract checks it), so
a bug in our claim code cannot be repeated on the judging side. Its knowledge of payers,
members, fees and authorizations comes from a payer book (`payerbook`, example in
data/example_payerbook.toml); its memory between runs from a JSON state file (`state`).
One call, `run_cycle`, reads an inbox of 837P, 276 and 270 files and writes the 999s,
277CAs, 835s, 277s and 271s a clearinghouse and payers would send back.
"""

from bhbilling.simulator.payerbook import PayerBook, PayerBookError, load_payerbook, payerbook_from_dict
from bhbilling.simulator.run import run_cycle
from bhbilling.simulator.state import SimulatorState, StateError
from bhbilling.simulator.summary import CycleSummary

__all__ = [
    "CycleSummary", "PayerBook", "PayerBookError", "SimulatorState", "StateError", "load_payerbook",
    "payerbook_from_dict", "run_cycle",
]
