"""kernel ring of bhbilling."""
