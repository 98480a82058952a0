"""Calendar rules of the bot: working days, Dutch public holidays, slots and ISO weeks."""

from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays
from babel.dates import format_date

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


def next_mantra(team: Team, now: datetime) -> datetime | None:
    """The next mantra slot strictly after now, within a year."""
    today = local_now(team, now).date()
    for offset in range(366):
        day = today + timedelta(days=offset)
        slot = mantra_slot(team, day)
        if slot > now and is_mantra_day(team, day):
            return slot
    return None


def next_digest(team: Team, now: datetime) -> datetime:
    monday = week_monday(local_now(team, now).date())
    slot = digest_slot(team, monday)
    return slot if slot > now else digest_slot(team, monday + timedelta(days=7))


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


def describe_slot(slot: datetime) -> str:
    """'di 24-11 09:00': language-neutral enough for both nl and en texts."""
    return f"{DAY_NAMES[slot.weekday()]} {slot:%d-%m %H:%M}"
