"""Slack ack latency and throughput of `werkbot run`, against a bare slack-bolt AsyncApp measured
in the same run. Run: .venv/bin/python bench/slack_acks.py [--quick]

Both servers run as subprocesses in Slack HTTP mode on a free port, posting to the tests' local
fake Slack Web API (tests/slack/fake_slack.py), which runs in this process on a thread of its own
so its work does not sit in the way of the load generator's event loop. The bare app
(bench/bare_bolt.py) only acks and then posts once (chat.postEphemeral).

Two loads, each in alternating rounds (werkbot, bare, bare, werkbot, …) with a fixed number of
requests in flight:
1. signed `/verhaal <story>` commands with varied, clean practice stories (werkbot stores each
   story, with moderation on, and answers privately after the ack);
2. a moderator's "Goedkeuren" button (`block_actions`) for the stories the first load stored.

Latency is the time from sending a request until its HTTP response (the ack) has arrived;
throughput is requests over the summed wall time of that server's rounds. After every round the
bench waits until the fake Slack has seen each answer, so rounds do not bleed into each other.
Measuring starts only once /healthz reports the privacy guard ready, after a warm-up. No network.

Both share Bolt's own floor: its dispatcher looks whether the listener has acked every 10 ms, so
an ack takes about 10 ms even when nothing else is going on.
"""

import asyncio
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
from slack_sdk.signature import SignatureVerifier

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import table  # noqa: E402
from tests.slack.fake_slack import FakeSlack  # noqa: E402
from tests.support import port_from_log, werkbot_environment  # noqa: E402

SECRET = "bench-signing-secret"
MODERATOR = "U1"
AUTHORS = [f"U{number}" for number in range(2, 22)]
APPROVE = "wb0|do|mod.approve"
SETTLE_SECONDS = 180.0
LATENCY_TARGET = "p50 ≤ 1.5×, p99 < 50 ms"
THROUGHPUT_TARGET = "≥ 0.6×"
# What each kind of request leads to at Slack after the ack: werkbot answers a command privately;
# an approval it confirms to the moderator and tells the story's author in a direct message.
WERKBOT_ANSWERS = {"command": {"chat.postEphemeral": 1},
                   "press": {"chat.postEphemeral": 1, "chat.postMessage": 1}}
BARE_ANSWERS = {"command": {"chat.postEphemeral": 1}, "press": {"chat.postEphemeral": 1}}

# Practice stories are built from these pieces: an opening, one or two things that were done,
# an outcome and sometimes a reflection. No names, numbers, dates or places, so the privacy
# guard finds nothing and every story is stored.
OPENINGS = (
    "Vandaag begonnen we klein: eerst een kop koffie aan de keukentafel.",
    "Deze week liep ik samen met een bewoner een rondje door de wijk.",
    "Bij het huisbezoek merkte ik dat de spanning vooral over de post ging.",
    "Een moeder vertelde dat ze zich al maanden alleen voelde met alle zorgen.",
    "In het buurthuis zaten we met een kleine groep buren aan tafel.",
    "Een oudere meneer wilde eerst niets weten van hulp of bemoeienis.",
    "Op het spreekuur kwam een jongen binnen die vooral even wilde praten.",
    "Tijdens het overleg met school bleek dat niemand het hele verhaal kende.",
    "Een buurvrouw maakte zich zorgen over de stilte achter de deur naast haar.",
    "Het gesprek begon stroef, want er was al veel misgegaan met instanties.",
    "Vanochtend raakte ik bij de voedselbank in gesprek met een vader.",
    "Het gezin had al lang geen hulpverlener meer binnengelaten.",
)
ACTIONS = (
    "Ik heb vooral geluisterd en gevraagd wat zij zelf al geprobeerd had.",
    "We spraken af om niet alles tegelijk op te lossen, maar met één ding te beginnen.",
    "Samen maakten we een lijstje van wat wel goed ging.",
    "Ik vroeg wie in de buurt al eens had geholpen, en er kwamen verrassend veel mensen in beeld.",
    "In plaats van een formulier in te vullen zijn we eerst naar buiten gegaan.",
    "We hebben de buurman erbij gevraagd, die graag een handje wilde helpen.",
    "Ik heb de regie bewust bij het gezin gelaten en alleen meegedacht.",
    "Samen met de wijkverpleging keken we wat er nodig was om thuis te blijven wonen.",
    "We zochten uit welke kleine stap deze week haalbaar was.",
    "Ik heb eerlijk gezegd wat ik wel en niet kon beloven.",
    "De jongerenwerker en ik trokken samen op, zodat er één aanspreekpunt was.",
    "We hebben de brieven samen geopend en op volgorde gelegd.",
)
OUTCOMES = (
    "Na een paar weken kwam er weer lucht en durfde ze zelf te bellen.",
    "Het gaf rust dat er niet meteen een plan op tafel lag.",
    "Inmiddels drinken de buren elke week samen koffie.",
    "Hij doet nu mee met de moestuin en vertelt daar trots over.",
    "De eerste stap bleek de belangrijkste: daarna kwam de rest vanzelf.",
    "Het vertrouwen groeide, juist doordat we de tijd namen.",
    "Er ontstond een klein netwerk dat ook zonder ons verder kan.",
    "School en gezin praten nu weer met elkaar in plaats van over elkaar.",
    "Ze vroeg zelf om een vervolgafspraak, wat eerder ondenkbaar was.",
    "De schulden zijn nog niet weg, maar er is overzicht en dat scheelt veel.",
    "Hij zei na afloop dat hij zich voor het eerst echt gehoord voelde.",
    "De buurt heeft nu een vaste plek waar mensen bij elkaar binnenlopen.",
)
REFLECTIONS = (
    "Wat werkte: aansluiten bij wat er al was.",
    "Ik neem mee dat kleine gebaren soms meer doen dan grote plannen.",
    "Het laat zien hoe belangrijk het is om eerst te vragen en dan pas te doen.",
    "Voor mij was dit een mooi voorbeeld van samen optrekken.",
    "Soms is de snelste weg de langzame weg.",
    "Mooi om te zien hoe eigen kracht weer ruimte kreeg.",
    "Volgende keer betrek ik het netwerk nog eerder.",
    "Het hielp dat we niet vanuit een loket dachten maar vanuit de vraag.",
    "Dit neem ik mee naar ons teamoverleg.",
    "Gewoon blijven komen bleek het verschil te maken.",
)


