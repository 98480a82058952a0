"""Shared fixtures: a fresh database per test, a clock the test controls, the real content."""

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.bot import WerkBot
from bot.core.content import Content, load_content
from bot.core.model import Caller
from bot.core.privacy import PrivacyGuard
from storage import Store, open_database


class FakeClock:
    """Time stands still until the test moves it."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content()


@pytest.fixture(scope="session", autouse=True)
def guard_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One cache of deduce's lookup structures for the whole run, subprocesses included."""
    cache = tmp_path_factory.mktemp("werkbot-cache")
    previous = os.environ.get("WERKBOT_CACHE")
    os.environ["WERKBOT_CACHE"] = str(cache)
    yield cache
    if previous is None:
        os.environ.pop("WERKBOT_CACHE", None)
    else:
        os.environ["WERKBOT_CACHE"] = previous


@pytest.fixture(scope="session")
def guard(content: Content, guard_cache: Path) -> PrivacyGuard:
    loaded = PrivacyGuard(content.guard_words, guard_cache)
    loaded.load()
    return loaded


@pytest.fixture
def clock() -> FakeClock:
    # Tuesday 24 November 2026, 08:00 in Amsterdam.
    return FakeClock(datetime(2026, 11, 24, 7, 0, tzinfo=UTC))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "werkbot.db"


@pytest.fixture
def store(db_path: Path, clock: FakeClock) -> Iterator[Store]:
    db = open_database(db_path)
    yield Store(db, clock)
    db.close()


@pytest.fixture
def bot(store: Store, content: Content, guard: PrivacyGuard) -> WerkBot:
    return WerkBot(store, content, guard)


def member(user_id: str, chat_id: str = "team-a", name: str = "") -> Caller:
    return Caller("console", chat_id, user_id, user_name=name or user_id.capitalize())


@pytest.fixture
def moderator(bot: WerkBot) -> Caller:
    """The member who registered team-a, and so its first moderator."""
    caller = member("coordinator")
    bot.handle_command(caller, "/werkbot start", "start-a")
    return caller


def texts(replies: list) -> str:
    return "\n".join(reply.text for reply in replies)


@pytest.fixture
def team_a(bot: WerkBot, moderator: Caller) -> str:
    """The id of the team that `moderator` registered."""
    team = bot.team_of(moderator)
    assert team is not None
    return team.id


def team_id_of(bot: WerkBot, caller: Caller) -> str:
    team = bot.team_of(caller)
    assert team is not None
    return team.id


def asked_text(bot: WerkBot, caller: Caller, action: str, value: str) -> str:
    """The text a form for this button starts from; empty when the press is refused."""
    [reply] = bot.handle_action(caller, action, value)
    return reply.ask.initial if reply.ask else ""
