"""Pacing every send to Telegram: never more than 30 in any one second overall, never more than
20 in any minute to one group, and a 429's retry_after honoured.

PTB's AIORateLimiter was measured letting 60 sends through in one second, so this is a limiter
of our own: sliding windows of the send times, kept exactly (a token bucket would allow bursts
over the window). It plugs into PTB as its `BaseRateLimiter`, so every call the bot makes passes.
"""

import asyncio
import logging
import time
import warnings
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter
from telegram.warnings import PTBDeprecationWarning

log = logging.getLogger(__name__)

OVERALL_PER_SECOND = 30
GROUP_PER_MINUTE = 20
# Sends reach Telegram a few milliseconds apart from when they leave: each window is kept this
# much longer, so Telegram never counts one send too many in its own window.
MARGIN_SECONDS = 0.1
# How often a window full of sends still under way is looked at again.
BUSY_SECONDS = 0.05
RETRIES = 5
# Calls that put something in a chat; everything else (getUpdates, answers to buttons) is free.
SENDS = ("send", "edit", "copy", "forward")


class SlidingWindow:
    """At most `limit` events in any `seconds`-long window.

    A send counts from the moment it leaves until `seconds` after its answer came back: it
    reached Telegram somewhere in between, so however long it queued for a connection on the
    way, Telegram never counts more in any window than this does.
    """

    def __init__(self, limit: int, seconds: float) -> None:
        self.limit = limit
        self.seconds = seconds
        self.under_way = 0
        # When the sends that came back did, oldest first.
        self.times: deque[float] = deque()

    def wait_needed(self, now: float) -> float:
        """How long until one more event fits (0: now)."""
        # The same sum decides both, so a float's rounding never lets one through uncounted.
        while self.times and self.times[0] + self.seconds <= now:
            self.times.popleft()
        if self.under_way + len(self.times) < self.limit:
            return 0.0
        if self.times:
            return self.times[0] + self.seconds - now
        return BUSY_SECONDS

    def begin(self) -> None:
        self.under_way += 1

    def end(self, now: float) -> None:
        self.under_way -= 1
        self.times.append(now)


class Pacer(BaseRateLimiter[int]):
    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.clock = clock
        self.sleep = sleep
        self.overall = SlidingWindow(OVERALL_PER_SECOND, 1.0 + MARGIN_SECONDS)
        # After a 429, no send at all until then: Telegram's wait holds for the whole bot.
        self.blocked_until = 0.0
        self.groups: dict[str, SlidingWindow] = {}

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        sends = endpoint.startswith(SENDS)
        chat = str(data.get("chat_id", ""))
        for attempt in range(RETRIES + 1):
            windows = await self._turn(chat) if sends else []
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                if attempt == RETRIES:
                    raise
                with warnings.catch_warnings():
                    # PTB 22 announces timedelta here; both forms are read.
                    warnings.simplefilter("ignore", PTBDeprecationWarning)
                    delay = error.retry_after
                seconds = delay.total_seconds() if isinstance(delay, timedelta) else float(delay)
                log.warning("Telegram asked to wait %.0f s (%s)", seconds, endpoint)
                self.blocked_until = max(self.blocked_until, self.clock() + seconds)
                self._ended(windows)
                windows = []
                await self.sleep(seconds)
            finally:
                self._ended(windows)
        raise AssertionError("unreachable")

    def _ended(self, windows: list[SlidingWindow]) -> None:
        now = self.clock()
        for window in windows:
            window.end(now)

    async def _turn(self, chat: str) -> list[SlidingWindow]:
        """Wait until one more send fits both windows, then count it in them (until `_ended`)."""
        # A group's id is negative; a private chat has its own, looser limit at Telegram.
        group = None
        if chat.startswith("-"):
            group = self.groups.setdefault(chat, SlidingWindow(GROUP_PER_MINUTE, 60.0 + MARGIN_SECONDS))
        while True:
            now = self.clock()
            wait = max(self.blocked_until - now, self.overall.wait_needed(now),
                       group.wait_needed(now) if group else 0.0)
            if wait <= 0:
                windows = [self.overall] if group is None else [self.overall, group]
                for window in windows:
                    window.begin()
                return windows
            await self.sleep(wait)
