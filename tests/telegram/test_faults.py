"""Telegram's faults stay Telegram's: another poller, and a Bot API that is down at start while
Slack goes on."""

import socket

from bot.app import build_runtime
from bot.settings import Settings, SlackSettings, TelegramSettings
from tests.slack.conftest import SECRET, SlackClient
from tests.slack.fake_slack import FakeSlack
from tests.support import until
from tests.telegram.conftest import COORDINATOR, GROUP, telegram_settings
from tests.telegram.fake_telegram import TOKEN, FakeTelegram


async def test_another_poller_is_logged_once_and_polling_goes_on(
        tmp_path, fake_telegram, content, guard, clock, caplog):
    fake_telegram.conflicts = 3
    runtime = build_runtime(telegram_settings(tmp_path, fake_telegram), content, guard,
                            host="127.0.0.1", clock=clock)
    await runtime.start()
    try:
        fake_telegram.private_open.add(COORDINATOR)
        fake_telegram.says(GROUP, COORDINATOR, "/werkbot start")
        await fake_telegram.wait_for_text(COORDINATOR, "Welkom", timeout=30)
        assert caplog.text.count("another process polls with this token") == 1
    finally:
        await runtime.stop()


def a_closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_slack_works_while_telegram_cannot_be_reached_and_telegram_joins_later(
        tmp_path, content, guard, clock):
    fake_slack = FakeSlack()
    await fake_slack.start()
    telegram_port = a_closed_port()
    settings = Settings(database=str(tmp_path / "w.db"), port=0, platforms={
        "slack": SlackSettings("xoxb-test", SECRET, api_url=fake_slack.url),
        "telegram": TelegramSettings(TOKEN, api_url=f"http://127.0.0.1:{telegram_port}/bot")})
    runtime = build_runtime(settings, content, guard, host="127.0.0.1", clock=clock)
    fake_telegram = FakeTelegram()
    try:
        await runtime.start()
        assert runtime.health()["telegram"] == "connecting" and runtime.health()["slack"] == "http"
        slack = SlackClient(runtime.port, fake_slack.response_url)
        await slack.command("/werkbot", "start")
        await fake_slack.wait_for_text("chat.postEphemeral", "Welkom")
        await fake_telegram.start(port=telegram_port)
        await until(lambda: runtime.health()["telegram"] == "polling", timeout=30)
        fake_telegram.private_open.add(COORDINATOR)
        fake_telegram.says(GROUP, COORDINATOR, "/werkbot start")
        await fake_telegram.wait_for_text(COORDINATOR, "Welkom")
    finally:
        await runtime.stop()
        await fake_telegram.stop()
        await fake_slack.stop()
