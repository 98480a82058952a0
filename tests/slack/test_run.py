"""`werkbot run` as a process: starts Slack in HTTP mode, answers /healthz, stops on SIGTERM."""

import asyncio
import os
import signal
import socket
import sys

import aiohttp


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_run_serves_health_and_stops_cleanly(tmp_path, fake_slack, guard_cache):
    port = free_port()
    env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": "secret",
           "SLACK_API_URL": fake_slack.url, "PORT": str(port), "WERKBOT_DB": str(tmp_path / "w.db"),
           "WERKBOT_LOG_LEVEL": "WARNING"}
    env.pop("SLACK_APP_TOKEN", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    health = None
    try:
        async with aiohttp.ClientSession() as session:
            for _ in range(600):  # up to a minute on a busy machine
                try:
                    async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                        health = await response.json()
                        break
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.1)
            async with session.post(f"http://127.0.0.1:{port}/slack/events", data=b"x=1",
                                    headers={"X-Slack-Signature": "v0=bad",
                                             "X-Slack-Request-Timestamp": "1"}) as response:
                assert response.status == 401
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(process.communicate(), 30)
    assert health is not None and health["slack"] == "http"
    assert process.returncode == 0, err.decode()


async def run_until_it_stops(tmp_path, fake_slack, **overrides: str) -> tuple[int, str]:
    env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": "secret",
           "SLACK_API_URL": fake_slack.url, "PORT": str(free_port()),
           "WERKBOT_DB": str(tmp_path / "w.db"), "WERKBOT_LOG_LEVEL": "WARNING", **overrides}
    env.pop("SLACK_APP_TOKEN", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    _, err = await asyncio.wait_for(process.communicate(), 60)
    return process.returncode, err.decode()


async def test_a_port_in_use_is_one_line(tmp_path, fake_slack, guard_cache):
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, err = await run_until_it_stops(tmp_path, fake_slack, PORT=str(port))
    assert code == 2
    assert err.startswith(f"werkbot: Poort {port} is niet beschikbaar (") and err.count("\n") == 1


async def test_a_database_that_cannot_be_opened_is_one_line(tmp_path, fake_slack, guard_cache):
    missing_folder = tmp_path / "nergens" / "w.db"
    code, err = await run_until_it_stops(tmp_path, fake_slack, WERKBOT_DB=str(missing_folder))
    assert (code, err) == (1, f"werkbot: Database {missing_folder} kan niet worden geopend "
                              "(unable to open database file). Controleer het pad en de rechten.\n")


async def test_a_token_slack_refuses_is_one_line(tmp_path, fake_slack, guard_cache):
    fake_slack.errors["auth.test"] = "invalid_auth"
    code, err = await run_until_it_stops(tmp_path, fake_slack)
    assert (code, err) == (2, "werkbot: Slack weigert SLACK_BOT_TOKEN (invalid_auth). "
                              "Controleer de waarde in de instellingen van de app.\n")
