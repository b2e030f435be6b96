"""reference ring of bhbilling."""
