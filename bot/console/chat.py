"""`werkbot demo`: one user, one demo team, the chat in the terminal.

Buttons become numbered choices; a button that needs text asks for a line first. Lines come
from the keyboard or a pipe, so a session can be scripted.
"""

import asyncio
import sys
import uuid
from pathlib import Path
from typing import TextIO

from bot.core.bot import WerkBot
from bot.core.digest import render_chart
from bot.core.model import Button, Caller, Reply
from bot.inflight import InFlight
from bot.scheduler import post_due, start_scheduler

PLATFORM = "console"
DEMO_CHAT = "demo"
DEMO_USER = "jij"
QUIT = ("/stop", "/exit", "/quit")


class ConsoleChat:
    """Translates typed lines into core calls and core replies into printed text."""

    def __init__(self, bot: WerkBot, caller: Caller, out: TextIO, chart_dir: Path) -> None:
        self.bot = bot
        self.caller = caller
        self.out = out
        self.chart_dir = chart_dir
        self.choices: list[Button] = []
        self.asking: Button | None = None

    def say(self, key: str, **fields: object) -> str:
        return self.bot.say(self.bot.language_of(self.caller), key, **fields)

    def print(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def show(self, replies: list[Reply]) -> None:
        choices: list[Button] = []
        for reply in replies:
            if reply.audience == "channel":
                self.print(self.say("console.channel"))
            elif reply.audience == "user":
                self.print(self.say("console.direct", user=reply.user_id))
            self.print(reply.text)
            if reply.digest is not None:
                self.chart_dir.mkdir(parents=True, exist_ok=True)
                path = self.chart_dir / f"werkbot-digest-{reply.digest.week}.png"
                path.write_bytes(render_chart(reply.digest, self.bot.messages))
                self.print(self.say("console.chart", path=path))
            for button in reply.buttons:
                choices.append(button)
                self.print(f"  [{len(choices)}] {button.label}")
            if reply.ask is not None:
                self.asking = reply.ask
                self.print(self.say("console.ask", prompt=reply.ask.ask))
            self.print()
        if choices:
            self.choices = choices

    def respond(self, replies: list[Reply]) -> None:
        """Show the replies to a line the user typed; a channel post is then delivered."""
        self.show(replies)
        for reply in replies:
            self.bot.confirm_delivery(reply)

    def handle_line(self, line: str) -> bool:
        """Handle one typed line; False when the user wants to stop."""
        line = line.strip()
        if self.asking is not None:
            button, self.asking = self.asking, None
            if not line:
                self.print(self.say("console.cancelled"))
                return True
            if self.bot.carries_story(action=button.action):
                self.await_guard()
            self.respond(self.bot.handle_action(self.caller, button.action, button.value, text=line,
                                             source_key=f"{PLATFORM}:{uuid.uuid4()}"))
            return True
        if not line:
            return True
        if line.lower() in QUIT:
            self.print(self.say("console.goodbye"))
            return False
        if line.isdigit():
            self.choose(int(line))
            return True
        if not line.startswith("/"):
            self.print(self.say("console.not_a_choice"))
            return True
        if self.bot.carries_story(line=line):
            self.await_guard()
        self.respond(self.bot.handle_command(self.caller, line, f"{PLATFORM}:{uuid.uuid4()}"))
        return True

    def await_guard(self) -> None:
        """Stories wait for the privacy guard; after two seconds the user hears why."""
        if not self.bot.guard.wait(2.0):
            self.print(self.say("privacy.wait"))
            self.bot.guard.wait()

    def choose(self, number: int) -> None:
        if not 1 <= number <= len(self.choices):
            self.print(self.say("console.not_a_choice"))
            return
        button = self.choices[number - 1]
        if button.ask is not None:
            self.asking = button
            current = self.bot.text_to_edit(self.caller, button.action, button.value)
            if current:
                # A terminal cannot prefill the line: show the text to copy from.
                self.print(self.say("console.current_text", text=current))
            self.print(self.say("console.ask", prompt=button.ask))
            return
        self.respond(self.bot.handle_action(self.caller, button.action, button.value))


def demo_caller() -> Caller:
    return Caller(PLATFORM, DEMO_CHAT, DEMO_USER, user_name=DEMO_USER.capitalize())


def ensure_demo_team(bot: WerkBot) -> None:
    caller = demo_caller()
    if bot.store.find_team(caller.team_id) is None:
        bot.register_team(PLATFORM, DEMO_CHAT, caller.user_id, name="Demoteam")


async def run_demo(bot: WerkBot, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout,
                   chart_dir: Path = Path()) -> None:
    """The console chat: today's mantra first, then commands until /stop or end of input."""
    ensure_demo_team(bot)
    chat = ConsoleChat(bot, demo_caller(), out, chart_dir)
    chat.print(chat.say("console.welcome", user=chat.caller.user_id))
    chat.print()
    chat.show(bot.handle_command(chat.caller, "/mantra", f"{PLATFORM}:{uuid.uuid4()}"))

    async def deliver(reply: Reply) -> None:
        chat.show([reply])

    await post_due(bot, deliver)
    # Console posts are printed without awaiting, so there is never a run to wait for at the end.
    scheduler = start_scheduler(bot, deliver, InFlight())
    loop = asyncio.get_running_loop()
    interactive = stdin.isatty()
    try:
        while True:
            if interactive:
                print("> ", end="", file=out, flush=True)
            line = await loop.run_in_executor(None, stdin.readline)
            if not line:
                break
            if not interactive and line.strip():
                chat.print(f"> {line.rstrip()}")
            if not chat.handle_line(line):
                break
    finally:
        scheduler.shutdown(wait=False)
