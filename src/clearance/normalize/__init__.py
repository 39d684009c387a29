"""Normalization: pure functions turning surface strings into canonical record values.

Parties, numbers, money, dates, attribution and conditions; their data lives in ``models/``
(``models/parties/``, ``models/normalize/``) so that vocabulary changes are data changes.
"""
