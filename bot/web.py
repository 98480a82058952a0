"""The web server under /healthz and the platforms' routes, guarded against slow clients.

aiohttp bounds the size of a request's headers but not the time a client takes to send them or
its body, nor the number of connections. A client that sends its headers a byte at a time holds
a connection, and an open file, for as long as it likes; a thousand of them lock out Slack,
Telegram and /healthz alike. Here every connection gets `header_seconds` to deliver the headers
of its next request (also while idle between requests) and `body_seconds` for the body; when
`max_connections` are open, the connection that has waited longest without a request is closed
to make room, so a new client always gets in. Written here because aiohttp has no such limits.
"""

import asyncio
import logging
import resource
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web

log = logging.getLogger(__name__)

# Open files kept free for the database, the platforms' own connections and the logs.
FILES_KEPT_FREE = 100
# Connections the kernel queues for us. asyncio accepts up to this many at each wake-up, and a
# connection closed to make room frees its file only a few loop turns later: room for a few such
# bursts is kept free as well.
BACKLOG = 64
BURSTS_KEPT_FREE = 4


def connection_limit(wanted: int) -> int:
    """`wanted`, or fewer when the open-files limit would not leave room for the rest."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return wanted
    return max(16, min(wanted, soft - FILES_KEPT_FREE - BURSTS_KEPT_FREE * BACKLOG))


@dataclass(frozen=True)
class Limits:
    header_seconds: float = 10.0
    body_seconds: float = 10.0
    max_connections: int = 1000


class ConnectionGuard:
    """Keeps the time limits and the connection cap for one server."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.max_connections = connection_limit(limits.max_connections)
        # Connections waiting for a request, longest waiting first; the others are busy.
        self.waiting: OrderedDict[asyncio.BaseTransport, asyncio.TimerHandle] = OrderedDict()
        self.busy: set[asyncio.BaseTransport] = set()

    def protocol(self, handler: asyncio.Protocol) -> asyncio.Protocol:
        return GuardedConnection(handler, self)

    @property
    def open(self) -> int:
        return len(self.waiting) + len(self.busy)

    def opened(self, transport: asyncio.BaseTransport) -> None:
        if self.open >= self.max_connections and self.waiting:
            longest, _ = next(iter(self.waiting.items()))
            self.close(longest)
        self.wait_for_request(transport)

    def wait_for_request(self, transport: asyncio.BaseTransport) -> None:
        self.busy.discard(transport)
        self.stop_waiting(transport)
        loop = asyncio.get_running_loop()
        self.waiting[transport] = loop.call_later(self.limits.header_seconds, self.close, transport)

    def serving(self, transport: asyncio.BaseTransport) -> None:
        self.stop_waiting(transport)
        self.busy.add(transport)

    def stop_waiting(self, transport: asyncio.BaseTransport) -> None:
        deadline = self.waiting.pop(transport, None)
        if deadline is not None:
            deadline.cancel()

    def closed(self, transport: asyncio.BaseTransport) -> None:
        self.stop_waiting(transport)
        self.busy.discard(transport)

    def close(self, transport: asyncio.BaseTransport) -> None:
        self.closed(transport)
        transport.abort()

    @web.middleware
    async def middleware(self, request: web.Request,
                         handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
                         ) -> web.StreamResponse:
        """Headers are in: give the body its time, then serve; after that the connection waits
        for its next request under the header deadline again."""
        transport = request.transport
        if transport is None:
            return await handler(request)
        self.serving(transport)
        try:
            if request.body_exists:
                try:
                    await asyncio.wait_for(request.read(), self.limits.body_seconds)
                except TimeoutError:
                    response = web.Response(status=408)
                    response.force_close()
                    return response
            return await handler(request)
        finally:
            if not transport.is_closing():
                self.wait_for_request(transport)


class GuardedConnection(asyncio.Protocol):
    """aiohttp's own protocol for one connection, with the guard told when it opens and closes."""

    def __init__(self, handler: asyncio.Protocol, guard: ConnectionGuard) -> None:
        self.handler = handler
        self.guard = guard
        self.transport: asyncio.BaseTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport
        self.guard.opened(transport)
        self.handler.connection_made(transport)

    def connection_lost(self, exc: Exception | None) -> None:
        if self.transport is not None:
            self.guard.closed(self.transport)
        self.handler.connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        self.handler.data_received(data)

    def eof_received(self) -> bool | None:
        return self.handler.eof_received()

    def pause_writing(self) -> None:
        self.handler.pause_writing()

    def resume_writing(self) -> None:
        self.handler.resume_writing()


class GuardedSite(web.BaseSite):
    """A TCP site like aiohttp's own, whose connections go through a `ConnectionGuard`."""

    def __init__(self, runner: web.AppRunner, guard: ConnectionGuard, host: str, port: int) -> None:
        super().__init__(runner)
        self.guard = guard
        self.host = host
        self.requested_port = port

    @property
    def name(self) -> str:
        return f"http://{self.host}:{self.requested_port}"

    async def start(self) -> None:
        await super().start()
        server = self._runner.server
        assert server is not None
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(lambda: self.guard.protocol(server()),
                                                self.host, self.requested_port, backlog=BACKLOG)


def guarded_app(limits: Limits = Limits()) -> tuple[web.Application, ConnectionGuard]:
    guard = ConnectionGuard(limits)
    return web.Application(middlewares=[guard.middleware]), guard
