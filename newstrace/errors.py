"""One small error tree; a skipped bad input is data (a Problem), not an exception.

    NewstraceError
    ├── InputError   the user's arguments cannot be used (exit code 2)
    └── StoreError   the database cannot be opened or migrated
"""

from __future__ import annotations

__all__ = ["NewstraceError", "InputError", "StoreError"]


class NewstraceError(Exception):
    """Base of every error newstrace raises on purpose; the message says what to do."""


class InputError(NewstraceError):
    """Arguments that cannot be used as given."""


class StoreError(NewstraceError):
    """A database that cannot be opened, read or migrated."""