@dataclass(frozen=True)
class Sizes:
    commands: int
    presses: int
    rounds: int
    in_flight: int
    warm_up: int


FULL = Sizes(commands=2000, presses=1000, rounds=10, in_flight=20, warm_up=40)
QUICK = Sizes(commands=20, presses=10, rounds=2, in_flight=4, warm_up=4)


def stories(count: int, seed: int = 7) -> list[str]:
    """`count` different practice stories of 80–400 characters."""
    chosen = random.Random(seed)
    found: dict[str, None] = {}
    while len(found) < count:
        pieces = [chosen.choice(OPENINGS), *chosen.sample(ACTIONS, chosen.choice((0, 1, 1, 2))),
                  chosen.choice(OUTCOMES)]
        if chosen.random() < 0.6:
            pieces.append(chosen.choice(REFLECTIONS))
        story = " ".join(pieces)
        while len(story) > 400:
            pieces.pop(1)
            story = " ".join(pieces)
        if len(story) >= 80:
            found[story] = None
    return list(found)


# Requests -------------------------------------------------------------------------------

Signed = tuple[bytes, dict[str, str]]


def signed(body: str) -> Signed:
    timestamp = str(int(time.time()))
    return body.encode(), {
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=timestamp, body=body),
        "Content-Type": "application/x-www-form-urlencoded"}


class Triggers:
    """Slack's trigger ids: one of its own for every request (werkbot ignores a replay)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> str:
        self.count += 1
        return f"bench-{self.count}"


def command(trigger: str, name: str, text: str, user: str = MODERATOR) -> str:
    return urlencode({"token": "x", "team_id": "T1", "channel_id": "C1", "channel_name": "wijkteam",
                      "user_id": user, "user_name": user.lower(), "command": name, "text": text,
                      "trigger_id": trigger})


def press(trigger: str, story_id: int) -> str:
    """A moderator's press on the approve button of one story, as Slack sends it."""
    return urlencode({"payload": json.dumps({
        "type": "block_actions", "team": {"id": "T1"},
        "user": {"id": MODERATOR, "username": MODERATOR.lower()}, "channel": {"id": "C1"},
        "trigger_id": trigger, "container": {"type": "message", "channel_id": "C1"},
        "actions": [{"action_id": APPROVE, "value": str(story_id), "type": "button",
                     "text": {"type": "plain_text", "text": "Goedkeuren"}}]})})


# The servers ------------------------------------------------------------------------------

