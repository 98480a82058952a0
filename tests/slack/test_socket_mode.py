"""Socket Mode end to end: a local WebSocket server plays Slack's side of the connection."""

import asyncio
import json

import pytest
from aiohttp import WSMsgType, web

from bot.app import build_runtime
from bot.settings import SettingsError
from tests.slack.conftest import slack_settings, slack_team


@pytest.fixture
async def socket_server():
    """Sends one slash-command envelope to whoever connects, and collects what comes back."""
    received: list[dict] = []
    connected = asyncio.Event()
    envelope = {
        "envelope_id": "env-1", "type": "slash_commands", "accepts_response_payload": True,
        "payload": {"token": "x", "team_id": "T1", "channel_id": "C1", "user_id": "U1",
                    "user_name": "u1", "command": "/werkbot", "text": "start",
                    "trigger_id": "trigger-socket", "response_url": "http://127.0.0.1:1/r"},
    }

    async def link(request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        await socket.send_str(json.dumps({"type": "hello", "num_connections": 1}))
        connected.set()
        await socket.send_str(json.dumps(envelope))
        async for message in socket:
            if message.type == WSMsgType.TEXT:
                received.append(json.loads(message.data))
        return socket

    app = web.Application()
    app.router.add_get("/link", link)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    port = runner.addresses[0][1]
    yield f"ws://127.0.0.1:{port}/link", received, connected
    await runner.cleanup()


async def test_slash_command_over_socket_mode(tmp_path, fake_slack, content, guard, socket_server):
    url, received, connected = socket_server
    fake_slack.socket_url = url
    settings = slack_settings(tmp_path, fake_slack, app_token="xapp-test")
    runtime = build_runtime(settings, content, guard, host="127.0.0.1")
    await runtime.start()
    try:
        await asyncio.wait_for(connected.wait(), 10)
        assert runtime.health()["slack"] == "socket-mode"
        sent = await fake_slack.wait_for("chat.postEphemeral")
        assert "Welkom" in sent[0]["text"]
        for _ in range(100):
            if received:
                break
            await asyncio.sleep(0.05)
        assert received[0]["envelope_id"] == "env-1"
        assert slack_team(runtime).platform == "slack"
        assert fake_slack.of("apps.connections.open")
    finally:
        await runtime.stop()


async def test_an_app_token_slack_refuses_stops_start_up_by_name(tmp_path, fake_slack, content, guard):
    fake_slack.errors["apps.connections.open"] = "invalid_auth"
    runtime = build_runtime(slack_settings(tmp_path, fake_slack, app_token="xapp-test"), content, guard,
                      host="127.0.0.1")
    with pytest.raises(SettingsError) as refused:
        await runtime.start()
    await runtime.stop()
    assert (refused.value.key, refused.value.fields) == (
        "cli.slack_refused", {"name": "SLACK_APP_TOKEN", "error": "invalid_auth"})
