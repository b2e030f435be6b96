"""One-segment lookahead over a streamed 835 transaction, read straight from the feed.

Why: the 835 has no HL hierarchy; a loop ends where a segment of an outer loop starts
(a 2110 service line ends at the next SVC, CLP, LX, PLB or SE). The readers therefore
peek at `head` before deciding, and take it with `advance()`. Memory holds one segment
of lookahead, never the transaction.

The cursor reads `x12.reader.SegmentFeed` itself and checks the body as
`envelope_reader` does (SE01 counts ST..SE, SE02 repeats ST02, no ISA/GS/ST/GE/IEA before
the SE), so it is also the transaction's segment iterator for the envelope walker. Like
the generic walker it fetches a segment when the one before it is taken, so an envelope
or syntax error in segment n is reported before a value error in segment n - 1.
`Remittance835Walker` is the envelope walker that hands out these cursors.
The claim fast path (`fast_claims`) reads the feed's raw pieces beyond `head` and, when
it has read a claim, moves `feed.pos` and `head` past it (to the next CLP, LX or PLB:
ids that need no envelope check).
"""

from __future__ import annotations

from collections.abc import Iterator

from bhbilling.x12.envelope_reader import (
    ENVELOPE_IDS,
    EnvelopeWalker,
    check_trailer,
    ends_early,
    envelope_in_body,
)
from bhbilling.x12.errors import IK502_TRAILER_MISSING
from bhbilling.x12.reader import Segment, SegmentFeed

__all__ = ["Remittance835Walker", "SegmentCursor", "feed_segments"]


class SegmentCursor:
    """`head` is the next unread segment (None once SE has been taken); ST comes first."""

    __slots__ = ("_ended", "_walker", "feed", "head", "last", "st")

    def __init__(self, feed: SegmentFeed, walker: EnvelopeWalker, st: Segment) -> None:
        self.feed = feed
        self._walker = walker
        self.st = st
        self.head: Segment | None = st
        self.last: Segment | None = None
        self._ended = False

    def advance(self) -> Segment:
        """Take `head` and read the next segment (envelope errors surface here)."""
        seg = self.head
        if seg is None:  # only reachable by a reader bug: the envelope ends every body at SE
            raise RuntimeError("read past the end of the transaction")
        self.last = seg
        self.head = self._fetch()
        return seg

    def _fetch(self) -> Segment | None:
        if self._ended:
            return None
        st = self.st
        seg = self.feed.fetch()
        if seg is None:
            raise ends_early(self.feed.file, self.feed.number, f"SE closing transaction {st[2]!r}",
                             IK502_TRAILER_MISSING)
        sid = seg.elements[0]
        if sid == "SE":
            self._walker.last = seg
            self._ended = True
            check_trailer(st, seg, seg.number - st.number + 1)
        elif sid in ENVELOPE_IDS:
            raise envelope_in_body(st, seg)
        return seg

    def __iter__(self) -> Iterator[Segment]:
        return self

    def __next__(self) -> Segment:
        """The transaction's segments as the envelope walker drains them."""
        if self.head is None:
            raise StopIteration
        return self.advance()


def feed_segments(feed: SegmentFeed) -> Iterator[Segment]:
    """Every segment of the feed, one `Segment` each (for the envelope segments)."""
    while (seg := feed.fetch()) is not None:
        yield seg


class Remittance835Walker(EnvelopeWalker):
    """The envelope walker over a feed, whose transactions' segments are `SegmentCursor`s."""

    def __init__(self, feed: SegmentFeed) -> None:
        super().__init__(feed_segments(feed))
        self.feed = feed

    def _body(self, st: Segment) -> Iterator[Segment]:
        return SegmentCursor(self.feed, self, st)
