"""entrypoints/web ring of bhbilling."""
