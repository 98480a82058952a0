"""The composition root: which platforms exist, and how `werkbot run` and `werkbot demo` are put
together from settings, content and the privacy guard. A new platform is one entry here."""

import sys
from pathlib import Path
from typing import TextIO

from bot.console.chat import ConsoleChat
from bot.core.content import Content
from bot.core.privacy import PrivacyGuard
from bot.platform import PlatformEntry, Services
from bot.runtime import Runtime
from bot.settings import ConsoleSettings, Settings
from bot.slack.adapter import SlackAdapter
from bot.telegram.adapter import TelegramAdapter
from storage.store import Clock, system_clock

PLATFORMS = (
    PlatformEntry("slack", SlackAdapter),
    PlatformEntry("telegram", TelegramAdapter),
)


def build_runtime(settings: Settings, content: Content, guard: PrivacyGuard, host: str = "0.0.0.0",
                  clock: Clock = system_clock) -> Runtime:
    """`werkbot run`: every platform whose settings are set, the web server and the scheduler."""
    return Runtime(settings, content, guard, PLATFORMS, host=host, clock=clock)


async def run_demo(database: str, content: Content, guard: PrivacyGuard, stdin: TextIO = sys.stdin,
                   out: TextIO = sys.stdout, chart_dir: Path = Path(),
                   clock: Clock = system_clock) -> None:
    """`werkbot demo`: the same runtime with the terminal as its one platform and no web server."""

    def console(services: Services, _: ConsoleSettings) -> ConsoleChat:
        return ConsoleChat(services, stdin, out, chart_dir)

    settings = Settings(database=database, port=None, platforms={"console": ConsoleSettings()})
    runtime = Runtime(settings, content, guard, (PlatformEntry("console", console),), clock=clock)
    try:
        await runtime.start()
        chat = runtime.platforms["console"]
        assert isinstance(chat, ConsoleChat)
        await chat.read_lines()
    finally:
        await runtime.stop()
