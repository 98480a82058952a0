"""A local stand-in for the Slack Web API for the benches: every call answers ok, and calls are
counted per method. (The tests have a fuller fake in tests/slack/fake_slack.py.)"""

from collections import Counter

from aiohttp import web


class SlackStandIn:
    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self.runner: web.AppRunner | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/api/{method}", self.api)
        app.router.add_post("/upload", self.upload)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", 0).start()
        self.port = self.runner.addresses[0][1]

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()

    async def api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        self.calls[method] += 1
        await request.read()
        answer = {"ok": True, "ts": "1.0", "channel": "C1", "file_id": "F1",
                  "upload_url": f"http://127.0.0.1:{self.port}/upload", "files": [{"id": "F1"}]}
        return web.json_response(answer)

    async def upload(self, request: web.Request) -> web.Response:
        await request.read()
        return web.Response(text="OK")
