"""The command language shared by every adapter: one line of text in, a Command out."""

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from babel.dates import get_day_names, get_month_names

from bot.core.model import UserError
from bot.core.schedule import DAY_NAMES

COMMANDS = ("mantra", "verhaal", "mijnverhalen", "moderatie", "digest", "werkbot")
# A time as people type it: 8:30, 8.30, 08:30, 9, 9 uur, 9:00 uur, 9u.
TIME = re.compile(r"^([01]?\d|2[0-3])(?:[:.]([0-5]\d))?\s*(?:uur|u)?$")
# Days as people type them: ma,wo,vr; ma-vr; maandag t/m vrijdag; maandag en woensdag; werkdagen.
DAY_RANGE = re.compile(r"^(\w+)-(\w+)$")
DAY_GROUPS = {"werkdagen": DAY_NAMES[:5], "weekend": DAY_NAMES[5:], "elke": DAY_NAMES, "alle": DAY_NAMES}
PLAIN_MENTION = re.compile(r"^@?([\w.\-]{1,64})$")
# A date as people type it: 4-1, 04/01, 4.1.2027; 4 januari, 4 jan., 4 januari 2027.
NUMERIC_DATE = re.compile(r"^([0-9]{1,2})[-/.]([0-9]{1,2})(?:[-/.]([0-9]{4}))?$")
WORDED_DATE = re.compile(r"^([0-9]{1,2})\s+([^\W\d_]+)\.?(?:\s+([0-9]{4}))?$")
# The shortest start of a month's name that is read as that month ('sept', 'okt', 'febr').
MONTH_PREFIX = 3
# The furthest a pause with an end may reach; longer is a pause until resumed.
LONGEST_PAUSE = timedelta(days=366)
# /werkbot sub-commands without a value.
PLAIN_SUB_COMMANDS = ("start", "stop", "status", "help", "hervat", "test")
# /werkbot sub-commands that take a value; each has its own usage line in prompts/.
SUB_COMMANDS = ("tijd", "dagen", "digest", "sets", "moderator", "moderatie", "taal", "bewaartermijn",
                "tijdzone", "pauze", "export", "oproep", "dilemma")
# /werkbot export [md|csv] [periode]: the formats a chat export comes in (md first: the default).
EXPORT_FORMATS = ("md", "csv")
# An export's period by days, as the command line has them (2026-10-01); in Dutch or English, as
# days and months are read. 'tot' (until) a day is up to it, as in '/werkbot pauze tot': that day
# is not included; 'tot en met' (t/m, to) includes it.
EXPORT_DAYS = re.compile(r"^(?:(?:vanaf|from)\s+(\S+))?\s*(?:(tot en met|t/m|tot|until|to)\s+(\S+))?$")
# The words before a last day that leave that day out.
UP_TO = ("tot", "until")
# '/werkbot pauze tot en met 4 januari' (or 't/m'): the pause includes that day.
PAUSE_THROUGH = (["tot", "en", "met"], ["t/m"])
EXPORT_MONTH = re.compile(r"^([^\W\d_]+)(?:\s+([0-9]{4}))?$")
EXPORT_YEAR = re.compile(r"^[0-9]{4}$")
# /mijnverhalen <wat> [weg] 12: the author's choices for one story, as typed. Those that can be
# turned off take 'weg'.
MINE_SWITCHES = ("anoniem", "delen", "leermoment")
MINE_ACTIONS = ("principe", "aanpassen", "intrekken")
MIN_RETENTION = 30
# '/werkbot oproep wo 14:00 minder dan 3': the invitation comes when a week has fewer stories.
OPROEP_THRESHOLD = re.compile(r"^(.+?)\s+minder\s+dan\s+([0-9]{1,2})$")
MAX_OPROEP_THRESHOLD = 20
# '/verhaal leermoment …': the author marks the story as one about what did not work.
LEERMOMENT = "leermoment"
# A story number as typed; longer is no story of ours (and more than SQLite's integers hold).
MAX_NUMBER_DIGITS = 15
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


