"""The loops of a 271 being read, gathered as mutable parts and frozen when they close.

Why: the model objects are frozen (a response cannot change after it is read), but a loop
is only complete when the next HL, EB, NM1 or LE arrives. `OpenLoops` holds the parts of
the 2100A/B party, the 2000C/D member, its current 2110 benefit and 2120 entity, and
builds the frozen `Party`, `Member`, `Benefit` and `RelatedEntity` on close. A dependent
(2000D) points at the subscriber (2000C) whose HL01 its HL02 names.
"""

from __future__ import annotations

import dataclasses

from bhbilling.x12.elig271.model import (
    Address,
    Benefit,
    Member,
    Party,
    Rejection,
    RelatedEntity,
)
from bhbilling.x12.reader import Segment

__all__ = ["OpenLoops", "address_from", "prv_taxonomy"]


class OpenLoops:
    """Open loops of one transaction; each `close_*` freezes what was gathered."""

    def __init__(self) -> None:
        self.source: Party | None = None
        self.receiver: Party | None = None
        self.top_rejections: list[Rejection] = []
        self.members: list[Member] = []
        self.subscribers: dict[str, Member] = {}
        self.party: dict | None = None
        self.member: dict | None = None
        self.benefit: dict | None = None
        self.related: dict | None = None

    def close_related(self) -> None:
        if self.related is not None and self.benefit is not None:
            self.benefit["related"].append(RelatedEntity(**self.related))
        self.related = None

    def close_benefit(self) -> None:
        self.close_related()
        if self.benefit is not None and self.member is not None:
            fields = self.benefit.pop("base")
            parts = {k: tuple(v) for k, v in self.benefit.items()}
            self.member["benefits"].append(Benefit(**fields, **parts))
        self.benefit = None

    def close_member(self) -> None:
        self.close_benefit()
        if self.member is not None:
            hl = self.member.pop("hl")
            fields = {k: tuple(v) if isinstance(v, list) else v for k, v in self.member.items()}
            member = Member(**fields)
            self.members.append(member)
            if member.level == "subscriber":
                self.subscribers[hl] = member
        self.member = None

    def close_party(self) -> None:
        if self.party is not None:
            level = self.party.pop("level")
            party = Party(self.party["entity"], tuple(self.party["contacts"]),
                          tuple(self.party["rejections"]))
            if level == "A":
                self.source = party
            else:
                self.receiver = party
        self.party = None


def address_from(current: Address | None, seg: Segment) -> Address:
    """The address so far with an N3 (street lines) or N4 (city, state, ZIP) added."""
    base = current or Address("", "", "", "", "")
    if seg.id == "N3":
        return dataclasses.replace(base, line1=seg.require(1, "an address line"), line2=seg[2])
    return dataclasses.replace(base, city=seg[1], state=seg[2], postal_code=seg[3])


def prv_taxonomy(seg: Segment) -> str:
    """PRV03 when PRV02 is PXC (a provider taxonomy code), else ""."""
    return seg[3] if seg[2] == "PXC" else ""
