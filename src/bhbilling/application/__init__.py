"""application ring of bhbilling."""
