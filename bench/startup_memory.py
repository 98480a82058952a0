"""`werkbot run` on a database of 1,000 teams: seconds from process start to the first /healthz
answer and to `"privacy_guard": "ready"`, and its resident memory once the guard is loaded and
one story was handled; against the same process on an empty database, and deduce out of the
box, in the same run.

    python bench/startup_memory.py [--quick]

The process runs in Slack HTTP mode (PORT=0) against the tests' local fake Slack Web API
(tests/slack/fake_slack.py), as bench/run_memory.py does; no network. Its port is read from
/proc (the socket it listens on), because the start-up log line that names it comes only after
the first check for due posts. Every start gets its own copy of the database, so all see the
same one. After the guard is ready, a signed `/werkbot start` and `/verhaal` go in; once the
story's answer is back, VmRSS and VmHWM (the peak) are read from /proc/<pid>/status.

The guard keeps its built lookup lists under WERKBOT_CACHE. The start-up figures are for a warm
cache, as every start after the first one finds it; the full run also measures one cold start
(an empty cache folder), which is what the very first start of a new installation costs.
Start-ups are repeated (3 each, taking turns with the empty database) and the median reported.
"""

import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
from slack_sdk.signature import SignatureVerifier

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import table  # noqa: E402
from bench.run_memory import BASELINE, SECRET, STORY  # noqa: E402
from bench.table import Row  # noqa: E402
from bot.core.flows.team import DEFAULT_SETTINGS  # noqa: E402
from storage import Store, open_database  # noqa: E402
from tests.slack.fake_slack import FakeSlack  # noqa: E402
from tests.support import werkbot_environment  # noqa: E402

POLL_SECONDS = 0.01
WAIT_SECONDS = 300


@dataclass(frozen=True)
class Start:
    """One `werkbot run`: seconds to the first /healthz answer and to the guard being ready,
    and resident memory (now and peak) in kB after one story."""

    healthz: float
    guard_ready: float
    rss_kb: int
    peak_kb: int


def teams_database(path: Path, teams: int) -> None:
    """A database with `teams` Slack teams made the bot's way (`Store.create_team`), in one
    transaction; none at the chat the bench's commands come from."""
    db = open_database(path)
    store = Store(db)
    with store.write():
        for number in range(teams):
            store.create_team("slack", f"T{2 + number % 50}:C{number:05d}",
                              {"name": f"#wijkteam-{number}", **DEFAULT_SETTINGS}, f"U{number}")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def listening_port(pid: int) -> int | None:
    """The TCP port process `pid` listens on, if it does yet."""
    sockets = set()
    try:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                sockets.add(target[len("socket:["):-1])
        for name in ("tcp", "tcp6"):
            for line in Path(f"/proc/{pid}/net/{name}").read_text().splitlines()[1:]:
                fields = line.split()
                if fields[3] == "0A" and fields[9] in sockets:  # 0A: LISTEN
                    return int(fields[1].rsplit(":", 1)[1], 16)
    except FileNotFoundError:
        return None
    return None


async def signed_command(session: aiohttp.ClientSession, url: str, command: str, text: str) -> None:
    body = urlencode({"team_id": "T1", "channel_id": "C1", "user_id": "U1", "user_name": "u1",
                      "command": command, "text": text, "trigger_id": uuid.uuid4().hex})
    timestamp = str(int(time.time()))
    headers = {"X-Slack-Request-Timestamp": timestamp,
               "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(
                   timestamp=timestamp, body=body),
               "Content-Type": "application/x-www-form-urlencoded"}
    async with session.post(url, data=body, headers=headers) as response:
        response.raise_for_status()


async def health(session: aiohttp.ClientSession, port: int) -> dict | None:
    try:
        async with session.get(f"http://127.0.0.1:{port}/healthz",
                               timeout=aiohttp.ClientTimeout(total=5)) as response:
            return await response.json()
    except (TimeoutError, aiohttp.ClientError):
        return None


