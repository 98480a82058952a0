"""`werkbot demo` at a terminal (a pseudo-terminal here): line editing and history with the arrow
keys, Ctrl-C and Ctrl-D end it with a goodbye, the terminal is given back as it was, and a post
that falls due while someone types is printed above the prompt."""

import asyncio
import io
import os
import select
import sys
import time
from pathlib import Path

import pytest

from bot.console.chat import ConsoleChat, demo_caller
from bot.conversation import Conversation
from bot.core.bot import WerkBot
from bot.core.model import Reply
from bot.inflight import InFlight
from bot.platform import Services
from tests.support import werkbot_environment

pty = pytest.importorskip("pty")
termios = pytest.importorskip("termios")

LEFT, RIGHT, UP = b"\x1b[D", b"\x1b[C", b"\x1b[A"
CTRL_C, CTRL_D = b"\x03", b"\x04"
# The prompt after the start's mantra: the demo reads the keyboard from here.
FIRST_PROMPT = b"Deel het met /verhaal.\r\n\r\n> "


class Terminal:
    """A program on a pseudo-terminal (`werkbot demo` unless told): what was typed, and what
    the screen got."""

    def __init__(self, tmp_path: Path, *args: str) -> None:
        args = args or ("-m", "bot.cli", "demo", "--db", str(tmp_path / "demo.db"))
        env = werkbot_environment(WERKBOT_LOG_LEVEL="INFO", TERM="xterm")
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child, with the pseudo-terminal as its terminal
            try:
                os.chdir(tmp_path)
                os.execve(sys.executable, [sys.executable, *args], env)
            finally:
                os._exit(127)
        self.screen = b""

    def read_until(self, marker: bytes, seconds: float = 60.0, after: int = 0) -> str:
        """What the screen got, once `marker` is on it (past the first `after` bytes)."""
        end = time.monotonic() + seconds
        while marker not in self.screen[after:] and time.monotonic() < end:
            if select.select([self.fd], [], [], 0.1)[0]:
                try:
                    chunk = os.read(self.fd, 4096)
                except OSError:  # the demo ended
                    break
                if not chunk:
                    break
                self.screen += chunk
        text = self.screen.decode(errors="replace")
        assert marker in self.screen[after:], f"not seen: {marker!r}\n{text}"
        return text

    def type(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def exit_code(self) -> int:
        self.read_until(b"Tot ziens!")
        for _ in range(600):
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            time.sleep(0.1)
        raise AssertionError("the demo did not end")

    def echoes(self) -> bool:
        return bool(termios.tcgetattr(self.fd)[3] & termios.ECHO)

    def close(self) -> None:
        try:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self.fd)


@pytest.fixture
def terminal(tmp_path: Path):
    terminal = Terminal(tmp_path)
    yield terminal
    terminal.close()


def test_arrow_keys_edit_and_recall_and_ctrl_c_says_goodbye(terminal):
    assert terminal.echoes()
    terminal.read_until(FIRST_PROMPT)
    # "/mntra", the cursor four places back, the missing "a" typed in place: "/mantra".
    terminal.type(b"/mntra" + LEFT * 4 + b"a" + RIGHT * 4 + b"\r")
    seen = len(terminal.screen)
    terminal.read_until(FIRST_PROMPT, after=seen)
    seen = len(terminal.screen)
    terminal.type(UP + b"\r")  # the line before, again
    terminal.read_until(FIRST_PROMPT, after=seen)
    assert "Voor vandaag" in terminal.screen[seen:].decode()
    terminal.type(b"/verhaal half getypt" + CTRL_C)
    assert terminal.exit_code() == 0
    screen = terminal.screen.decode(errors="replace")
    assert "Tot ziens!" in screen and "Traceback" not in screen
    assert "INFO" not in screen, "log lines go to the log file"
    assert terminal.echoes(), "the terminal is given back as it was"


def test_ctrl_d_on_an_empty_line_says_goodbye(terminal):
    terminal.read_until(FIRST_PROMPT)
    terminal.type(CTRL_D)
    assert terminal.exit_code() == 0
    assert "Traceback" not in terminal.screen.decode(errors="replace")
    assert terminal.echoes()


# A console chat on the terminal it is given, and a channel post as soon as something is typed.
POST_WHILE_TYPING = """
import asyncio, readline, sys
from pathlib import Path
from bot.console.chat import ConsoleChat, demo_caller
from bot.conversation import Conversation
from bot.core.bot import WerkBot
from bot.core.content import load_content
from bot.core.model import Reply
from bot.core.privacy import PrivacyGuard
from bot.inflight import InFlight
from bot.platform import Services
from storage import Store, open_database

async def main():
    folder, content = Path(sys.argv[1]), load_content()
    store = Store(open_database(str(folder / "demo.db"), create=True))
    bot = WerkBot(store, content, PrivacyGuard(content.guard_words, folder))
    bot.team.register(demo_caller(), name="Demoteam")
    chat = ConsoleChat(Services(bot, Conversation(bot), InFlight()), sys.stdin, sys.stdout, folder)

    async def post_while_typing():
        while not (chat.keyboard.waiting and readline.get_line_buffer()):
            await asyncio.sleep(0.02)
        await chat.send(Reply("Voor vandaag: een werkprincipe.", audience="channel"))

    posting = asyncio.create_task(post_while_typing())
    await chat.read_lines()
    posting.cancel()

asyncio.run(main())
"""


def test_a_post_while_typing_comes_above_the_line_being_typed(tmp_path):
    terminal = Terminal(tmp_path, "-c", POST_WHILE_TYPING, str(tmp_path))
    try:
        terminal.read_until(b"> ")
        terminal.type(b"/mant")
        terminal.read_until(b"een werkprincipe.")
        terminal.type(b"ra\r")
        terminal.read_until(b"Deel het met /verhaal.\r\n\r\n> ")
        terminal.type(b"/stop\r")
        assert terminal.exit_code() == 0
        # The line is cleared, the post printed, then the prompt with what was typed so far;
        # typing goes on there, "ra" typed as the post came shown once, after "/mant": /mantra.
        assert (b"> /mant\r\x1b[K[kanaal]\r\nVoor vandaag: een werkprincipe.\r\n\r\n> /mantra\r\n"
                in terminal.screen)
        assert b"Voor vandaag: Werkprincipe" in terminal.screen
    finally:
        terminal.close()


async def test_a_post_while_typing_comes_above_the_prompt(store, content, guard, tmp_path):
    """Without readline (the output is not the terminal), the prompt is printed again below the post."""
    main, other = os.openpty()
    keyboard = os.fdopen(other, "r", encoding="utf-8")
    try:
        bot = WerkBot(store, content, guard)
        bot.team.register(demo_caller(), name="Demoteam")
        out = io.StringIO()
        chat = ConsoleChat(Services(bot, Conversation(bot), InFlight()), keyboard, out, tmp_path)
        reading = asyncio.create_task(chat.read_lines())
        for _ in range(500):
            if out.getvalue().endswith("> "):
                break
            await asyncio.sleep(0.01)
        await chat.send(Reply("Voor vandaag: een werkprincipe.", audience="channel"))
        assert out.getvalue() == "> \r\x1b[K[kanaal]\nVoor vandaag: een werkprincipe.\n\n> "
        os.write(main, b"/stop\n")
        await asyncio.wait_for(reading, 10)
        assert out.getvalue().endswith("\n\n> Tot ziens!\n"), "the terminal showed what was typed"
    finally:
        keyboard.close()
        os.close(main)
