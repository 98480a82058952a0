"""Curation by a team's moderators. Every action re-checks that the actor moderates the story's team."""

from datetime import datetime

from bot.core import schedule
from bot.core.model import Caller, UserError
from bot.core.privacy import Screened
from bot.core.stories import Stories, checked_text
from storage import NotFoundError, Store, Team

MAX_REASON_LENGTH = 500


def checked_reason(reason: str, maximum: int | None = MAX_REASON_LENGTH) -> str:
    """The trimmed reason for a rejection, or UserError when it is empty or too long."""
    reason = reason.strip()
    if not reason:
        raise UserError("moderation.reason_missing")
    if maximum is not None and len(reason) > maximum:
        raise UserError("moderation.reason_too_long", maximum=MAX_REASON_LENGTH)
    return reason


class Moderation:
    def __init__(self, store: Store, stories: Stories) -> None:
        self.store = store
        self.stories = stories

    def is_moderator(self, team: Team, caller: Caller) -> bool:
        return caller.is_chat_admin or self.store.is_moderator(team.id, caller.user_id)

    def require_moderator(self, team: Team, caller: Caller) -> None:
        if not self.is_moderator(team, caller):
            raise UserError("moderation.not_allowed")

    def learn_names(self, team: Team, caller: Caller) -> None:
        """Moderators' display names as the platform gives them with this input (people rename
        themselves); written only when one changed. Only moderators' names are kept."""
        stored = self.store.moderator_names(team.id)
        for user_id, name in caller.names().items():
            if user_id in stored and stored[user_id] != name:
                self.store.name_moderator(team.id, user_id, name)

    def story(self, team: Team, caller: Caller, story_id: int) -> dict:
        """A story of the caller's own team; any other team's story does not exist for them."""
        self.require_moderator(team, caller)
        try:
            story = self.store.story(story_id)
        except NotFoundError:
            raise UserError("story.not_found", story_id=story_id) from None
        if story["team_id"] != team.id:
            raise UserError("story.not_found", story_id=story_id)
        if story["status"] == "withdrawn":
            raise UserError("story.withdrawn", story_id=story_id)
        return story

    def queue(self, team: Team, caller: Caller) -> list[dict]:
        self.require_moderator(team, caller)
        return self.store.stories_with_status(team.id, "pending")

    def approve(self, team: Team, caller: Caller, story_id: int) -> dict:
        story = self.story(team, caller, story_id)
        if story["status"] == "approved":
            raise UserError("moderation.already_approved", story_id=story_id)
        self.store.update_story(story_id, caller.user_id, "approve", status="approved",
                                decided_at=self.store.now(), decided_by=caller.user_id,
                                reject_reason=None)
        return self.store.story(story_id)

    def reject(self, team: Team, caller: Caller, story_id: int, reason: str) -> dict:
        story = self.story(team, caller, story_id)
        # Checked as typed, then screened: masking may have made it longer.
        reason = checked_reason(reason, maximum=None)
        if story["status"] == "rejected":
            raise UserError("moderation.already_rejected", story_id=story_id)
        self.store.update_story(story_id, caller.user_id, "reject", status="rejected",
                                decided_at=self.store.now(), decided_by=caller.user_id,
                                reject_reason=reason, featured=0)
        return self.store.story(story_id)

    def feature(self, team: Team, caller: Caller, story_id: int) -> dict:
        """Make this the week's featured story (approving it if it was pending)."""
        story = self.story(team, caller, story_id)
        if story["status"] == "rejected":
            raise UserError("moderation.feature_rejected", story_id=story_id)
        decided_at = story["decided_at"] or self.store.now()
        monday = schedule.week_monday(
            schedule.local_now(team, datetime.fromisoformat(decided_at)).date())
        start, end = schedule.week_bounds(team, monday)
        self.store.feature_story(
            story_id, caller.user_id, self.store.timestamp(start), self.store.timestamp(end),
            status="approved", decided_at=decided_at,
            decided_by=story["decided_by"] or caller.user_id,
        )
        return self.store.story(story_id)

    def retag(self, team: Team, caller: Caller, story_id: int, principle_id: str | None) -> dict:
        self.story(team, caller, story_id)
        if principle_id is not None:
            self.stories.principle(principle_id)
        self.store.update_story(story_id, caller.user_id, "retag", principle_id or "",
                                principle_id=principle_id)
        return self.store.story(story_id)

    def set_signal(self, team: Team, caller: Caller, story_id: int, signal: bool) -> dict:
        """Tag a story as a signal for policy (where rules chafe with residents' lives), or untag it."""
        story = self.story(team, caller, story_id)
        if bool(story["signal"]) != signal:
            self.store.update_story(story_id, caller.user_id, "signal", str(int(signal)),
                                    signal=int(signal))
        return self.store.story(story_id)

    def redact(self, team: Team, caller: Caller, story_id: int, screened: Screened) -> dict:
        self.story(team, caller, story_id)
        text = checked_text(screened.text, maximum=None)
        self.store.update_story(story_id, caller.user_id, "redact", text=text, privacy_flags=screened.flags)
        return self.store.story(story_id)
