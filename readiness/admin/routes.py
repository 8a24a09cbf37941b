"""Routes of this feature (being built for issue 3)."""
