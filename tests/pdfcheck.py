"""Look at a PDF the way a person would: render a page to pixels, read its text.

pypdfium2 (PDFium, Chrome's PDF engine) renders independently of reportlab, which drew the
file, so a page that renders blank or unreadable fails here even if reportlab was happy.
"""

from __future__ import annotations

import pypdfium2 as pdfium

__all__ = ["ink_share", "page_count", "pdf_text", "render_png"]


def _doc(data: bytes) -> pdfium.PdfDocument:
    assert data[:5] == b"%PDF-", "not a PDF (no %PDF- header)"
    return pdfium.PdfDocument(data)


def page_count(data: bytes) -> int:
    return len(_doc(data))


def render_png(data: bytes, page: int = 0, scale: float = 1.0) -> bytes:
    """The page as PNG bytes (72 dpi times ``scale``)."""
    import io

    image = _doc(data)[page].render(scale=scale).to_pil()
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def ink_share(data: bytes, page: int = 0) -> float:
    """Share of the page's pixels that are not near-white: 0.0 is a blank page."""
    image = _doc(data)[page].render(scale=1.0).to_pil().convert("L")
    histogram = image.histogram()
    return sum(histogram[:200]) / sum(histogram)


def pdf_text(data: bytes) -> str:
    """All pages' text, joined with newlines (for checking what the PDF says)."""
    doc = _doc(data)
    return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
