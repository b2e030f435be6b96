"""entrypoints/cli ring of bhbilling."""
