"""Work in flight: listeners and scheduled jobs that shutdown lets finish before the database closes.

Slack gets its ack before the work is done, and a post is claimed before it is sent, so stopping
mid-way would leave a stored story unanswered or a post claimed but never sent.
"""

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


class InFlight:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task] = set()

    def track(self, work: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
        """Wrap a coroutine function so each run counts as in flight (keeps its signature for Bolt)."""

        @functools.wraps(work)
        async def tracked(*args: P.args, **kwargs: P.kwargs) -> R:
            task = asyncio.current_task()
            if task is not None:
                self._tasks.add(task)
            try:
                return await work(*args, **kwargs)
            finally:
                self._tasks.discard(task)

        return tracked

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    async def drain(self, timeout: float) -> None:
        """Wait for the work in flight, at most `timeout` seconds."""
        others = self._tasks - {asyncio.current_task()}
        if not others:
            return
        _, pending = await asyncio.wait(others, timeout=timeout)
        if pending:
            log.warning("stopping with %d tasks still running", len(pending))
