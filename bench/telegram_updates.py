"""Telegram updates handled per second by `werkbot run`, against a bare python-telegram-bot
Application measured in the same run. Run: python bench/telegram_updates.py [--quick]

Both poll a local fake Bot API (tests/telegram/fake_telegram.py), which serves getUpdates at most
100 at a time, as Telegram does. A group with a started team; N members, each with the private
chat opened, type `/mantra` in the group at once. Werkbot answers each in that member's private
chat, so N different chats get one message each and no group limit applies. An update counts as
handled when the fake has its answer's sendMessage; latency is from the moment all N were pushed.

Werkbot's pacer (bot/telegram/pacing.py) lets at most 30 sends leave in any 1.1 s, and counts
private chats in that overall window too, so N answers take at least N / 30 s; the bare app
sends as fast as it can (and breaks Telegram's 30 a second, which the fake records). Hence the
runs, alternating:

- werkbot as shipped, against the bare app unpaced (the raw figure, the cap included);
- werkbot as shipped, against the bare app with werkbot's own Pacer (the same 30/s cap);
- werkbot with the pacer's overall cap lifted (bench only, patched in the subprocess), against
  the bare app unpaced: the handling speed without the pacing.
"""

import asyncio
import contextlib
import logging
import math
import os
import signal
import sys
import tempfile
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import table  # noqa: E402
from bench.table import Row  # noqa: E402
from tests.support import listening_port, werkbot_environment  # noqa: E402
from tests.telegram.fake_telegram import TOKEN, FakeTelegram  # noqa: E402

GROUP = -4001
COORDINATOR = 11
# Members are numbered from here; the warm-up's from WARM_UP_FIRST.
FIRST_MEMBER = 100_000
WARM_UP_FIRST = 90_000
WARM_UP = 10
# getUpdates hands out at most this many updates per call (Telegram's default and maximum).
UPDATES_PER_CALL = 100
ANSWER = ("<b>Voor vandaag</b>\nKlein beginnen: eerst luisteren, dan pas doen.\n\n"
          "<i>Waar begon jij vandaag klein?</i>")
# `werkbot run` with the pacer's overall cap lifted: the same process, only that constant changed.
LIFTED = ("import sys\n"
          "import bot.telegram.pacing as pacing\n"
          "pacing.OVERALL_PER_SECOND = 10 ** 6\n"
          "from bot.cli import main\n"
          "sys.exit(main(['run']))\n")


class BenchTelegram(FakeTelegram):
    """The tests' fake Bot API, with getUpdates' `limit` honoured, the time of each chat's first
    message noted, and Telegram's limits checked in constant time per send."""

    def __init__(self) -> None:
        super().__init__()
        self.answered: dict[int, float] = {}
        self._sends: deque[float] = deque()
        self._group_sends: dict[int, deque[float]] = {}

    async def _get_updates(self, args: dict) -> list[dict]:
        updates = await super()._get_updates(args)
        return updates[:max(1, int(args.get("limit") or UPDATES_PER_CALL))]

    def _serve(self, updates: list[dict]) -> list[dict]:
        """What one getUpdates hands out (and counts as served): the first 100."""
        return super()._serve(updates[:UPDATES_PER_CALL])

    def _send(self, args: dict, text: str, limit: int) -> dict:
        message = super()._send(args, text, limit)
        self.answered.setdefault(int(args["chat_id"]), time.monotonic())
        return message

    def _check_limits(self, chat_id: int) -> None:
        """As FakeTelegram's: over 30 sends in a second, over 20 in a minute to one group."""
        now = time.monotonic()
        self._sends.append(now)
        while self._sends[0] <= now - 1.0:
            self._sends.popleft()
        if len(self._sends) > 30:
            self.violations.append(f"over 30 sends in a second at {now:.3f}")
        if chat_id < 0:
            group = self._group_sends.setdefault(chat_id, deque())
            group.append(now)
            while group[0] <= now - 60.0:
                group.popleft()
            if len(group) > 20:
                self.violations.append(f"over 20 sends in a minute to {chat_id}")


