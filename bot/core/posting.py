"""Scheduled posts and their bookkeeping: which mantras and digests are due, and what came of them.

A slot counts once it has passed, as long as it is under three hours late and not before the
team registered; later ones are recorded as skipped. The deliveries table's UNIQUE key keeps
each post exactly-once across restarts and processes.

Two weekly posts come only when they are needed, which is decided when their slot is claimed:
the invitation to share stories (`oproep`, when the team turned it on and the week is quiet),
and each moderator's private note on the queue (`summary`, at the digest's slot, when stories
wait; the chat's administrators, who moderate too, get one as well). One that is not needed is
recorded as skipped, so it is decided once.
"""

import logging
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

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
# The start of a delivery's last error when its last attempt's outcome was unknown.
UNKNOWN = "unknown: "
# How long a claim is the claiming process's own: sending one post takes seconds; a claim left
# by a process that stopped is taken over after this, so the post still comes within minutes.
LEASE = timedelta(minutes=4)
OPROEP = "oproep"
SUMMARY = "summary"
# The posts in the team's chat, as /werkbot status lists them (a summary is private).
CHANNEL_KINDS = ("mantra", "digest", OPROEP)
# The last error of a post that was skipped because it was not needed.
NOT_NEEDED = "not needed"
# The invitation's texts: oproep.invitation_1, _2, …; a team gets them in turn.
INVITATION = "oproep.invitation_"


@dataclass(frozen=True)
class Slot:
    """A post's moment that has come: a team's mantra of a day, or digest, invitation or
    moderator's summary (`member_id`) of a week."""

    team: Team
    kind: str
    period: str
    at: datetime
    member_id: str | None = None