class SlackThread:
    """The fake Slack Web API on an event loop of its own, in a thread of this process."""

    def __init__(self) -> None:
        self.fake = FakeSlack()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def __enter__(self) -> "SlackThread":
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self.fake.start(), self.loop).result(timeout=30)
        return self

    def __exit__(self, *_: object) -> None:
        asyncio.run_coroutine_threadsafe(self.fake.stop(), self.loop).result(timeout=30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=30)

    @property
    def url(self) -> str:
        return self.fake.url

    def count(self, method: str) -> int:
        return sum(1 for call in list(self.fake.calls) if call.method == method)

    async def settled(self, method: str, expected: int) -> None:
        """Wait until Slack has seen `expected` calls of `method` (the answers after the acks)."""
        deadline = time.monotonic() + SETTLE_SECONDS
        while self.count(method) < expected:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{method}: {self.count(method)} calls, expected {expected}")
            await asyncio.sleep(0.05)


def started(arguments: list[str], environment: dict[str, str], folder: Path,
            port_of: Callable[[str], int | None], log: str) -> tuple[subprocess.Popen, int]:
    """A server subprocess and the port it says it listens on; the rest of its output is drained
    so it never blocks on a full pipe."""
    process = subprocess.Popen(arguments, env=environment, cwd=folder, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        port = port_of(line)
        if port is not None:
            threading.Thread(target=process.stdout.read, daemon=True).start()
            return process, port
    raise RuntimeError(f"{log} stopped before it listened (exit code {process.wait()})")


def bare_port(line: str) -> int | None:
    prefix = "bare bolt listening on port "
    return int(line[len(prefix):]) if line.startswith(prefix) else None


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# The load ---------------------------------------------------------------------------------

@dataclass
class Tally:
    """One server's latencies and the wall time of its rounds."""

    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def p50(self) -> float:
        return table.percentile(self.latencies, 0.5)

    @property
    def p99(self) -> float:
        return table.percentile(self.latencies, 0.99)

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds


async def load(session: aiohttp.ClientSession, url: str, requests: list[Signed], in_flight: int,
               tally: Tally | None) -> None:
    """Send `requests` with `in_flight` of them under way at any time; each must be acked."""
    latencies: list[float] = []
    waiting = iter(requests)

    async def sender() -> None:
        for body, headers in waiting:
            started_at = time.perf_counter()
            async with session.post(url, data=body, headers=headers) as response:
                await response.read()
                if response.status != 200:
                    raise RuntimeError(f"{url} answered {response.status}")
            latencies.append(time.perf_counter() - started_at)

    began = time.perf_counter()
    await asyncio.gather(*(sender() for _ in range(in_flight)))
    if tally is not None:
        tally.seconds += time.perf_counter() - began
        tally.latencies += latencies


@dataclass
class Server:
    name: str
    url: str
    session: aiohttp.ClientSession
    # The calls at Slack that each kind of request leads to, after its ack.
    answers: dict[str, dict[str, int]]


class Bench:
    def __init__(self, slack: SlackThread, werkbot: Server, bare: Server, sizes: Sizes,
                 database: Path) -> None:
        self.slack = slack
        self.database = database
        self.werkbot = werkbot
        self.bare = bare
        self.sizes = sizes
        self.trigger = Triggers()
        # The calls the fake Slack has seen once every answer so far is in.
        self.expected: Counter[str] = Counter()

    async def round(self, server: Server, kind: str, bodies: list[str], tally: Tally | None) -> None:
        """One round into one server; then wait until its answers are at Slack."""
        requests = [signed(body) for body in bodies]
        await load(server.session, server.url, requests, self.sizes.in_flight, tally)
        for method, calls in server.answers[kind].items():
            self.expected[method] += calls * len(bodies)
            await self.slack.settled(method, self.expected[method])

    async def alternating(self, kind: str, make: Callable[[int], str], count: int) -> tuple[Tally, Tally]:
        """`count` requests into each server, in alternating rounds; `make(i)` builds the i-th."""
        tallies = {self.werkbot.name: Tally(), self.bare.name: Tally()}
        per_round = -(-count // self.sizes.rounds)
        for number, start in enumerate(range(0, count, per_round)):
            indices = range(start, min(start + per_round, count))
            order = (self.werkbot, self.bare) if number % 2 == 0 else (self.bare, self.werkbot)
            for server in order:
                # The same requests for both, each with a trigger of its own.
                await self.round(server, kind, [make(i) for i in indices], tallies[server.name])
        return tallies[self.werkbot.name], tallies[self.bare.name]

    async def run(self) -> list[table.Row]:
        sizes = self.sizes
        texts = stories(sizes.warm_up + sizes.commands)
        # The team, with its first moderator; moderation is on by default.
        await self.round(self.werkbot, "command", [command(self.trigger(), "/werkbot", "start")], None)

        def story(i: int) -> str:
            return command(self.trigger(), "/verhaal", texts[i], AUTHORS[i % len(AUTHORS)])

        for server in (self.werkbot, self.bare):
            await self.round(server, "command", [story(sizes.commands + i) for i in range(sizes.warm_up)],
                             None)
        werkbot_stories, bare_stories = await self.alternating("command", story, sizes.commands)

        pending = pending_stories(self.database)
        if len(pending) != sizes.warm_up + sizes.commands:
            raise RuntimeError(f"{len(pending)} of {sizes.warm_up + sizes.commands} stories were stored")

        def approve(i: int) -> str:
            return press(self.trigger(), pending[i])

        for server in (self.werkbot, self.bare):
            await self.round(server, "press", [approve(sizes.presses + i) for i in range(sizes.warm_up)],
                             None)
        werkbot_presses, bare_presses = await self.alternating("press", approve, sizes.presses)
        if len(pending_stories(self.database)) != len(pending) - sizes.presses - sizes.warm_up:
            raise RuntimeError("not every press approved its story")
        return [*rows_of("Slack /verhaal", f"{sizes.commands:,} requests", werkbot_stories,
                         bare_stories, sizes.in_flight),
                *rows_of("moderator button", f"{sizes.presses:,} presses", werkbot_presses,
                         bare_presses, sizes.in_flight)]


def pending_stories(database: Path) -> list[int]:
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return [row[0] for row in db.execute("select id from stories where status = 'pending' order by id")]
    finally:
        db.close()


def rows_of(figure: str, size: str, werkbot: Tally, bare: Tally, in_flight: int) -> list[table.Row]:
    def times(value: float) -> str:
        return f"{value:.2f}×"

    return [
        table.Row(f"{figure} ack, {in_flight} in flight", size, table.ms(werkbot.p50),
                  table.ms(werkbot.p99),
                  f"bare Bolt p50 {millis(bare.p50)} / p99 {millis(bare.p99)} ms",
                  f"p50 {times(werkbot.p50 / bare.p50)} / p99 {times(werkbot.p99 / bare.p99)}",
                  LATENCY_TARGET),
        table.Row(f"{figure} throughput", size, "—", f"{werkbot.throughput:.0f} req/s",
                  f"bare Bolt {bare.throughput:.0f} req/s", times(werkbot.throughput / bare.throughput),
                  THROUGHPUT_TARGET),
    ]


def millis(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


async def healthy(session: aiohttp.ClientSession, base: str, seconds: float = 120.0) -> None:
    """Wait until werkbot's privacy guard has loaded."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            async with session.get(f"{base}/healthz") as response:
                state = (await response.json())["privacy_guard"]
        except aiohttp.ClientConnectionError:
            state = "unreachable"
        if state == "ready":
            return
        if state == "failed":
            raise RuntimeError("werkbot's privacy guard failed to load")
        await asyncio.sleep(0.2)
    raise RuntimeError("werkbot's privacy guard did not load in time")


async def measure(folder: Path, sizes: Sizes) -> list[table.Row]:
    with SlackThread() as slack:
        settings = {"WERKBOT_LOG_LEVEL": "INFO", "PORT": "0", "SLACK_BOT_TOKEN": "xoxb-bench",
                    "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": slack.url}
        database = folder / "werkbot.db"
        werkbot, werkbot_port = await asyncio.to_thread(
            started, [sys.executable, "-m", "bot.cli", "run"],
            werkbot_environment(WERKBOT_DB=str(database), **settings), folder, port_from_log,
            "werkbot run")
        try:
            bare, bare_port_number = await asyncio.to_thread(
                started, [sys.executable, str(ROOT / "bench" / "bare_bolt.py")],
                werkbot_environment(**settings), folder, bare_port, "bare bolt")
            try:
                connector = {"limit": sizes.in_flight}
                async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(**connector)) as ours, \
                        aiohttp.ClientSession(connector=aiohttp.TCPConnector(**connector)) as theirs:
                    await healthy(ours, f"http://127.0.0.1:{werkbot_port}")
                    bench = Bench(slack,
                                  Server("werkbot", f"http://127.0.0.1:{werkbot_port}/slack/events", ours,
                                         WERKBOT_ANSWERS),
                                  Server("bare", f"http://127.0.0.1:{bare_port_number}/slack/events",
                                         theirs, BARE_ANSWERS),
                                  sizes, database)
                    return await bench.run()
            finally:
                stop(bare)
        finally:
            stop(werkbot)


def rows(quick: bool) -> list[table.Row]:
    """Ack latency and throughput of `werkbot run` and of a bare Bolt app, same run."""
    with tempfile.TemporaryDirectory() as folder:
        return asyncio.run(measure(Path(folder), QUICK if quick else FULL))


if __name__ == "__main__":
    print(table.markdown(rows(quick="--quick" in sys.argv)))
