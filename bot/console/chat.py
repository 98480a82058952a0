"""`werkbot demo`: one user, one demo team, the chat in the terminal.

Buttons become numbered choices; a question of the core is a prompt for one line, and a command
typed instead leaves the question. Lines come from the keyboard (with line editing where the
terminal has it) or a pipe, so a session can be scripted. Scheduled posts are printed as they
fall due, above the line being typed. Ctrl-C and Ctrl-D end the demo as /stop does.
"""

import asyncio
import contextlib
import signal
import uuid
from datetime import datetime
from pathlib import Path
from typing import TextIO

from aiohttp import web

from bot.console.keyboard import PROMPT, Keyboard
from bot.core.model import Ask, Attachment, Button, Caller, Reply
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
# Ending the demo; not to be confused with `/werkbot stop`, which pauses the team's posts.
QUIT = ("/stop", "/einde", "/exit", "/quit")


def demo_caller() -> Caller:
    return Caller(PLATFORM, DEMO_CHAT, DEMO_USER, user_name=DEMO_PEOPLE[DEMO_USER],
                  chat_name=DEMO_TEAM_NAME, people=tuple(DEMO_PEOPLE.items()))


class ConsoleChat:
    """Translates typed lines into core calls and replies into printed text."""

    def __init__(self, services: Services, stdin: TextIO, out: TextIO, chart_dir: Path) -> None:
        self.bot = services.bot
        self.conversation = services.conversation
        self.caller = demo_caller()
        self.stdin = stdin
        self.out = out
        self.chart_dir = chart_dir
        self.keyboard = Keyboard(stdin, out)
        self.interrupted = False
        self.choices: list[Button] = []
        self._new_input = True
        self.asking: Ask | None = None
        self.state = "starting"

    # Platform --------------------------------------------------------------------------

    async def start(self) -> None:
        """The demo's welcome, then today's mantra; `read_lines` then runs the chat. The first
        time (a new database) the demo does the team's `/werkbot start`, so its channel gets
        the welcome and its moderator the settings, as a real team's would."""
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            # Ctrl-C: the end of the input, after the line under way (no traceback).
            asyncio.get_running_loop().add_signal_handler(signal.SIGINT, self.interrupt)
        colleagues = [f"@{user_id}" for user_id in DEMO_PEOPLE if user_id != DEMO_USER]
        self.print(self.say("console.welcome", user=self.caller.user_id,
                            colleagues=", ".join(colleagues), example=colleagues[0]))
        self.print()
        if self.bot.team_of(self.caller) is None:
            self.print(PROMPT + "/werkbot start")
            await self.conversation.command(self.caller, "/werkbot start", self._source_key(), self.send)
        await self.conversation.command(self.caller, "/mantra", self._source_key(), self.send)
        self.state = "running"

    def interrupt(self) -> None:
        """Ctrl-C: stop reading; the demo ends as at the end of the input."""
        self.interrupted = True
        self.keyboard.interrupt()

    async def stop(self) -> None:
        self.state = "stopped"

    async def close(self) -> None:
        """Give the terminal back as it was found."""
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().remove_signal_handler(signal.SIGINT)
        self.keyboard.close()

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
        # Written in one go, when whole: the line being typed is not cleared while a chart is drawn.
        await self.keyboard.print_above("".join(f"{line}\n" for line in await self._reply_lines(reply)))

    async def _reply_lines(self, reply: Reply) -> list[str]:
        lines = []
        if reply.audience == "channel":
            lines.append(self.say("console.channel"))
        elif reply.audience == "member":
            lines.append(self.say("console.direct", user=reply.member_id))
        if reply.digest is not None:
            lines.append(render_markdown(reply.digest, self.bot.messages).rstrip())
            lines.append(await self._save_chart(reply))
        elif reply.text:
            lines.append(reply.text)
        if reply.attachment is not None:
            lines.append(self._save_file(reply.attachment))
        if reply.buttons and self._new_input:
            # The choices of one input's replies are numbered on, across its messages.
            self.choices, self._new_input = [], False
        for button in reply.buttons:
            self.choices.append(button)
            lines.append(f"  [{len(self.choices)}] {button.label}")
        if reply.ask is not None:
            self.asking = reply.ask
            if reply.ask.initial:
                # A terminal cannot prefill the line: show the text to copy from.
                lines.append(self.say("console.current_text", text=reply.ask.initial))
            lines.append(self.say("console.ask", prompt=reply.ask.prompt))
        lines.append("")
        return lines

    # Lines -----------------------------------------------------------------------------

    async def handle_line(self, line: str) -> bool:
        """Handle one typed line; False when the user wants to stop."""
        line = line.strip()
        self._new_input = True
        if self.asking is not None:
            ask, self.asking = self.asking, None
            if not line:
                self.print(self.say("console.cancelled"))
                return True
            if line.lower() in QUIT:
                self.print(self.say("console.cancelled"))
                return await self.handle_line(line)
            if line.startswith("/"):
                # A command instead of the answer leaves the question, and then runs.
                words = line.split()
                command = " ".join(words[:2] if words[0].lower() == "/werkbot" else words[:1])
                self.print(self.say("console.cancelled_for_command", command=command))
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
        """The chat: commands until /stop, Ctrl-C or the end of the input (Ctrl-D)."""
        interactive = self.keyboard.interactive
        while not self.interrupted:
            line = await self.keyboard.read_line()
            if line is None:
                break
            if not interactive and line.strip():
                self.print(PROMPT + line.strip())
            if not await self.handle_line(line):
                return
        if interactive:
            self.print()  # the prompt's line was left open
        self.print(self.say("console.goodbye"))

    # Helpers ---------------------------------------------------------------------------

    def say(self, key: str, **fields: object) -> str:
        team = self.bot.team_of(self.caller)
        return self.bot.messages.render(team.language if team else "nl", key, **fields)

    def print(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    @staticmethod
    def _source_key() -> str:
        return f"{PLATFORM}:{uuid.uuid4()}"

    def _save_file(self, attachment: Attachment) -> str:
        """A file for the user (an export): written next to the charts; the line to print."""
        self.chart_dir.mkdir(parents=True, exist_ok=True)
        path = self.chart_dir / Path(attachment.filename).name
        path.write_bytes(attachment.content)
        return self.say("console.file", path=path)

    async def _save_chart(self, reply: Reply) -> str:
        assert reply.digest is not None
        self.chart_dir.mkdir(parents=True, exist_ok=True)
        path = self.chart_dir / f"werkbot-digest-{reply.digest.week}.png"
        chart = await chart_png(reply.digest, self.bot.messages)
        path.write_bytes(chart)
        return self.say("console.chart", path=path)
