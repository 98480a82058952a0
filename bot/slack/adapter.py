"""Slack: slack-bolt's AsyncApp translating Slack events into core calls, and replies into Block Kit.

Listeners ack first and work after, so Slack always gets its answer within 3 seconds. Button
payloads carry ids only; the core checks every action again.
"""

import asyncio
import json
import logging
import re
from collections.abc import Awaitable
from typing import Any

import aiohttp
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.core.bot import WerkBot
from bot.core.digest import render_chart
from bot.core.model import Button, Caller, Reply
from bot.inflight import InFlight
from bot.settings import SettingsError
from bot.slack import blocks

log = logging.getLogger(__name__)

PLATFORM = "slack"
COMMANDS = ("/mantra", "/verhaal", "/mijnverhalen", "/moderatie", "/digest", "/werkbot")
SHORTCUT = "bewaar_als_verhaal"
RETRIES = 5
ACTION_PATTERN = re.compile(rf"^{blocks.ACTION_PREFIX}\d+\|")
SLACK_MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")
# chat.postEphemeral's answers when the bot was not invited to the channel.
NOT_A_MEMBER = ("not_in_channel", "channel_not_found")
# chat.postMessage's answers when the bot can no longer post in a team's channel.
CANNOT_POST = (*NOT_A_MEMBER, "is_archived")


def chat_id(workspace: str, channel: str) -> str:
    return f"{workspace}:{channel}"


