"""simulator ring of bhbilling."""