async def start_once(database: Path | None, folder: Path, cache: Path | None) -> Start:
    """Start `werkbot run` on a copy of `database` (an empty one when None) and measure it."""
    folder.mkdir(parents=True)
    if database is not None:
        shutil.copy(database, folder / "werkbot.db")
    fake_slack = FakeSlack()
    await fake_slack.start()
    settings = {"WERKBOT_LOG_LEVEL": "INFO", "PORT": "0", "WERKBOT_DB": str(folder / "werkbot.db"),
                "SLACK_BOT_TOKEN": "xoxb-bench", "SLACK_SIGNING_SECRET": SECRET,
                "SLACK_API_URL": fake_slack.url}
    if cache is not None:
        settings["WERKBOT_CACHE"] = str(cache)
    with open(folder / "werkbot.log", "w") as log:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "bot.cli", "run"],
                                   env=werkbot_environment(**settings), cwd=folder,
                                   stdout=subprocess.DEVNULL, stderr=log)
    try:
        async with aiohttp.ClientSession() as session:
            port = healthz = guard_ready = state = None
            while time.perf_counter() - started < WAIT_SECONDS and process.poll() is None:
                port = port or listening_port(process.pid)
                state = await health(session, port) if port else None
                if state is not None and healthz is None:
                    healthz = time.perf_counter() - started
                if state is not None and state["privacy_guard"] != "loading":
                    guard_ready = time.perf_counter() - started
                    break
                await asyncio.sleep(POLL_SECONDS)
            if port is None or healthz is None or guard_ready is None or state is None:
                raise RuntimeError(f"werkbot run did not get ready: {(folder / 'werkbot.log').read_text()}")
            if state["privacy_guard"] != "ready":
                raise RuntimeError(f"the privacy guard did not load: {state}")
            events = f"http://127.0.0.1:{port}/slack/events"
            await signed_command(session, events, "/werkbot", "start")
            await signed_command(session, events, "/verhaal", STORY)
            # The welcome, then the story's answer: the guard has been used once that is back.
            deadline = time.perf_counter() + 60
            while len(fake_slack.of("chat.postEphemeral")) < 2:
                if time.perf_counter() > deadline:
                    raise RuntimeError("the story got no answer")
                await asyncio.sleep(0.05)
        return Start(healthz, guard_ready, status_kb(process.pid, "VmRSS"), status_kb(process.pid, "VmHWM"))
    finally:
        process.terminate()
        await asyncio.to_thread(process.wait, 30)
        await fake_slack.stop()


def deduce_alone() -> tuple[int, int]:
    """Resident memory (now, peak) in kB of a process that loads deduce with all its lookups
    and de-identifies the same story."""
    result = subprocess.run([sys.executable, "-c", BASELINE, STORY], capture_output=True,
                            text=True, check=True)
    # deduce logs to stdout itself; the figures are the last line.
    rss, peak = result.stdout.strip().splitlines()[-1].split()
    return int(rss), int(peak)


async def measure(folder: Path, teams: int, repeats: int, cold: bool
                  ) -> tuple[list[Start], list[Start], Start | None]:
    database = folder / "teams.db"
    teams_database(database, teams)
    cache = None
    cold_start = None
    if cold:
        # An empty cache folder: the first start builds the guard's lookup lists there, and
        # the later starts find them (warm).
        cache = folder / "cache"
        cold_start = await start_once(database, folder / "cold", cache)
    with_teams: list[Start] = []
    empty: list[Start] = []
    for number in range(repeats):
        with_teams.append(await start_once(database, folder / f"teams-{number}", cache))
        empty.append(await start_once(None, folder / f"empty-{number}", cache))
    return with_teams, empty, cold_start


def mb(kb: float) -> str:
    return f"{kb / 1024:.0f} MB"


def seconds(value: float) -> str:
    return f"{value:.2f} s"


def rows(quick: bool) -> list[Row]:
    teams, repeats = (20, 1) if quick else (1_000, 3)
    with tempfile.TemporaryDirectory() as folder:
        with_teams, empty, cold = asyncio.run(measure(Path(folder), teams, repeats, cold=not quick))
    deduce = None if quick else deduce_alone()

    def median(starts: list[Start], field: str) -> float:
        return statistics.median(getattr(start, field) for start in starts)

    def spread(starts: list[Start], field: str) -> str:
        values = [getattr(start, field) for start in starts]
        if len(values) == 1:
            return "1 start"
        return f"{min(values):.2f}–{max(values):.2f} s ({len(values)} starts)"

    size = f"{teams:,} teams"
    rss, peak = median(with_teams, "rss_kb"), median(with_teams, "peak_kb")
    empty_rss = median(empty, "rss_kb")
    if deduce is None:
        memory_reference = f"deduce alone not measured (quick); empty database {mb(empty_rss)}"
        memory_ratio = "n/a"
    else:
        memory_reference = (f"deduce alone {mb(deduce[0])} (peak {mb(deduce[1])}); "
                            f"empty database {mb(empty_rss)}")
        memory_ratio = table.ratio(rss, deduce[0])
    result = [Row("Resident memory, everything loaded", size, mb(rss), f"peak {mb(peak)}",
                  memory_reference, memory_ratio, "< 200 MB")]
    for figure, field in (("Start-up to /healthz", "healthz"),
                          ("Start-up to privacy guard ready (warm cache)", "guard_ready")):
        ours, reference = median(with_teams, field), median(empty, field)
        result.append(Row(figure, size, seconds(ours), spread(with_teams, field),
                          f"empty database: {seconds(reference)}", table.ratio(ours, reference),
                          "no target set"))
    if cold is not None:
        warm = median(with_teams, "guard_ready")
        result.append(Row("Start-up to privacy guard ready, cold cache (first start)", size,
                          seconds(cold.guard_ready), "1 start",
                          f"warm cache: {seconds(warm)}", table.ratio(cold.guard_ready, warm),
                          "no target set"))
    return result


if __name__ == "__main__":
    print(table.markdown(rows(quick="--quick" in sys.argv)))
