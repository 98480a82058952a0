"""Scheduled posts and their bookkeeping: which mantras and digests are due, and what came of them.

A slot counts once it has passed, as long as it is under three hours late and not before the
team registered; later ones are recorded as skipped. The deliveries table's UNIQUE key keeps
each post exactly-once across restarts and processes.
"""

import logging
from collections.abc import Callable, Collection
from datetime import datetime, timedelta

from bot.core import schedule
from bot.core.content import Messages
from bot.core.flows.digest import DigestFlow
from bot.core.mantra import Mantras
from bot.core.model import DeliveryKey, Reply
from storage import Store, Team

log = logging.getLogger(__name__)

CATCH_UP = timedelta(hours=3)
# A failed post is tried again after 30 s, then after twice as long each time, at most 30 minutes.
RETRY_FIRST = timedelta(seconds=30)
RETRY_LONGEST = timedelta(minutes=30)


def retry_delay(attempts: int) -> timedelta:
    """How long after the start of its last attempt a post that failed `attempts` times waits."""
    return min(RETRY_FIRST * 2 ** max(attempts - 1, 0), RETRY_LONGEST)


class Posting:
    def __init__(self, store: Store, messages: Messages, mantras: Mantras, digests: DigestFlow,
                 clock: Callable[[], datetime]) -> None:
        self.store = store
        self.messages = messages
        self.mantras = mantras
        self.digests = digests
        self.clock = clock

    def due(self, platforms: Collection[str] | None = None) -> list[Reply]:
        """Claim and return every mantra and digest that is due now, for all active teams (on
        `platforms` only, when given: a process claims no post it cannot send)."""
        now = self.clock()
        replies: list[Reply] = []
        for team in self.store.teams():
            if team.paused or (platforms is not None and team.platform not in platforms):
                continue
            try:
                replies += self._due_for_team(team, now)
            except Exception:
                # One team's broken data must not stop another team's posts.
                log.exception("scheduled posts failed for team %s", team.id)
        return replies

    def _due_for_team(self, team: Team, now: datetime) -> list[Reply]:
        today = schedule.local_now(team, now).date()
        monday = schedule.week_monday(today)
        slots = [("digest", schedule.week_key(monday), schedule.digest_slot(team, monday))]
        if schedule.is_mantra_day(team, today):
            slots.insert(0, ("mantra", today.isoformat(), schedule.mantra_slot(team, today)))
        replies = []
        for kind, period, slot in slots:
            if slot > now or slot < team.created_at or not self._claim(team, kind, period, slot, now):
                continue
            if kind == "mantra":
                replies.append(Reply(self.mantras.text(team, today), language=team.language,
                                     audience="channel", team_id=team.id,
                                     delivery=DeliveryKey(team.id, kind, period)))
            else:
                replies.append(self.digests.post(team, self.digests.compile(team, monday)))
        return replies

    def _claim(self, team: Team, kind: str, period: str, slot: datetime, now: datetime) -> bool:
        """Claim a post that is due, or a failed one whose wait is over; record one that is too late."""
        late = now - slot >= CATCH_UP
        delivery = self.store.delivery(team.id, kind, period)
        if delivery is None:
            if not self.store.claim_delivery(team.id, kind, period):
                return False
            if late:
                self.store.finish_delivery(team.id, kind, period, "skipped", "too late")
                log.warning("skipped %s %s for team %s: slot %s is over 3 hours late",
                            kind, period, team.id, slot.isoformat())
                return False
            return True
        return (delivery["status"] == "failed" and not late
                and now >= datetime.fromisoformat(delivery["claimed_at"]) + retry_delay(delivery["attempts"])
                and self.store.retry_delivery(team.id, kind, period))

    def record(self, reply: Reply, error: str | None = None) -> None:
        """Record whether an exactly-once post reached the platform."""
        if reply.delivery is None:
            return
        key = reply.delivery
        self.store.finish_delivery(key.team_id, key.kind, key.period, "failed" if error else "sent",
                                   error or "")

    def cannot_post_notices(self, reply: Reply) -> list[Reply]:
        """Private notes to the team's moderators when a scheduled post cannot reach the team's
        chat (the bot was removed, the chat archived): on the post's first attempt only, since
        the retries that follow would otherwise repeat it."""
        if reply.delivery is None:
            return []
        key = reply.delivery
        delivery = self.store.delivery(key.team_id, key.kind, key.period)
        if delivery is None or delivery["attempts"] > 0:
            return []
        language = self.store.team(key.team_id).language
        text = self.messages.render(language, f"team.cannot_post_{key.kind}")
        return [Reply(text, language=language, audience="member", member_id=moderator, team_id=key.team_id)
                for moderator in self.store.moderators(key.team_id)]
