"""Nothing personal in any log, at any level: `werkbot run` at DEBUG with Slack and Telegram on,
a story full of identifiers shared on both and opened for editing (which sends the author's own
text back to the platform), and the whole log searched for them."""

import asyncio
import re
import sys

from tests.slack.conftest import SlackClient, buttons_of
from tests.slack.fake_slack import FakeSlack
from tests.support import port_from_log, werkbot_environment
from tests.telegram.fake_telegram import TOKEN, FakeTelegram

BSN = "131.860.914"
IBAN = "NL34 INGB 6846 5632 12"
EMAIL = "fenna.hoekstra@voorbeeld.nl"
STORY = f"Mevrouw gaf haar BSN {BSN}, rekening {IBAN} en mail {EMAIL}; samen lukte de aanvraag."
TELEGRAM_GROUP = -4001
TELEGRAM_USER = 11


def planted() -> list[str]:
    compact = [re.sub(r"[\s.]", "", value) for value in (BSN, IBAN)]
    return [BSN, IBAN, EMAIL, *compact]


class Log:
    """Reads a process's stderr as it comes, so a chatty DEBUG log never fills the pipe."""

    def __init__(self, stream: asyncio.StreamReader) -> None:
        self.lines: list[str] = []
        self.task = asyncio.create_task(self._read(stream))

    async def _read(self, stream: asyncio.StreamReader) -> None:
        while line := await stream.readline():
            self.lines.append(line.decode(errors="replace"))

    async def port(self) -> int:
        for _ in range(3000):
            for line in self.lines:
                if (port := port_from_log(line)) is not None:
                    return port
            await asyncio.sleep(0.02)
        raise AssertionError("werkbot run did not start:\n" + "".join(self.lines[-20:]))


async def test_debug_logs_hold_no_story_text_and_no_token(tmp_path, guard_cache):
    fake_slack, fake_telegram = FakeSlack(), FakeTelegram()
    await fake_slack.start()
    await fake_telegram.start()
    env = werkbot_environment(
        WERKBOT_LOG_LEVEL="DEBUG", PORT="0", WERKBOT_DB=str(tmp_path / "w.db"),
        SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET="test-signing-secret",
        SLACK_API_URL=fake_slack.url, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_URL=fake_telegram.url)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    log = Log(process.stderr)
    try:
        port = await log.port()
        slack = SlackClient(port, fake_slack.response_url)
        await slack.command("/werkbot", "start")
        await fake_slack.wait_for_text("chat.postEphemeral", "Welkom", timeout=60)
        await slack.command("/verhaal", STORY)
        preview = await fake_slack.wait_for_text("chat.postEphemeral", "[bsn]", timeout=60)
        edit = next(b for b in buttons_of(preview) if b["action_id"].endswith("|draft.edit"))
        await slack.click(edit)
        form = (await fake_slack.wait_for("views.open", timeout=30))[0]["view"]
        assert BSN in form["blocks"][0]["element"]["initial_value"], "the author's own text went out"

        fake_telegram.private_open.add(TELEGRAM_USER)
        fake_telegram.says(TELEGRAM_GROUP, TELEGRAM_USER, "/werkbot start")
        await fake_telegram.wait_for_text(TELEGRAM_USER, "Welkom", timeout=60)
        fake_telegram.says(TELEGRAM_GROUP, TELEGRAM_USER, f"/verhaal {STORY}")
        masked = await fake_telegram.wait_for_text(TELEGRAM_USER, "[bsn]", timeout=60)
        fake_telegram.clicks(masked, "Aanpassen", TELEGRAM_USER)
        await fake_telegram.wait_for_text(TELEGRAM_USER, BSN, timeout=30)
    finally:
        process.terminate()
        await asyncio.wait_for(process.wait(), 30)
        await log.task
        await fake_slack.stop()
        await fake_telegram.stop()
    text = "".join(log.lines)
    assert "DEBUG" in text, "the log really was at DEBUG"
    for value in planted():
        assert value not in text, value
    assert TOKEN not in text and TOKEN.split(":")[1] not in text
