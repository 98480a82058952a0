"""How long the event loop stalls when many teams' weekly digests fall due at once (every team's
default slot is Friday 15:00). Run: make bench-digest-slot [TEAMS=40]

While the loop stalls, nothing else runs: a Slack request that arrives then gets its ack late, and
after 3 seconds Slack gives up on it. The bench runs the real runtime (Slack in HTTP mode)
against the tests' local fake Slack Web API, registers TEAMS teams with three approved stories
each, moves their digest slot to a minute ago, and posts what is due while a heartbeat task
measures the longest gap between its 5 ms ticks.

Baseline, measured in the same run: the same digests compiled and their charts rendered in one
go on the loop, as the bot did before charts moved to a worker thread.
"""

import asyncio
import logging
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.app import build_runtime
from bot.core.content import load_content
from bot.core.model import Caller
from bot.core.privacy import PrivacyGuard
from bot.core.schedule import DAY_NAMES
from bot.render.chart import render_chart
from bot.scheduler import post_due
from bot.settings import Settings, SlackSettings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.slack.fake_slack import FakeSlack  # noqa: E402

STORIES = ("We begonnen klein, met een kop koffie bij de buren in de straat.",
           "Samen met de huismeester een plan gemaakt voor de trap; dat werkte goed.",
           "Door eerst te luisteren kwam er ruimte voor een ander gesprek.")


class Heartbeat:
    """Ticks every 5 ms; `longest` is the longest time between two ticks."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._task: asyncio.Task | None = None

    async def _beat(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.005)
            now = time.perf_counter()
            self.longest = max(self.longest, now - last)
            last = now

    def __enter__(self) -> "Heartbeat":
        self._task = asyncio.get_running_loop().create_task(self._beat())
        return self

    def __exit__(self, *_: object) -> None:
        assert self._task is not None
        self._task.cancel()


async def measure(teams: int, folder: Path) -> None:
    content = load_content()
    guard = PrivacyGuard(content.guard_words, Path(tempfile.gettempdir()) / "werkbot-bench-cache")
    guard.load()
    fake_slack = FakeSlack()
    await fake_slack.start()
    slack = SlackSettings("xoxb-bench", "bench", api_url=fake_slack.url)
    settings = Settings(database=str(folder / "werkbot.db"), port=0, platforms={"slack": slack})
    runtime = build_runtime(settings, content, guard, host="127.0.0.1")
    await runtime.start()
    assert runtime.bot is not None and runtime.scheduler is not None
    runtime.scheduler.pause()  # the bench decides when posts go out
    bot = runtime.bot
    slot = datetime.now(ZoneInfo("Europe/Amsterdam")) - timedelta(minutes=1)
    for number in range(teams):
        caller = Caller("slack", f"T1:C{number}", "U1")
        team = bot.team.register(caller, name=f"#team-{number}")
        bot.handle_command(caller, "/werkbot moderatie uit", "setup")
        for index, story in enumerate(STORIES):
            bot.handle_command(caller, f"/verhaal {story}", f"bench-{number}-{index}")
        bot.store.db["teams"].update(team.id, {
            "created_at": "2000-01-01T00:00:00+00:00",
            "digest_day": DAY_NAMES[slot.weekday()], "digest_time": f"{slot:%H:%M}"})

    started = time.perf_counter()
    with Heartbeat() as ours:
        await post_due(bot, runtime.deliver)
    took = time.perf_counter() - started
    uploads = len(fake_slack.of("files.completeUploadExternal"))

    with Heartbeat() as before:
        await asyncio.sleep(0.02)
        for team in bot.store.teams():
            render_chart(bot.digests.compile(team), content.messages)
        await asyncio.sleep(0.02)
    await runtime.stop()
    await fake_slack.stop()

    print(f"{teams} teams, digests posted: {uploads} charts uploaded in {took:.1f} s")
    print(f"longest loop stall now: {ours.longest * 1000:.0f} ms")
    print(f"longest loop stall with charts on the loop (before): {before.longest * 1000:.0f} ms")
    print(f"ratio now/before: {ours.longest / before.longest:.2f}")


def main() -> None:
    # Before deduce is imported, which otherwise sets up DEBUG logging to stdout.
    logging.basicConfig(level=logging.WARNING)
    teams = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(measure(teams, Path(folder)))


if __name__ == "__main__":
    main()
