"""The Readiness method (../shared/METHOD.md) as pure Python: no Flask, no database.

Every rule is a small named function that cites its rule id; pages, PDF and API only present
the typed results built here.
"""
