"""Why a file, folder, port or database could not be used, in the words of prompts/.

The operating system's texts ("No such file or directory") and SQLite's ("file is not a
database") are English, whatever language the reader speaks. A reason is looked up by the
error's code: an errno name (`system.enoent`) or SQLite's primary result code
(`system.sqlite_notadb`). A code without a text of its own is named as it is
(`systeemfout EXDEV`), so it can still be looked up.
"""

import errno
import sqlite3

from bot.core.content import Messages


def system_reason(messages: Messages, error: BaseException, language: str) -> str:
    """The reason an error gives, as a short phrase; an error raised from an OSError or a SQLite
    error (a DatabaseUnavailable, say) gives that error's reason."""
    while not isinstance(error, OSError | sqlite3.Error) and error.__cause__ is not None:
        error = error.__cause__
    code = error_code(error)
    key = f"system.{code.lower()}"
    if key in messages:
        return messages.render(language, key)
    return messages.render(language, "system.other", code=code)


def error_code(error: BaseException) -> str:
    """'ENOENT', 'SQLITE_CANTOPEN' (an extended code such as SQLITE_IOERR_WRITE by its primary
    code), or the error's class name when it carries no code."""
    if isinstance(error, OSError) and error.errno in errno.errorcode:
        return errno.errorcode[error.errno]
    name = getattr(error, "sqlite_errorname", None)
    if isinstance(error, sqlite3.Error) and name:
        return "_".join(name.split("_")[:2])
    return type(error).__name__
