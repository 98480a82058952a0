"""The reference for bench/slack_acks.py: a bare slack-bolt AsyncApp served the way Bolt serves
itself (its aiohttp `AsyncSlackAppServer`), whose listeners only ack and then post once.

Reads SLACK_SIGNING_SECRET, SLACK_API_URL and PORT (0: the system chooses); prints
"bare bolt listening on port N" once it listens, and runs until SIGTERM or SIGINT.
"""

import asyncio
import logging
import os
import re
import signal

from aiohttp import web
from slack_bolt.app.async_server import AsyncSlackAppServer
from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

ANSWER = "Dank je, je verhaal is opgeslagen."


def bare_app(signing_secret: str, api_url: str) -> AsyncApp:
    client = AsyncWebClient(token="xoxb-bench", base_url=api_url)
    app = AsyncApp(client=client, signing_secret=signing_secret)

    @app.command("/verhaal")
    async def story(ack: AsyncAck, body: dict, client: AsyncWebClient) -> None:
        await ack()
        await client.chat_postEphemeral(channel=body["channel_id"], user=body["user_id"], text=ANSWER)

    @app.action(re.compile(r"^wb\d+\|"))
    async def button(ack: AsyncAck, body: dict, client: AsyncWebClient) -> None:
        await ack()
        await client.chat_postEphemeral(channel=body["channel"]["id"], user=body["user"]["id"],
                                        text="Goedgekeurd.")

    return app


async def serve() -> None:
    app = bare_app(os.environ["SLACK_SIGNING_SECRET"], os.environ["SLACK_API_URL"])
    server = AsyncSlackAppServer(port=int(os.environ.get("PORT", "0")), path="/slack/events", app=app,
                                 host="127.0.0.1")
    runner = web.AppRunner(server.web_app)
    await runner.setup()
    await web.TCPSite(runner, server.host, server.port).start()
    print(f"bare bolt listening on port {runner.addresses[0][1]}", flush=True)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopping.set)
    await stopping.wait()
    await runner.cleanup()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(serve())
