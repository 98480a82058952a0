"""Telegram in webhook mode, and `werkbot run` with only a Telegram token, as a process."""

import asyncio
import signal
import sys

import aiohttp

from bot.app import build_runtime
from tests.support import port_from_log, until, werkbot_environment
from tests.telegram.conftest import COORDINATOR, GROUP, telegram_settings
from tests.telegram.fake_telegram import TOKEN

SECRET = "geheim_123-ABC"


async def test_webhook_mode_refuses_calls_without_the_secret(tmp_path, fake_telegram, content, guard, clock):
    settings = telegram_settings(tmp_path, fake_telegram, webhook_url="https://bot.test/telegram/hook",
                                 webhook_secret=SECRET)
    runtime = build_runtime(settings, content, guard, host="127.0.0.1", clock=clock)
    await runtime.start()
    try:
        assert fake_telegram.webhook["url"] == "https://bot.test/telegram/hook"
        assert fake_telegram.webhook["secret_token"] == SECRET
        assert runtime.health()["telegram"] == "webhook" and fake_telegram.of("getUpdates") == []
        start = {"message": fake_telegram.message(GROUP, COORDINATOR, "/werkbot start")}
        local = f"http://127.0.0.1:{runtime.port}/telegram/hook"
        for secret in (None, "wrong"):
            assert await post_update(local, start, secret) == 403
        await asyncio.sleep(0.3)
        assert runtime.bot.store.teams() == [], "nothing refused is processed"
        fake_telegram.private_open.add(COORDINATOR)
        assert await post_update(local, start, SECRET) == 200
        await until(lambda: runtime.bot.store.teams())
        await fake_telegram.wait_for_text(COORDINATOR, "Welkom")
    finally:
        await runtime.stop()


async def post_update(url: str, update: dict, secret: str | None) -> int:
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
    async with aiohttp.ClientSession() as session, session.post(
            url, json={"update_id": 77, **update}, headers=headers) as response:
        return response.status


async def test_run_with_only_telegram_serves_a_group(tmp_path, fake_telegram, guard_cache):
    env = werkbot_environment(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_URL=fake_telegram.url, PORT="0",
                              WERKBOT_DB=str(tmp_path / "w.db"), WERKBOT_LOG_LEVEL="INFO")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        port = None
        while port is None:
            line = await asyncio.wait_for(process.stderr.readline(), 60)
            assert line, "werkbot run stopped before it listened"
            port = port_from_log(line.decode())
        async with aiohttp.ClientSession() as session, session.get(
                f"http://127.0.0.1:{port}/healthz") as response:
            health = await response.json()
        assert (health["telegram"], health["slack"]) == ("polling", "off")
        fake_telegram.private_open.add(COORDINATOR)
        fake_telegram.says(GROUP, COORDINATOR, "/werkbot start")
        await fake_telegram.wait_for_text(COORDINATOR, "Welkom", timeout=60)
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, err.decode()
    assert TOKEN not in err.decode(), "the token never reaches the log"
