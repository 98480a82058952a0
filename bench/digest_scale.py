"""The weekly digest in a database of a million stories: one team-week compiled and rendered as
the bot does it, and its 8-week chart, against the same on a database of a thousand stories.

    python bench/digest_scale.py [--quick]

The databases come from bench/generate.py: 2,000 teams and 1,000,000 stories over two years, and
as the reference 2 teams and 1,000 stories, so a team has about 500 stories in both and a
team-week holds the same few stories: the ratio shows what the size of the database costs. The
big one is built once (about 40 s) and kept in the temp folder (`werkbot-bench/`) for later runs.

One sample: `WerkBot.digests.compile(team, monday)` and the rendering for the team's platform
(Slack Block Kit or Telegram HTML), for a random team and week (with eight weeks of history
before it). The chart is `render_chart` of such a digest; the adapters render it in a worker
thread (`asyncio.to_thread`), and so does the bench, with a heartbeat on the event loop that
shows how long the loop still waits for a turn (matplotlib holds the GIL for much of its work).
The database file is in the operating system's page cache, as on a server that has been running
a while.
"""

import asyncio
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import table  # noqa: E402
from bench.generate import cached, generate  # noqa: E402
from bench.table import Row  # noqa: E402
from bot.core import schedule  # noqa: E402
from bot.core.bot import WerkBot  # noqa: E402
from bot.core.content import Content, load_content  # noqa: E402
from bot.core.digest import HISTORY_WEEKS, Digest  # noqa: E402
from bot.core.privacy import PrivacyGuard  # noqa: E402
from bot.render.chart import chart_png, render_chart  # noqa: E402
from bot.slack import blocks  # noqa: E402
from bot.telegram import render as telegram_render  # noqa: E402
from storage import Store, Team, open_database  # noqa: E402

WARM_UP = 5


def renderer(team: Team, content: Content) -> Callable[[Digest], object]:
    """How the team's platform renders a digest post."""
    if team.platform == "telegram":
        return lambda digest: telegram_render.digest_messages(digest, content.messages)
    return lambda digest: blocks.digest_messages(digest, content.messages)


def team_weeks(store: Store, count: int, seed: int) -> list[tuple[Team, date]]:
    """`count` random (team, Monday) pairs, each week with eight weeks of stories before it."""
    first, last = (datetime.fromisoformat(next(store.db.query(
        f"select created_at from stories order by id {order} limit 1"))["created_at"])
        for order in ("asc", "desc"))
    monday = schedule.week_monday(first.date()) + timedelta(weeks=HISTORY_WEEKS)
    mondays = []
    while monday + timedelta(days=7) <= last.date():
        mondays.append(monday)
        monday += timedelta(weeks=1)
    rng = random.Random(seed)
    teams = store.teams()
    return [(rng.choice(teams), rng.choice(mondays)) for _ in range(count)]


class Sampler:
    """Digests of random team-weeks of one database, compiled as the bot compiles them."""

    def __init__(self, path: Path, content: Content, count: int) -> None:
        self.db = open_database(path)
        self.content = content
        guard = PrivacyGuard(content.guard_words, Path(tempfile.gettempdir()))  # never loaded
        self.bot = WerkBot(Store(self.db), content, guard)
        self.stories = self.db["stories"].count
        self.pairs = team_weeks(self.bot.store, count, seed=7)
        self.digests: list[Digest] = []

    def digest(self, index: int) -> float:
        """Seconds to compile and render the index-th team-week's digest (the digest is kept)."""
        team, monday = self.pairs[index]
        render = renderer(team, self.content)
        started = time.perf_counter()
        digest = self.bot.digests.compile(team, monday)
        render(digest)
        took = time.perf_counter() - started
        self.digests.append(digest)
        return took

    def chart(self, index: int) -> float:
        started = time.perf_counter()
        render_chart(self.digests[index], self.content.messages)
        return time.perf_counter() - started

    def close(self) -> None:
        self.db.close()


