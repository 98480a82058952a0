"""`werkbot run` as a process: starts Slack in HTTP mode, answers /healthz, stops on SIGTERM."""

import asyncio
import contextlib
import re
import shutil
import signal
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest
from sqlite_utils import Database

from bot.core.flows.team import DEFAULT_SETTINGS
from bot.core.schedule import DAY_NAMES
from storage import Store, open_database
from tests.support import listening_port, until, werkbot_environment
from tests.test_web import slow_client


def slack_environment(tmp_path, fake_slack, **overrides: str) -> dict[str, str]:
    return werkbot_environment(**{"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": "secret",
                                  "SLACK_API_URL": fake_slack.url, "PORT": "0",
                                  "WERKBOT_DB": str(tmp_path / "w.db"), **overrides})


async def test_run_serves_health_and_stops_cleanly(tmp_path, fake_slack, guard_cache):
    env = slack_environment(tmp_path, fake_slack, WERKBOT_LOG_LEVEL="INFO")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        port = await listening_port(process)
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                health = await response.json()
            async with session.post(f"http://127.0.0.1:{port}/slack/events", data=b"x=1",
                                    headers={"X-Slack-Signature": "v0=bad",
                                             "X-Slack-Request-Timestamp": "1"}) as response:
                assert response.status == 401
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(process.communicate(), 30)
    assert health["slack"] == "http"
    assert process.returncode == 0, err.decode()


async def run_until_it_stops(tmp_path, fake_slack, **overrides: str) -> tuple[int, str]:
    env = slack_environment(tmp_path, fake_slack, **overrides)
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
    assert (code, err) == (2, f"werkbot: Poort {port} is niet beschikbaar (de poort is al in gebruik). "
                              "Kies een andere met PORT.\n")


async def test_a_database_that_cannot_be_opened_is_one_line(tmp_path, fake_slack, guard_cache):
    missing_folder = tmp_path / "nergens" / "w.db"
    code, err = await run_until_it_stops(tmp_path, fake_slack, WERKBOT_DB=str(missing_folder))
    assert (code, err) == (1, f"werkbot: Database {missing_folder} kan niet worden geopend (de map "
                              "bestaat niet of is niet toegankelijk). Controleer het pad en de rechten.\n")


async def test_a_token_slack_refuses_is_one_line(tmp_path, fake_slack, guard_cache):
    fake_slack.errors["auth.test"] = "invalid_auth"
    code, err = await run_until_it_stops(tmp_path, fake_slack)
    assert (code, err) == (2, "werkbot: Slack weigert SLACK_BOT_TOKEN (invalid_auth). "
                              "Controleer de waarde in de instellingen van de app.\n")


async def test_run_uses_all_the_open_files_the_system_allows(tmp_path, fake_slack, guard_cache):
    env = slack_environment(tmp_path, fake_slack, WERKBOT_LOG_LEVEL="INFO")
    process = await asyncio.create_subprocess_exec(
        "/bin/sh", "-c", f"ulimit -S -n 256 && exec {sys.executable} -m bot.cli run", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        await listening_port(process)
        limits = Path(f"/proc/{process.pid}/limits").read_text()
        soft, hard = re.search(r"Max open files\s+(\S+)\s+(\S+)", limits).groups()
        assert soft == hard != "256"
    finally:
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.communicate(), 30)


async def test_a_database_that_cannot_be_written_is_refused_at_start(tmp_path, fake_slack, guard_cache):
    """Run as an ordinary user (root writes any file), on a database it may only read."""
    database = tmp_path / "w.db"
    open_database(database).close()
    database.chmod(0o444)
    tmp_path.chmod(0o777)
    nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run([*nobody, sys.executable, "-c", "import bot.cli"], capture_output=True,
                           cwd=tmp_path)
    if shutil.which("setpriv") is None or probe.returncode != 0:
        pytest.skip("cannot run as an ordinary user here")
    env = slack_environment(tmp_path, fake_slack, WERKBOT_DB=str(database),
                            WERKBOT_CACHE=str(guard_cache), HOME=str(tmp_path))
    result = subprocess.run([*nobody, sys.executable, "-m", "bot.cli", "run"], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"werkbot: Database {database} kan niet worden geopend (")


