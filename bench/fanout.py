"""1,000 Slack channels and 1,000 Telegram groups whose mantra falls due at one minute: the time
from that minute to each platform's last post, against the minimum the platforms' limits allow,
and the 429s provoked. Run: python bench/fanout.py [--quick]

`werkbot run` (Slack in HTTP mode and Telegram polling, in one process) on a database of 1,000
Slack teams and 1,000 Telegram teams, all with the mantra at the same whole minute, started
about 40 s before it. Both platforms are local fakes in this process (the tests' fakes, wrapped
here) that answer each post after 50 ms and enforce the platforms' limits by answering 429:

- Slack: 1 message per second per channel, with a burst of 3 (a token bucket). Slack documents
  no overall limit for chat.postMessage across channels, so the minimum is what the 50 ms answer
  time allows with the posts werkbot keeps in flight: 1,000 × 50 ms ÷ the most posts that were
  under way at the fake at once (measured).
- Telegram: 30 messages in any second overall, 20 in any minute to one group, answered 429 with
  `retry_after`; the minimum is 1,000 ÷ 30 per second ≈ 33 s.

Each post's arrival at its fake is noted in wall-clock time. `--quick`: 20 teams per platform
whose mantra is due already when the process starts (it posts due slots at start), measured
from the process's start instead of from a minute.
"""

import asyncio
import contextlib
import json
import logging
import math
import signal
import sys
import tempfile
import time
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs

import aiohttp
from aiohttp import web

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import table  # noqa: E402
from bench.table import Row  # noqa: E402
from bot.core.flows.team import DEFAULT_SETTINGS  # noqa: E402
from bot.core.schedule import DAY_NAMES, is_public_holiday  # noqa: E402
from storage import Store, open_database  # noqa: E402
from tests.slack.fake_slack import FakeSlack  # noqa: E402
from tests.support import listening_port, werkbot_environment  # noqa: E402
from tests.telegram.fake_telegram import TOKEN, FakeTelegram, Refused  # noqa: E402

# Every post is answered after this long.
LATENCY = 0.05
SLACK_PER_SECOND = 1.0
SLACK_BURST = 3
TELEGRAM_PER_SECOND = 30
TELEGRAM_GROUP_PER_MINUTE = 20
# How long before the minute the process is started, at least.
LEAD_SECONDS = 35
# How long after the minute (or the start) the posts may take before the bench gives up.
PATIENCE_SECONDS = 150
# How the process is started (after the interpreter).
COMMAND = ["-m", "bot.cli", "run"]


@dataclass
class Lane:
    """What one fake saw of the posts: arrival times (wall clock), 429s, posts under way."""

    posts: list[float]
    throttled: int = 0
    under_way: int = 0
    most_under_way: int = 0

    def arrived(self) -> None:
        self.under_way += 1
        self.most_under_way = max(self.most_under_way, self.under_way)


class FanoutSlack(FakeSlack):
    """The tests' fake Slack; chat.postMessage answered after LATENCY, and 429 (Retry-After: 1)
    when a channel's bucket (SLACK_BURST, refilled at SLACK_PER_SECOND) is empty."""

    def __init__(self) -> None:
        super().__init__()
        self.lane = Lane([])
        self._buckets: dict[str, tuple[float, float]] = {}

    async def api(self, request: web.Request) -> web.Response:
        if request.match_info["method"] != "chat.postMessage":
            return await super().api(request)
        arrived = time.time()
        self.lane.arrived()
        try:
            allowed = self._take(await self._channel(request), time.monotonic())
            await asyncio.sleep(LATENCY)
            if not allowed:
                self.lane.throttled += 1
                return web.json_response({"ok": False, "error": "ratelimited"}, status=429,
                                         headers={"Retry-After": "1"})
            self.lane.posts.append(arrived)
            return await super().api(request)
        finally:
            self.lane.under_way -= 1

    @staticmethod
    async def _channel(request: web.Request) -> str:
        # aiohttp keeps the body it read, so FakeSlack.api can read it again.
        if request.content_type == "application/json":
            return str((await request.json()).get("channel", ""))
        return parse_qs(await request.text()).get("channel", [""])[0]

    def _take(self, channel: str, now: float) -> bool:
        tokens, then = self._buckets.get(channel, (float(SLACK_BURST), now))
        tokens = min(float(SLACK_BURST), tokens + (now - then) * SLACK_PER_SECOND)
        if tokens < 1.0:
            self._buckets[channel] = (tokens, now)
            return False
        self._buckets[channel] = (tokens - 1.0, now)
        return True


