"""The Slack app manifest for Socket Mode, or for HTTP mode at a public address.

`slack-manifest.yml` is the one source: it has every request URL at a placeholder host. HTTP mode
fills in the host and turns Socket Mode off; Socket Mode leaves the URL lines out (Slack needs
none then). The file is edited as text, line by line, so its comments and layout stay as written.
"""

import re
from pathlib import Path

MANIFEST_FILE = Path(__file__).resolve().parents[2] / "slack-manifest.yml"
# Where the file puts the server's address in every request URL.
PLACEHOLDER_HOST = "https://YOUR-HOST"
# The path the bot serves Slack's requests on (bot/slack/adapter.py).
EVENTS_PATH = "/slack/events"
SOCKET_MODE_ON = "socket_mode_enabled: true"
SOCKET_MODE_OFF = "socket_mode_enabled: false"
# A request URL's line: a slash command's `url:`, or `request_url:` for events and interactivity.
URL_LINE = re.compile(rf"^\s*(?:request_)?url: {re.escape(PLACEHOLDER_HOST)}/")
# A public https address: a host name, an optional port and path (behind a proxy), no query.
PUBLIC_URL = re.compile(r"(?i:https)://(?P<host>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)(?::(?P<port>[0-9]{1,5}))?"
                        r"(?P<path>(?:/[A-Za-z0-9._~-]+)*)/?")
HIGHEST_PORT = 65535


def server_address(url: str) -> str:
    """'https://bot.example.org/' -> 'https://bot.example.org'. The events URL itself is read as
    its server's address too. ValueError for anything but a public https address."""
    match = PUBLIC_URL.fullmatch(url.strip())
    if match is None:
        raise ValueError(url)
    port = match.group("port")
    if port is not None and not 0 < int(port) <= HIGHEST_PORT:
        raise ValueError(url)
    path = match.group("path").removesuffix(EVENTS_PATH)
    return f"https://{match.group('host').lower()}{f':{port}' if port else ''}{path}"


def slack_manifest(url: str | None = None) -> str:
    """The manifest for HTTP mode at `url` (ValueError unless it is a public https address), or
    for Socket Mode without one. The file's opening comment, about the file itself, is left out."""
    address = None if url is None else server_address(url)
    lines = MANIFEST_FILE.read_text(encoding="utf-8").splitlines()
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    if address is None:
        kept = [line for line in lines if not URL_LINE.match(line)]
    else:
        kept = [line.replace(PLACEHOLDER_HOST, address).replace(SOCKET_MODE_ON, SOCKET_MODE_OFF)
                for line in lines]
    return "\n".join(kept) + "\n"
