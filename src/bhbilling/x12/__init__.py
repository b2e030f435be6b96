"""x12 ring of bhbilling."""
