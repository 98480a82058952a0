"""The system's reasons (English in strerror and SQLite) are said in the command line's words."""

import errno
import os
import sqlite3
from pathlib import Path

import pytest

from bot.system_errors import system_reason
from storage import DatabaseUnavailable, open_database


def sqlite_error(path: Path) -> sqlite3.Error:
    try:
        sqlite3.connect(path).execute("select count(*) from sqlite_master")
    except sqlite3.Error as error:
        return error
    raise AssertionError(f"{path} opened")


@pytest.mark.parametrize(("code", "dutch"), [
    (errno.ENOENT, "dat bestand of die map bestaat niet"),
    (errno.EACCES, "geen toestemming"),
    (errno.EISDIR, "dat is een map, geen bestand"),
    (errno.EADDRINUSE, "de poort is al in gebruik"),
    (errno.ENOSPC, "de schijf is vol"),
])
def test_an_os_error_by_its_code(content, code, dutch):
    assert system_reason(content.messages, OSError(code, os.strerror(code)), "nl") == dutch


def test_a_code_without_words_of_its_own_is_named(content):
    assert system_reason(content.messages, OSError(errno.EXDEV, os.strerror(errno.EXDEV)), "nl") == (
        "systeemfout EXDEV")
    assert system_reason(content.messages, RuntimeError("stuck"), "nl") == "systeemfout RuntimeError"


def test_sqlites_errors_by_their_primary_code(content, tmp_path):
    letter = tmp_path / "brief.txt"
    letter.write_text("Geen database.\n" * 100)
    not_a_database, no_folder = sqlite_error(letter), sqlite_error(tmp_path / "nergens" / "w.db")
    assert system_reason(content.messages, not_a_database, "nl") == "het bestand is geen SQLite-database"
    assert system_reason(content.messages, no_folder, "nl") == "de map bestaat niet of is niet toegankelijk"


def test_a_database_that_cannot_be_opened_gives_its_causes_reason(content, tmp_path):
    with pytest.raises(DatabaseUnavailable) as raised:
        open_database(tmp_path / "nergens" / "w.db")
    unavailable = raised.value
    assert system_reason(content.messages, unavailable, "nl") == "de map bestaat niet of is niet toegankelijk"
    assert system_reason(content.messages, unavailable, "en") == (
        "the folder does not exist or cannot be accessed")
