"""What a chat platform offers the runtime, and how the composition root registers one.

Each adapter (`bot/slack`, `bot/console`, …) implements `Platform`; the composition root
(`bot/app.py`) lists them as `PlatformEntry`s, and `Runtime` starts those that the settings enable.
Adding a platform is one new folder and one entry.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

from aiohttp import web

from bot.conversation import ChannelUnreachable, Conversation
from bot.core.bot import WerkBot
from bot.core.model import Reply
from bot.inflight import InFlight

__all__ = ["ChannelUnreachable", "ChatAdmins", "Platform", "PlatformEntry", "PlatformUnreachable", "Services"]


class PlatformUnreachable(Exception):
    """The platform cannot be reached now; nothing was refused. The runtime tries again with
    back-off while /healthz says 'connecting', and the other platforms go on meanwhile."""


class Platform(Protocol):
    @property
    def state(self) -> str:
        """What /healthz shows: 'connecting', 'http', 'polling', 'stopped', …"""
        ...

    async def start(self) -> None:
        """Connect. A refused credential raises SettingsError (one line, exit 2); a platform
        that cannot be reached raises PlatformUnreachable, and `start` is called again later."""
        ...

    async def stop(self) -> None:
        """Take no new work (the runtime then lets the work under way finish)."""
        ...

    async def close(self) -> None:
        """Release connections, once the work under way has finished."""
        ...

    async def send(self, reply: Reply) -> None:
        """Deliver a reply that needs no conversation: a post to its team's chat, or a private
        note to one member. Raises ChannelUnreachable when the chat refuses the bot for good,
        PartlySent when a post of several messages failed halfway (it sends from
        `reply.parts_sent` on)."""
        ...

    async def was_posted(self, reply: Reply, since: datetime) -> int | None:
        """How many messages of a scheduled post whose outcome was unknown (a timeout, a
        connection lost after sending) are in the team's chat now; None when the platform
        cannot tell."""
        ...

    def add_routes(self, app: web.Application) -> None:
        """Mount the platform's web endpoints (Slack events, a webhook) on the shared server."""
        ...


@runtime_checkable
class ChatAdmins(Protocol):
    """A platform whose chats have administrators who moderate too (SPEC: moderator)."""

    async def learn_chat_admins(self, chat_id: str) -> None:
        """Ask who administers this chat now, and tell the core (`WerkBot.chat_admins_seen`)."""
        ...


@dataclass(frozen=True)
class Services:
    """What an adapter is built with."""

    bot: WerkBot
    conversation: Conversation
    in_flight: InFlight


@dataclass(frozen=True)
class PlatformEntry:
    """A platform the runtime can start: `build` makes its adapter from the services and the
    platform's own section of the settings (`Settings.platforms[name]`)."""

    name: str
    build: Callable[[Services, Any], Platform]
