"""The manifest declares what the adapter listens to: every command, the shortcut, the Home tab."""

import re
from pathlib import Path

from bot.slack.adapter import COMMANDS, SHORTCUT

MANIFEST = (Path(__file__).resolve().parents[2] / "slack-manifest.yml").read_text(encoding="utf-8")


def test_every_command_and_the_shortcut_are_declared():
    declared = re.findall(r"- command: (/\w+)", MANIFEST)
    assert sorted(declared) == sorted(COMMANDS)
    assert f"callback_id: {SHORTCUT}" in MANIFEST
    assert "home_tab_enabled: true" in MANIFEST and "app_home_opened" in MANIFEST


def test_only_the_scopes_the_bot_uses():
    scopes = re.findall(r"^\s+- ([a-z]+:?[a-z]*)$", MANIFEST.split("scopes:")[1].split("settings:")[0],
                        re.MULTILINE)
    assert sorted(scopes) == ["channels:history", "chat:write", "commands", "files:write", "groups:history"]
