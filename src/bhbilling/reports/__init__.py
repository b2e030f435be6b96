"""reports ring of bhbilling."""
