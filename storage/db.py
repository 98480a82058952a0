"""Opening the SQLite database with the settings the bot relies on."""

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from storage.migrations import migrations

BUSY_TIMEOUT_MS = 5000


class DatabaseMissing(Exception):
    """The database file does not exist and may not be created."""


class DatabaseUnavailable(Exception):
    """The database cannot be opened: no such folder, no permission, locked, or not SQLite."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def open_database(path: str | Path, *, create: bool = True, writable: bool = False) -> Database:
    """Open (or create) the database, turn on WAL and foreign keys, and apply migrations. With
    `writable`, a database that can be read but not written is refused now, not at the first
    story (the bot would look healthy and then fail every write)."""
    path = Path(path)
    if not create and str(path) != ":memory:" and not path.exists():
        raise DatabaseMissing(str(path))
    try:
        conn = sqlite3.connect(str(path), isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        # Deleted story texts are overwritten with zeros, not left readable in free pages.
        conn.execute("PRAGMA secure_delete = ON")
        db = Database(conn)
        if str(path) != ":memory:":
            db.enable_wal()
        # FULL: a story the author was told is saved must survive a power cut, not only a crash.
        conn.execute("PRAGMA synchronous = FULL")
        migrations.apply(db)
        if writable:
            _check_writable(conn)
    except sqlite3.DatabaseError as error:
        raise DatabaseUnavailable(str(path), str(error)) from error
    return db


def _check_writable(conn: sqlite3.Connection) -> None:
    """Write one row and take it back."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("insert or replace into handled_inputs (source_key, handled_at) "
                     "values ('werkbot:writable', '')")
    finally:
        conn.execute("ROLLBACK")


def backup(db: Database, target: str | Path) -> None:
    """Write a consistent copy of the live database to target with SQLite's backup API."""
    try:
        destination = sqlite3.connect(str(target))
        try:
            with destination:
                db.conn.backup(destination)
        finally:
            destination.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseUnavailable(str(target), str(error)) from error
