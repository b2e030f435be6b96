"""One-segment lookahead over a streamed 835 transaction.

Why: the 835 has no HL hierarchy; a loop ends where a segment of an outer loop starts
(a 2110 service line ends at the next SVC, CLP, LX, PLB or SE). The readers therefore
peek at `head` before deciding, and take it with `advance()`. The segments come from
`iter_transactions(stream=True)`, which checks SE01/SE02 when the SE is read, so memory
holds one segment of lookahead, never the transaction.
"""

from __future__ import annotations

from collections.abc import Iterator

from bhbilling.x12.reader import Segment

__all__ = ["SegmentCursor"]


class SegmentCursor:
    """`head` is the next unread segment (None once SE has been taken)."""

    __slots__ = ("_it", "head", "last")

    def __init__(self, segments: Iterator[Segment]) -> None:
        self._it = segments
        self.head: Segment | None = next(segments, None)
        self.last: Segment | None = None

    def advance(self) -> Segment:
        """Take `head` and read the next segment (envelope errors surface here)."""
        seg = self.head
        if seg is None:  # only reachable by a reader bug: the envelope ends every body at SE
            raise RuntimeError("read past the end of the transaction")
        self.last = seg
        self.head = next(self._it, None)
        return seg
