"""Platform-neutral types that pass between the core and the adapters.

The core says *whom* a reply is for and *what* it asks; each adapter decides how: an ephemeral
message or a private chat, a modal or a prompt.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from bot.core.digest import Digest
from bot.core.text import without_controls
from storage import Team

# private: only the person who asked; channel: the team's chat; member: one member, privately.
Audience = Literal["private", "channel", "member"]


@dataclass(frozen=True)
class Caller:
    """Who sent a command, and from which chat. Ids are text, whatever the platform uses."""

    platform: str
    chat_id: str
    user_id: str
    user_name: str = ""
    is_chat_admin: bool = False
    # The chat's own name where the platform gives one (a channel's or a group's name).
    chat_name: str = ""
    # Display names the platform knows for the people this input names (a mention), as
    # (id, name) pairs. Someone named here is someone the platform knows.
    people: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        # Names are typed by people too: no control characters reach a message or a log line.
        object.__setattr__(self, "user_name", without_controls(self.user_name))
        object.__setattr__(self, "chat_name", without_controls(self.chat_name))
        object.__setattr__(self, "people", tuple((user_id, one_line(name)) for user_id, name in self.people))

    def names(self) -> dict[str, str]:
        """Every display name this input brings: the caller's own and those of the people it
        names (empty names left out)."""
        named = {user_id: name for user_id, name in self.people if name}
        if one_line(self.user_name):
            named[self.user_id] = one_line(self.user_name)
        return named


def one_line(name: str) -> str:
    """A name as a message shows it: one line, no controls, no spaces around it."""
    return " ".join(without_controls(name).split())


@dataclass(frozen=True)
class Button:
    """A choice under a reply: the core action it runs, with the ids it needs."""

    label: str
    action: str
    value: str = ""


@dataclass(frozen=True)
class Ask:
    """A question for the caller: type a text, then `action` runs with `value` and that text.

    `initial` is the text to start from (an edit). With `principles` (each its id and how
    readers name it), the text is a story and the caller may also choose its principle and
    anonymity where the platform has a form for it.
    """

    action: str
    value: str
    title: str
    prompt: str
    max_length: int
    initial: str = ""
    principles: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Attachment:
    """A file that goes with a reply (an export): each adapter delivers it privately."""

    filename: str
    content: bytes
    mime: str


@dataclass(frozen=True)
class DeliveryKey:
    """One exactly-once post: a team's mantra of a day or digest of a week."""

    team_id: str
    kind: str
    period: str


@dataclass(frozen=True)
class Reply:
    """One message from the core for an adapter to deliver.

    A post with `delivery` is one of the exactly-once posts: its outcome is recorded once it
    was sent. A reply with a `digest` is shown as the adapter renders digests (text and chart).
    `parts_sent` says how many of a reply's parts are out already (an earlier attempt failed
    halfway): the adapter sends only the rest. The parts are a post's messages, or a file and
    the note that says where it is. A reply with an `attachment` is private: the file reaches
    only the caller.
    """

    text: str
    language: str = "nl"
    buttons: Sequence[Button] = ()
    audience: Audience = "private"
    member_id: str | None = None
    team_id: str | None = None
    ask: Ask | None = None
    digest: Digest | None = None
    delivery: DeliveryKey | None = None
    parts_sent: int = 0
    attachment: Attachment | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "buttons", tuple(self.buttons))


class UserError(Exception):
    """Input the bot refuses; carries the message template and its fields. Nothing was changed."""

    def __init__(self, key: str, **fields: Any) -> None:
        super().__init__(key)
        self.key = key
        self.fields = fields


__all__ = ["Ask", "Attachment", "Audience", "Button", "Caller", "DeliveryKey", "Reply", "Team", "UserError"]