@dataclass(frozen=True)
class ExportPeriod:
    """The days an export covers, as typed: from a day, to a day (included), a month (its year
    may be left out: then it is the last such month up to now) or a year. Empty: every day."""

    first: date | None = None
    last: date | None = None
    month: int | None = None
    year: int | None = None

    def days(self, today: date) -> tuple[date | None, date | None]:
        """The first and the last day (None: open), seen from `today`."""
        if self.month is not None:
            year = self.year if self.year is not None else (
                today.year if self.month <= today.month else today.year - 1)
            following = date(year + self.month // 12, self.month % 12 + 1, 1)
            return date(year, self.month, 1), following - timedelta(days=1)
        if self.year is not None:
            return date(self.year, 1, 1), date(self.year, 12, 31)
        return self.first, self.last


@dataclass(frozen=True)
class TypedDate:
    """A date as typed: the year may be left out (then it is the next such day to come).
    `through`: typed after 'tot en met', so the day itself is included."""

    day: int
    month: int
    year: int | None
    text: str
    through: bool = False

    def first_after(self, today: date) -> date:
        """The first day after a pause up to this one, seen from `today`: the day itself ('tot
        4 januari': posts come again on 4 January), or the day after it ('tot en met');
        UserError unless that is after today and at most a year ahead."""
        if self.year is not None:
            meant = date(self.year, self.month, self.day)
        else:
            # This year's, or next year's once it has passed (no 29 February within a year:
            # too far).
            this_and_next = (_valid_date(year, self.month, self.day) for year in (today.year, today.year + 1))
            meant = next((day for day in this_and_next if day is not None and day >= today), date.max)
        if self.through and meant < date.max:
            meant += timedelta(days=1)
        if meant <= today:
            raise UserError("usage.date_not_after_today", value=self.text)
        if meant > today + LONGEST_PAUSE:
            raise UserError("usage.date_too_far", value=self.text)
        return meant


def _valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse(line: str, known_sets: frozenset[str] = frozenset()) -> Command:
    """Parse '/name [args]'; UserError with a usage message for anything malformed."""
    text = line.strip()
    head, _, rest = text.partition(" ")
    name = head.removeprefix("/").lower().split("@", 1)[0]
    rest = rest.strip()
    if name not in COMMANDS:
        raise UserError("usage.unknown_command", command=head)
    if name == "verhaal":
        return _parse_verhaal(rest)
    if name == "moderatie" and rest:
        return _parse_moderatie(rest)
    if name == "mijnverhalen" and rest:
        return _parse_mijnverhalen(rest)
    if name == "werkbot":
        return _parse_werkbot(rest, known_sets)
    if rest:
        raise UserError(f"usage.{name}")
    return Command(name)


def _parse_verhaal(rest: str) -> Command:
    """'/verhaal [tekst]', or '/verhaal leermoment [tekst]': a story about what did not work."""
    first, *story = rest.split(maxsplit=1) or [""]
    if first.lower().rstrip(":") == LEERMOMENT:
        return Command("verhaal", LEERMOMENT, value=story[0] if story else None)
    return Command("verhaal", value=rest or None)


def _parse_moderatie(rest: str) -> Command:
    """'/moderatie signaal 12' marks story 12 as a signal for policy; 'signaal weg 12' unmarks it."""
    words = [word.lower() for word in rest.split()]
    on = len(words) == 2
    if words[0] == "signaal" and (on or (len(words) == 3 and words[1] == "weg")):
        number = words[-1].removeprefix("#")
        if number.isascii() and number.isdigit() and len(number) <= MAX_NUMBER_DIGITS:
            return Command("moderatie", "signaal", (on, int(number)))
    raise UserError("usage.moderatie")


def _parse_mijnverhalen(rest: str) -> Command:
    """'/mijnverhalen anoniem 12' (or 'anoniem weg 12'), 'delen 12', 'leermoment 12', 'principe 12',
    'aanpassen 12', 'intrekken 12': what the buttons under a story do, typed. The value is
    (on, story number)."""
    words = [word.lower() for word in rest.split()]
    switch = words[0] in MINE_SWITCHES
    on = len(words) == 2
    if (switch or words[0] in MINE_ACTIONS) and (on or (switch and len(words) == 3 and words[1] == "weg")):
        number = words[-1].removeprefix("#").removeprefix("nr.")
        if number.isascii() and number.isdigit() and len(number) <= MAX_NUMBER_DIGITS:
            return Command("mijnverhalen", words[0], (on, int(number)))
    raise UserError("usage.mijnverhalen")


def parse_export(args: list[str]) -> tuple[str, ExportPeriod]:
    """'[md|csv] [periode]' of /werkbot export: the format (md when left out) and the period."""
    export_format = EXPORT_FORMATS[0]
    if args and args[0].lower() in EXPORT_FORMATS:
        export_format, args = args[0].lower(), args[1:]
    text = " ".join(args).lower()
    if not text:
        return export_format, ExportPeriod()
    month = EXPORT_MONTH.match(text)
    if month and month.group(1) in _month_words():
        year = _export_year(month.group(2)) if month.group(2) else None
        return export_format, ExportPeriod(month=_month_words()[month.group(1)], year=year)
    if EXPORT_YEAR.match(text):
        return export_format, ExportPeriod(year=_export_year(text))
    days = EXPORT_DAYS.match(text)
    if days and (days.group(1) or days.group(3)):
        try:
            first, last = (date.fromisoformat(day) if day else None for day in (days.group(1), days.group(3)))
            if last is not None and days.group(2) in UP_TO:
                last -= timedelta(days=1)
        except (ValueError, OverflowError):
            raise UserError("usage.werkbot_export") from None
        for day in (first, last):
            if day is not None:
                _export_year(str(day.year))
        if first is None or last is None or first <= last:
            return export_format, ExportPeriod(first, last)
    raise UserError("usage.werkbot_export")


# The years an export can cover: stories exist from this bot's first year, never before 2000 or
# in the far future ("0000" and "9999" are typing errors, and would not fit a date).
EXPORT_YEARS = (2000, 2999)


def _export_year(typed: str) -> int:
    year = int(typed)
    if not EXPORT_YEARS[0] <= year <= EXPORT_YEARS[1]:
        raise UserError("usage.werkbot_export")
    return year


def _parse_werkbot(rest: str, known_sets: frozenset[str]) -> Command:
    words = rest.split()
    if not words:
        return Command("werkbot", "help")
    sub, args = words[0].lower(), words[1:]
    if sub in PLAIN_SUB_COMMANDS and not args:
        return Command("werkbot", sub)
    if sub == "pauze" and not args:
        return Command("werkbot", "pauze")
    if sub == "pauze":
        return Command("werkbot", "pauze", parse_pause_end(args))
    if sub == "tijd" and args:
        return Command("werkbot", "tijd", parse_clock(" ".join(args)))
    if sub == "dagen" and args:
        return Command("werkbot", "dagen", parse_day_list(" ".join(args)))
    if sub == "digest" and len(args) >= 2 and day_name(args[0]) is not None:
        return Command("werkbot", "digest", (day_name(args[0]), parse_clock(" ".join(args[1:]))))
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
    if sub == "oproep" and args:
        return Command("werkbot", "oproep", parse_oproep(args))
    if sub == "export":
        return Command("werkbot", "export", parse_export(args))
    if sub == "dilemma" and len(args) == 1 and (args[0].lower() == "uit" or day_name(args[0])):
        # The weekday of the dilemma of the week, or None: off.
        return Command("werkbot", "dilemma", day_name(args[0]))
    if sub in PLAIN_SUB_COMMANDS:
        raise UserError("usage.werkbot_plain", sub=sub)
    if sub in SUB_COMMANDS:
        raise UserError(f"usage.werkbot_{sub}", known=", ".join(sorted(known_sets)),
                        minimum=MIN_RETENTION, maximum=MAX_RETENTION)
    raise UserError("usage.werkbot")


def parse_oproep(args: list[str]) -> tuple[str, str, int | None] | None:
    """'uit' -> None; 'wo 14:00' -> ('wo', '14:00', None); 'wo 14:00 minder dan 3' -> (…, 3)."""
    if len(args) == 1 and args[0].lower() == "uit":
        return None
    day = day_name(args[0])
    if day is None or len(args) < 2:
        raise UserError("usage.werkbot_oproep")
    rest = " ".join(args[1:])
    threshold: int | None = None
    fewer = OPROEP_THRESHOLD.match(rest.lower())
    if fewer:
        rest, threshold = fewer.group(1), int(fewer.group(2))
        if not 1 <= threshold <= MAX_OPROEP_THRESHOLD:
            raise UserError("usage.werkbot_oproep")
    return day, parse_clock(rest), threshold


def parse_clock(text: str) -> str:
    match = TIME.match(text.strip().lower())
    if not match:
        raise UserError("usage.time", value=text)
    return f"{int(match.group(1)):02d}:{match.group(2) or '00'}"


@cache
def _day_words() -> dict[str, str]:
    """Every way of writing a day that means one of DAY_NAMES: Dutch and English, short and
    whole (Babel's names, in Python's weekday order, as DAY_NAMES)."""
    words = {name: name for name in DAY_NAMES}
    for locale in ("nl", "en"):
        for width in ("wide", "abbreviated"):
            for weekday, name in get_day_names(width, locale=locale).items():
                words[name.lower().rstrip(".")] = DAY_NAMES[weekday]
    return words


def day_name(word: str) -> str | None:
    """'vrijdag', 'Vr', 'friday' -> 'vr'; None for anything that is no day."""
    return _day_words().get(word.lower().rstrip("."))


def parse_day_list(text: str) -> list[str]:
    # One form first: ranges as 'ma-vr', lists separated by commas or spaces.
    normal = re.sub(r"\s*(?:tot en met|t/m|-)\s*", "-", text.lower().strip())
    normal = re.sub(r"\s+en\s+", ",", normal)
    days: list[str] = []
    for part in (part for part in re.split(r"[\s,]+", normal) if part):
        ranged = DAY_RANGE.match(part)
        if part in DAY_GROUPS:
            days += DAY_GROUPS[part]
        elif ranged and day_name(ranged.group(1)) and day_name(ranged.group(2)):
            first, last = (DAY_NAMES.index(day_name(group) or "") for group in ranged.groups())
            days += DAY_NAMES[first:last + 1] if first <= last else DAY_NAMES[first:] + DAY_NAMES[:last + 1]
        elif day_name(part) is not None:
            days.append(day_name(part) or "")
        else:
            raise UserError("usage.days", value=text)
    if not days:
        raise UserError("usage.days", value=text)
    return sorted(set(days), key=DAY_NAMES.index)


@cache
def _month_words() -> dict[str, int]:
    """Every way of writing a month: Dutch and English names, Babel's abbreviations, and the
    start of a name from three letters on ('sept')."""
    words: dict[str, int] = {}
    for locale in ("nl", "en"):
        for width in ("wide", "abbreviated"):
            for month, name in get_month_names(width, locale=locale).items():
                name = name.lower().rstrip(".")
                words[name] = month
                if width == "wide":
                    for end in range(MONTH_PREFIX, len(name)):
                        words[name[:end]] = month
    return words


def parse_pause_end(args: list[str]) -> TypedDate:
    """'tot 4 januari' (or '4 januari': 'tot' may be left out), 'tot en met 4 januari' or
    't/m 4 januari': the end of a pause, as typed."""
    words = [word.lower() for word in args]
    through = next((len(start) for start in PAUSE_THROUGH if words[:len(start)] == start), 0)
    day_words = args[through:] if through else args[1:] if words[:1] == ["tot"] else args
    if not day_words:
        raise UserError("usage.werkbot_pauze")
    return replace(parse_date(" ".join(day_words)), through=bool(through))


def parse_date(text: str) -> TypedDate:
    """'4 januari', '4 jan', '4-1', '4-1-2027' -> the date as typed (its year, if left out,
    depends on the day it is read)."""
    normal = text.strip().lower()
    numeric, worded = NUMERIC_DATE.match(normal), WORDED_DATE.match(normal)
    if numeric:
        day, month, year = int(numeric.group(1)), int(numeric.group(2)), numeric.group(3)
    elif worded and worded.group(2) in _month_words():
        day, month, year = int(worded.group(1)), _month_words()[worded.group(2)], worded.group(3)
    else:
        raise UserError("usage.date", value=text)
    # Any year will do to check the day exists, as long as it has a 29 February.
    if _valid_date(int(year) if year else 2000, month, day) is None:
        raise UserError("usage.date", value=text)
    return TypedDate(day, month, int(year) if year else None, text.strip())


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


@cache
def _zones_by_lower_name() -> dict[str, str]:
    return {zone.lower(): zone for zone in available_timezones()}


def parse_timezone(text: str) -> str:
    """A zone of the time zone database, in any case ('europe/amsterdam')."""
    zone = _zones_by_lower_name().get(text.lower(), text)
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: a folder of the zone database ('Europe') is no zone.
        raise UserError("usage.timezone", value=text) from None
    return zone
