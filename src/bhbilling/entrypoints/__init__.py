"""entrypoints ring of bhbilling."""
