"""All the bot's schedules, in one APScheduler AsyncIOScheduler on the shared event loop.

Posts are checked at the start of every minute and twice more within it; retention of story
texts runs at start and nightly.

One short job checks every team's slots against the database (`Posting.slots`): a changed time
takes effect at once, and the deliveries table, not APScheduler, makes posts exactly-once.
While a team's weekly summaries are due, the same job asks its platform who administers the
team's chat (they moderate too); the check after that sends them theirs.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable, Collection
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.core.bot import WerkBot
from bot.core.model import Reply
from bot.core.posting import Slot
from bot.core.retention import apply_retention
from bot.inflight import InFlight
from storage import Team

log = logging.getLogger(__name__)

# Seconds of each minute at which due posts are checked: a post due at 09:00 leaves at 09:00.
CHECK_AT_SECONDS = "0,20,40"
# Posts of one platform under way at once (each platform's pacer keeps its own limits).
POSTS_AT_ONCE = 50
# Teams whose slots are worked out in one go, before other work on the loop gets its turn.
TEAMS_AT_ONCE = 100
RETENTION_HOUR = 3

# Sends one post and records what came of it (`Conversation.publish`).
Deliver = Callable[[Reply], Awaitable[None]]
# Asks a team's platform who administers its chat, and records it (`Runtime.learn_chat_admins`).
LearnAdmins = Callable[[Team], Awaitable[None]]


async def post_due(bot: WerkBot, deliver: Deliver, platforms: Collection[str] | None = None,
                   learn_admins: LearnAdmins | None = None) -> None:
    """Send every post that is due (of teams on `platforms`, the ones running here); a failed
    one is recorded and tried again on a later check. One post's failure never stops the next,
    and each platform posts at its own pace, side by side with the others. Then, for the teams
    whose weekly summaries are due, `learn_admins`: the posts due now never wait for it."""
    lanes: dict[str, list[Slot]] = {}
    teams = [team for team in bot.store.teams() if platforms is None or team.platform in platforms]
    for start in range(0, len(teams), TEAMS_AT_ONCE):
        for slot in bot.posting.slots(platforms, teams[start:start + TEAMS_AT_ONCE]):
            lanes.setdefault(slot.team.platform, []).append(slot)
        await asyncio.sleep(0)
    await asyncio.gather(*(_post_lane(bot, lane, deliver) for lane in lanes.values()))
    if learn_admins is not None:
        await _learn_admins(bot, teams, learn_admins)


async def _learn_admins(bot: WerkBot, teams: list[Team], learn_admins: LearnAdmins) -> None:
    """Who administers the chats of the teams whose summaries are due, several at a time; one
    platform that cannot say never stops the others."""
    places = asyncio.Semaphore(POSTS_AT_ONCE)

    async def learn(team: Team) -> None:
        async with places:
            try:
                await learn_admins(team)
            except Exception as error:
                log.error("asking who administers the chat of team %s failed: %s", team.id,
                          type(error).__name__)

    due: list[Team] = []
    # A slice of teams at a time, like the slots: the event loop serves chats in between.
    for start in range(0, len(teams), TEAMS_AT_ONCE):
        due += [team for team in teams[start:start + TEAMS_AT_ONCE] if bot.posting.summaries_due(team)]
        await asyncio.sleep(0)
    await asyncio.gather(*(learn(team) for team in due))


async def _post_lane(bot: WerkBot, slots: list[Slot], deliver: Deliver) -> None:
    """One platform's posts, each claimed right before it is sent, several teams at a time: a
    team whose post hangs holds one place, never the others (the platform's pacer keeps its
    limits)."""
    places = asyncio.Semaphore(POSTS_AT_ONCE)

    async def post(slot: Slot) -> None:
        async with places:
            reply = bot.posting.take(slot)
            if reply is None:
                return
            try:
                await deliver(reply)
            except Exception as error:
                log.error("posting %s failed: %s", reply.delivery, type(error).__name__)

    await asyncio.gather(*(post(slot) for slot in slots))


async def retention(bot: WerkBot) -> None:
    """A coroutine, so it runs on the loop thread that owns the SQLite connection."""
    apply_retention(bot.store, bot.clock)


def start_scheduler(bot: WerkBot, deliver: Deliver, in_flight: InFlight,
                    platforms: Collection[str] | None = None,
                    learn_admins: LearnAdmins | None = None) -> AsyncIOScheduler:
    """Start the scheduler inside the running loop (await `post_due` first for a check now).

    Its runs count as `in_flight`: pause the scheduler and drain them before `shutdown`, which
    cancels a coroutine job mid-way.
    """
    scheduler = AsyncIOScheduler()
    scheduler.add_job(in_flight.track(post_due), "cron", second=CHECK_AT_SECONDS,
                      args=[bot, deliver, platforms, learn_admins], id="due-posts", max_instances=1,
                      coalesce=True)
    # Retention runs at start and then every night.
    scheduler.add_job(in_flight.track(retention), "cron", hour=RETENTION_HOUR, args=[bot],
                      id="retention", next_run_time=datetime.now(UTC), max_instances=1, coalesce=True)
    scheduler.start()
    return scheduler
