"""Storage: the schema, its migrations and every SQL statement of werkprincipe-bot."""

from storage.db import DatabaseMissing, DatabaseUnavailable, backup, open_database
from storage.store import NotFoundError, Store
from storage.team import Team

__all__ = ["DatabaseMissing", "DatabaseUnavailable", "NotFoundError", "Store", "Team", "backup",
           "open_database"]
