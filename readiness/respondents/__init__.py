"""Respondents and their answers."""
