"""A local Telegram Bot API for the tests: serves getUpdates from a queue the test fills, records
every call with its time, and refuses what Telegram refuses (HTML it cannot parse, texts over
4,096 and captions over 1,024 characters as Telegram counts them, callback_data over 64 bytes,
a private message to someone who never opened the chat, a group the bot was removed from)."""

import asyncio
import html
import itertools
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

TOKEN = "123456:TEST-token_for-the-fake"
BOT = {"id": 999, "is_bot": True, "first_name": "Werkbot", "username": "werkbot_test_bot"}
ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
                "blockquote", "tg-spoiler", "span", "tg-emoji"}
TAG = re.compile(r"<(/?)([a-zA-Z-]+)((?:\s[^<>]*)?)>")
ENTITY = re.compile(r"&(amp|lt|gt|quot|#\d+|#x[0-9a-fA-F]+);")
JSON_FIELDS = {"reply_markup", "allowed_updates", "commands", "scope", "entities", "link_preview_options"}


class Refused(Exception):
    def __init__(self, code: int, description: str, **parameters: Any) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


def visible_length(text: str) -> int:
    """The length Telegram counts: tags gone, entities decoded, in UTF-16 code units."""
    return len(html.unescape(TAG.sub("", text)).encode("utf-16-le")) // 2


def check_html(text: str) -> None:
    """Refuse what Telegram's HTML parse mode refuses: unknown or unbalanced tags, a bare <, >, &."""
    open_tags: list[str] = []
    position = 0
    for tag in TAG.finditer(text):
        _check_plain(text[position:tag.start()])
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        if name not in ALLOWED_TAGS:
            raise Refused(400, f"Bad Request: can't parse entities: unsupported start tag \"{name}\"")
        if closing:
            if not open_tags or open_tags.pop() != name:
                raise Refused(400, f"Bad Request: can't parse entities: unmatched end tag \"{name}\"")
        else:
            open_tags.append(name)
        position = tag.end()
    _check_plain(text[position:])
    if open_tags:
        raise Refused(400, "Bad Request: can't parse entities: unclosed start tag")


def _check_plain(text: str) -> None:
    rest = ENTITY.sub("", text)
    if "<" in rest or ">" in rest or "&" in rest:
        raise Refused(400, "Bad Request: can't parse entities: unexpected character")


@dataclass
class Call:
    method: str
    args: dict
    at: float


