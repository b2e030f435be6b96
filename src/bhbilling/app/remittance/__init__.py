"""835 import and posting: match claims and lines, post balanced entries exactly once."""
