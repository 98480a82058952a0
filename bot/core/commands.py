"""The command language shared by every adapter: one line of text in, a Command out."""

import re
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.core.model import UserError
from bot.core.schedule import DAY_NAMES

COMMANDS = ("mantra", "verhaal", "mijnverhalen", "moderatie", "digest", "werkbot")
TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
PLAIN_MENTION = re.compile(r"^@?([\w.\-]{1,64})$")
# /werkbot sub-commands that take a value; each has its own usage line in prompts/.
SUB_COMMANDS = ("tijd", "dagen", "digest", "sets", "moderator", "moderatie", "taal", "bewaartermijn",
                "tijdzone")
MIN_RETENTION = 30
MAX_RETENTION = 3650


@dataclass(frozen=True)
class Command:
    name: str
    sub: str | None = None
    value: Any = None

    @property
    def carries_story(self) -> bool:
        """Whether this command holds story text (and so needs the privacy guard loaded)."""
        return self.name == "verhaal" and self.value is not None


def parse(line: str, known_sets: frozenset[str] = frozenset()) -> Command:
    """Parse '/name [args]'; UserError with a usage message for anything malformed."""
    text = line.strip()
    head, _, rest = text.partition(" ")
    name = head.removeprefix("/").lower().split("@", 1)[0]
    rest = rest.strip()
    if name not in COMMANDS:
        raise UserError("usage.unknown_command", command=head)
    if name == "verhaal":
        return Command("verhaal", value=rest or None)
    if name == "werkbot":
        return _parse_werkbot(rest, known_sets)
    if rest:
        raise UserError(f"usage.{name}")
    return Command(name)


def _parse_werkbot(rest: str, known_sets: frozenset[str]) -> Command:
    words = rest.split()
    if not words:
        return Command("werkbot", "help")
    sub, args = words[0].lower(), words[1:]
    if sub in ("start", "stop", "status", "help") and not args:
        return Command("werkbot", sub)
    if sub == "tijd" and len(args) == 1:
        return Command("werkbot", "tijd", parse_clock(args[0]))
    if sub == "dagen" and args:
        return Command("werkbot", "dagen", parse_day_list(" ".join(args)))
    if sub == "digest" and len(args) == 2 and args[0].lower() in DAY_NAMES:
        return Command("werkbot", "digest", (args[0].lower(), parse_clock(args[1])))
    if sub == "sets" and args:
        return Command("werkbot", "sets", parse_sets(" ".join(args), known_sets))
    if sub == "moderator" and len(args) == 1:
        return Command("werkbot", "moderator", ("add", parse_mention(args[0])))
    if sub == "moderator" and len(args) == 2 and args[0].lower() == "weg":
        return Command("werkbot", "moderator", ("remove", parse_mention(args[1])))
    if sub == "moderatie" and len(args) == 1 and args[0].lower() in ("aan", "uit"):
        return Command("werkbot", "moderatie", args[0].lower() == "aan")
    if sub == "taal" and len(args) == 1 and args[0].lower() in ("nl", "en"):
        return Command("werkbot", "taal", args[0].lower())
    if sub == "bewaartermijn" and len(args) == 1:
        return Command("werkbot", "bewaartermijn", parse_retention(args[0]))
    if sub == "tijdzone" and len(args) == 1:
        return Command("werkbot", "tijdzone", parse_timezone(args[0]))
    if sub in ("start", "stop", "status", "help"):
        raise UserError("usage.werkbot_plain", sub=sub)
    if sub in SUB_COMMANDS:
        raise UserError(f"usage.werkbot_{sub}", known=", ".join(sorted(known_sets)),
                        minimum=MIN_RETENTION, maximum=MAX_RETENTION)
    raise UserError("usage.werkbot")


def parse_clock(text: str) -> str:
    match = TIME.match(text)
    if not match:
        raise UserError("usage.time", value=text)
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def parse_day_list(text: str) -> list[str]:
    days = [d for d in re.split(r"[\s,]+", text.lower()) if d]
    if not days or any(d not in DAY_NAMES for d in days):
        raise UserError("usage.days", value=text)
    return sorted(set(days), key=DAY_NAMES.index)


def parse_sets(text: str, known_sets: frozenset[str]) -> list[str]:
    sets = [s for s in re.split(r"[\s,]+", text.lower()) if s]
    unknown = [s for s in sets if s not in known_sets]
    if not sets or unknown:
        raise UserError("usage.sets", value=", ".join(unknown) or text,
                        known=", ".join(sorted(known_sets)))
    return list(dict.fromkeys(sets))


def parse_mention(text: str) -> str:
    """A user id from @id or a plain id (adapters turn their platform's mentions into @id)."""
    match = PLAIN_MENTION.match(text)
    if match:
        return match.group(1)
    raise UserError("usage.mention", value=text)


def parse_retention(text: str) -> int | None:
    """Days to keep story texts (30 to 3650), or None for 'uit'."""
    if text.lower() == "uit":
        return None
    if not (text.isascii() and text.isdigit()) or not MIN_RETENTION <= int(text) <= MAX_RETENTION:
        raise UserError("usage.retention", value=text, minimum=MIN_RETENTION, maximum=MAX_RETENTION)
    return int(text)


def parse_timezone(text: str) -> str:
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: a folder of the zone database ('Europe') is no zone.
        raise UserError("usage.timezone", value=text) from None
    return text
