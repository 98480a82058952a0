"""The dilemma of the week: on the team's chosen weekday its mantra is a tension of the work, asked
as a question, instead of a principle.

Dilemmas come in turn, in file order, per team. The pick of a day is stored, so /mantra, the
day's post and a retry of it show the same. The principles' rotation is not touched on a dilemma
day: the principle that would have come comes on the next mantra day.
"""

from datetime import date, timedelta
from typing import Any

from bot.core import schedule
from bot.core.content import Dilemma
from storage import Store, Team


class Dilemmas:
    def __init__(self, store: Store, dilemmas: tuple[Dilemma, ...]) -> None:
        self.store = store
        self.dilemmas = dilemmas
        self._by_id = {dilemma.id: dilemma for dilemma in dilemmas}

    def dilemma_for(self, team: Team, day: date) -> Dilemma | None:
        """The team's dilemma of the day, picked and stored on first ask; None on a day that
        shows a principle."""
        if not self.dilemmas:
            return None
        stored = self._stored(team, day)
        if stored is not None:
            # A dilemma removed from prompts/ since it was picked falls back to the first.
            return self._by_id.get(stored["dilemma_id"], self.dilemmas[0])
        if not self.comes_on(team, day):
            return None
        last = self.store.last_dilemma_pick(team.id, day.isoformat())
        following = 0
        if last is not None and last["dilemma_id"] in self._by_id:
            following = (self.dilemmas.index(self._by_id[last["dilemma_id"]]) + 1) % len(self.dilemmas)
        pick = self.store.add_dilemma_pick(team.id, day.isoformat(), self.dilemmas[following].id)
        return self._by_id.get(pick["dilemma_id"], self.dilemmas[0])

    def comes_on(self, team: Team, day: date) -> bool:
        """Whether the day shows a dilemma (without picking one): its pick is stored, or it is the
        team's dilemma day, a mantra day (no public holiday), its principle was not shown yet
        (the post went out before the setting changed), and the week had no dilemma yet."""
        if not self.dilemmas:
            return False
        if self._stored(team, day) is not None:
            return True
        if team.dilemma_day != schedule.DAY_NAMES[day.weekday()] or not schedule.is_mantra_day(team, day):
            return False
        if self.store.pick(team.id, day.isoformat()) is not None:
            return False
        monday = schedule.week_monday(day)
        return not self.store.dilemma_picks(team.id, monday.isoformat(),
                                            (monday + timedelta(days=6)).isoformat())

    def _stored(self, team: Team, day: date) -> dict[str, Any] | None:
        picks = self.store.dilemma_picks(team.id, day.isoformat(), day.isoformat())
        return picks[0] if picks else None
