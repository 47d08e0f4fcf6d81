"""Code lists and the database schema: the one source of truth for names and thresholds."""
