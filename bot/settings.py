"""Settings from the environment (and .env), checked once at start-up: the only module that
reads the environment. Each platform has its own section; a platform is on when it is set."""

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.model import UserError

DEFAULT_PORT = 3000
DEFAULT_DATABASE = "./werkbot.db"
DEFAULT_DEMO_DATABASE = "./werkbot-demo.db"
DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_TELEGRAM_API_URL = "https://api.telegram.org/bot"
TELEGRAM_TOKEN = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
# What Telegram accepts as a webhook's secret token.
WEBHOOK_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class SettingsError(UserError):
    """One setting is missing or wrong: a message key from prompts/ (cli.*) and its fields."""


@dataclass(frozen=True)
class SlackSettings:
    bot_token: str
    signing_secret: str
    app_token: str | None = None
    api_url: str = DEFAULT_SLACK_API_URL
    # How long a Web API call may take before its outcome counts as unknown.
    timeout_seconds: float = 30.0
    # The variable that turns the platform on, for messages about it.
    credential: str = "SLACK_BOT_TOKEN"


@dataclass(frozen=True)
class TelegramSettings:
    bot_token: str
    api_url: str = DEFAULT_TELEGRAM_API_URL
    # Webhook mode when set (Telegram calls this address); long polling otherwise.
    webhook_url: str | None = None
    webhook_secret: str | None = None
    credential: str = "TELEGRAM_BOT_TOKEN"


@dataclass(frozen=True)
class ConsoleSettings:
    """The terminal chat of `werkbot demo`: nothing to set."""

    credential: str = ""


PlatformSettings = SlackSettings | TelegramSettings | ConsoleSettings


@dataclass(frozen=True)
class Settings:
    """What `werkbot run` (and the demo) needs. `port` None: no web server."""

    database: str
    port: int | None = DEFAULT_PORT
    platforms: Mapping[str, PlatformSettings] = field(default_factory=dict)


@dataclass(frozen=True)
class Paths:
    """Where the bot keeps its files; every command may need these."""

    database: str
    demo_database: str
    cache_dir: Path
    prompts_dir: Path | None


def _value(environ: Mapping[str, str], name: str) -> str | None:
    value = environ.get(name, "").strip()
    return value or None


def _environment(environ: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if environ is None else environ


def log_level(environ: Mapping[str, str] | None = None) -> int:
    """WERKBOT_LOG_LEVEL as a `logging` level (default INFO); every command reads it first."""
    name = (_value(_environment(environ), "WERKBOT_LOG_LEVEL") or "INFO").upper()
    if name not in LOG_LEVELS:
        raise SettingsError("cli.setting_choice", name="WERKBOT_LOG_LEVEL", value=name,
                            choices=", ".join(LOG_LEVELS))
    return logging.getLevelNamesMapping()[name]


def paths(environ: Mapping[str, str] | None = None) -> Paths:
    env = _environment(environ)
    cache_home = Path(_value(env, "XDG_CACHE_HOME") or Path.home() / ".cache")
    prompts = _value(env, "WERKBOT_PROMPTS")
    return Paths(
        database=_value(env, "WERKBOT_DB") or DEFAULT_DATABASE,
        demo_database=_value(env, "WERKBOT_DEMO_DB") or DEFAULT_DEMO_DATABASE,
        cache_dir=Path(_value(env, "WERKBOT_CACHE") or cache_home / "werkbot"),
        prompts_dir=Path(prompts) if prompts else None,
    )


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    env = _environment(environ)
    port_text = _value(env, "PORT") or str(DEFAULT_PORT)
    # 0 lets the system choose a free port; the start-up log line names it.
    if not port_text.isdigit() or not 0 <= int(port_text) < 65536:
        raise SettingsError("cli.setting_port", value=port_text)
    platforms: dict[str, PlatformSettings] = {}
    slack = _slack(env)
    if slack is not None:
        platforms["slack"] = slack
    telegram = _telegram(env)
    if telegram is not None:
        platforms["telegram"] = telegram
    return Settings(database=paths(env).database, port=int(port_text), platforms=platforms)


def _slack(env: Mapping[str, str]) -> SlackSettings | None:
    token = _value(env, "SLACK_BOT_TOKEN")
    secret = _value(env, "SLACK_SIGNING_SECRET")
    app_token = _value(env, "SLACK_APP_TOKEN")
    api_url = _value(env, "SLACK_API_URL") or DEFAULT_SLACK_API_URL
    if token and not token.startswith("xoxb-"):
        raise SettingsError("cli.setting_format", name="SLACK_BOT_TOKEN", example="xoxb-…")
    if token and not secret:
        raise SettingsError("cli.setting_missing", name="SLACK_SIGNING_SECRET", other="SLACK_BOT_TOKEN")
    if app_token and not app_token.startswith("xapp-"):
        raise SettingsError("cli.setting_format", name="SLACK_APP_TOKEN", example="xapp-…")
    if (secret or app_token) and not token:
        raise SettingsError("cli.setting_missing", name="SLACK_BOT_TOKEN", other="SLACK_SIGNING_SECRET")
    if not api_url.endswith("/"):
        raise SettingsError("cli.setting_format", name="SLACK_API_URL", example="https://slack.com/api/")
    if token is None or secret is None:
        return None
    return SlackSettings(token, secret, app_token, api_url)


def _telegram(env: Mapping[str, str]) -> TelegramSettings | None:
    token = _value(env, "TELEGRAM_BOT_TOKEN")
    api_url = _value(env, "TELEGRAM_API_URL") or DEFAULT_TELEGRAM_API_URL
    webhook_url = _value(env, "TELEGRAM_WEBHOOK_URL")
    secret = _value(env, "TELEGRAM_WEBHOOK_SECRET")
    if token is None:
        if webhook_url or secret:
            raise SettingsError("cli.setting_missing", name="TELEGRAM_BOT_TOKEN",
                                other="TELEGRAM_WEBHOOK_URL")
        return None
    if not TELEGRAM_TOKEN.match(token):
        raise SettingsError("cli.setting_format", name="TELEGRAM_BOT_TOKEN", example="123456:ABC-…")
    if webhook_url and not secret:
        raise SettingsError("cli.setting_missing", name="TELEGRAM_WEBHOOK_SECRET",
                            other="TELEGRAM_WEBHOOK_URL")
    if secret and not WEBHOOK_SECRET.match(secret):
        raise SettingsError("cli.setting_format", name="TELEGRAM_WEBHOOK_SECRET",
                            example="abc_123-XYZ")
    return TelegramSettings(token, api_url, webhook_url, secret)
