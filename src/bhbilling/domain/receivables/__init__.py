"""Receivables, pure: aging buckets, patient statements rules, payment plans."""
