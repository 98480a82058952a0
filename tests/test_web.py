"""The guarded web server: slow clients are cut off and never lock out /healthz."""

import asyncio

import aiohttp
import pytest
from aiohttp import web

from bot.web import GuardedSite, Limits, guarded_app

PARTIAL_HEADERS = b"GET /healthz HTTP/1.1\r\nHost: werkbot\r\nX-Slow: "


@pytest.fixture
async def server():
    app, guard = guarded_app(Limits(header_seconds=0.5, body_seconds=0.5, max_connections=20))

    async def healthz(request: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    async def echo(request: web.Request) -> web.Response:
        return web.Response(body=await request.read())

    app.router.add_get("/healthz", healthz)
    app.router.add_post("/echo", echo)
    runner = web.AppRunner(app)
    await runner.setup()
    await GuardedSite(runner, guard, "127.0.0.1", 0).start()
    yield runner.addresses[0][1], guard
    await runner.cleanup()


async def slow_client(port: int, first: bytes = PARTIAL_HEADERS):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(first)
    await writer.drain()
    return reader, writer


async def test_headers_sent_too_slowly_close_the_connection(server):
    port, _ = server
    reader, writer = await slow_client(port)
    # The client goes on a byte at a time, but the deadline counts from the first byte.
    for _ in range(3):
        writer.write(b"x")
        await asyncio.sleep(0.1)
    assert await asyncio.wait_for(reader.read(), 2) == b""
    writer.close()


async def test_a_body_sent_too_slowly_gets_408(server):
    port, _ = server
    reader, writer = await slow_client(
        port, b"POST /echo HTTP/1.1\r\nHost: werkbot\r\nContent-Length: 100\r\n\r\n0123456789")
    answer = await asyncio.wait_for(reader.read(), 2)
    assert answer.startswith(b"HTTP/1.1 408")
    writer.close()


async def test_an_idle_keep_alive_connection_is_closed_but_a_quick_one_is_served(server):
    port, _ = server
    reader, writer = await slow_client(port, b"GET /healthz HTTP/1.1\r\nHost: werkbot\r\n\r\n")
    assert (await asyncio.wait_for(reader.readline(), 2)).startswith(b"HTTP/1.1 200")
    assert (await asyncio.wait_for(reader.read(), 2)).endswith(b'{"ok": true}')
    writer.close()


async def test_when_full_the_longest_waiting_connection_makes_room(server):
    port, guard = server
    slow = [await slow_client(port) for _ in range(60)]
    async with aiohttp.ClientSession() as session, session.get(f"http://127.0.0.1:{port}/healthz",
                           timeout=aiohttp.ClientTimeout(total=1)) as response:
        assert await response.json() == {"ok": True}
    assert guard.open <= 20
    # The first slow clients were closed to make room, not the newest.
    assert await asyncio.wait_for(slow[0][0].read(), 1) == b""
    for _, writer in slow:
        writer.close()