class _TokenInClientFilter(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN itself and warns that it is unused next to our client, which
    holds that same token (the client is ours for SLACK_API_URL and the retry handlers)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


logging.getLogger("slack_bolt.AsyncApp").addFilter(_TokenInClientFilter())


def retry_handlers() -> list[AsyncRetryHandler]:
    """Retry connection errors, server errors and 429s (honouring Retry-After)."""
    return [AsyncConnectionErrorRetryHandler(max_retry_count=RETRIES),
            AsyncRateLimitErrorRetryHandler(max_retry_count=RETRIES),
            AsyncServerErrorRetryHandler(max_retry_count=RETRIES)]


def web_client(token: str, base_url: str) -> AsyncWebClient:
    return AsyncWebClient(token=token, base_url=base_url, retry_handlers=retry_handlers())


class SlackAdapter:
    def __init__(self, bot: WerkBot, token: str, signing_secret: str, api_url: str,
                 app_token: str | None = None, in_flight: InFlight | None = None) -> None:
        self.bot = bot
        self.in_flight = in_flight if in_flight is not None else InFlight()
        self.client = web_client(token, api_url)
        self.app = AsyncApp(client=self.client, signing_secret=signing_secret)
        self.app_token = app_token
        self.socket: AsyncSocketModeHandler | None = None
        self.state = "starting"
        self._register()

    # Life cycle ------------------------------------------------------------------------

    async def start(self) -> None:
        """Check the tokens with Slack, then: Socket Mode connects out; in HTTP mode requests
        arrive through `handle_http`. A refused token stops start-up with one line."""
        await self._check_token("SLACK_BOT_TOKEN", self.client.auth_test())
        if self.app_token:
            # The Socket Mode client retries a refused token forever; ask once ourselves first.
            await self._check_token("SLACK_APP_TOKEN",
                                    self.client.apps_connections_open(app_token=self.app_token))
            self.socket = AsyncSocketModeHandler(self.app, self.app_token)
            await self.socket.connect_async()
            self.state = "socket-mode"
        else:
            self.state = "http"

    async def _check_token(self, name: str, call: Awaitable[Any]) -> None:
        try:
            await call
        except SlackApiError as error:
            raise SettingsError("cli.slack_refused", name=name,
                                error=error.response.get("error", "?")) from None
        except (aiohttp.ClientError, OSError) as error:
            raise SettingsError("cli.slack_unreachable", url=self.client.base_url,
                                reason=type(error).__name__) from None

    async def stop(self) -> None:
        if self.socket is not None:
            await self.socket.close_async()
            self.socket = None
        self.state = "stopped"

    async def handle_http(self, request: Any) -> Any:
        """POST /slack/events: commands, interactivity and events, signature checked by Bolt."""
        return await to_aiohttp_response(await self.app.async_dispatch(await to_bolt_request(request)))

    # Listeners -------------------------------------------------------------------------

    def _register(self) -> None:
        track = self.in_flight.track
        for command in COMMANDS:
            self.app.command(command)(track(self._on_command))
        self.app.action({"action_id": ACTION_PATTERN})(track(self._on_button))
        self.app.view("wb_ask")(track(self._on_ask_submitted))
        self.app.view("wb_story")(track(self._on_story_submitted))
        self.app.shortcut(SHORTCUT)(track(self._on_shortcut))
        self.app.event("app_home_opened")(track(self._on_home_opened))
        self.app.error(self._on_error)

    async def _on_command(self, ack: Any, body: dict, client: AsyncWebClient) -> None:
        """A slash command: ack at once, then run it in the core."""
        await ack()
        caller = self._caller(body["team_id"], body["channel_id"], body["user_id"],
                              body.get("user_name", ""), self._channel_name(body.get("channel_name", "")))
        text = body.get("text", "")
        if body["command"] == "/werkbot":
            # Slack sends a mention as <@U123|name>; the command language knows @U123. Story
            # text keeps what was typed.
            text = SLACK_MENTION.sub(r"@\1", text)
        line = f"{body['command']} {text}".strip()
        await self._await_guard(caller, self.bot.carries_story(line=line))
        replies = self.bot.handle_command(caller, line, f"slack:{body.get('trigger_id', '')}")
        await self.deliver_all(caller, replies, trigger_id=body.get("trigger_id"),
                               response_url=body.get("response_url"))

    async def _on_button(self, ack: Any, body: dict) -> None:
        await ack()
        action = body["actions"][0]
        asks, core_action = blocks.parse_action_id(action["action_id"])
        value, question = blocks.parse_button_value(asks, action.get("value", ""))
        channel = (body.get("channel") or {}).get("id") or body.get("container", {}).get("channel_id")
        caller = self._interactor(body, channel or "")
        if asks:
            button = Button(action["text"]["text"], core_action, value, ask=question)
            await self._open_ask(body["trigger_id"], caller, button)
            return
        replies = self.bot.handle_action(caller, core_action, value)
        await self.deliver_all(caller, replies, trigger_id=body.get("trigger_id"),
                               response_url=body.get("response_url"))

    async def _on_ask_submitted(self, ack: Any, body: dict, view: dict) -> None:
        meta = json.loads(view["private_metadata"])
        caller = self._interactor(body, meta["channel"])
        text = view["state"]["values"]["answer"]["text"].get("value") or ""
        if not await self._ack_form(ack, caller, meta["action"], text, "answer"):
            return
        await self._await_guard(caller, self.bot.carries_story(action=meta["action"]))
        replies = self.bot.handle_action(caller, meta["action"], meta["value"], text=text,
                                         source_key=f"slack:view:{view['id']}")
        await self.deliver_all(caller, replies)

    async def _on_story_submitted(self, ack: Any, body: dict, view: dict) -> None:
        meta = json.loads(view["private_metadata"])
        values = view["state"]["values"]
        caller = self._interactor(body, meta["channel"])
        text = values["story"]["text"].get("value") or ""
        if not await self._ack_form(ack, caller, "story.new", text, "story"):
            return
        selected = values["principle"]["choice"].get("selected_option") or {}
        anonymous = bool(values["anonymous"]["choice"].get("selected_options"))
        value = f"{selected.get('value', '')}:{int(anonymous)}"
        await self._await_guard(caller, True)
        replies = self.bot.handle_action(caller, "story.new", value, text=text,
                                         source_key=f"slack:view:{view['id']}")
        await self.deliver_all(caller, replies)

    async def _ack_form(self, ack: Any, caller: Caller, action: str, text: str, block_id: str) -> bool:
        """Ack a form; a text the core would refuse keeps the form open, with the text and the
        reason under the field. True when the form was accepted."""
        problem = self.bot.form_text_problem(caller, action, text)
        if problem is not None:
            await ack(response_action="errors", errors={block_id: problem})
            return False
        await ack()
        return True

    async def _on_shortcut(self, ack: Any, body: dict) -> None:
        """'Bewaar als praktijkverhaal' on any message: the story modal, prefilled."""
        await ack()
        caller = self._interactor(body, body["channel"]["id"])
        text = body.get("message", {}).get("text", "")
        team = self.bot.store.find_team(caller.team_id)
        if team is None:
            await self._to_caller(caller, Reply(self.bot.say(self.bot.language_of(caller),
                                                             "team.not_registered")))
            return
        await self._open_story_modal(body["trigger_id"], caller, team, text)

    async def _on_home_opened(self, event: dict, body: dict, client: AsyncWebClient) -> None:
        if event.get("tab") not in (None, "home"):
            return
        user = event["user"]
        workspace = body.get("team_id", "")
        texts = self.bot.home_sections(PLATFORM, f"{workspace}:", user)
        await client.views_publish(user_id=user, view=blocks.home_view(texts))

    async def _on_error(self, error: Exception, body: dict) -> None:
        # The body may hold a story: name only what failed.
        log.error("Slack listener failed: %s", type(error).__name__, exc_info=error)

    async def _await_guard(self, caller: Caller, needed: bool) -> None:
        """A story waits for the privacy guard; after two seconds the author hears why."""
        guard = self.bot.guard
        if not needed or guard.ready.is_set():
            return
        if not await asyncio.to_thread(guard.wait, 2.0):
            await self._to_caller(caller, Reply(self.bot.say(self.bot.language_of(caller), "privacy.wait")))
            await asyncio.to_thread(guard.wait)

    # Replies ---------------------------------------------------------------------------

    def _caller(self, workspace: str, channel: str, user: str, name: str, channel_name: str = "") -> Caller:
        return Caller(PLATFORM, chat_id(workspace, channel), user, user_name=name, chat_name=channel_name)

    @staticmethod
    def _channel_name(name: str) -> str:
        """'#name' for a channel; Slack's placeholders for private chats name nothing."""
        private = name in ("", "privategroup", "directmessage") or name.startswith("mpdm-")
        return "" if private else f"#{name}"

    def _interactor(self, body: dict, channel: str) -> Caller:
        """The caller of an interactive payload (button, modal, shortcut)."""
        user = body["user"]
        return self._caller(body["team"]["id"], channel, user["id"],
                            user.get("username") or user.get("name", ""))

    def _channel_of(self, caller: Caller) -> str:
        return caller.chat_id.split(":", 1)[1]

    async def deliver_all(self, caller: Caller, replies: list[Reply], trigger_id: str | None = None,
                          response_url: str | None = None) -> None:
        """Send each reply where it belongs. A failure is logged; a stored story stays stored."""
        for reply in replies:
            try:
                if reply.ask is not None and trigger_id:
                    await self._open_for_ask(trigger_id, caller, reply)
                elif reply.audience == "caller":
                    await self._to_caller(caller, reply, response_url)
                elif reply.audience == "user" and reply.user_id:
                    await self._to_user(reply.user_id, reply)
                else:
                    await self.post(reply)
                    self.bot.confirm_delivery(reply)
            except Exception as error:
                log.error("sending a Slack reply failed: %s", type(error).__name__)
                self.bot.confirm_delivery(reply, error=type(error).__name__)

    async def _open_for_ask(self, trigger_id: str, caller: Caller, reply: Reply) -> None:
        assert reply.ask is not None
        team = self.bot.store.find_team(caller.team_id)
        if reply.ask.action == "story.new" and team is not None:
            await self._open_story_modal(trigger_id, caller, team)
        else:
            await self._open_ask(trigger_id, caller, reply.ask)

    async def _open_ask(self, trigger_id: str, caller: Caller, button: Button) -> None:
        meta = {"action": button.action, "value": button.value, "channel": self._channel_of(caller)}
        submit = self.bot.say(self.bot.language_of(caller), "button.send")
        initial = self.bot.text_to_edit(caller, button.action, button.value)
        await self.client.views_open(trigger_id=trigger_id,
                                     view=blocks.ask_modal(button, meta, submit, initial))

    async def _open_story_modal(self, trigger_id: str, caller: Caller, team: dict,
                                text: str = "") -> None:
        language = team["language"]
        labels = {key: self.bot.say(language, f"slack.story_{key}")
                  for key in ("title", "submit", "story", "principle", "anonymous_label", "anonymous")}
        principles = [(p.id, p.text[language])
                      for p in self.bot.catalogue.in_sets(team["sets"].split(","))]
        view = blocks.story_modal(labels, principles, {"channel": self._channel_of(caller)}, text)
        await self.client.views_open(trigger_id=trigger_id, view=view)

    async def _to_caller(self, caller: Caller, reply: Reply, response_url: str | None = None) -> None:
        """Only the caller sees it: ephemeral in the channel (a digest preview too).

        In a channel the bot was not invited to, Slack refuses that; the answer then goes through
        the command's response_url, with a line on how to invite the bot.
        """
        channel = self._channel_of(caller)
        messages = self._messages(reply)
        if not channel:
            for message in messages:
                await self.client.chat_postMessage(channel=caller.user_id, **message)
            return
        try:
            for message in messages:
                await self.client.chat_postEphemeral(channel=channel, user=caller.user_id, **message)
        except SlackApiError as error:
            if error.response.get("error") not in NOT_A_MEMBER or not response_url:
                raise
            invite = Reply(self.bot.say(self.bot.language_of(caller), "slack.not_a_member"))
            await self._respond(response_url, messages + blocks.reply_messages(invite))

    async def _respond(self, response_url: str, messages: list[dict]) -> None:
        hook = AsyncWebhookClient(response_url, retry_handlers=retry_handlers())
        for message in messages:
            response = await hook.send(response_type="ephemeral", **message)
            if response.status_code != 200:
                raise RuntimeError(f"response_url answered {response.status_code}")

    async def _to_user(self, user_id: str, reply: Reply) -> None:
        for message in self._messages(reply):
            await self.client.chat_postMessage(channel=user_id, **message)

    def _messages(self, reply: Reply) -> list[dict]:
        if reply.digest is not None:
            return blocks.digest_messages(reply.digest, self.bot.messages, reply.buttons)
        return blocks.reply_messages(reply)

    async def post(self, reply: Reply) -> None:
        """A post to a team's channel (mantra, digest): messages first, then the chart.

        Once the messages are in the channel the post counts as sent: a chart that fails is
        logged, not retried, since a retry would post the whole digest a second time.
        """
        team = self.bot.store.team(reply.team_id or "")
        channel = team["chat_id"].split(":", 1)[1]
        try:
            for message in self._messages(reply):
                await self.client.chat_postMessage(channel=channel, **message)
        except SlackApiError as error:
            if error.response.get("error") in CANNOT_POST:
                for notice in self.bot.cannot_post_notice(reply):
                    await self._to_user(notice.user_id or "", notice)
            raise
        if reply.digest is None:
            return
        try:
            # About 80 ms of matplotlib per chart: in a thread, so acks for others go on.
            chart = await asyncio.to_thread(render_chart, reply.digest, self.bot.messages)
            await self.client.files_upload_v2(
                channel=channel, content=chart,
                filename=f"werkbot-digest-{reply.digest.week}.png",
                title=self.bot.say(team["language"], "digest.chart_title"))
        except Exception as error:
            log.error("the digest chart for team %s could not be posted: %s", team["id"],
                      type(error).__name__)


