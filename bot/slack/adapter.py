"""Slack: slack-bolt's AsyncApp translating Slack events into core calls, and replies into Block Kit.

Listeners ack first and work after, so Slack always gets its answer within 3 seconds. Button
payloads carry ids only; the core checks every action again. What the core asks for becomes a
modal; what is only for the caller an ephemeral message.
"""

import json
import logging
import re
from collections.abc import Awaitable
from dataclasses import replace
from datetime import datetime
from typing import Any

import aiohttp
from aiohttp import web
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

from bot.conversation import ChannelUnreachable, PartlySent, Send, send_saying_not_delivered
from bot.core.model import Caller, Reply
from bot.platform import PlatformUnreachable, Services
from bot.render.chart import chart_png
from bot.settings import SettingsError, SlackSettings
from bot.slack import blocks
from bot.slack.names import SlackNames

log = logging.getLogger(__name__)

PLATFORM = "slack"
COMMANDS = ("/mantra", "/verhaal", "/mijnverhalen", "/moderatie", "/digest", "/werkbot")
SHORTCUT = "bewaar_als_verhaal"
RETRIES = 5
ACTION_PATTERN = re.compile(rf"^{blocks.ACTION_PREFIX}\d+\|")
SLACK_MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|([^>]*))?>")
# chat.postEphemeral's answers when the bot was not invited to the channel.
NOT_A_MEMBER = ("not_in_channel", "channel_not_found")
METADATA_EVENT = "werkbot_post"
# Slack's answers that mean it did nothing with the call.
SLACK_DOWN = ("service_unavailable", "internal_error", "ratelimited")
# chat.postMessage's answers when the bot can no longer post in a team's channel.
CANNOT_POST = (*NOT_A_MEMBER, "is_archived")
# Slack's answer when the app was installed without a scope a call needs (im:write, added for
# exports, on a workspace that has not reinstalled the app since).
MISSING_SCOPE = "missing_scope"


def chat_id(workspace: str, channel: str) -> str:
    """A Slack chat: a channel is only unique within its workspace."""
    return f"{workspace}:{channel}"


def channel_of(chat: str) -> str:
    return chat.split(":", 1)[1]


class _TokenInClientFilter(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN itself and warns that it is unused next to our client, which
    holds that same token (the client is ours for SLACK_API_URL and the retry handlers)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


logging.getLogger("slack_bolt.AsyncApp").addFilter(_TokenInClientFilter())


def retry_handlers() -> list[AsyncRetryHandler]:
    """Retry what Slack surely did not take: a connection that could not be made, server
    errors and 429s (honouring Retry-After). Not a connection lost after the request went out:
    Slack may have posted it, and a retry would post it twice."""
    return [AsyncConnectionErrorRetryHandler(max_retry_count=RETRIES,
                                             error_types=[aiohttp.ClientConnectorError]),
            AsyncRateLimitErrorRetryHandler(max_retry_count=RETRIES),
            AsyncServerErrorRetryHandler(max_retry_count=RETRIES)]


def not_delivered(error: Exception) -> bool:
    """Whether Slack surely did not take a call that failed (so it may be sent again)."""
    if isinstance(error, aiohttp.ClientConnectorError):
        return True
    if isinstance(error, SlackApiError):
        return error.response.status_code >= 500 or error.response.get("error") in SLACK_DOWN
    return False


def web_client(token: str, base_url: str, session: aiohttp.ClientSession) -> AsyncWebClient:
    """slack-sdk's client on our connection pool, which also sets the time limit."""
    return AsyncWebClient(token=token, base_url=base_url, retry_handlers=retry_handlers(), session=session)


def http_session(timeout: float) -> aiohttp.ClientSession:
    """One connection pool for every call to Slack; without it slack-sdk opens a session, and a
    new connection, for each call. With a session of ours slack-sdk leaves the time limit to it."""
    return aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=max(timeout, 1)))


