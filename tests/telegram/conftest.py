"""The real runtime with Telegram on, polling a local fake Bot API."""

from collections.abc import AsyncIterator

import pytest

from bot.app import build_runtime
from bot.runtime import Runtime
from bot.settings import Settings, TelegramSettings
from storage import Team
from tests.telegram.fake_telegram import TOKEN, FakeTelegram

GROUP = -4001
COORDINATOR = 11
COLLEAGUE = 12


@pytest.fixture
async def fake_telegram() -> AsyncIterator[FakeTelegram]:
    fake = FakeTelegram()
    await fake.start()
    yield fake
    await fake.stop()


def telegram_settings(tmp_path, fake: FakeTelegram, **webhook: str) -> Settings:
    telegram = TelegramSettings(TOKEN, api_url=fake.url, **webhook)
    return Settings(database=str(tmp_path / "werkbot.db"), port=0, platforms={"telegram": telegram})


@pytest.fixture
async def runtime(tmp_path, fake_telegram, content, guard, clock) -> AsyncIterator[Runtime]:
    running = build_runtime(telegram_settings(tmp_path, fake_telegram), content, guard,
                            host="127.0.0.1", clock=clock)
    await running.start()
    yield running
    await running.stop()


def telegram_team(runtime: Runtime, chat_id: int = GROUP) -> Team:
    team = runtime.bot.store.team_at("telegram", str(chat_id))
    assert team is not None, f"no team in {chat_id}"
    return team


async def started_team(fake: FakeTelegram, *members: int) -> None:
    """A group registered by COORDINATOR; these members (and the coordinator) opened the
    private chat with the bot."""
    fake.private_open.update({COORDINATOR, *members})
    fake.says(GROUP, COORDINATOR, "/werkbot start")
    await fake.wait_for_text(COORDINATOR, "Welkom")
