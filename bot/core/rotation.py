"""Which principle a team sees on a given day.

Every principle of the team's enabled sets comes once, in a shuffled order, before any repeats.
The picks live in the database, so the order survives restarts and /mantra shows the same
principle as the day's post.
"""

import random
from datetime import date

from bot.core.content import Catalogue, Principle
from storage import Store, Team


class Rotation:
    def __init__(self, store: Store, catalogue: Catalogue) -> None:
        self.store = store
        self.catalogue = catalogue

    def principle_for(self, team: Team, day: date) -> Principle:
        """The team's principle of the day; picked and stored on first ask."""
        enabled = self.catalogue.in_sets(team.sets)
        stored = self.store.pick(team.id, day.isoformat())
        if stored is not None:
            # A principle removed from prompts/ since it was picked falls back to the first.
            return self.catalogue.principle(stored["principle_id"]) or enabled[0]
        cycle, shown = self.store.current_cycle(team.id)
        remaining = [p for p in enabled if p.id not in shown]
        if not remaining:
            cycle += 1
            remaining = enabled
        order = list(remaining)
        # A seed per team and cycle gives each team its own order, the same after a restart.
        random.Random(f"{team.id}:{cycle}").shuffle(order)
        pick = self.store.add_pick(team.id, day.isoformat(), order[0].id, cycle)
        return self.catalogue.principle(pick["principle_id"]) or enabled[0]
