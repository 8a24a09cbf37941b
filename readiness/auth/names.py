"""How a client reads a person: "Sarah Chen, Northwind Advisory", never a login.

Pure (no Flask, no database): the PDF cover, the respondent's pages and anything else a client
reads call `display_name`. Emails stay on the consultants' own admin screens.
"""
from __future__ import annotations

from typing import Protocol


class Person(Protocol):
    """What display_name reads (a User, or anything shaped like one)."""

    name: str
    organisation: str


def _shown(text: str | None) -> str:
    """The part as a client may read it: trimmed, and "" when it is (or holds) an email address.
    create_user stores the email as the name of an account made without one, so a name can be a
    login in disguise."""
    text = " ".join((text or "").split())
    return "" if "@" in text else text


def display_name(person: Person | None, fallback: str = "") -> str:
    """"Name, Organisation"; the name alone without an organisation; the organisation alone when
    the name is missing or an email; `fallback` when nothing is left. Never an email address."""
    if person is None:
        return fallback
    name = _shown(person.name)
    organisation = _shown(getattr(person, "organisation", ""))
    if name and organisation and organisation.casefold() != name.casefold():
        return f"{name}, {organisation}"
    return name or organisation or fallback
