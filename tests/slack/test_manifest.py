"""The manifest declares what the adapter listens to: every command, the shortcut, the Home tab;
`werkbot manifest` prints it for Socket Mode, or for HTTP mode at the server's address."""

import re
import subprocess
import sys

import pytest

from bot.slack.adapter import COMMANDS, SHORTCUT
from bot.slack.manifest import MANIFEST_FILE, slack_manifest
from tests.support import werkbot_environment

MANIFEST = MANIFEST_FILE.read_text(encoding="utf-8")
# A slash command's entry: its name, then its request URL when it has one.
COMMAND_ENTRY = re.compile(r"- command: (/\w+)\n(?:\s+url: (\S+)\n)?")
EVENTS_URL = "https://bot.example.org/slack/events"


def werkbot_manifest(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot.cli", "manifest", *args], capture_output=True,
                          text=True, env=werkbot_environment(), timeout=60)


def test_every_command_and_the_shortcut_are_declared():
    declared = re.findall(r"- command: (/\w+)", MANIFEST)
    assert sorted(declared) == sorted(COMMANDS)
    assert f"callback_id: {SHORTCUT}" in MANIFEST
    assert "home_tab_enabled: true" in MANIFEST and "app_home_opened" in MANIFEST


def test_only_the_scopes_the_bot_uses():
    scopes = re.findall(r"^\s+- ([a-z]+:?[a-z]*)$", MANIFEST.split("scopes:")[1].split("settings:")[0],
                        re.MULTILINE)
    assert sorted(scopes) == ["channels:history", "chat:write", "commands", "files:write", "groups:history",
                              "im:write", "users:read"]


def test_http_mode_sends_every_request_to_the_server():
    manifest = slack_manifest("https://bot.example.org")
    assert dict(COMMAND_ENTRY.findall(manifest)) == dict.fromkeys(COMMANDS, EVENTS_URL)
    # Events (the Home tab) and interactivity (buttons, forms, the shortcut).
    assert re.findall(r"request_url: (\S+)", manifest) == [EVENTS_URL, EVENTS_URL]
    assert "socket_mode_enabled: false" in manifest and "socket_mode_enabled: true" not in manifest
    assert "YOUR-HOST" not in manifest


def test_socket_mode_needs_no_request_urls():
    manifest = slack_manifest()
    assert dict(COMMAND_ENTRY.findall(manifest)) == dict.fromkeys(COMMANDS, "")
    assert "url:" not in manifest and "YOUR-HOST" not in manifest
    assert "socket_mode_enabled: true" in manifest
    assert "interactivity:\n    is_enabled: true" in manifest and "- app_home_opened" in manifest


def test_both_modes_declare_the_same_app():
    """Only the request URLs and the mode differ: nothing else of the file is lost."""
    socket, http = slack_manifest(), slack_manifest("https://bot.example.org")
    http_mode_off = socket.replace("socket_mode_enabled: true", "socket_mode_enabled: false")
    assert [line for line in http.splitlines() if "url:" not in line] == http_mode_off.splitlines()
    assert not socket.startswith("#")
    for kept in ("display_information:", f"callback_id: {SHORTCUT}", "- files:write", "org_deploy_enabled"):
        assert kept in socket


@pytest.mark.parametrize(("url", "events_url"), [
    ("https://bot.example.org/", EVENTS_URL),
    ("HTTPS://Bot.Example.org", EVENTS_URL),
    (f"  {EVENTS_URL}  ", EVENTS_URL),
    ("https://bot.example.org:8443", "https://bot.example.org:8443/slack/events"),
    ("https://example.org/werkbot/", "https://example.org/werkbot/slack/events"),
])
def test_the_address_is_read_as_people_paste_it(url, events_url):
    assert set(re.findall(r"url: (\S+)", slack_manifest(url))) == {events_url}


@pytest.mark.parametrize("url", [
    "http://bot.example.org", "bot.example.org", "https://", "ftp://bot.example.org",
    "https://bot.example.org/?team=1", "https://bot.example.org/#events", "https://user@bot.example.org",
    "https://bot example.org", "https://bot.example.org:0", "https://bot.example.org:70000",
    "https://bot.example.org/a b", "https://bot.example.org\n#", "",
])
def test_only_a_public_https_address_is_accepted(url):
    with pytest.raises(ValueError):
        slack_manifest(url)


def test_the_command_prints_it_for_either_mode():
    socket = werkbot_manifest()
    assert (socket.returncode, socket.stdout, socket.stderr) == (0, slack_manifest(), "")
    http = werkbot_manifest("--url", "https://bot.example.org")
    assert (http.returncode, http.stdout, http.stderr) == (0, slack_manifest("https://bot.example.org"), "")


def test_the_command_refuses_an_address_that_is_not_https_in_one_line():
    result = werkbot_manifest("--url", "http://bot.example.org")
    assert (result.returncode, result.stdout, result.stderr) == (2, "", (
        "werkbot: --url moet het openbare https-adres van je server zijn, zoals https://bot.example.org, "
        "niet 'http://bot.example.org'.\n"))
