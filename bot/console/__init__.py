"""The console platform: a terminal chat with the bot, for demos and scripted tests."""

from bot.console.chat import ConsoleChat, demo_caller

__all__ = ["ConsoleChat", "demo_caller"]