@dataclass
class Run:
    """One measurement: each update's time to its answer, and the sends over Telegram's limits."""

    label: str
    latencies: list[float] = field(default_factory=list)
    violations: int = 0
    # CPU time the app's process used while it handled the updates (nan where /proc is not).
    cpu_seconds: float = math.nan
    # How often getUpdates handed out each update, on average (1: once).
    served: float = 1.0

    @property
    def per_second(self) -> float:
        return len(self.latencies) / max(self.latencies)


def members(first: int, count: int) -> list[int]:
    return list(range(first, first + count))


async def flood(fake: BenchTelegram, users: list[int], timeout: float) -> list[float]:
    """Each user types /mantra in the group, all at once; each one's time to its answer."""
    fake.private_open.update(users)
    started = time.monotonic()
    for user in users:
        fake.says(GROUP, user, "/mantra")
    deadline = started + timeout
    while not all(user in fake.answered for user in users):
        if time.monotonic() > deadline:
            missing = sum(1 for user in users if user not in fake.answered)
            raise RuntimeError(f"{missing} of {len(users)} updates unanswered after {timeout:.0f} s")
        await asyncio.sleep(0.01)
    return [fake.answered[user] - started for user in users]


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return math.nan
    # utime and stime, the 14th and 15th fields of the line (the 12th and 13th after the name).
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def measured(fake: BenchTelegram, label: str, count: int, pid: int) -> Run:
    """A warm-up, then `count` updates at once."""
    await flood(fake, members(WARM_UP_FIRST, WARM_UP), 60)
    before, cpu, served = len(fake.violations), cpu_seconds(pid), len(fake.served)
    latencies = await flood(fake, members(FIRST_MEMBER, count), 60 + count / 10)
    return Run(label, latencies, len(fake.violations) - before, cpu_seconds(pid) - cpu,
               (len(fake.served) - served) / count)


async def stopped(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), 30)
        except TimeoutError:
            process.kill()
            await process.wait()


async def drain(stream: asyncio.StreamReader) -> None:
    """Read a log to its end, so the process never blocks on a full pipe."""
    while await stream.read(65536):
        pass


async def werkbot(count: int, folder: Path, lifted: bool) -> Run:
    """`werkbot run` with Telegram polling the fake; a team started in GROUP, then the flood."""
    fake = BenchTelegram()
    await fake.start()
    environment = werkbot_environment(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_URL=fake.url, PORT="0",
                                      WERKBOT_DB=str(folder / f"werkbot-{lifted}.db"),
                                      WERKBOT_LOG_LEVEL="INFO")
    command = ["-c", LIFTED] if lifted else ["-m", "bot.cli", "run"]
    process = await asyncio.create_subprocess_exec(
        sys.executable, *command, env=environment, cwd=ROOT, stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE)
    assert process.stderr is not None
    draining: asyncio.Task | None = None
    try:
        port = await listening_port(process, line_seconds=120)
        draining = asyncio.create_task(drain(process.stderr))
        await ready(port)
        fake.private_open.add(COORDINATOR)
        fake.says(GROUP, COORDINATOR, "/werkbot start")
        for _ in range(3000):
            if COORDINATOR in fake.answered:
                break
            await asyncio.sleep(0.01)
        else:
            raise RuntimeError("werkbot never welcomed the team")
        label = "werkbot, pacer's 30/s cap lifted" if lifted else "werkbot"
        return await measured(fake, label, count, process.pid)
    finally:
        await stopped(process)
        if draining is not None:
            draining.cancel()
        await fake.stop()


async def ready(port: int) -> None:
    """Until Telegram polls and the privacy guard has loaded (it loads on a thread, which would
    otherwise take CPU from the measurement)."""
    async with aiohttp.ClientSession() as session:
        for _ in range(1200):
            with contextlib.suppress(aiohttp.ClientError):
                async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                    health = await response.json()
                    if health["telegram"] == "polling" and health["privacy_guard"] == "ready":
                        return
            await asyncio.sleep(0.1)
    raise RuntimeError("werkbot run never became ready")


