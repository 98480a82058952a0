"""Lines for the console chat, from the keyboard or a pipe, read in a thread of their own.

At a terminal, Python's `readline` gives line editing and the arrow keys' history (in memory
only: a history file would keep story texts on disk). The thread is a daemon: the demo ends
on Ctrl-C or Ctrl-D without waiting for a line that never comes, and the terminal is put back
as it was found.

While readline reads a line, its thread echoes every key the moment it handles it. A post
printed from the chat's thread at the same time would mix with that echo (a key typed while the
post is printed lands inside it, or twice on the line). So while the prompt is shown, the
reading thread prints posts itself, between two keys: readline calls Python's `PyOS_InputHook`
there, and every 0.1 s while it waits.
"""

import asyncio
import contextlib
import logging
import queue
import sys
import threading
from collections.abc import Callable
from types import ModuleType
from typing import Any, TextIO

PROMPT = "> "
CLEAR_LINE = "\r\x1b[K"

log = logging.getLogger(__name__)


class Keyboard:
    """`read_line()` for the chat; `print_above()` for output that may come while it waits."""

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
        # Posts for the reading thread to print between two keys, while readline reads a line.
        self._prints_between_keys = self.readline is not None and _install_input_hook(self._print_due)
        self._screen = threading.Lock()
        self._reading = False
        self._due: list[tuple[str, asyncio.AbstractEventLoop, asyncio.Future]] = []

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

    async def print_above(self, text: str) -> None:
        """Print whole lines above the line being typed: clear it, print, then show the prompt
        and what was typed so far again (a scheduled post falls due at any moment)."""
        if self._prints_between_keys:
            loop = asyncio.get_running_loop()
            with self._screen:
                if not self._reading:  # no line is being read: the screen is the chat's
                    self._write(text)
                    return
                printed = loop.create_future()
                self._due.append((text, loop, printed))
            await printed
        elif self.interactive and self.waiting:
            # Without readline the terminal echoes keys itself, and what was typed is unknown.
            typed = self.readline.get_line_buffer() if self.readline is not None else ""
            self._write(CLEAR_LINE + text + PROMPT + typed)
        else:
            self._write(text)

    def close(self) -> None:
        """Give the terminal back as it was: readline may still be waiting in its thread."""
        global _hooked
        if _hooked == self._print_due:
            _hooked = None
        self._prints_between_keys = False
        self._print_due(line_ended=True)
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
            with self._screen:
                self._reading = self._prints_between_keys
            try:
                return input(PROMPT)
            finally:
                self._print_due(line_ended=True)
        if self.interactive:
            print(PROMPT, end="", file=self.out, flush=True)
        line = self.stdin.readline()
        return line.rstrip("\r\n") if line else None

    def _print_due(self, line_ended: bool = False) -> None:
        """In the reading thread, between two keys: the posts that fell due, above the line
        being typed; once the line has ended, just below it."""
        with self._screen:
            due, self._due = self._due, []
            if line_ended:
                self._reading = False
        if not due:
            return
        text = "".join(text for text, _, _ in due)
        if not line_ended:
            text = CLEAR_LINE + text + PROMPT + self.readline.get_line_buffer()
        self._write(text)
        for _, loop, printed in due:
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(_answer, printed, None)

    def _write(self, text: str) -> None:
        self.out.write(text)
        self.out.flush()


def _answer(future: asyncio.Future, line: str | None) -> None:
    if not future.done():
        future.set_result(line)


# The function readline calls between keys, and the C function that calls it. Once set, the hook
# stays for the life of the process: readline reads it without a lock in its own thread.
_hooked: Callable[[], None] | None = None
_c_hook: Any = None


def _install_input_hook(function: Callable[[], None]) -> bool:
    """Have readline call `function` between keys (and every 0.1 s while it waits), in its own
    thread: False when Python's input hook cannot be set, or belongs to another module (tkinter)."""
    global _hooked, _c_hook
    try:
        import ctypes
        hook = ctypes.c_void_p.in_dll(ctypes.pythonapi, "PyOS_InputHook")
    except (ImportError, AttributeError, OSError, ValueError):
        return False
    if _c_hook is None:
        if hook.value:
            return False
        _c_hook = ctypes.CFUNCTYPE(ctypes.c_int)(_input_hook)
        hook.value = ctypes.cast(_c_hook, ctypes.c_void_p).value
    _hooked = function
    return True


def _input_hook() -> int:
    function = _hooked
    if function is not None:
        try:
            function()
        except Exception:  # an exception cannot go up through readline
            log.exception("printing above the prompt failed")
    return 0


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
