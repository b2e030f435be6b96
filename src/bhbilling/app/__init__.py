"""app ring of bhbilling."""
