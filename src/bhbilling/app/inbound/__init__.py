"""Answers from clearinghouses and payers: 999, 277CA, 277, 835 and 271, each processed once."""
