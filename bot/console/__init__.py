"""The console platform: a terminal chat with the bot, for demos and scripted tests."""

from bot.console.chat import ConsoleChat, run_demo

__all__ = ["ConsoleChat", "run_demo"]
