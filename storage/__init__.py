"""Storage: the schema, its migrations and every SQL statement of werkprincipe-bot."""

from storage.db import DatabaseMissing, DatabaseUnavailable, backup, open_database
from storage.store import NotFoundError, Store

__all__ = ["DatabaseMissing", "DatabaseUnavailable", "NotFoundError", "Store", "backup", "open_database"]
