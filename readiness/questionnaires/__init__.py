"""Questionnaire definitions stored as immutable versions (answers refer to the version used)."""
