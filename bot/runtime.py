"""The running bot: database → core → platforms → web server → scheduler, on one asyncio loop.

`Runtime` starts the platforms it is given (`bot.app` says which exist) when their settings are
set, routes scheduled posts to the platform of each team, and reports every part in /healthz.
It names no platform. Shut down in reverse order.
"""

import asyncio
import contextlib
import gc
import logging
import resource
import signal
from collections.abc import Callable, Sequence
from datetime import datetime

from aiohttp import web
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.conversation import Conversation
from bot.core import schedule
from bot.core.bot import WerkBot
from bot.core.content import Content
from bot.core.model import Reply
from bot.core.privacy import PrivacyGuard
from bot.inflight import InFlight
from bot.platform import ChatAdmins, Platform, PlatformEntry, PlatformUnreachable, Services
from bot.render.chart import close_chart_workers
from bot.scheduler import post_due, start_scheduler
from bot.settings import Settings, SettingsError
from bot.web import ConnectionGuard, GuardedSite, guarded_app
from storage import Store, Team, open_database
from storage.store import Clock, system_clock

log = logging.getLogger(__name__)

# How long shutdown waits for answers and posts already under way.
DRAIN_SECONDS = 20.0
# A platform unreachable at start is tried again after 2 s, then twice as long each time.
CONNECT_FIRST_SECONDS = 2.0
CONNECT_LONGEST_SECONDS = 60.0


