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
# The start of the welcome a group gets when it becomes a team.
WELCOME = "Hallo allemaal!"


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
    await fake.wait_for_text(GROUP, WELCOME)
    await fake.wait_for_text(COORDINATOR, "Welkom")


def group_messages(fake: FakeTelegram, chat_id: int = GROUP) -> list[dict]:
    """What was sent to a team's group besides the welcome it got when it became a team."""
    return [message for message in fake.sent(chat_id) if WELCOME not in message["text"]]


def sends_to(fake: FakeTelegram, chat_id: int, fragment: str) -> list:
    """Every attempt to send a message holding `fragment` to a chat, those refused too."""
    return [call for call in fake.calls if call.method == "sendMessage"
            and int(call.args["chat_id"]) == chat_id and fragment in call.args["text"]]
