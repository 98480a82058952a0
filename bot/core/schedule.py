"""Calendar rules of the bot: working days, Dutch public holidays, slots and ISO weeks."""

from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays
from babel.dates import format_date, get_day_names

from storage import Team

DAY_NAMES = ("ma", "di", "wo", "do", "vr", "za", "zo")


@cache
def _dutch_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("NL", years=year)


def is_public_holiday(day: date) -> bool:
    return day in _dutch_holidays(day.year)


def parse_time(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def is_mantra_day(team: Team, day: date) -> bool:
    return DAY_NAMES[day.weekday()] in team.mantra_days and not is_public_holiday(day)


def local_now(team: Team, now: datetime) -> datetime:
    return now.astimezone(ZoneInfo(team.timezone))


def mantra_slot(team: Team, day: date) -> datetime:
    return datetime.combine(day, parse_time(team.mantra_time), ZoneInfo(team.timezone))


def digest_slot(team: Team, week_monday: date) -> datetime:
    day = week_monday + timedelta(days=DAY_NAMES.index(team.digest_day))
    return datetime.combine(day, parse_time(team.digest_time), ZoneInfo(team.timezone))


def mantra_slots(team: Team, since: datetime) -> Iterator[datetime]:
    """The team's mantra slots from `since` on, in order, for a year: its days, without public
    holidays."""
    first = local_now(team, since).date()
    for offset in range(366):
        day = first + timedelta(days=offset)
        slot = mantra_slot(team, day)
        if slot >= since and is_mantra_day(team, day):
            yield slot


def digest_slots(team: Team, since: datetime) -> Iterator[datetime]:
    """The team's digest slots from `since` on, in order, for a year."""
    first = week_monday(local_now(team, since).date())
    for week in range(53):
        slot = digest_slot(team, first + timedelta(weeks=week))
        if slot >= since:
            yield slot


def oproep_slot(team: Team, week_monday: date) -> datetime | None:
    """When the team's weekly invitation to share stories comes in this week: None when it is
    off, when its day is a public holiday, or when its moment had passed when a moderator set
    it (that week has none: an oproep set for earlier today first comes next week)."""
    if team.oproep_day is None or team.oproep_time is None:
        return None
    day = week_monday + timedelta(days=DAY_NAMES.index(team.oproep_day))
    if is_public_holiday(day):
        return None
    slot = datetime.combine(day, parse_time(team.oproep_time), ZoneInfo(team.timezone))
    if team.oproep_since is not None and slot < team.oproep_since:
        return None
    return slot


def oproep_slots(team: Team, since: datetime) -> Iterator[datetime]:
    """The team's invitation slots from `since` on, in order, for a year (none when it is off)."""
    first = week_monday(local_now(team, since).date())
    for week in range(53):
        slot = oproep_slot(team, first + timedelta(weeks=week))
        if slot is not None and slot >= since:
            yield slot


def pause_end(team: Team) -> datetime | None:
    """When a pause with an end is over: the start of its day in the team's time zone."""
    if team.paused_until is None:
        return None
    return datetime.combine(team.paused_until, time(0), ZoneInfo(team.timezone))


def is_paused(team: Team, now: datetime) -> bool:
    """Whether the team's posts are paused now (until resumed, or until a day to come)."""
    end = pause_end(team)
    return team.paused or (end is not None and now < end)


def posts_from(team: Team) -> datetime:
    """The earliest moment of a slot the team gets a post for: no catch-up from before it
    registered, nor from a pause that ended by itself."""
    end = pause_end(team)
    return team.created_at if end is None else max(team.created_at, end)


def week_monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_key(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_in_words(key: str, language: str) -> dict[str, str]:
    """'2026-W49' as people say it: week 49, from 30 november to 6 december (Babel's month
    names in the team's language)."""
    monday = monday_of_week_key(key)
    return {"number": str(monday.isocalendar().week),
            "first": format_date(monday, "d MMMM", locale=language),
            "last": format_date(monday + timedelta(days=6), "d MMMM", locale=language)}


def monday_of_week_key(key: str) -> date:
    """'2026-W48' -> the Monday of that ISO week; ValueError when malformed."""
    year, _, week = key.partition("-W")
    return date.fromisocalendar(int(year), int(week), 1)


def week_bounds(team: Team, monday: date) -> tuple[datetime, datetime]:
    """Monday 00:00 of the week and of the next week, in the team's time zone."""
    zone = ZoneInfo(team.timezone)
    start = datetime.combine(monday, time(0), zone)
    return start, datetime.combine(monday + timedelta(days=7), time(0), zone)


def day_in_words(day: date, language: str, today: date) -> str:
    """'dinsdag 1 december' (Babel's names in the team's language); with the year when it is
    not this year's."""
    pattern = "EEEE d MMMM" if day.year == today.year else "EEEE d MMMM y"
    return format_date(day, pattern, locale=language)


def weekday_in_words(name: str, language: str) -> str:
    """'vr' -> 'vrijdag' (or 'Friday')."""
    return get_day_names("wide", locale=language)[DAY_NAMES.index(name)]


def days_in_words(names: Iterable[str], language: str) -> list[str]:
    """('ma', 'wo') as stored -> ['ma', 'wo'] (or ['Mon', 'Wed']): Babel's short names in the
    team's language."""
    short = get_day_names("abbreviated", locale=language)
    return [short[DAY_NAMES.index(name)] for name in names]
