"""`werkbot demo`: one user, one demo team, the chat in the terminal.

Buttons become numbered choices; a question of the core is a prompt for one line. Lines come
from the keyboard or a pipe, so a session can be scripted. Scheduled posts are printed as they
fall due.
"""

import asyncio
import uuid
from datetime import datetime
from pathlib import Path
from typing import TextIO

from aiohttp import web

from bot.core.model import Ask, Button, Caller, Reply
from bot.platform import Services
from bot.render.chart import chart_png
from bot.render.digest import render_markdown

PLATFORM = "console"
DEMO_CHAT = "demo"
DEMO_USER = "jij"
DEMO_TEAM_NAME = "Demoteam"
# The demo's people, by id: the console's own directory, so `/werkbot moderator @sanne` names
# someone the platform knows, and any other @name is refused as on a real platform.
DEMO_PEOPLE = {DEMO_USER: "Jij", "sanne": "Sanne", "ahmed": "Ahmed", "lotte": "Lotte"}
QUIT = ("/stop", "/exit", "/quit")


def demo_caller() -> Caller:
    return Caller(PLATFORM, DEMO_CHAT, DEMO_USER, user_name=DEMO_PEOPLE[DEMO_USER],
                  people=tuple(DEMO_PEOPLE.items()))


class ConsoleChat:
    """Translates typed lines into core calls and replies into printed text."""

    def __init__(self, services: Services, stdin: TextIO, out: TextIO, chart_dir: Path) -> None:
        self.bot = services.bot
        self.conversation = services.conversation
        self.caller = demo_caller()
        self.stdin = stdin
        self.out = out
        self.chart_dir = chart_dir
        self.choices: list[Button] = []
        self._new_input = True
        self.asking: Ask | None = None
        self.state = "starting"

    # Platform --------------------------------------------------------------------------

    async def start(self) -> None:
        """The demo team, a welcome and today's mantra; `read_lines` then runs the chat. A new
        demo team shows the welcome its channel gets, as a real team's would."""
        colleagues = [f"@{user_id}" for user_id in DEMO_PEOPLE if user_id != DEMO_USER]
        self.print(self.say("console.welcome", user=self.caller.user_id,
                            colleagues=", ".join(colleagues), example=colleagues[0]))
        self.print()
        if self.bot.team_of(self.caller) is None:
            team = self.bot.team.register(self.caller, name=DEMO_TEAM_NAME)
            await self.send(self.bot.team.welcome(team))
        await self.conversation.command(self.caller, "/mantra", self._source_key(), self.send)
        self.state = "running"

    async def stop(self) -> None:
        self.state = "stopped"

    async def close(self) -> None:
        """A terminal has nothing to release."""

    async def was_posted(self, reply: Reply, since: datetime) -> int | None:
        """What the terminal was given, it printed, as one message."""
        return 1

    def add_routes(self, app: web.Application) -> None:
        """The terminal needs no web server."""

    async def send(self, reply: Reply) -> None:
        """Print a reply: a post to the team or a private note is marked as such. A post is one
        message here: once printed (`parts_sent`), it is not printed again."""
        if reply.parts_sent:
            return
        if reply.audience == "channel":
            self.print(self.say("console.channel"))
        elif reply.audience == "member":
            self.print(self.say("console.direct", user=reply.member_id))
        if reply.digest is not None:
            self.print(render_markdown(reply.digest, self.bot.messages).rstrip())
            await self._save_chart(reply)
        elif reply.text:
            self.print(reply.text)
        if reply.buttons and self._new_input:
            # The choices of one input's replies are numbered on, across its messages.
            self.choices, self._new_input = [], False
        for button in reply.buttons:
            self.choices.append(button)
            self.print(f"  [{len(self.choices)}] {button.label}")
        if reply.ask is not None:
            self.asking = reply.ask
            if reply.ask.initial:
                # A terminal cannot prefill the line: show the text to copy from.
                self.print(self.say("console.current_text", text=reply.ask.initial))
            self.print(self.say("console.ask", prompt=reply.ask.prompt))
        self.print()

    # Lines -----------------------------------------------------------------------------

    async def handle_line(self, line: str) -> bool:
        """Handle one typed line; False when the user wants to stop."""
        line = line.strip()
        self._new_input = True
        if self.asking is not None:
            ask, self.asking = self.asking, None
            if not line or line.startswith("/"):
                # An empty line, or a command instead of the answer, leaves the question.
                self.print(self.say("console.cancelled"))
                if not line:
                    return True
                return await self.handle_line(line)
            await self.conversation.action(self.caller, ask.action, ask.value, self.send, text=line,
                                           source_key=self._source_key())
            return True
        if not line:
            return True
        if line.lower() in QUIT:
            self.print(self.say("console.goodbye"))
            return False
        if line.isdigit():
            await self.choose(int(line))
            return True
        if not line.startswith("/"):
            self.print(self.say("console.not_a_choice"))
            return True
        await self.conversation.command(self.caller, line, self._source_key(), self.send)
        return True

    async def choose(self, number: int) -> None:
        if not 1 <= number <= len(self.choices):
            self.print(self.say("console.not_a_choice"))
            return
        button = self.choices[number - 1]
        await self.conversation.action(self.caller, button.action, button.value, self.send)

    async def read_lines(self) -> None:
        """The chat: commands until /stop or the end of the input."""
        loop = asyncio.get_running_loop()
        interactive = self.stdin.isatty()
        while True:
            if interactive:
                print("> ", end="", file=self.out, flush=True)
            line = await loop.run_in_executor(None, self.stdin.readline)
            if not line:
                return
            if not interactive and line.strip():
                self.print(f"> {line.rstrip()}")
            if not await self.handle_line(line):
                return

    # Helpers ---------------------------------------------------------------------------

    def say(self, key: str, **fields: object) -> str:
        team = self.bot.team_of(self.caller)
        return self.bot.messages.render(team.language if team else "nl", key, **fields)

    def print(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    @staticmethod
    def _source_key() -> str:
        return f"{PLATFORM}:{uuid.uuid4()}"

    async def _save_chart(self, reply: Reply) -> None:
        assert reply.digest is not None
        self.chart_dir.mkdir(parents=True, exist_ok=True)
        path = self.chart_dir / f"werkbot-digest-{reply.digest.week}.png"
        chart = await chart_png(reply.digest, self.bot.messages)
        path.write_bytes(chart)
        self.print(self.say("console.chart", path=path))
