"""The composition root of `werkbot run`: settings → database → core → platforms → web → scheduler.

Everything shares one asyncio loop. Shut down in reverse order.
"""

import asyncio
import logging
import signal

from aiohttp import web
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.core.bot import WerkBot
from bot.core.content import Content
from bot.core.model import Reply
from bot.core.privacy import PrivacyGuard
from bot.inflight import InFlight
from bot.scheduler import post_due, start_scheduler
from bot.settings import Settings, SettingsError
from bot.slack.adapter import PLATFORM as SLACK
from bot.slack.adapter import SlackAdapter
from storage import Store, open_database

log = logging.getLogger(__name__)

# How long shutdown waits for answers and posts already under way.
DRAIN_SECONDS = 20.0


class Runtime:
    def __init__(self, settings: Settings, content: Content, guard: PrivacyGuard,
                 host: str = "0.0.0.0") -> None:
        self.settings = settings
        self.content = content
        self.guard = guard
        self.host = host
        self.bot: WerkBot | None = None
        self.slack: SlackAdapter | None = None
        self.scheduler: AsyncIOScheduler | None = None
        self.runner: web.AppRunner | None = None
        self.port: int | None = None
        self.in_flight = InFlight()

    async def start(self) -> None:
        db = open_database(self.settings.database)
        self.bot = WerkBot(Store(db), self.content, self.guard)
        self.guard.load_in_background()
        app = web.Application()
        app.router.add_get("/healthz", self.healthz)
        if self.settings.slack:
            self.slack = SlackAdapter(self.bot, self.settings.slack_bot_token or "",
                                      self.settings.slack_signing_secret or "",
                                      self.settings.slack_api_url, self.settings.slack_app_token,
                                      self.in_flight)
            if not self.settings.slack_app_token:
                app.router.add_post("/slack/events", self.slack.handle_http)
            await self.slack.start()
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        try:
            await web.TCPSite(self.runner, self.host, self.settings.port).start()
        except OSError as error:
            raise SettingsError("cli.port_unavailable", port=self.settings.port,
                                reason=error.strerror or type(error).__name__) from error
        self.port = self.runner.addresses[0][1]
        await post_due(self.bot, self.deliver)
        self.scheduler = start_scheduler(self.bot, self.deliver, self.in_flight)
        log.info("werkbot running on port %s (slack: %s)", self.port,
                 self.slack.state if self.slack else "off")

    async def stop(self) -> None:
        """Take no new work, let the work under way finish, then close the database. Idempotent."""
        if self.scheduler is not None:
            self.scheduler.pause()
        if self.runner is not None:
            await self.runner.cleanup()
            self.runner = None
        if self.slack is not None:
            await self.slack.stop()
        await self.in_flight.drain(DRAIN_SECONDS)
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
            self.scheduler = None
        if self.bot is not None:
            self.bot.store.db.close()

    async def deliver(self, reply: Reply) -> None:
        """A scheduled post to the platform of its team."""
        assert self.bot is not None
        team = self.bot.store.team(reply.team_id or "")
        if team["platform"] == SLACK and self.slack is not None:
            await self.slack.post(reply)
        else:
            raise RuntimeError(f"no running platform for team {team['id']}")

    def health(self) -> dict:
        return {
            "slack": self.slack.state if self.slack else "off",
            "telegram": "off",
            "scheduler": "running" if self.scheduler and self.scheduler.running else "stopped",
            "privacy_guard": self.guard.state,
        }

    async def healthz(self, request: web.Request) -> web.Response:
        return web.json_response(self.health())


async def serve(settings: Settings, content: Content, guard: PrivacyGuard) -> None:
    """Run until SIGINT or SIGTERM."""
    runtime = Runtime(settings, content, guard)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopping.set)
    try:
        await runtime.start()
        await stopping.wait()
    finally:
        # Also after a failed start: whatever did start is closed again.
        await runtime.stop()