def measure(samplers: list[Sampler], samples: int) -> list[list[float]]:
    """Per sampler: seconds per digest. The databases take turns, sample by sample, so a busy
    moment of the machine falls on both alike; the first few are a warm-up."""
    digests: list[list[float]] = [[] for _ in samplers]
    for index in range(WARM_UP + samples):
        for sampler, durations in zip(samplers, digests, strict=True):
            took = sampler.digest(index)
            if index >= WARM_UP:
                durations.append(took)
    return digests


async def measure_charts(sampler: Sampler, charts: int, in_process: bool) -> tuple[list[float], float]:
    """Seconds per chart and the longest time the event loop went without a turn meanwhile (a
    heartbeat that sleeps 5 ms between ticks: an idle loop shows about 5 ms). `in_process`:
    as the bot renders charts (`chart_png`, a worker process); else in a thread, as it did before."""
    durations: list[float] = []
    longest = 0.0
    beating = True

    async def heartbeat() -> None:
        nonlocal longest
        last = time.perf_counter()
        while beating:
            await asyncio.sleep(0.005)
            now = time.perf_counter()
            longest = max(longest, now - last)
            last = now

    async def one(index: int) -> float:
        if not in_process:
            return await asyncio.to_thread(sampler.chart, index)
        started = time.perf_counter()
        await chart_png(sampler.digests[index], sampler.content.messages)
        return time.perf_counter() - started

    for index in range(WARM_UP):
        await one(index)
    beat = asyncio.get_running_loop().create_task(heartbeat())
    for index in range(WARM_UP, WARM_UP + charts):
        durations.append(await one(index))
    beating = False
    await beat
    return durations, longest


def rows(quick: bool) -> list[Row]:
    big_size, small_size = ((20, 10_000), (2, 1_000)) if quick else ((2_000, 1_000_000), (2, 1_000))
    samples, charts = (20, 2) if quick else (200, 30)
    content = load_content()
    with tempfile.TemporaryDirectory() as folder:
        if quick:
            big = Path(folder) / "big.db"
            generate(big, *big_size)
        else:
            started = time.perf_counter()
            big = cached(*big_size)
            print(f"database of {big_size[1]:,} stories ready in {time.perf_counter() - started:.1f} s "
                  f"({big})", file=sys.stderr)
        small = Path(folder) / "small.db"
        generate(small, *small_size)
        samplers = [Sampler(big, content, WARM_UP + samples), Sampler(small, content, WARM_UP + samples)]
        try:
            digests, reference = measure(samplers, samples)
            charts_in_process, process_gap = asyncio.run(measure_charts(samplers[0], charts, True))
            charts_in_thread, thread_gap = asyncio.run(measure_charts(samplers[0], charts, False))
        finally:
            for sampler in samplers:
                sampler.close()
        stories, reference_stories = (sampler.stories for sampler in samplers)
    p50, reference_p50 = table.percentile(digests, 0.5), table.percentile(reference, 0.5)
    chart_p50 = table.percentile(charts_in_process, 0.5)
    size = f"{stories:,} stories"
    small_label = f"{reference_stories:,} stories ({small_size[0]} teams)"
    return [
        Row("Digest compiled + rendered, one team-week", size, table.ms(p50),
            f"p99 {table.ms(table.percentile(digests, 0.99))}",
            f"{small_label}: p50 {table.ms(reference_p50)}", table.ratio(p50, reference_p50),
            "p50 < 10 ms"),
        Row("Digest chart (8 weeks), worker process", f"{charts} charts", table.ms(chart_p50),
            f"longest loop gap {table.ms(process_gap)}",
            f"in a thread: p50 {table.ms(table.percentile(charts_in_thread, 0.5))}, "
            f"longest loop gap {table.ms(thread_gap)}",
            f"gap {table.ratio(process_gap, thread_gap)}", "loop gap near its idle 5 ms"),
    ]


if __name__ == "__main__":
    print(table.markdown(rows(quick="--quick" in sys.argv)))
