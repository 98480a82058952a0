"""The weekly inspiration digest, compiled into a neutral structure; `bot/render` shows it."""

import bisect
from dataclasses import dataclass, field
from datetime import date, timedelta

from bot.core import schedule
from bot.core.content import Catalogue, Principle, StarterStory
from storage import Store, Team

HISTORY_WEEKS = 8
COMPARE_WEEKS = 4
# Principles that wait for a story, named in one digest.
WAITING_SHOWN = 3


@dataclass(frozen=True)
class DigestStory:
    id: int
    text: str
    author: str | None
    principle_id: str | None


@dataclass(frozen=True)
class DigestGroup:
    principle: Principle | None
    stories: tuple[DigestStory, ...]


@dataclass(frozen=True)
class Digest:
    team_id: str
    week: str
    language: str
    featured: DigestStory | None
    groups: tuple[DigestGroup, ...]
    uncovered: tuple[Principle, ...]
    count: int
    previous_counts: tuple[int, ...]
    history: tuple[tuple[str, dict[str, int]], ...] = ()
    # How readers name each principle ("Gouden regel 7"), for the chart's legend.
    labels: dict[str, str] = field(default_factory=dict)
    # Stories about what did not work and what was learned: a calm section of their own.
    leermomenten: tuple[DigestStory, ...] = ()
    # In a week without stories: a practice example from the source texts, never a team's story.
    example: StarterStory | None = None

    @property
    def previous_average(self) -> float:
        return sum(self.previous_counts) / len(self.previous_counts) if self.previous_counts else 0.0


def _waiting_this_week(waiting: list[Principle], monday: date) -> tuple[Principle, ...]:
    """At most WAITING_SHOWN principles that wait for a story, a different few each week: an
    invitation, not the whole catalogue."""
    if len(waiting) <= WAITING_SHOWN:
        return tuple(waiting)
    start = monday.isocalendar().week * WAITING_SHOWN % len(waiting)
    return tuple((waiting + waiting)[start:start + WAITING_SHOWN])


def _example_of_week(examples: tuple[StarterStory, ...], monday: date) -> StarterStory | None:
    """One starter story per week, in turn: weeks counted from a fixed Monday, so that two weeks
    in a row (also across a new year) never show the same one."""
    if not examples:
        return None
    return examples[monday.toordinal() // 7 % len(examples)]


def _view(story: dict) -> DigestStory:
    return DigestStory(
        id=story["id"],
        text=story["text"] or "",
        author=None if story["anonymous"] else story["author_name"],
        principle_id=story["principle_id"],
    )


class DigestCompiler:
    def __init__(self, store: Store, catalogue: Catalogue,
                 starter_stories: tuple[StarterStory, ...] = ()) -> None:
        self.store = store
        self.catalogue = catalogue
        self.starter_stories = starter_stories

    def _approved(self, team: Team, monday: date) -> list[dict]:
        start, end = schedule.week_bounds(team, monday)
        return self.store.approved_between(
            team.id, self.store.timestamp(start), self.store.timestamp(end))

    def _history(self, team: Team, monday: date) -> list[tuple[str, dict[str, int]]]:
        """Stories per principle in each of the HISTORY_WEEKS weeks up to this one: one query."""
        mondays = [monday - timedelta(days=7 * back) for back in range(HISTORY_WEEKS - 1, -1, -1)]
        ends = [self.store.timestamp(schedule.week_bounds(team, day)[1]) for day in mondays]
        counts: list[dict[str, int]] = [{} for _ in mondays]
        start = self.store.timestamp(schedule.week_bounds(team, mondays[0])[0])
        for principle_id, decided_at in self.store.approved_principles_between(team.id, start, ends[-1]):
            week = bisect.bisect_right(ends, decided_at)
            key = principle_id or ""
            counts[week][key] = counts[week].get(key, 0) + 1
        return [(schedule.week_key(day), of_week) for day, of_week in zip(mondays, counts, strict=True)]

    def compile(self, team: Team, monday: date) -> Digest:
        """The team's digest for the ISO week starting at monday, as it stands now."""
        stories = self._approved(team, monday)
        enabled = self.catalogue.in_sets(team.sets)
        views = [_view(s) for s in stories]
        featured = next((_view(s) for s in stories if s["featured"]), None)
        # The featured story is shown once, as the quote on top, not again under its principle;
        # leermomenten are shown once too, in their own section.
        leermomenten = tuple(_view(s) for s in stories if s["leermoment"]
                             and (featured is None or s["id"] != featured.id))
        lesson_ids = {v.id for v in leermomenten}
        listed = [v for v in views if (featured is None or v.id != featured.id) and v.id not in lesson_ids]
        groups: list[DigestGroup] = []
        for principle in [*enabled, *[p for p in self.catalogue.all() if p not in enabled]]:
            in_group = tuple(v for v in listed if v.principle_id == principle.id)
            if in_group:
                groups.append(DigestGroup(principle, in_group))
        untagged = tuple(v for v in listed if self.catalogue.principle(v.principle_id or "") is None)
        if untagged:
            groups.append(DigestGroup(None, untagged))
        covered = {v.principle_id for v in views}
        waiting = [p for p in enabled if p.id not in covered]
        history = self._history(team, monday)
        previous = [sum(counts.values()) for _, counts in history[-1 - COMPARE_WEEKS:-1]]
        return Digest(
            team_id=team.id,
            week=schedule.week_key(monday),
            language=team.language,
            featured=featured,
            groups=tuple(groups),
            uncovered=_waiting_this_week(waiting, monday),
            count=len(views),
            previous_counts=tuple(previous),
            history=tuple(history),
            labels={p.id: p.label[team.language] for p in self.catalogue.all()},
            leermomenten=leermomenten,
            example=None if views else _example_of_week(self.starter_stories, monday),
        )
