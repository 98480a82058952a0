"""Helpers the tests (and benches) share: what is stored, what is on disk, and the environment and
port of a `werkbot` subprocess."""

import asyncio
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.core.bot import WerkBot
from bot.core.content import Content
from bot.core.privacy import PrivacyGuard
from storage import Store, open_database

LISTENING = re.compile(r"werkbot running on port (\d+)")


def stored_texts(store: Store) -> list[str | None]:
    """Every story's text as the database holds it, in order (None once deleted)."""
    return [row["text"] for row in store.db.query("select text from stories order by id")]


def disk_bytes(db_path: Path) -> bytes:
    """The database file with its WAL and shared-memory files, as bytes on disk."""
    return b"".join(path.read_bytes() for path in sorted(db_path.parent.glob(db_path.name + "*")))


def werkbot_environment(**settings: str) -> dict[str, str]:
    """The environment for a `werkbot` subprocess: this one's without any platform or port
    setting, quiet logging, and then `settings`."""
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("SLACK_", "TELEGRAM_")) and key != "PORT"}
    return {**environment, "WERKBOT_LOG_LEVEL": "WARNING", **settings}


def port_from_log(line: str) -> int | None:
    """The port in `werkbot run`'s start-up line (at INFO), when this is that line."""
    found = LISTENING.search(line)
    return int(found.group(1)) if found else None


async def listening_port(process: asyncio.subprocess.Process, line_seconds: float = 60.0) -> int:
    """The port the system gave `werkbot run` (PORT=0), from its start-up line on stderr."""
    assert process.stderr is not None
    seen = []
    while line := await asyncio.wait_for(process.stderr.readline(), line_seconds):
        seen.append(line.decode())
        port = port_from_log(seen[-1])
        if port is not None:
            return port
    raise AssertionError("werkbot run stopped before it listened:\n" + "".join(seen))


async def until(condition: Callable[[], object], timeout: float = 15.0) -> None:
    """Wait until the bot has done what the test waits for: its work runs in tasks of its own,
    after the test's request or update."""
    for _ in range(int(timeout / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the condition never came true")


@contextmanager
def memory_bot(content: Content, guard: PrivacyGuard) -> Iterator[WerkBot]:
    """A bot on a fresh in-memory database, closed afterwards: one per property-test example."""
    db = open_database(":memory:")
    try:
        yield WerkBot(Store(db), content, guard)
    finally:
        db.close()


def break_file(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a (copied) content file by `new`: content that must be refused."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
