"""payers ring of bhbilling."""
