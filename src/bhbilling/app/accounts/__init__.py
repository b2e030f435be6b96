"""Accounts: login with TOTP, idle timeout, roles and personal API tokens."""