def summary_period(week: str, recipient: str) -> str:
    """A moderator's summary of a week, one delivery per moderator: '2026-W48/3' by the number
    of the moderator's row, '2026-W48/a2' by the number of a chat administrator's. Periods are
    logged; people's ids are not, not even hashed (a short chat id is found back from its hash by
    trying them all)."""
    return f"{week}/{recipient}"


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

    def slots(self, platforms: Collection[str] | None = None,
              teams: Iterable[Team] | None = None) -> list[Slot]:
        """Every mantra and digest slot that has passed and is not done yet (sent, skipped or
        lost), for the active teams (of `teams`, or all; on `platforms` only, when given: a
        process claims no post it cannot send). Nothing is claimed yet: each is claimed right
        before it is sent (`take`), so a crash strands at most the post under way, and only
        until its lease runs out."""
        now = self.clock()
        slots: list[Slot] = []
        for team in self.store.teams() if teams is None else teams:
            if team.paused or (platforms is not None and team.platform not in platforms):
                continue
            try:
                slots += self._slots_of(team, now)
            except Exception:
                # One team's broken data must not stop another team's posts.
                log.exception("scheduled posts failed for team %s", team.id)
        if not slots:
            return []
        done = self.store.finished_deliveries({slot.team.id for slot in slots},
                                              {slot.period for slot in slots})
        return [slot for slot in slots if (slot.team.id, slot.kind, slot.period) not in done]

    def _slots_of(self, team: Team, now: datetime) -> list[Slot]:
        today = schedule.local_now(team, now).date()
        monday = schedule.week_monday(today)
        week = schedule.week_key(monday)
        digest_at = schedule.digest_slot(team, monday)
        slots = [Slot(team, "digest", week, digest_at)]
        if schedule.is_mantra_day(team, today):
            slots.insert(0, Slot(team, "mantra", today.isoformat(), schedule.mantra_slot(team, today)))
        oproep_at = schedule.oproep_slot(team, monday)
        if oproep_at is not None:
            slots.append(Slot(team, OPROEP, week, oproep_at))
        if digest_at <= now < digest_at + CATCH_UP:
            # Only while they can still go out: the moderators are not looked up on every check
            # for the rest of the week (a summary that came too late is no news to record).
            slots += [Slot(team, SUMMARY, summary_period(week, recipient), digest_at, moderator)
                      for recipient, moderator in self._summary_recipients(team)]
        return [slot for slot in slots if schedule.posts_from(team) <= slot.at <= now]

    def _summary_recipients(self, team: Team) -> list[tuple[str, str]]:
        """Who gets the weekly summary, each with the key of their delivery: the moderators by
        their row, and the chat's administrators (as the platform last said) who are no
        moderator by a row of their own."""
        return ([(str(number), moderator) for number, moderator in self.store.numbered_moderators(team.id)]
                + [(f"a{number}", admin) for number, admin in self.store.numbered_chat_admins(team.id)])

    def summaries_due(self, team: Team) -> bool:
        """Whether the team's weekly summaries may go out now: its digest's slot has come, less
        than three hours ago, and stories wait (the moment to ask the platform who administers
        the chat)."""
        now = self.clock()
        digest_at = schedule.digest_slot(team, schedule.week_monday(schedule.local_now(team, now).date()))
        return (not team.paused and schedule.posts_from(team) <= digest_at <= now < digest_at + CATCH_UP
                and self.store.queue_summary(team.id)[1] is not None)

    def upcoming(self, team: Team, kind: str) -> datetime | None:
        """When the team's next mantra or digest goes out: the first slot still to be posted
        (one that is due and not done yet goes out at the next check); None while the team is
        paused until a moderator resumes it."""
        if team.paused:
            return None
        now = self.clock()
        since = max(now - CATCH_UP, schedule.posts_from(team))
        slots = {"mantra": schedule.mantra_slots, "digest": schedule.digest_slots,
                 OPROEP: schedule.oproep_slots}[kind](team, since)
        for at in slots:
            period = at.date().isoformat() if kind == "mantra" else schedule.week_key(at.date())
            if now - at >= CATCH_UP or self._under_way_or_done(team, kind, period):
                continue
            return at
        return None

    def _under_way_or_done(self, team: Team, kind: str, period: str) -> bool:
        """A post being sent now, or sent, skipped or lost: nothing more comes of its slot (a
        failed one is tried again)."""
        delivery = self.store.delivery(team.id, kind, period)
        return delivery is not None and delivery["status"] in ("claimed", "sent", "skipped", "lost")

    def take(self, slot: Slot) -> Reply | None:
        """Claim one post and make it, or None when it is not this process's to send now."""
        team = slot.team
        try:
            if not self._claim(slot, self.clock()):
                return None
            if slot.kind == "mantra":
                day = slot.at.date()
                return Reply(self.mantras.text(team, day), language=team.language, audience="channel",
                             team_id=team.id, delivery=DeliveryKey(team.id, slot.kind, slot.period))
            if slot.kind == OPROEP:
                return self._invitation(slot)
            if slot.kind == SUMMARY:
                return self._summary(slot)
            return self.digests.post(team, self.digests.compile(team, schedule.week_monday(slot.at.date())))
        except Exception:
            log.exception("scheduled posts failed for team %s", team.id)
            return None

    def _invitation(self, slot: Slot) -> Reply | None:
        """The week's invitation to share a story, when the team shared fewer stories than its
        threshold so far this week. Its texts come in turn: the team's earlier invitations say
        which one is next, so a retry of this one says the same."""
        team = slot.team
        start, _ = schedule.week_bounds(team, schedule.monday_of_week_key(slot.period))
        shared = self.store.stories_shared_between(team.id, self.store.timestamp(start),
                                                   self.store.timestamp(self.clock()))
        if shared >= team.oproep_threshold:
            self._not_needed(slot)
            return None
        known = self.messages.keys()
        variants = sum(1 for key in known if key.startswith(INVITATION))
        turn = self.store.deliveries_before(team.id, OPROEP, slot.period) % variants
        return Reply(self.messages.render(team.language, f"{INVITATION}{turn + 1}"), language=team.language,
                     audience="channel", team_id=team.id,
                     delivery=DeliveryKey(team.id, slot.kind, slot.period))

    def _summary(self, slot: Slot) -> Reply | None:
        """A moderator's private note on the queue: how many stories wait, and the number and
        day of the oldest (never a story's text); when none waits, nothing."""
        team, moderator = slot.team, slot.member_id
        count, oldest = self.store.queue_summary(team.id)
        if oldest is None or moderator is None or not (self.store.is_moderator(team.id, moderator)
                                                       or self.store.is_chat_admin(team.id, moderator)):
            self._not_needed(slot)
            return None
        language = team.language
        today = schedule.local_now(team, self.clock()).date()
        since = schedule.local_now(team, datetime.fromisoformat(oldest["created_at"])).date()
        text = self.messages.render(language, "summary.one" if count == 1 else "summary.many",
                                    count=count, team=team.label, number=oldest["id"],
                                    day=schedule.day_in_words(since, language, today))
        return Reply(text, language=language, audience="member", member_id=moderator, team_id=team.id,
                     delivery=DeliveryKey(team.id, slot.kind, slot.period))

    def _not_needed(self, slot: Slot) -> None:
        """A claimed weekly post that is not needed this week: recorded, so it is decided once."""
        self.store.finish_delivery(slot.team.id, slot.kind, slot.period, "skipped", NOT_NEEDED)
        log.info("%s %s for team %s: not needed", slot.kind, slot.period, slot.team.id)

    def _claim(self, slot: Slot, now: datetime) -> bool:
        """Claim a post that is due, a failed one whose wait is over, or one whose claim's lease
        ran out; record one that is too late."""
        team, kind, period = slot.team, slot.kind, slot.period
        late = now - slot.at >= CATCH_UP
        lease_until = self.store.timestamp(now + LEASE)
        delivery = self.store.delivery(team.id, kind, period)
        if delivery is None:
            if not self.store.claim_delivery(team.id, kind, period, lease_until):
                return False
            if late:
                self.store.finish_delivery(team.id, kind, period, "skipped", "too late")
                log.warning("skipped %s %s for team %s: slot %s is over 3 hours late",
                            kind, period, team.id, slot.at.isoformat())
                return False
            return True
        if late:
            return False
        if delivery["status"] == "claimed":
            taken = self.store.take_over_delivery(team.id, kind, period, lease_until)
            if taken:
                log.warning("%s %s for team %s: the claim's lease ran out; trying again",
                            kind, period, team.id)
            return taken
        return (delivery["status"] in ("failed", "unknown")
                and now >= datetime.fromisoformat(delivery["claimed_at"]) + retry_delay(delivery["attempts"])
                and self.store.retry_delivery(team.id, kind, period, lease_until))

    def record(self, reply: Reply, error: str | None = None) -> None:
        """Record whether an exactly-once post reached the platform (an error: surely not)."""
        if reply.delivery is None:
            return
        key = reply.delivery
        self.store.finish_delivery(key.team_id, key.kind, key.period, "failed" if error else "sent",
                                   error or "")

    def parts_sent(self, reply: Reply) -> int:
        """How many messages of this post an earlier attempt put in the chat."""
        if reply.delivery is None:
            return 0
        key = reply.delivery
        delivery = self.store.delivery(key.team_id, key.kind, key.period)
        return delivery["parts_sent"] if delivery is not None else 0

    def record_parts(self, reply: Reply, parts: int) -> None:
        """An attempt failed after `parts` of the post's messages were in the chat."""
        if reply.delivery is None:
            return
        key = reply.delivery
        self.store.delivery_parts_sent(key.team_id, key.kind, key.period, parts)

    def record_unknown(self, reply: Reply, error: str, final: bool) -> None:
        """A post whose outcome is unknown (a timeout, a connection lost after sending). It is
        never sent again blindly: the next attempt first looks in the chat; where the platform
        cannot look (`final`), it is not tried again at all."""
        if reply.delivery is None:
            return
        key = reply.delivery
        self.store.finish_delivery(key.team_id, key.kind, key.period, "lost" if final else "unknown",
                                   f"{UNKNOWN}{error}")

    def unknown_since(self, reply: Reply) -> datetime | None:
        """When a post about to be tried again was last tried with an unknown outcome, the start
        of its period (the earliest it can have been posted); None otherwise."""
        if reply.delivery is None:
            return None
        key = reply.delivery
        delivery = self.store.delivery(key.team_id, key.kind, key.period)
        if delivery is None or not (delivery["last_error"] or "").startswith(UNKNOWN):
            return None
        team = self.store.team(key.team_id)
        if key.kind == "mantra":
            return schedule.week_bounds(team, date.fromisoformat(key.period))[0]
        week = key.period.partition("/")[0]
        return schedule.week_bounds(team, schedule.monday_of_week_key(week))[0]

    def unknown_notices(self, reply: Reply) -> list[Reply]:
        """Private notes to the team's moderators that a post may not have arrived, and why it
        is not sent again."""
        if reply.delivery is None or reply.delivery.kind == SUMMARY:
            # A summary is itself a private note to a moderator: no note about the note.
            return []
        key = reply.delivery
        language = self.store.team(key.team_id).language
        text = self.messages.render(language, f"team.unknown_{key.kind}")
        return [Reply(text, language=language, audience="member", member_id=moderator, team_id=key.team_id)
                for moderator in self.store.moderators(key.team_id)]

    def cannot_post_notices(self, reply: Reply) -> list[Reply]:
        """Private notes to the team's moderators when a scheduled post cannot reach the team's
        chat (the bot was removed, the chat archived): on the post's first attempt only, since
        the retries that follow would otherwise repeat it."""
        if reply.delivery is None or reply.delivery.kind == SUMMARY:
            return []
        key = reply.delivery
        delivery = self.store.delivery(key.team_id, key.kind, key.period)
        if delivery is None or delivery["attempts"] > 0:
            return []
        language = self.store.team(key.team_id).language
        text = self.messages.render(language, f"team.cannot_post_{key.kind}")
        return [Reply(text, language=language, audience="member", member_id=moderator, team_id=key.team_id)
                for moderator in self.store.moderators(key.team_id)]
