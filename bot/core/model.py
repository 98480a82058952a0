"""Platform-neutral types that pass between the core and the adapters."""

from dataclasses import dataclass, field
from typing import Any, Literal

Audience = Literal["caller", "channel", "user"]


@dataclass(frozen=True)
class Caller:
    """Who sent a command, and from which chat. Ids are text, whatever the platform uses."""

    platform: str
    chat_id: str
    user_id: str
    user_name: str = ""
    is_chat_admin: bool = False
    # The chat's own name where the platform gives one (a Slack channel, a Telegram group title).
    chat_name: str = ""

    @property
    def team_id(self) -> str:
        return team_id_for(self.platform, self.chat_id)


def team_id_for(platform: str, chat_id: str) -> str:
    return f"{platform}:{chat_id}"


@dataclass(frozen=True)
class Button:
    """A choice under a reply. With `ask`, the adapter first asks for a line of text."""

    label: str
    action: str
    value: str = ""
    ask: str | None = None


@dataclass
class Reply:
    """One message from the core for an adapter to deliver.

    `audience` says where it goes: back to the caller only, to the team's channel (`team_id`),
    or privately to `user_id`. A post with `delivery` (team, kind, period) is one of the
    exactly-once posts: the adapter reports the outcome with `WerkBot.confirm_delivery`.
    A reply with a `digest` can be shown with its chart (`digest.render_chart`); the adapter
    renders it where it shows it, off the event loop where there is one.
    """

    text: str
    buttons: list[Button] = field(default_factory=list)
    audience: Audience = "caller"
    user_id: str | None = None
    ask: Button | None = None
    digest: Any = None
    team_id: str | None = None
    delivery: tuple[str, str, str] | None = None


class UserError(Exception):
    """Input the bot refuses; carries the message template and its fields. Nothing was changed."""

    def __init__(self, key: str, **fields: Any) -> None:
        super().__init__(key)
        self.key = key
        self.fields = fields
