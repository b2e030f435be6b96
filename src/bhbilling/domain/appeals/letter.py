"""A composed appeal letter and its plain-text form (stored on the appeal as sent).

The text form round-trips: ``Letter.from_text(letter.to_text()) == letter``, so the stored
text is the single record of what was sent and the PDF is drawn from it, not recomposed
from facts that may have changed since.

Text layout (one section per block, blocks separated by one blank line)::

    Date: 2026-03-02
    To:
    | Payer name
    Subject: Request for redetermination ...
    RE:
    | Patient: ...
    Body:
    | paragraph one
    |
    | paragraph two
    Enclosures:
    | treatment plan summary
    Signature:
    | Jane Biller
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["Letter", "LetterFormatError"]

_BAR = "| "


class LetterFormatError(ValueError):
    """The stored letter text is not in the layout ``Letter.to_text`` writes."""


@dataclass(frozen=True, slots=True)
class Letter:
    date: dt.date
    addressee: tuple[str, ...]
    subject: str
    re_lines: tuple[tuple[str, str], ...]
    paragraphs: tuple[str, ...]
    attachments: tuple[str, ...]
    signature: tuple[str, ...]

    def to_text(self) -> str:
        def block(name: str, lines: tuple[str, ...]) -> str:
            return "\n".join([f"{name}:", *(f"{_BAR}{x}".rstrip() for x in lines)])

        body: list[str] = []
        for i, p in enumerate(self.paragraphs):
            if i:
                body.append("")
            body.extend(p.split("\n"))
        return "\n".join([
            f"Date: {self.date.isoformat()}",
            block("To", self.addressee),
            f"Subject: {self.subject}",
            block("RE", tuple(f"{k}: {v}" for k, v in self.re_lines)),
            block("Body", tuple(body)),
            block("Enclosures", self.attachments),
            block("Signature", self.signature),
        ]) + "\n"

    @classmethod
    def from_text(cls, text: str) -> Letter:
        fields: dict[str, str] = {}
        blocks: dict[str, list[str]] = {}
        current: list[str] | None = None
        for number, raw in enumerate(text.splitlines(), 1):
            if raw.startswith("|"):
                if current is None:
                    raise LetterFormatError(f"line {number}: a '| ' line outside a block")
                current.append(raw[2:] if raw.startswith(_BAR) else raw[1:])
                continue
            name, sep, value = raw.partition(":")
            if not sep:
                raise LetterFormatError(f"line {number}: expected 'Name:' or '| text'")
            if value.strip():
                fields[name] = value.strip()
                current = None
            else:
                current = blocks.setdefault(name, [])
        try:
            date = dt.date.fromisoformat(fields["Date"])
            subject = fields["Subject"]
        except (KeyError, ValueError) as exc:
            raise LetterFormatError(f"missing or bad Date/Subject line: {exc}") from None
        paragraphs: list[str] = []
        chunk: list[str] = []
        for line in [*blocks.get("Body", []), ""]:
            if line:
                chunk.append(line)
            elif chunk:
                paragraphs.append("\n".join(chunk))
                chunk = []
        re_lines = tuple(tuple(x.split(": ", 1)) if ": " in x else (x, "")
                         for x in blocks.get("RE", []))
        return cls(date=date, addressee=tuple(blocks.get("To", [])), subject=subject,
                   re_lines=re_lines,  # type: ignore[arg-type]
                   paragraphs=tuple(paragraphs),
                   attachments=tuple(blocks.get("Enclosures", [])),
                   signature=tuple(blocks.get("Signature", [])))