class FanoutTelegram(FakeTelegram):
    """The tests' fake Bot API; sends answered after LATENCY, and 429 with retry_after when one
    would be the 31st in a second or the 21st in a minute to one group."""

    def __init__(self) -> None:
        super().__init__()
        self.lane = Lane([])
        self._sends: deque[float] = deque()
        self._groups: dict[int, deque[float]] = {}

    async def answer(self, method: str, args: dict) -> object:
        if not method.startswith("send"):
            return await super().answer(method, args)
        arrived = time.time()
        self.lane.arrived()
        try:
            chat = int(args["chat_id"])
            wait = self._wait_needed(chat, time.monotonic())
            await asyncio.sleep(LATENCY)
            if wait:
                self.lane.throttled += 1
                raise Refused(429, f"Too Many Requests: retry after {wait}", retry_after=wait)
            if chat < 0:
                self.lane.posts.append(arrived)
            return await super().answer(method, args)
        finally:
            self.lane.under_way -= 1

    def _wait_needed(self, chat: int, now: float) -> int:
        """0 when this send fits both limits (and it is counted); else the seconds to wait."""
        while self._sends and self._sends[0] <= now - 1.0:
            self._sends.popleft()
        group = self._groups.setdefault(chat, deque()) if chat < 0 else deque()
        while group and group[0] <= now - 60.0:
            group.popleft()
        waits = []
        if len(self._sends) >= TELEGRAM_PER_SECOND:
            waits.append(self._sends[0] + 1.0 - now)
        if len(group) >= TELEGRAM_GROUP_PER_MINUTE:
            waits.append(group[0] + 60.0 - now)
        if waits:
            return max(1, math.ceil(max(waits)))
        self._sends.append(now)
        if chat < 0:
            group.append(now)
        return 0

    def _check_limits(self, chat_id: int) -> None:
        """The limits are enforced above (with 429s), not only noted."""


def next_minute(after: datetime) -> datetime:
    return (after + timedelta(minutes=1)).replace(second=0, microsecond=0)


def make_database(path: Path, teams: int, minute: datetime) -> None:
    """`teams` Slack and `teams` Telegram teams, registered yesterday, whose mantra is due at
    `minute` (UTC) every day; the digest at a slot that is not between yesterday and now."""
    if is_public_holiday(minute.date()):
        raise RuntimeError(f"{minute.date()} is a Dutch public holiday: no mantra falls due today")
    settings = {**DEFAULT_SETTINGS, "timezone": "UTC", "mantra_time": f"{minute:%H:%M}",
                "mantra_days": DAY_NAMES, "digest_day": DAY_NAMES[(minute.weekday() - 2) % 7]}
    store = Store(open_database(path))
    # Setting up only: one transaction, and no wait for the disk at its commit.
    store.db.execute("PRAGMA synchronous = OFF")
    with store.write():
        for number in range(1, teams + 1):
            store.create_team("slack", f"T1:C{number}", settings, "U1")
            store.create_team("telegram", f"-{number}", settings, "1")
        store.db.execute("update teams set created_at = ?",
                         [(datetime.now(UTC) - timedelta(days=1)).isoformat()])
    store.db.close()