async def bare(count: int, paced: bool) -> Run:
    """The bare Application in its own process, polling its own fake."""
    fake = BenchTelegram()
    await fake.start()
    arguments = [str(Path(__file__).resolve()), "--bare-app", fake.url, *(["--paced"] if paced else [])]
    process = await asyncio.create_subprocess_exec(
        sys.executable, *arguments, cwd=ROOT, stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE)
    assert process.stderr is not None
    draining = asyncio.create_task(drain(process.stderr))
    try:
        for _ in range(6000):
            if fake.of("getUpdates"):
                break
            if process.returncode is not None:
                raise RuntimeError("the bare PTB app stopped before it polled")
            await asyncio.sleep(0.01)
        label = "bare PTB, werkbot's Pacer" if paced else "bare PTB"
        return await measured(fake, label, count, process.pid)
    finally:
        await stopped(process)
        draining.cancel()
        await fake.stop()


def bare_app(api_url: str, paced: bool) -> None:
    """The reference: PTB's Application polling, one CommandHandler that replies once."""
    from telegram import Update
    from telegram.constants import ParseMode
    from telegram.ext import Application, CommandHandler, ContextTypes

    from bot.telegram.pacing import Pacer

    async def mantra(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_user is not None
        await context.bot.send_message(update.effective_user.id, ANSWER, parse_mode=ParseMode.HTML)

    builder = Application.builder().token(TOKEN).base_url(api_url)
    if paced:
        builder = builder.rate_limiter(Pacer())
    application = builder.build()
    application.add_handler(CommandHandler("mantra", mantra))
    application.run_polling(allowed_updates=["message"])


def duration(seconds: float) -> str:
    return table.ms(seconds) if seconds < 1 else f"{seconds:.1f} s"


def cpu(run: Run) -> str:
    return "" if math.isnan(run.cpu_seconds) else f", {run.cpu_seconds:.1f} CPU-s"


def row(figure: str, ours: Run, reference: Run, note: str = "") -> Row:
    return Row(figure=figure, size=f"{len(ours.latencies):,} updates",
               p50=duration(table.percentile(ours.latencies, 0.5)),
               p99_or_throughput=f"p99 {duration(table.percentile(ours.latencies, 0.99))}, "
                                 f"{ours.per_second:.0f} upd/s{cpu(ours)}",
               reference=f"{reference.label} {reference.per_second:.0f} upd/s{cpu(reference)}"
                         f"{over_limit(reference)}{note}",
               ratio=table.ratio(ours.per_second, reference.per_second), target="≥ 0.8×")


def over_limit(run: Run) -> str:
    return f", {run.violations} sends over Telegram's 30/s" if run.violations else ""


async def measure(count: int) -> list[Row]:
    # The bare app's long poll is cut off when it stops; aiohttp would log that as an error.
    logging.getLogger("aiohttp.server").setLevel(logging.CRITICAL)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        shipped = await werkbot(count, folder, lifted=False)
        unpaced = await bare(count, paced=False)
        lifted = await werkbot(count, folder, lifted=True)
        paced = await bare(count, paced=True)
    return [
        row("Telegram updates handled (`/mantra` in a group, answered privately)", shipped, unpaced,
            "; werkbot's pacer holds it to 30 sends/s, the bare app has none"),
        row("Telegram updates handled, both held to 30 sends/s", shipped, paced),
        row("Telegram updates handled, pacer's overall cap lifted (bench only)", lifted, unpaced,
            f"; werkbot {lifted.violations} over 30/s and got each update {lifted.served:.0f}× "
            f"from getUpdates (bare: {unpaced.served:.0f}×)"),
    ]


def rows(quick: bool) -> list[Row]:
    return asyncio.run(measure(20 if quick else 1000))


if __name__ == "__main__":
    if "--bare-app" in sys.argv:
        bare_app(sys.argv[sys.argv.index("--bare-app") + 1], "--paced" in sys.argv)
    else:
        print(table.markdown(rows(quick="--quick" in sys.argv)))
