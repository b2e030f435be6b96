"""domain ring of bhbilling."""