async def started(environment: dict[str, str]) -> tuple[asyncio.subprocess.Process, asyncio.Task]:
    """`werkbot run`, once it listens, both platforms are up and the privacy guard has loaded;
    and the task that reads its log on."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, *COMMAND, env=environment, cwd=ROOT,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    assert process.stderr is not None
    port = await listening_port(process, line_seconds=120)
    draining = asyncio.create_task(drain(process.stderr))
    health: dict[str, str] = {}
    async with aiohttp.ClientSession() as session:
        for _ in range(1200):
            with contextlib.suppress(aiohttp.ClientError):
                async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                    health = await response.json()
                    if (health["slack"], health["telegram"], health["privacy_guard"]) == (
                            "http", "polling", "ready"):
                        return process, draining
            await asyncio.sleep(0.1)
    raise RuntimeError(f"werkbot run never became ready: {json.dumps(health)}")


async def drain(stream: asyncio.StreamReader) -> None:
    while await stream.read(65536):
        pass


async def stopped(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), 30)
        except TimeoutError:
            process.kill()
            await process.wait()


async def measure(teams: int, quick: bool, folder: Path) -> tuple[float, FanoutSlack, FanoutTelegram]:
    """The moment measured from (epoch seconds), and the fakes with what they saw."""
    slack, telegram = FanoutSlack(), FanoutTelegram()
    await slack.start()
    await telegram.start()
    try:
        now = datetime.now(UTC)
        minute = now.replace(second=0, microsecond=0) if quick else next_minute(
            now + timedelta(seconds=LEAD_SECONDS))
        database = folder / "werkbot.db"
        make_database(database, teams, minute)
        environment = werkbot_environment(
            SLACK_BOT_TOKEN="xoxb-bench", SLACK_SIGNING_SECRET="bench-secret", SLACK_API_URL=slack.url,
            TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_URL=telegram.url, PORT="0",
            WERKBOT_DB=str(database), WERKBOT_LOG_LEVEL="INFO")
        start = time.time()
        process, draining = await started(environment)
        try:
            origin = start if quick else minute.timestamp()
            if not quick and time.time() >= origin:
                raise RuntimeError("werkbot run was not ready before the minute")
            deadline = origin + PATIENCE_SECONDS
            while time.time() < deadline and (len(slack.lane.posts) < teams
                                               or len(telegram.lane.posts) < teams):
                await asyncio.sleep(0.05)
        finally:
            await stopped(process)
            draining.cancel()
        return origin, slack, telegram
    finally:
        await slack.stop()
        await telegram.stop()


def row(figure: str, size: str, teams: int, origin: float, lane: Lane, minimum: float,
        reference: str) -> Row:
    if not lane.posts:
        return Row(figure, size, "no post", "no post", reference, "n/a",
                   f"≤ 1.1×, 0 × 429 (got {lane.throttled})")
    first, last = min(lane.posts) - origin, max(lane.posts) - origin
    missing = f" (only {len(lane.posts):,} of {teams:,})" if len(lane.posts) < teams else ""
    return Row(figure, size, f"first post +{first:.1f} s", f"last post +{last:.1f} s{missing}",
               reference, table.ratio(last, minimum), f"≤ 1.1×, 0 × 429 (got {lane.throttled})")


async def fan_out(teams: int, quick: bool) -> list[Row]:
    logging.getLogger("aiohttp.server").setLevel(logging.CRITICAL)
    with tempfile.TemporaryDirectory() as name:
        origin, slack, telegram = await measure(teams, quick, Path(name))
    when = "due at process start (quick: from the start)" if quick else "due at one minute"
    in_flight = max(slack.lane.most_under_way, 1)
    slack_minimum = math.ceil(teams / in_flight) * LATENCY
    telegram_minimum = teams / TELEGRAM_PER_SECOND
    return [
        row(f"Fan-out to Slack, {when}", f"{teams:,} channels", teams, origin, slack.lane,
            slack_minimum,
            f"limits' minimum {slack_minimum:.2f} s ({teams:,} × 50 ms ÷ {in_flight} posts in flight, "
            f"the most seen; Slack has no overall limit)"),
        row(f"Fan-out to Telegram, {when}", f"{teams:,} groups", teams, origin, telegram.lane,
            telegram_minimum, f"limits' minimum {telegram_minimum:.1f} s ({teams:,} ÷ 30/s)"),
    ]


def rows(quick: bool) -> list[Row]:
    today = datetime.now(UTC).date()
    if is_public_holiday(today) or is_public_holiday(today + timedelta(days=1)):
        # No mantra falls due on a Dutch public holiday: nothing to fan out.
        return [Row(f"Fan-out to {name}", "—", "not measured", f"{today} or the day after is a Dutch "
                    "public holiday", "—", "—", "≤ 1.1×, 0 × 429") for name in ("Slack", "Telegram")]
    return asyncio.run(fan_out(20 if quick else 1000, quick))


if __name__ == "__main__":
    print(table.markdown(rows(quick="--quick" in sys.argv)))