@dataclass
class FakeTelegram:
    calls: list[Call] = field(default_factory=list)
    updates: list[dict] = field(default_factory=list)
    # Update ids as getUpdates handed them out, a redelivered one again.
    served: list[int] = field(default_factory=list)
    # Chats the bot may not post in, and how Telegram says so.
    refused_chats: dict[int, Refused] = field(default_factory=dict)
    # Users who opened the private chat with the bot (others cannot be messaged first).
    private_open: set[int] = field(default_factory=set)
    admins: dict[int, list[int]] = field(default_factory=dict)
    # The next N calls of a method are answered 429 with retry_after.
    rate_limit: dict[str, int] = field(default_factory=dict)
    # The next N getUpdates calls are answered 409, as when another process polls.
    conflicts: int = 0
    # False: an offset does not confirm earlier updates, as if the bot crashed before its next
    # getUpdates reached Telegram; a new process then gets them again.
    confirming: bool = True
    # The next N sends to a chat get HTTP 502: Telegram is down and does nothing with them.
    down_for: dict[int, int] = field(default_factory=dict)
    # Sends to a chat that still get through before `down_for` applies to it.
    down_after: dict[int, int] = field(default_factory=dict)
    # The next send to these chats is taken, then the connection drops before the answer.
    drop_after_receipt: set[int] = field(default_factory=set)
    # Answers to button presses come too late ("query is too old").
    queries_too_old: bool = False
    # Sends that broke one of Telegram's limits (30 a second, 20 a minute to one group).
    violations: list[str] = field(default_factory=list)
    photos: list[bytes] = field(default_factory=list)
    # Files sent with sendDocument: (file name, content).
    documents: list[tuple[str, bytes]] = field(default_factory=list)
    webhook: dict | None = None
    port: int = 0
    runner: web.AppRunner | None = None
    _ids: Any = field(default_factory=lambda: itertools.count(1))
    _message_ids: Any = field(default_factory=lambda: itertools.count(1000))
    _new_update: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def url(self) -> str:
        """TELEGRAM_API_URL: the token is appended to it."""
        return f"http://127.0.0.1:{self.port}/bot"

    async def start(self, port: int = 0) -> None:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self.api)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", port).start()
        self.port = self.runner.addresses[0][1]

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()

    # The Bot API -------------------------------------------------------------------------

    async def api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != TOKEN:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"},
                                     status=401)
        args = await self._arguments(request)
        self.calls.append(Call(method, args, time.monotonic()))
        if self.rate_limit.get(method):
            self.rate_limit[method] -= 1
            return web.json_response({"ok": False, "error_code": 429,
                                      "description": "Too Many Requests: retry after 1",
                                      "parameters": {"retry_after": 1}}, status=429)
        chat = args.get("chat_id")
        if method.startswith("send") and chat is not None and int(chat) in self.drop_after_receipt:
            self.drop_after_receipt.discard(int(chat))
            assert request.transport is not None
            request.transport.close()
            return web.Response()
        try:
            result = await self.answer(method, args)
        except Refused as refused:
            body = {"ok": False, "error_code": refused.code, "description": refused.description}
            if refused.parameters:
                body["parameters"] = refused.parameters
            return web.json_response(body, status=refused.code)
        return web.json_response({"ok": True, "result": result})

    async def _arguments(self, request: web.Request) -> dict:
        if request.content_type == "multipart/form-data":
            args: dict = {}
            async for part in await request.multipart():
                if part.filename and part.name == "document":
                    self.documents.append((part.filename, bytes(await part.read())))
                    args[part.name] = "<file>"
                elif part.filename:
                    self.photos.append(await part.read())
                    args[part.name] = "<file>"
                else:
                    args[part.name] = await part.text()
        elif request.content_type == "application/json":
            args = await request.json()
        else:
            args = dict(await request.post())
        for key in JSON_FIELDS & set(args):
            if isinstance(args[key], str):
                args[key] = json.loads(args[key])
        return args

    async def answer(self, method: str, args: dict) -> Any:
        if method == "getMe":
            return BOT
        if method == "getUpdates":
            if self.webhook is not None:
                raise Refused(409, "Conflict: can't use getUpdates method while webhook is active")
            if self.conflicts:
                self.conflicts -= 1
                raise Refused(409, "Conflict: terminated by other getUpdates request; make sure that "
                                   "only one bot instance is running")
            return await self._get_updates(args)
        if method == "answerCallbackQuery" and self.queries_too_old:
            raise Refused(400, "Bad Request: query is too old and response timeout expired or query id "
                               "is invalid")
        if method in ("setMyCommands", "answerCallbackQuery"):
            return True
        if method == "deleteWebhook":
            self.webhook = None
            return True
        if method == "setWebhook":
            self.webhook = args
            return True
        if method == "getChatAdministrators":
            return [{"status": "administrator", "user": self.user(user_id), "can_be_edited": False,
                     "is_anonymous": False, "can_manage_chat": True, "can_delete_messages": True,
                     "can_manage_video_chats": True, "can_restrict_members": True,
                     "can_promote_members": False, "can_change_info": True, "can_invite_users": True,
                     "can_post_stories": False, "can_edit_stories": False, "can_delete_stories": False}
                    for user_id in self.admins.get(int(args["chat_id"]), [])]
        if method == "sendMessage":
            return self._send(args, args["text"], 4096)
        if method in ("sendPhoto", "sendDocument"):
            return self._send(args, args.get("caption", ""), 1024)
        raise Refused(404, f"Not Found: method {method} is not in this fake")

    async def _get_updates(self, args: dict) -> list[dict]:
        offset = int(args.get("offset", 0) or 0)
        if self.confirming:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        else:
            return self._serve([u for u in self.updates if u["update_id"] >= offset])
        deadline = time.monotonic() + min(float(args.get("timeout", 0) or 0), 1.0)
        while not self.updates and time.monotonic() < deadline:
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), deadline - time.monotonic())
            except TimeoutError:
                break
        return self._serve([u for u in self.updates if u["update_id"] >= offset])

    def _serve(self, updates: list[dict]) -> list[dict]:
        self.served += [update["update_id"] for update in updates]
        return updates

    def _send(self, args: dict, text: str, limit: int) -> dict:
        chat_id = int(args["chat_id"])
        if self.down_after.get(chat_id):
            self.down_after[chat_id] -= 1
        elif self.down_for.get(chat_id):
            self.down_for[chat_id] -= 1
            self.calls.pop()
            raise Refused(502, "Bad Gateway")
        if chat_id in self.refused_chats:
            raise self.refused_chats[chat_id]
        if chat_id > 0 and chat_id not in self.private_open:
            raise Refused(403, "Forbidden: bot can't initiate conversation with a user")
        if args.get("parse_mode") == "HTML":
            check_html(text)
        self._check_limits(chat_id)
        if visible_length(text) > limit or (limit == 4096 and not text.strip()):
            raise Refused(400, "Bad Request: message is too long" if text.strip()
                          else "Bad Request: message text is empty")
        for row in (args.get("reply_markup") or {}).get("inline_keyboard", []):
            for button in row:
                if len(button.get("callback_data", "").encode()) > 64:
                    raise Refused(400, "Bad Request: BUTTON_DATA_INVALID")
        message = {"message_id": next(self._message_ids), "date": int(time.time()),
                   "chat": self.chat(chat_id), "from": BOT}
        if text:
            message["caption" if "caption" in args else "text"] = text
        if args.get("reply_markup"):
            message["reply_markup"] = args["reply_markup"]
        return message

    def _check_limits(self, chat_id: int) -> None:
        """Note a send that breaks a limit, counted over what arrived here (the call itself is
        recorded already)."""
        now = time.monotonic()
        sends = [call for call in self.calls if call.method.startswith("send")]
        if sum(1 for call in sends if call.at > now - 1.0) > 30:
            self.violations.append(f"over 30 sends in a second at {now:.3f}")
        if chat_id < 0 and sum(1 for call in sends if call.at > now - 60.0
                               and int(call.args.get("chat_id", 0)) == chat_id) > 20:
            self.violations.append(f"over 20 sends in a minute to {chat_id}")

    # What the test does as Telegram's users ----------------------------------------------

    @staticmethod
    def user(user_id: int) -> dict:
        if user_id == BOT["id"]:
            return BOT
        return {"id": user_id, "is_bot": False, "first_name": f"Lid{user_id}"}

    @staticmethod
    def chat(chat_id: int, title: str = "Wijkteam Noord") -> dict:
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": f"Lid{chat_id}"}
        return {"id": chat_id, "type": "supergroup" if chat_id < -1000000000000 else "group",
                "title": title}

    def push(self, update: dict) -> int:
        update_id = next(self._ids)
        self.updates.append({"update_id": update_id, **update})
        self._new_update.set()
        return update_id

    def message(self, chat_id: int, user_id: int, text: str, **extra: Any) -> dict:
        message = {"message_id": next(self._message_ids), "date": int(time.time()),
                   "chat": self.chat(chat_id), "from": self.user(user_id), **extra}
        if text:
            message["text"] = text
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)},
                                   *extra.get("entities", [])]
        return message

    def says(self, chat_id: int, user_id: int, text: str, **extra: Any) -> int:
        """A member types a message (a command, or an answer) in a chat."""
        return self.push({"message": self.message(chat_id, user_id, text, **extra)})

    def clicks(self, message: dict, button_text: str, user_id: int) -> int:
        """A member presses the inline button whose label starts with `button_text`."""
        data = next(button["callback_data"] for row in message["reply_markup"]["inline_keyboard"]
                    for button in row if button["text"].startswith(button_text))
        return self.press(message, data, user_id)

    def press(self, message: dict, data: str, user_id: int) -> int:
        bot_message = {"message_id": 1, "date": int(time.time()), "chat": message["chat"], "from": BOT,
                       "text": message.get("text", "")}
        return self.push({"callback_query": {"id": f"cq{len(self.calls)}", "from": self.user(user_id),
                                             "chat_instance": "ci", "message": bot_message,
                                             "data": data}})

    def membership(self, chat_id: int, status: str) -> int:
        """The bot's own membership of a group changed (status 'left' when removed)."""
        return self.push({"my_chat_member": {
            "chat": self.chat(chat_id), "from": self.user(1), "date": int(time.time()),
            "old_chat_member": {"status": "member", "user": BOT},
            "new_chat_member": {"status": status, "user": BOT}}})

    # What the test reads back ------------------------------------------------------------

    def of(self, method: str) -> list[dict]:
        return [call.args for call in self.calls if call.method == method]

    def sent(self, chat_id: int | None = None) -> list[dict]:
        """sendMessage calls (to one chat), in order."""
        return [args for args in self.of("sendMessage")
                if chat_id is None or int(args["chat_id"]) == chat_id]

    async def wait_for_text(self, chat_id: int, fragment: str, timeout: float = 15.0) -> dict:
        """The first message to a chat whose text holds `fragment` (HTML as sent)."""
        for _ in range(int(timeout / 0.02)):
            for args in self.sent(chat_id):
                if fragment in args["text"]:
                    return {**args, "chat": self.chat(int(args["chat_id"]))}
            await asyncio.sleep(0.02)
        raise AssertionError(f"no message to {chat_id} with {fragment!r}; sent: "
                             f"{[(a['chat_id'], a['text'][:50]) for a in self.sent()]}")

    async def wait_for(self, method: str, count: int = 1, timeout: float = 15.0) -> list[dict]:
        for _ in range(int(timeout / 0.02)):
            if len(self.of(method)) >= count:
                return self.of(method)
            await asyncio.sleep(0.02)
        raise AssertionError(f"{method}: {len(self.of(method))} calls, expected {count}")
