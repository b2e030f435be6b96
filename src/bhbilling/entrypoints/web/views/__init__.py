"""Web views, one module per feature; each view reads through the scoped managers only."""
