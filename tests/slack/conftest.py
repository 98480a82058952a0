"""The real runtime in HTTP mode on a free port, talking to a local fake Slack Web API."""

import json
import time
from collections.abc import AsyncIterator
from urllib.parse import urlencode

import aiohttp
import pytest
from slack_sdk.signature import SignatureVerifier

from bot.app import build_runtime
from bot.runtime import Runtime
from bot.settings import Settings, SlackSettings
from storage import Team
from tests.slack.fake_slack import FakeSlack

SECRET = "test-signing-secret"


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    fake = FakeSlack()
    await fake.start()
    yield fake
    await fake.stop()


def slack_settings(tmp_path, fake_slack: FakeSlack, app_token: str | None = None) -> Settings:
    slack = SlackSettings("xoxb-test", SECRET, app_token=app_token, api_url=fake_slack.url)
    return Settings(database=str(tmp_path / "werkbot.db"), port=0, platforms={"slack": slack})


def slack_team(runtime: Runtime, workspace: str = "T1", channel: str = "C1") -> Team:
    """The team registered in a Slack channel."""
    team = runtime.bot.store.team_at("slack", f"{workspace}:{channel}")
    assert team is not None, f"no team in {workspace}:{channel}"
    return team


@pytest.fixture
async def runtime(tmp_path, fake_slack, content, guard, clock) -> AsyncIterator[Runtime]:
    running = build_runtime(slack_settings(tmp_path, fake_slack), content, guard, host="127.0.0.1",
                            clock=clock)
    await running.start()
    yield running
    await running.stop()


class SlackClient:
    """Sends requests to the runtime as Slack does: signed, form-encoded."""

    def __init__(self, port: int, response_url: str) -> None:
        self.url = f"http://127.0.0.1:{port}/slack/events"
        self.response_url = response_url
        self.triggers = 0

    async def post(self, body: str, secret: str = SECRET, age: int = 0,
                   content_type: str = "application/x-www-form-urlencoded",
                   timestamp: str | None = None) -> tuple[int, str]:
        timestamp = timestamp or str(int(time.time()) - age)
        signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body)
        headers = {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": signature,
                   "Content-Type": content_type}
        async with aiohttp.ClientSession() as session, session.post(
                self.url, data=body.encode(), headers=headers) as response:
            return response.status, await response.text()

    def trigger(self) -> str:
        self.triggers += 1
        return f"trigger-{self.triggers}"

    async def command(self, command: str, text: str = "", user: str = "U1", channel: str = "C1",
                      team: str = "T1", **extra) -> tuple[int, str]:
        return await self.post(urlencode({
            "token": "x", "team_id": team, "channel_id": channel,
            "channel_name": extra.get("channel_name", "wijkteam"), "user_id": user,
            "user_name": extra.get("user_name", user.lower()), "command": command, "text": text,
            "response_url": self.response_url, "trigger_id": self.trigger()}))

    async def event(self, event: dict, team: str = "T1") -> tuple[int, str]:
        body = {"type": "event_callback", "team_id": team, "api_app_id": "A1",
                "event_id": f"Ev{self.trigger()}", "event_time": int(time.time()), "event": event}
        return await self.post(json.dumps(body), content_type="application/json")

    async def interact(self, payload: dict, **kwargs) -> tuple[int, str]:
        return await self.post(urlencode({"payload": json.dumps(payload)}), **kwargs)

    async def click(self, button: dict, user: str = "U1", channel: str = "C1", team: str = "T1"):
        return await self.interact({
            "type": "block_actions", "team": {"id": team}, "user": {"id": user, "username": user},
            "channel": {"id": channel}, "trigger_id": self.trigger(),
            "container": {"type": "message", "channel_id": channel},
            "actions": [{"action_id": button["action_id"], "value": button["value"],
                         "text": button["text"], "type": "button"}]})

    async def submit(self, view: dict, values: dict, user: str = "U1", team: str = "T1",
                     view_id: str = "V1"):
        return await self.interact({
            "type": "view_submission", "team": {"id": team}, "user": {"id": user, "username": user},
            "view": {**view, "id": view_id, "state": {"values": values}}})


@pytest.fixture
def slack(runtime, fake_slack) -> SlackClient:
    return SlackClient(runtime.port, fake_slack.response_url)


def buttons_of(message: dict) -> list[dict]:
    return [element for block in message.get("blocks", []) if block["type"] == "actions"
            for element in block["elements"]]


def text_of(message: dict) -> str:
    return "\n".join(block["text"]["text"] for block in message.get("blocks", [])
                     if block["type"] == "section")
