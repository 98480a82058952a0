"""A team as the rest of the bot sees it: typed settings, and an address that can move."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class Team:
    """One team. `id` is the team's own; (`platform`, `chat_id`) is where it lives now, which can
    change (a Telegram group that becomes a supergroup gets a new chat id).

    `paused` is a pause until a moderator resumes; `paused_until` the day a pause with an end
    is over (a day in the past means nothing any more). `oproep_day` and `oproep_time` are the
    weekly invitation to share stories (None: off), posted when the week has fewer than
    `oproep_threshold` stories; `oproep_since` is when it was set (its slots before that do not
    count). `dilemma_day` is the weekday whose mantra is the week's dilemma
    (None: off).
    """

    id: str
    platform: str
    chat_id: str
    name: str
    mantra_time: str
    mantra_days: tuple[str, ...]
    digest_day: str
    digest_time: str
    timezone: str
    sets: tuple[str, ...]
    language: str
    moderation: bool
    paused: bool
    paused_until: date | None
    retention_days: int | None
    created_at: datetime
    oproep_day: str | None = None
    oproep_time: str | None = None
    oproep_threshold: int = 2
    oproep_since: datetime | None = None
    dilemma_day: str | None = None

    @property
    def label(self) -> str:
        """How people know the team: its chat's name, or its id where the chat has none."""
        return self.name or self.id


def _words(text: str | None) -> tuple[str, ...]:
    return tuple(word for word in (text or "").split(",") if word)


def team_from_row(row: dict[str, Any]) -> Team:
    return Team(
        id=row["id"],
        platform=row["platform"],
        chat_id=row["chat_id"],
        name=row["name"] or "",
        mantra_time=row["mantra_time"],
        mantra_days=_words(row["mantra_days"]),
        digest_day=row["digest_day"],
        digest_time=row["digest_time"],
        timezone=row["timezone"],
        sets=_words(row["sets"]),
        language=row["language"],
        moderation=bool(row["moderation"]),
        paused=bool(row["paused"]),
        paused_until=date.fromisoformat(row["paused_until"]) if row["paused_until"] else None,
        retention_days=row["retention_days"],
        created_at=datetime.fromisoformat(row["created_at"]),
        oproep_day=row["oproep_day"],
        oproep_time=row["oproep_time"],
        oproep_threshold=row["oproep_threshold"],
        oproep_since=datetime.fromisoformat(row["oproep_since"]) if row["oproep_since"] else None,
        dilemma_day=row["dilemma_day"],
    )


def settings_to_row(settings: dict[str, Any]) -> dict[str, Any]:
    """Team settings as the columns store them: lists as comma-separated text, flags as 0/1,
    days as ISO dates."""
    row: dict[str, Any] = {}
    for key, value in settings.items():
        if isinstance(value, (tuple, list)):
            value = ",".join(value)
        elif isinstance(value, bool):
            value = int(value)
        elif isinstance(value, date):
            value = value.isoformat()
        row[key] = value
    return row
