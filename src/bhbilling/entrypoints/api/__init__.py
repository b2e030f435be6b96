"""entrypoints/api ring of bhbilling."""
