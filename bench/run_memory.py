"""Resident memory of `werkbot run` with the privacy guard loaded and used, against deduce out of
the box measured in the same run. Run: make bench-memory

`werkbot run` starts in Slack HTTP mode on a free port, with SLACK_API_URL pointing at the
tests' local fake Slack Web API (tests/slack/fake_slack.py). One signed `/verhaal` goes in; once
its answer comes back the guard has been loaded and used, and the process's resident set (VmRSS)
and peak (VmHWM) are read from /proc. The baseline is a process that loads deduce with all its
lookups and de-identifies the same story. No network.
"""

import asyncio
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
from slack_sdk.signature import SignatureVerifier

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.slack.fake_slack import FakeSlack  # noqa: E402
from tests.support import port_from_log, werkbot_environment  # noqa: E402

STORY = "Vandaag samen met de buren de tuin opgeknapt; iedereen deed mee."
SECRET = "bench-signing-secret"
BASELINE = (
    "import sys\n"
    "from deduce import Deduce\n"
    "deduce = Deduce()\n"
    "deduce.deidentify(sys.argv[1])\n"
    "from pathlib import Path\n"
    "status = dict(line.split(':', 1) for line in Path('/proc/self/status').read_text().splitlines())\n"
    "print(int(status['VmRSS'].split()[0]), int(status['VmHWM'].split()[0]))\n"
)


def status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def listening_port(process: subprocess.Popen) -> int:
    """The port the system gave `werkbot run` (PORT=0), from its start-up line."""
    for line in process.stderr:
        port = port_from_log(line)
        if port is not None:
            return port
    raise RuntimeError("werkbot run stopped before it listened")


async def signed_command(session: aiohttp.ClientSession, url: str, command: str, text: str) -> None:
    body = urlencode({"team_id": "T1", "channel_id": "C1", "user_id": "U1", "user_name": "u1",
                      "command": command, "text": text, "trigger_id": "t"})
    timestamp = str(int(time.time()))
    headers = {"X-Slack-Request-Timestamp": timestamp,
               "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(
                   timestamp=timestamp, body=body),
               "Content-Type": "application/x-www-form-urlencoded"}
    async with session.post(url, data=body, headers=headers) as response:
        response.raise_for_status()


async def werkbot_run(folder: Path) -> tuple[int, int]:
    fake_slack = FakeSlack()
    await fake_slack.start()
    environment = werkbot_environment(WERKBOT_LOG_LEVEL="INFO", PORT="0",
                                      WERKBOT_DB=str(folder / "werkbot.db"), SLACK_BOT_TOKEN="xoxb-bench",
                                      SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake_slack.url)
    process = subprocess.Popen([sys.executable, "-m", "bot.cli", "run"], env=environment, cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        port = await asyncio.to_thread(listening_port, process)
        # Drain the log from here on, so the process never blocks on a full pipe.
        threading.Thread(target=process.stderr.read, daemon=True).start()
        async with aiohttp.ClientSession() as session:
            base = f"http://127.0.0.1:{port}"
            for _ in range(600):
                try:
                    async with session.get(f"{base}/healthz") as response:
                        if (await response.json())["privacy_guard"] == "ready":
                            break
                except aiohttp.ClientConnectionError:
                    pass
                await asyncio.sleep(0.1)
            await signed_command(session, f"{base}/slack/events", "/werkbot", "start")
            await signed_command(session, f"{base}/slack/events", "/verhaal", STORY)
            # The welcome, then the story's answer: the guard has been used once that is back.
            for _ in range(600):
                if len(fake_slack.of("chat.postEphemeral")) >= 2:
                    break
                await asyncio.sleep(0.1)
        return status_kb(process.pid, "VmRSS"), status_kb(process.pid, "VmHWM")
    finally:
        process.terminate()
        process.wait(timeout=30)
        await fake_slack.stop()


def deduce_out_of_the_box() -> tuple[int, int]:
    result = subprocess.run([sys.executable, "-c", BASELINE, STORY], capture_output=True, text=True,
                            check=True)
    # deduce logs to stdout itself; the figures are the last line.
    rss, peak = result.stdout.strip().splitlines()[-1].split()
    return int(rss), int(peak)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        ours = asyncio.run(werkbot_run(Path(folder)))
    baseline = deduce_out_of_the_box()
    rows = {"werkbot run, guard loaded and used": ours, "deduce out of the box, one story": baseline}
    for label, (rss, peak) in rows.items():
        print(f"{label}: resident {rss / 1024:.0f} MB, peak {peak / 1024:.0f} MB")
    print(json.dumps({"resident_ratio": round(ours[0] / baseline[0], 2),
                      "peak_ratio": round(ours[1] / baseline[1], 2)}))


if __name__ == "__main__":
    main()
