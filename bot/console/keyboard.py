"""Lines for the console chat, from the keyboard or a pipe, read in a thread of their own.

At a terminal, Python's `readline` gives line editing and the arrow keys' history (in memory
only: a history file would keep story texts on disk). The thread is a daemon: the demo ends
on Ctrl-C or Ctrl-D without waiting for a line that never comes, and the terminal is put back
as it was found.
"""

import asyncio
import contextlib
import queue
import sys
import threading
from collections.abc import Iterator
from types import ModuleType
from typing import Any, TextIO

PROMPT = "> "


class Keyboard:
    """`read_line()` for the chat; `above_prompt()` for output that comes while it waits."""

    def __init__(self, stdin: TextIO, out: TextIO) -> None:
        self.stdin = stdin
        self.out = out
        self.interactive = _isatty(stdin)
        self.readline = _line_editing(stdin, out) if self.interactive else None
        self._terminal = _terminal_state(stdin) if self.interactive else None
        self._requests: queue.SimpleQueue[tuple[asyncio.AbstractEventLoop, asyncio.Future]] = (
            queue.SimpleQueue())
        self._thread: threading.Thread | None = None
        self._waiting: asyncio.Future | None = None

    async def read_line(self) -> str | None:
        """The next line without its line end; None at the end of the input or after `interrupt`."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._read_lines, name="console-input", daemon=True)
            self._thread.start()
        loop = asyncio.get_running_loop()
        self._waiting = loop.create_future()
        self._requests.put((loop, self._waiting))
        try:
            return await self._waiting
        finally:
            self._waiting = None

    def interrupt(self) -> None:
        """Ctrl-C: the line being waited for is the end of the input."""
        if self._waiting is not None and not self._waiting.done():
            self._waiting.set_result(None)

    @property
    def waiting(self) -> bool:
        """True while the prompt is shown and the user may be typing."""
        return self._waiting is not None and not self._waiting.done()

    @contextlib.contextmanager
    def above_prompt(self) -> Iterator[None]:
        """Print above the line being typed: clear it, print, then show the prompt and what
        was typed so far again (a scheduled post falls due at any moment)."""
        redraw = self.interactive and self.waiting
        if redraw:
            self.out.write("\r\x1b[K")
        try:
            yield
        finally:
            if redraw:
                typed = self.readline.get_line_buffer() if self.readline is not None else ""
                self.out.write(PROMPT + typed)
                self.out.flush()

    def close(self) -> None:
        """Give the terminal back as it was: readline may still be waiting in its thread."""
        if self._terminal is not None:
            termios, fd, state = self._terminal
            with contextlib.suppress(termios.error, OSError, ValueError):
                termios.tcsetattr(fd, termios.TCSADRAIN, state)

    def _read_lines(self) -> None:
        while True:
            loop, future = self._requests.get()
            try:
                line = self._read()
            except (EOFError, OSError, ValueError, UnicodeDecodeError):
                line = None
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(_answer, future, line)
            if line is None:
                return

    def _read(self) -> str | None:
        if self.readline is not None:
            return input(PROMPT)
        if self.interactive:
            print(PROMPT, end="", file=self.out, flush=True)
        line = self.stdin.readline()
        return line.rstrip("\r\n") if line else None


def _answer(future: asyncio.Future, line: str | None) -> None:
    if not future.done():
        future.set_result(line)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _line_editing(stdin: TextIO, out: TextIO) -> ModuleType | None:
    """The readline module, when `input()` will use it: the process's own terminal in and out."""
    if stdin is not sys.stdin or out is not sys.stdout or not _isatty(out):
        return None
    try:
        import readline
    except ImportError:  # Windows, or a Python built without it
        return None
    return readline


def _terminal_state(stdin: TextIO) -> tuple[Any, int, list] | None:
    try:
        import termios
    except ImportError:  # Windows
        return None
    try:
        fd = stdin.fileno()
        return termios, fd, termios.tcgetattr(fd)
    except (termios.error, OSError, ValueError, AttributeError):
        return None