async def test_run_answers_healthz_under_a_slow_connection_flood(tmp_path, fake_slack, guard_cache):
    """1,100 slow connections against a process that may open no more than 1,024 files:
    /healthz and Slack's route keep answering, and the process never runs out of files."""
    env = slack_environment(tmp_path, fake_slack, WERKBOT_LOG_LEVEL="INFO")
    process = await asyncio.create_subprocess_exec(
        "/bin/sh", "-c", f"ulimit -n 1024 && exec {sys.executable} -m bot.cli run", env=env,
        cwd=tmp_path, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    slow = []
    try:
        port = await listening_port(process)
        flood_ends = asyncio.get_running_loop().time() + 20
        for _ in range(1100):
            if asyncio.get_running_loop().time() > flood_ends:
                break
            # Refused or not accepted in time: the flood is what it is.
            with contextlib.suppress(OSError, TimeoutError):
                slow.append(await asyncio.wait_for(slow_client(port), 1))
        async with aiohttp.ClientSession() as session:
            for _ in range(5):
                async with session.get(f"http://127.0.0.1:{port}/healthz",
                                       timeout=aiohttp.ClientTimeout(total=2)) as response:
                    assert (await response.json())["slack"] == "http"
            async with session.post(f"http://127.0.0.1:{port}/slack/events", data=b"x=1",
                                    headers={"X-Slack-Signature": "v0=bad",
                                             "X-Slack-Request-Timestamp": "1"},
                                    timeout=aiohttp.ClientTimeout(total=2)) as response:
                assert response.status == 401
    finally:
        for _, writer in slow:
            writer.close()
        process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, err.decode()
    assert b"out of system resource" not in err and b"Too many open files" not in err


async def test_a_post_claimed_by_a_process_killed_before_sending_comes_once_after_a_restart(
        tmp_path, fake_slack, guard_cache):
    """kill -9 between the claim and Slack taking the post; the lease (4 minutes) is moved into
    the past rather than waited out; the next process sends it, once."""
    database = tmp_path / "w.db"
    store = Store(open_database(database))
    due = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=2)
    # Only the digest is due: the mantra's days are far from today.
    team = store.create_team("slack", "T1:C1", {**DEFAULT_SETTINGS, "timezone": "UTC",
                                                 "mantra_days": (DAY_NAMES[(due.weekday() + 3) % 7],),
                                                 "digest_day": DAY_NAMES[due.weekday()],
                                                 "digest_time": due.strftime("%H:%M")}, "U1")
    store.db.execute("update teams set created_at = ?", [(due - timedelta(days=2)).isoformat()])
    store.db.close()
    fake_slack.stalled["chat.postMessage"] = 60
    env = slack_environment(tmp_path, fake_slack, WERKBOT_LOG_LEVEL="INFO")
    first = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    await until(lambda: "chat.postMessage" in fake_slack.stalled_calls, timeout=60)
    first.kill()
    await first.wait()
    deliveries = Database(database)
    # The moderator's summary of the queue is decided at the same slot: the queue is empty.
    [claimed] = list(deliveries.query("select * from deliveries where team_id = ? and kind = 'digest'",
                                      [team.id]))
    assert claimed["status"] == "claimed" and fake_slack.of("chat.postMessage") == []
    deliveries.execute("update deliveries set lease_until = ?",
                       [(datetime.now(UTC) - timedelta(seconds=1)).isoformat()])
    deliveries.close()
    del fake_slack.stalled["chat.postMessage"]
    second = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        await fake_slack.wait_for_text("chat.postMessage", "Inspiratie van week", timeout=60)
        await until(lambda: next(Database(database).query(
            "select status from deliveries where team_id = ? and kind = 'digest'",
            [team.id]))["status"] == "sent")
    finally:
        second.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(second.communicate(), 30)
    assert len(fake_slack.of("chat.postMessage")) == 1
    assert "the claim's lease ran out; trying again" in err.decode()

