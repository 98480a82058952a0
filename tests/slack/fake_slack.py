"""A local Slack Web API for the tests: records every call and answers like Slack does."""

import asyncio
import json
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from aiohttp import web

# The workspace's members as users.info knows them: id and display name.
MEMBERS = {"U1": "Anouk", "U2": "Jeroen", "U3": "Fatima", "U4": "Kees"}


def message_text(args: dict) -> str:
    """A message's fallback text and the text of its sections, as a reader sees them."""
    sections = [block["text"]["text"] for block in args.get("blocks") or []
                if block.get("type") == "section"]
    return "\n".join([args.get("text") or "", *sections])


@dataclass
class Call:
    method: str
    args: dict


@dataclass
class FakeSlack:
    """Serves /api/<method>; `rate_limit` answers the next N calls of a method with 429,
    `errors` answers every call of a method with that Slack error, `channel_errors` every call
    addressed to that channel."""

    calls: list[Call] = field(default_factory=list)
    rate_limit: dict[str, int] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    channel_errors: dict[str, str] = field(default_factory=dict)
    socket_url: str = ""
    # The next N calls of a method get HTTP 503: Slack is down and does nothing with them.
    unavailable: dict[str, int] = field(default_factory=dict)
    # The next N calls of a method are taken, then the connection drops before the answer.
    drop_after_receipt: dict[str, int] = field(default_factory=dict)
    # Calls of a method wait this many seconds before Slack takes them; a caller that hangs up
    # meanwhile has sent nothing.
    stalled: dict[str, float] = field(default_factory=dict)
    stalled_calls: list[str] = field(default_factory=list)
    # Calls of a method that still get through before `unavailable` or `drop_after_receipt`
    # applies to it.
    healthy_first: dict[str, int] = field(default_factory=dict)
    # The next call of a method is taken, and answered only after this many seconds.
    slow: dict[str, float] = field(default_factory=dict)
    # Every call addressed to these channels is answered only after this many seconds.
    slow_channels: dict[str, float] = field(default_factory=dict)
    port: int = 0
    runner: web.AppRunner | None = None
    uploads: list[bytes] = field(default_factory=list)
    # Members users.info knows (others are user_not_found), by id: their display name.
    members: dict[str, str] = field(default_factory=lambda: dict(MEMBERS))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/api/{method}", self.api)
        app.router.add_get("/api/{method}", self.api)
        app.router.add_post("/upload/{file_id}", self.upload)
        app.router.add_post("/response", self.respond)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", 0).start()
        self.port = self.runner.addresses[0][1]

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()

    async def api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.method == "GET":
            args = dict(request.query)
        elif request.content_type == "application/json":
            args = await request.json()
        else:
            args = {k: v[0] for k, v in parse_qs(await request.text()).items()}
            for key in ("blocks", "view", "files", "metadata"):
                if isinstance(args.get(key), str):
                    args[key] = json.loads(args[key])
            # slack-sdk sends some methods' arguments in the query, also on a POST (conversations.open).
            args = {**request.query, **args}
        if method in self.stalled:
            self.stalled_calls.append(method)
            await asyncio.sleep(self.stalled[method])
            if request.transport is None or request.transport.is_closing():
                return web.Response()
        healthy = bool(self.healthy_first.get(method))
        if healthy:
            self.healthy_first[method] -= 1
        if self.unavailable.get(method) and not healthy:
            self.unavailable[method] -= 1
            return web.json_response({"ok": False, "error": "service_unavailable"}, status=503)
        self.calls.append(Call(method, args))
        if self.drop_after_receipt.get(method) and not healthy:
            self.drop_after_receipt[method] -= 1
            assert request.transport is not None
            request.transport.close()
            return web.Response()
        if method in self.slow:
            await asyncio.sleep(self.slow.pop(method))
        if args.get("channel") in self.slow_channels:
            await asyncio.sleep(self.slow_channels[args["channel"]])
        if self.rate_limit.get(method):
            self.rate_limit[method] -= 1
            return web.json_response({"ok": False, "error": "ratelimited"}, status=429,
                                     headers={"Retry-After": "1"})
        if method in self.errors:
            return web.json_response({"ok": False, "error": self.errors[method]})
        if args.get("channel") in self.channel_errors:
            return web.json_response({"ok": False, "error": self.channel_errors[args["channel"]]})
        return web.json_response(self.answer(method, args))

    @property
    def response_url(self) -> str:
        """A command's response_url; its posts are recorded as calls of 'response_url'."""
        return f"http://127.0.0.1:{self.port}/response"

    async def respond(self, request: web.Request) -> web.Response:
        self.calls.append(Call("response_url", await request.json()))
        return web.Response(text="ok")

    async def upload(self, request: web.Request) -> web.Response:
        self.uploads.append(await request.read())
        return web.Response(text="OK")

    def answer(self, method: str, args: dict) -> dict:
        if method == "auth.test":
            return {"ok": True, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "T1", "team": "Team"}
        if method == "apps.connections.open":
            return {"ok": True, "url": self.socket_url}
        if method == "files.getUploadURLExternal":
            return {"ok": True, "file_id": "F1",
                    "upload_url": f"http://127.0.0.1:{self.port}/upload/F1"}
        if method == "files.completeUploadExternal":
            return {"ok": True, "files": [{"id": "F1"}]}
        if method == "conversations.open":
            # The direct message with one member: its id is the member's with a D.
            return {"ok": True, "channel": {"id": "D" + args["users"]}}
        if method == "conversations.history":
            # What was posted to the channel since `oldest`, with metadata when asked for.
            posts = [call for call in self.of("chat.postMessage") if call.get("channel") == args["channel"]]
            return {"ok": True, "messages": [
                {"type": "message", "text": post.get("text", ""),
                 **({"metadata": post["metadata"]} if "metadata" in post and args.get("include_all_metadata")
                    else {})} for post in posts]}
        if method == "users.info":
            name = self.members.get(args.get("user", ""))
            if name is None:
                return {"ok": False, "error": "user_not_found"}
            return {"ok": True, "user": {"id": args["user"], "name": name.lower(), "real_name": name,
                                         "deleted": False, "is_bot": False,
                                         "profile": {"display_name": name, "real_name": name}}}
        if method in ("chat.postMessage", "chat.postEphemeral"):
            return {"ok": True, "channel": args.get("channel"), "ts": "1.0", "message_ts": "1.0"}
        return {"ok": True}

    def of(self, method: str) -> list[dict]:
        return [call.args for call in self.calls if call.method == method]

    async def wait_for_text(self, method: str, fragment: str, timeout: float = 10.0) -> dict:
        """The first call of a method whose message holds `fragment`. Each command and click
        does its work in its own task after the ack, so messages arrive in no fixed order."""
        for _ in range(int(timeout / 0.02)):
            for args in self.of(method):
                if fragment in message_text(args):
                    return args
            await asyncio.sleep(0.02)
        raise AssertionError(f"{method}: no message with {fragment!r}; texts: "
                             f"{[message_text(args)[:60] for args in self.of(method)]}")

    async def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[dict]:
        """The calls of a method once there are `count` of them (work happens after the ack)."""
        for _ in range(int(timeout / 0.02)):
            if len(self.of(method)) >= count:
                return self.of(method)
            await asyncio.sleep(0.02)
        raise AssertionError(f"{method}: {len(self.of(method))} calls, expected {count}; "
                             f"all calls: {[c.method for c in self.calls]}")
