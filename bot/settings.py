"""Settings from the environment (and .env), checked once at start-up."""

import logging
import os
from dataclasses import dataclass

from bot.core.model import UserError

DEFAULT_PORT = 3000
DEFAULT_SLACK_API_URL = "https://slack.com/api/"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class SettingsError(UserError):
    """One setting is missing or wrong: a message key from prompts/ (cli.*) and its fields."""


@dataclass(frozen=True)
class Settings:
    database: str
    port: int
    slack_bot_token: str | None
    slack_signing_secret: str | None
    slack_app_token: str | None
    slack_api_url: str
    telegram_bot_token: str | None

    @property
    def slack(self) -> bool:
        return self.slack_bot_token is not None


def _value(environ: dict[str, str], name: str) -> str | None:
    value = environ.get(name, "").strip()
    return value or None


def log_level(environ: dict[str, str] | None = None) -> int:
    """WERKBOT_LOG_LEVEL as a `logging` level (default INFO); every command reads it first."""
    env = os.environ if environ is None else environ
    name = (_value(dict(env), "WERKBOT_LOG_LEVEL") or "INFO").upper()
    if name not in LOG_LEVELS:
        raise SettingsError("cli.setting_choice", name="WERKBOT_LOG_LEVEL", value=name,
                            choices=", ".join(LOG_LEVELS))
    return logging.getLevelNamesMapping()[name]


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if environ is None else environ)
    port_text = _value(env, "PORT") or str(DEFAULT_PORT)
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise SettingsError("cli.setting_port", value=port_text)
    settings = Settings(
        database=_value(env, "WERKBOT_DB") or "./werkbot.db",
        port=int(port_text),
        slack_bot_token=_value(env, "SLACK_BOT_TOKEN"),
        slack_signing_secret=_value(env, "SLACK_SIGNING_SECRET"),
        slack_app_token=_value(env, "SLACK_APP_TOKEN"),
        slack_api_url=_value(env, "SLACK_API_URL") or DEFAULT_SLACK_API_URL,
        telegram_bot_token=_value(env, "TELEGRAM_BOT_TOKEN"),
    )
    if settings.slack_bot_token and not settings.slack_bot_token.startswith("xoxb-"):
        raise SettingsError("cli.setting_format", name="SLACK_BOT_TOKEN", example="xoxb-…")
    if settings.slack_bot_token and not settings.slack_signing_secret:
        raise SettingsError("cli.setting_missing", name="SLACK_SIGNING_SECRET", other="SLACK_BOT_TOKEN")
    if settings.slack_app_token and not settings.slack_app_token.startswith("xapp-"):
        raise SettingsError("cli.setting_format", name="SLACK_APP_TOKEN", example="xapp-…")
    if (settings.slack_signing_secret or settings.slack_app_token) and not settings.slack_bot_token:
        raise SettingsError("cli.setting_missing", name="SLACK_BOT_TOKEN", other="SLACK_SIGNING_SECRET")
    if not settings.slack_api_url.endswith("/"):
        raise SettingsError("cli.setting_format", name="SLACK_API_URL", example="https://slack.com/api/")
    if settings.telegram_bot_token:
        raise SettingsError("cli.platform_unavailable", name="TELEGRAM_BOT_TOKEN")
    return settings