class Runtime:
    def __init__(self, settings: Settings, content: Content, guard: PrivacyGuard,
                 entries: Sequence[PlatformEntry], host: str = "0.0.0.0",
                 clock: Clock = system_clock) -> None:
        self.settings = settings
        self.content = content
        self.guard = guard
        self.entries = {entry.name: entry for entry in entries}
        self.host = host
        self.clock: Callable[[], datetime] = clock
        self.bot: WerkBot | None = None
        self.conversation: Conversation | None = None
        self.platforms: dict[str, Platform] = {}
        self.scheduler: AsyncIOScheduler | None = None
        self.runner: web.AppRunner | None = None
        self.port: int | None = None
        self.in_flight = InFlight()
        self._connecting: set[asyncio.Task] = set()

    async def start(self) -> None:
        for name, section in self.settings.platforms.items():
            if name not in self.entries:
                raise SettingsError("cli.platform_unavailable", name=section.credential)
        db = open_database(self.settings.database, writable=True)
        self.bot = WerkBot(Store(db, self.clock), self.content, self.guard, self.clock)
        self.conversation = Conversation(self.bot)
        # The holiday table imports every country of `holidays` on first use: done now, before
        # the guard's loading thread competes for the interpreter, it takes a quarter second
        # instead of holding the loop (and /healthz) until the guard is ready.
        schedule.is_public_holiday(self.clock().date())
        loop = asyncio.get_running_loop()

        def when_guard_ready() -> None:
            # From the guard's thread; the loop may have stopped already.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._freeze_when_idle)

        self.guard.load_in_background(then=when_guard_ready)
        services = Services(self.bot, self.conversation, self.in_flight)
        app, connections = guarded_app()
        app.router.add_get("/healthz", self.healthz)
        for name, section in self.settings.platforms.items():
            platform = self.entries[name].build(services, section)
            self.platforms[name] = platform
            platform.add_routes(app)
            try:
                await platform.start()
            except PlatformUnreachable as error:
                log.warning("%s cannot be reached (%s); trying again in the background", name, error)
                task = asyncio.create_task(self._connect_later(name, platform))
                self._connecting.add(task)
                task.add_done_callback(self._connecting.discard)
        if self.settings.port is not None:
            await self._serve(app, connections)
        running = frozenset(self.platforms)
        await post_due(self.bot, self.deliver, running, self.learn_chat_admins)
        self.scheduler = start_scheduler(self.bot, self.deliver, self.in_flight, running,
                                         self.learn_chat_admins)
        log.info("werkbot running%s (%s)", f" on port {self.port}" if self.port else "",
                 ", ".join(f"{name}: {state}" for name, state in self.health().items()))

    def _freeze_when_idle(self) -> None:
        """Freeze the heap once no input or post is under way: what is frozen is never collected,
        and a story's text must not be among it."""
        if self.in_flight.busy:
            asyncio.get_running_loop().call_later(1.0, self._freeze_when_idle)
            return
        freeze_heap()

    async def _connect_later(self, name: str, platform: Platform) -> None:
        """Start a platform that could not be reached, with back-off, until it can."""
        delay = CONNECT_FIRST_SECONDS
        while True:
            await asyncio.sleep(delay)
            try:
                await platform.start()
            except PlatformUnreachable as error:
                log.warning("%s still cannot be reached (%s)", name, error)
                delay = min(delay * 2, CONNECT_LONGEST_SECONDS)
            except SettingsError as error:
                log.error("%s refused this bot's settings (%s); it stays off until a restart", name,
                          error.key)
                return
            except Exception as error:
                log.error("%s could not start: %s; trying again", name, type(error).__name__)
                delay = min(delay * 2, CONNECT_LONGEST_SECONDS)
            else:
                log.info("%s connected", name)
                return

    async def _serve(self, app: web.Application, connections: ConnectionGuard) -> None:
        # Idle keep-alive connections are the connection guard's to close (its header deadline).
        self.runner = web.AppRunner(app, keepalive_timeout=connections.limits.header_seconds)
        await self.runner.setup()
        try:
            await GuardedSite(self.runner, connections, self.host, self.settings.port).start()
        except OSError as error:
            # The error itself is the reason: the command line says it in its own words.
            raise SettingsError("cli.port_unavailable", port=self.settings.port, reason=error) from error
        self.port = self.runner.addresses[0][1]

    async def stop(self) -> None:
        """Take no new work, let the work under way finish, then close the database. Idempotent."""
        if self.scheduler is not None:
            self.scheduler.pause()
        for task in list(self._connecting):
            task.cancel()
        if self.runner is not None:
            await self.runner.cleanup()
            self.runner = None
        for platform in reversed(self.platforms.values()):
            await platform.stop()
        await self.in_flight.drain(DRAIN_SECONDS)
        if self.conversation is not None:
            await self.conversation.close()
        for platform in reversed(self.platforms.values()):
            await platform.close()
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
            self.scheduler = None
        close_chart_workers()
        if self.bot is not None:
            self.bot.store.db.close()

    async def deliver(self, reply: Reply) -> None:
        """A scheduled post, through the platform of its team; the outcome is recorded."""
        assert self.bot is not None and self.conversation is not None
        # Only teams of the platforms running here have posts due (`post_due`'s platforms).
        team = self.bot.store.team(reply.team_id or "")
        platform = self.platforms[team.platform]
        await self.conversation.publish(reply, platform.send, platform.was_posted)

    async def learn_chat_admins(self, team: Team) -> None:
        """Who administers the team's chat, where its platform has such people (they moderate
        too, and get the weekly summary)."""
        platform = self.platforms.get(team.platform)
        if isinstance(platform, ChatAdmins):
            await platform.learn_chat_admins(team.chat_id)

    def health(self) -> dict[str, str]:
        platforms = {name: platform.state for name, platform in self.platforms.items()}
        return {
            **{name: platforms.get(name, "off") for name in self.entries},
            "scheduler": "running" if self.scheduler and self.scheduler.running else "stopped",
            "privacy_guard": self.guard.state,
        }

    async def healthz(self, request: web.Request) -> web.Response:
        return web.json_response(self.health())


def freeze_heap() -> None:
    """Move what is alive now (the guard's lookup data, the content, the libraries) out of the
    garbage collector's reach: it lives as long as the process, and every full collection
    walked all of it again (~125 ms each, every ~500 requests). Once per process, with no input
    under way (`Runtime._freeze_when_idle`)."""
    if gc.get_freeze_count():
        return
    gc.collect()
    gc.freeze()
    log.info("heap frozen: %d objects are no longer collected", gc.get_freeze_count())


def raise_open_files_limit() -> None:
    """Use all the open files the system allows (the soft limit is often 1,024): every
    connection is one, and running out stops /healthz and the platforms' requests alike."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft >= hard:
        return
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    except (ValueError, OSError) as error:
        log.warning("open files limit stays at %d: %s", soft, type(error).__name__)
        return
    log.info("open files limit raised from %d to %d", soft, hard)


async def serve(runtime: Runtime) -> None:
    """Run until SIGINT or SIGTERM."""
    raise_open_files_limit()
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
