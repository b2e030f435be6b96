"""Printable documents as PDF, pure: facts in (frozen dataclasses), bytes out.

Appeal letters, patient statements, superbills, CMS-1500 forms, Good Faith Estimates and
the monthly client report are drawn here with reportlab; nothing in this package reads the
database or the environment, so a document can be rendered and tested from plain data.
``pdf`` holds the shared page furniture (letterhead, footer, tables, money format).
"""