def delivery_key(reply: Reply) -> str:
    assert reply.delivery is not None
    key = reply.delivery
    return f"{key.team_id}|{key.kind}|{key.period}"


def post_metadata(reply: Reply, part: int) -> dict[str, Any]:
    """Each message of a scheduled post carries its delivery key and its number, so a later
    look at the channel can tell which messages of a post whose outcome was unknown arrived."""
    return {"event_type": METADATA_EVENT, "event_payload": {"key": delivery_key(reply), "part": part}}


class SlackAdapter:
    def __init__(self, services: Services, settings: SlackSettings) -> None:
        self.bot = services.bot
        self.conversation = services.conversation
        self.messages = services.bot.messages
        self.in_flight = services.in_flight
        self.session = http_session(settings.timeout_seconds)
        self.client = web_client(settings.bot_token, settings.api_url, self.session)
        self.app = AsyncApp(client=self.client, signing_secret=settings.signing_secret)
        self.names = SlackNames(self.client)
        self.app_token = settings.app_token
        self.socket: AsyncSocketModeHandler | None = None
        self.state = "starting"
        self._register()

    # Life cycle ------------------------------------------------------------------------

    def add_routes(self, app: web.Application) -> None:
        """HTTP mode: commands, interactivity and events arrive at POST /slack/events."""
        if not self.app_token:
            app.router.add_post("/slack/events", self.handle_http)

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
            if not_delivered(error):
                # Slack is down (a server error), not refusing: keep trying.
                self.state = "connecting"
                raise PlatformUnreachable(error.response.get("error", "?")) from None
            raise SettingsError("cli.slack_refused", name=name,
                                error=error.response.get("error", "?")) from None
        except (aiohttp.ClientError, OSError) as error:
            self.state = "connecting"
            raise PlatformUnreachable(type(error).__name__) from None

    async def stop(self) -> None:
        """No new events: Socket Mode disconnects (HTTP mode stops with the web server)."""
        if self.socket is not None:
            await self.socket.close_async()
            self.socket = None
        self.state = "stopped"

    async def close(self) -> None:
        """Close the connection pool, once the work under way has finished."""
        await self.session.close()

    async def handle_http(self, request: web.Request) -> web.StreamResponse:
        """POST /slack/events: commands, interactivity and events, signature checked by Bolt.
        A malformed request gets 401 or 400, never a 500 with a traceback."""
        if not request.headers.get("X-Slack-Request-Timestamp", "").isdigit():
            return web.Response(status=401)
        try:
            bolt_request = await to_bolt_request(request)
            response = await self.app.async_dispatch(bolt_request)
        except Exception as error:
            # Bolt parses after checking the signature: a signed request it cannot read.
            log.warning("a Slack request could not be read: %s", type(error).__name__)
            return web.Response(status=400)
        if response.status == 404 and not is_slack_request(bolt_request.body):
            # Signed, but neither a command nor anything with a type: malformed, not unknown.
            return web.Response(status=400)
        return await to_aiohttp_response(response)

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

    async def _on_command(self, ack: Any, body: dict) -> None:
        """A slash command: ack at once, then run it in the core."""
        await ack()
        caller = await self._named(self._caller(
            body["team_id"], body["channel_id"], body["user_id"], body.get("user_name", ""),
            self._channel_name(body.get("channel_name", ""))))
        text = body.get("text", "")
        if body["command"] == "/werkbot":
            # Story text keeps what was typed; mentions in /werkbot become what the core reads.
            text, people = await self._mentions(text)
            caller = replace(caller, people=people)
        line = f"{body['command']} {text}".strip()
        send = self._sender(caller, body.get("trigger_id"), body.get("response_url"))
        await self.conversation.command(caller, line, self._input_key(body), send)

    async def _on_button(self, ack: Any, body: dict) -> None:
        await ack()
        pressed = body["actions"][0]
        action, value = blocks.parse_button(pressed["action_id"], pressed.get("value", ""))
        channel = (body.get("channel") or {}).get("id") or body.get("container", {}).get("channel_id")
        caller = await self._named(self._interactor(body, channel or ""))
        send = self._sender(caller, body.get("trigger_id"), body.get("response_url"))
        await self.conversation.action(caller, action, value, send, source_key=self._input_key(body))

    async def _on_ask_submitted(self, ack: Any, body: dict, view: dict) -> None:
        meta = json.loads(view["private_metadata"])
        caller = self._interactor(body, meta["channel"])
        text = view["state"]["values"]["answer"]["text"].get("value") or ""
        if not await self._ack_form(ack, caller, meta["action"], meta["value"], text, "answer"):
            return
        caller = await self._named(caller)
        await self.conversation.action(caller, meta["action"], meta["value"], self._sender(caller),
                                       text=text, source_key=f"slack:view:{view['id']}")

    async def _on_story_submitted(self, ack: Any, body: dict, view: dict) -> None:
        meta = json.loads(view["private_metadata"])
        values = view["state"]["values"]
        caller = self._interactor(body, meta["channel"])
        text = values["story"]["text"].get("value") or ""
        if not await self._ack_form(ack, caller, "story.new", "", text, "story"):
            return
        caller = await self._named(caller)
        selected = values["principle"]["choice"].get("selected_option") or {}
        anonymous = bool(values["anonymous"]["choice"].get("selected_options"))
        value = f"{selected.get('value', '')}:{int(anonymous)}"
        await self.conversation.action(caller, "story.new", value, self._sender(caller), text=text,
                                       source_key=f"slack:view:{view['id']}")

    async def _ack_form(self, ack: Any, caller: Caller, action: str, value: str, text: str,
                        block_id: str) -> bool:
        """Ack a form; a text the core would refuse keeps the form open, with the text and the
        reason under the field. True when the form was accepted."""
        problem = self.bot.form_text_problem(caller, action, value, text)
        if problem is not None:
            await ack(response_action="errors", errors={block_id: problem})
            return False
        await ack()
        return True

    async def _on_shortcut(self, ack: Any, body: dict) -> None:
        """'Bewaar als praktijkverhaal' on any message: the story form, starting from its text."""
        await ack()
        caller = await self._named(self._interactor(body, body["channel"]["id"]))
        message = body.get("message", {}).get("text", "")
        send = self._sender(caller, body["trigger_id"])

        async def prefilled(reply: Reply) -> None:
            if reply.ask is not None:
                reply = replace(reply, ask=replace(reply.ask, initial=message))
            await send(reply)

        await self.conversation.command(caller, "/verhaal", f"slack:{body['trigger_id']}", prefilled)

    async def _on_home_opened(self, event: dict, body: dict, client: AsyncWebClient) -> None:
        if event.get("tab") not in (None, "home"):
            return
        user = event["user"]
        workspace = f"{body.get('team_id', '')}:"
        teams = [team for team in self.bot.teams_on(PLATFORM) if team.chat_id.startswith(workspace)]
        texts = self.bot.overview.sections(user, teams)
        await client.views_publish(user_id=user, view=blocks.home_view(texts))

    async def _on_error(self, error: Exception, body: dict) -> None:
        # The body may hold a story: name only what failed.
        log.error("Slack listener failed: %s", type(error).__name__, exc_info=error)

    @staticmethod
    def _input_key(body: dict) -> str:
        """Slack's id for this command or press (its trigger id): a replayed request changes nothing."""
        trigger = body.get("trigger_id")
        return f"slack:{trigger}" if trigger else ""

    # Callers ---------------------------------------------------------------------------

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

    async def _named(self, caller: Caller) -> Caller:
        """The caller with the display name Slack shows for them (a request carries only their
        handle); the handle where Slack cannot tell. Asked after the ack: it may take a moment."""
        name = await self.names.name(caller.user_id)
        return replace(caller, user_name=name) if name else caller

    async def _mentions(self, text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
        """Slack sends a mention as <@U123|label>; the command language knows @U123, and the core
        the member's display name. A mention of someone Slack does not know (a deactivated
        account) becomes its label, as the member saw it: the core refuses it by that."""
        people: dict[str, str] = {}
        for user_id, _ in SLACK_MENTION.findall(text):
            if user_id not in people:
                people[user_id] = await self.names.name(user_id) or ""

        def read(mention: re.Match) -> str:
            user_id, label = mention.group(1), mention.group(2)
            return f"@{user_id}" if people[user_id] or not label else f"@{label}"

        return (SLACK_MENTION.sub(read, text),
                tuple((user_id, name) for user_id, name in people.items() if name))

    # Sending ---------------------------------------------------------------------------

    def _sender(self, caller: Caller, trigger_id: str | None = None,
                response_url: str | None = None) -> Send:
        """How replies to this input reach Slack: a question opens a modal (while the trigger
        lives), what is for the caller goes ephemeral, the rest as `send`."""

        async def deliver(reply: Reply) -> None:
            if reply.ask is not None and trigger_id:
                await self._open_form(trigger_id, caller, reply)
            elif reply.attachment is not None:
                await self._file_to_caller(caller, reply, response_url)
            elif reply.audience == "private":
                await self._to_caller(caller, reply, response_url)
            else:
                await self._send(reply)

        async def send(reply: Reply) -> None:
            await send_saying_not_delivered(reply, deliver, not_delivered)

        return send

    async def was_posted(self, reply: Reply, since: datetime) -> int | None:
        """How many messages of a post whose outcome was unknown are in its channel, by their
        metadata (a message from before parts were numbered counts as the first)."""
        team = self.bot.store.team(reply.team_id or "")
        wanted = delivery_key(reply)
        history = await self.client.conversations_history(
            channel=channel_of(team.chat_id), oldest=str(since.timestamp()), include_all_metadata=True,
            limit=200)
        payloads = [(message.get("metadata") or {}).get("event_payload", {})
                    for message in history.get("messages", [])]
        parts = [int(payload.get("part", 0)) for payload in payloads if payload.get("key") == wanted]
        return max(parts) + 1 if parts else 0

    async def send(self, reply: Reply) -> None:
        """A post to a team's channel, or a direct message to one member."""
        await send_saying_not_delivered(reply, self._send, not_delivered)

    async def _send(self, reply: Reply) -> None:
        if reply.audience == "member" and reply.member_id:
            await self._to_user(reply.member_id, reply)
        elif reply.audience == "channel" and reply.team_id:
            await self._post(reply)
        else:
            raise ValueError(f"a {reply.audience} reply needs the conversation it answers")

    async def _open_form(self, trigger_id: str, caller: Caller, reply: Reply) -> None:
        assert reply.ask is not None
        ask, language = reply.ask, reply.language
        meta = {"action": ask.action, "value": ask.value, "channel": channel_of(caller.chat_id)}
        if ask.principles:
            labels = {key: self.messages.render(language, f"slack.story_{key}")
                      for key in ("title", "submit", "story", "principle", "anonymous_label", "anonymous")}
            view = blocks.story_modal(labels, ask, {"channel": meta["channel"]})
        else:
            view = blocks.ask_modal(ask, meta, self.messages.render(language, "button.send"))
        await self.client.views_open(trigger_id=trigger_id, view=view)

    async def _to_caller(self, caller: Caller, reply: Reply, response_url: str | None = None) -> None:
        """Only the caller sees it: ephemeral in the channel (a digest preview too).

        In a channel the bot was not invited to, Slack refuses that; the answer then goes through
        the command's response_url, with a line on how to invite the bot.
        """
        channel = channel_of(caller.chat_id)
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
            invite = Reply(self.messages.render(reply.language, "slack.not_a_member"))
            await self._respond(response_url, messages + blocks.reply_messages(invite))

    async def _file_to_caller(self, caller: Caller, reply: Reply, response_url: str | None) -> None:
        """A file (an export) for the caller alone: an ephemeral message can carry none, so it
        goes to their direct messages with the app, with the reply's text; the ephemeral answer
        says where it is. files.completeUploadExternal takes a conversation, not a user: the
        direct message's id comes from conversations.open.

        The file and the note are two parts: a retry after the file went out (`parts_sent`)
        sends only the note, so the file never arrives twice. An app that lacks a scope for
        this (installed before exports) tells the caller that an admin must update it.
        """
        assert reply.attachment is not None
        if not reply.parts_sent:
            try:
                opened = await self.client.conversations_open(users=caller.user_id)
                await self.client.files_upload_v2(
                    channel=opened["channel"]["id"], content=reply.attachment.content,
                    filename=reply.attachment.filename, title=reply.attachment.filename,
                    initial_comment=reply.text)
            except SlackApiError as error:
                if error.response.get("error") != MISSING_SCOPE:
                    raise
                log.warning("a file could not be sent: the app lacks the scope %s; a workspace "
                            "admin must reinstall it", error.response.get("needed", "?"))
                refused = Reply(self.messages.render(reply.language, "slack.file_needs_scope"),
                                language=reply.language)
                await self._to_caller(caller, refused, response_url)
                return
        note = Reply(self.messages.render(reply.language, "slack.file_in_messages"), language=reply.language)
        try:
            await self._to_caller(caller, note, response_url)
        except Exception as error:
            raise PartlySent(1, error) from None

    async def _respond(self, response_url: str, messages: list[dict]) -> None:
        hook = AsyncWebhookClient(response_url, retry_handlers=retry_handlers(), session=self.session)
        for message in messages:
            response = await hook.send(response_type="ephemeral", **message)
            if response.status_code != 200:
                raise RuntimeError(f"response_url answered {response.status_code}")

    async def _to_user(self, user_id: str, reply: Reply) -> None:
        for message in self._messages(reply):
            await self.client.chat_postMessage(channel=user_id, **message)

    def _messages(self, reply: Reply) -> list[dict]:
        if reply.digest is not None:
            return blocks.digest_messages(reply.digest, self.messages, reply.buttons)
        return blocks.reply_messages(reply)

    async def _post(self, reply: Reply) -> None:
        """A post to a team's channel (mantra, digest): messages first, then the chart.

        A retry after a failure halfway sends only the messages from `reply.parts_sent` on.
        Once the messages are in the channel the post counts as sent: a chart that fails is
        logged, not retried, since a retry would post the whole digest a second time.
        """
        team = self.bot.store.team(reply.team_id or "")
        channel = channel_of(team.chat_id)
        messages = self._messages(reply)
        for number, message in enumerate(messages):
            if number < reply.parts_sent:
                continue
            extra = {"metadata": post_metadata(reply, number)} if reply.delivery is not None else {}
            try:
                await self.client.chat_postMessage(channel=channel, **message, **extra)
            except Exception as error:
                cause: Exception = error
                if isinstance(error, SlackApiError) and error.response.get("error") in CANNOT_POST:
                    cause = ChannelUnreachable(error.response.get("error"))
                if number > reply.parts_sent:
                    raise PartlySent(number, cause) from None
                if cause is error:
                    raise
                raise cause from None
        if reply.digest is None or reply.parts_sent >= len(messages):
            return
        try:
            # 0.2–0.75 s of matplotlib per chart: in a worker process, so acks for others go on.
            chart = await chart_png(reply.digest, self.messages)
            await self.client.files_upload_v2(
                channel=channel, content=chart,
                filename=f"werkbot-digest-{reply.digest.week}.png",
                title=self.messages.render(team.language, "digest.chart_title"))
        except Exception as error:
            log.error("the digest chart for team %s could not be posted: %s", team.id,
                      type(error).__name__)


def is_slack_request(body: dict) -> bool:
    """A slash command or a payload that says what it is."""
    return "command" in body or isinstance(body.get("type"), str)
