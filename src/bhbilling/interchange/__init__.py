"""interchange ring of bhbilling."""
