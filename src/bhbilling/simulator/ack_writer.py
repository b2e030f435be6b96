"""Write the 999 implementation acknowledgment (005010X231A1) of one 837P file.

Structure (guide section 2.4): one ST*999 per functional group received: AK1 (GS01,
GS06, GS08 of that group), per transaction set AK2 (ST01, ST02, ST03), loop 2100 IK3
(segment id, position, IK304) with CTX*CLM01:<our claim> when the error is inside a
claim and loop 2110 IK4 (position[:component], IK403) -- never IK404, the copy of the bad
value, which may be PHI -- then IK5 (A, E or R with IK502 codes), and AK9 (A, E, P or R;
sets included, received, accepted; AK905 codes). The interchange goes back to the sender
(ISA08 = their ISA06) from the clearinghouse id of the payer book.
"""

from __future__ import annotations

from bhbilling.simulator.intake import GroupResult, IntakeResult, SegmentError
from bhbilling.simulator.interchange import Interchange, build

__all__ = ["VERSION", "write_999"]

VERSION = "005010X231A1"


def _error(note: SegmentError) -> list[str]:
    out = [build("IK3", note.segment_id, str(note.position), None, note.code)]
    if note.claim:
        out.append(build("CTX", ("CLM01", note.claim)))
    for el in note.elements:
        position = (str(el.position), str(el.component)) if el.component else str(el.position)
        out.append(build("IK4", position, None, el.code))
    return out


def _group(group: GroupResult) -> list[str]:
    body = [build("AK1", group.functional_id or "HC", group.control_number or "0", group.version or None)]
    for result in group.sets:
        body.append(build("AK2", result.set_id or "837", result.control_number, result.convention or None))
        for note in result.errors:
            body += _error(note)
        body.append(build("IK5", result.status, *result.codes[:5]))
    body.append(build("AK9", group.status, str(group.included), str(len(group.sets)),
                      str(group.accepted_count), *group.codes[:5]))
    return body


def write_999(result: IntakeResult, *, sender_id: str, control_number: int, today) -> str:
    """The 999 answering every group of `result` (which must hold at least one group)."""
    ic = Interchange(functional_id="FA", version=VERSION, sender_id=sender_id, receiver_id=result.sender_id,
                     receiver_qualifier=result.sender_qualifier, control_number=control_number, today=today,
                     test=result.usage != "P")
    for group in result.groups:
        ic.add("999", _group(group))
    return ic.text()
