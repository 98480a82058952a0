"""Practice stories as their authors see them: share, tag, edit, list, withdraw, export."""

import json

from bot.core.content import Catalogue, Principle
from bot.core.model import Caller, UserError
from bot.core.privacy import Screened
from bot.core.suggest import Suggester
from bot.core.text import INVISIBLE
from storage import NotFoundError, Store, Team

MIN_LENGTH = 20
MAX_LENGTH = 1000
# How much of a refused too-long story is given back to shorten: what fits a chat message.
ECHO_LENGTH = 4000


def clean_text(text: str) -> str:
    """Trim white space and invisible characters from both ends."""
    previous = None
    while previous != text:
        previous = text
        text = text.strip().strip(INVISIBLE)
    return text


def checked_text(text: str, maximum: int | None = MAX_LENGTH) -> str:
    """The trimmed story text, or UserError when it is too short or too long. A text that was
    checked as typed and then masked has no maximum: '[telefoonnummer]' is longer than a number."""
    cleaned = clean_text(text)
    if len(cleaned) < MIN_LENGTH:
        raise UserError("story.too_short", minimum=MIN_LENGTH, length=len(cleaned))
    if maximum is not None and len(cleaned) > maximum:
        raise UserError("story.too_long", maximum=MAX_LENGTH, length=len(cleaned))
    return cleaned


class Stories:
    def __init__(self, store: Store, catalogue: Catalogue, suggester: Suggester) -> None:
        self.store = store
        self.catalogue = catalogue
        self.suggester = suggester

    def submit(self, team: Team, caller: Caller, screened: Screened, source_key: str,
               principle_id: str | None = None, anonymous: bool = False,
               leermoment: bool = False) -> tuple[dict, bool]:
        """Store a story that passed the privacy guard (committed before this returns).

        Returns (story, created). Without a chosen principle the best keyword match is filled
        in as a suggestion. A leermoment is a story about what did not work, and what was learned.
        """
        cleaned = checked_text(screened.text, maximum=None)
        if principle_id is not None:
            self.principle(principle_id)
        else:
            suggested = self.suggest(team, cleaned)
            principle_id = suggested.id if suggested else None
        moderated = team.moderation
        now = self.store.now()
        story_id, created = self.store.insert_story({
            "team_id": team.id,
            "source_key": source_key,
            "author_id": caller.user_id,
            "author_name": caller.user_name or caller.user_id,
            "text": cleaned,
            "principle_id": principle_id,
            "anonymous": int(anonymous),
            "consent": 0,
            "leermoment": int(leermoment),
            "privacy_flags": screened.flags,
            "status": "pending" if moderated else "approved",
            "decided_at": None if moderated else now,
            "decided_by": None if moderated else "auto",
        })
        return self.store.story(story_id), created

    def suggest(self, team: Team, text: str) -> Principle | None:
        return self.suggester.suggest(text, self.catalogue.in_sets(team.sets))

    def principle(self, principle_id: str) -> Principle:
        principle = self.catalogue.principle(principle_id)
        if principle is None:
            raise UserError("principle.unknown", principle_id=principle_id)
        return principle

    def own(self, team: Team, caller: Caller, story_id: int) -> dict:
        """The caller's own story in this team; anyone else's is 'not found'."""
        try:
            story = self.store.story(story_id)
        except NotFoundError:
            raise UserError("story.not_found", story_id=story_id) from None
        if story["team_id"] != team.id or story["author_id"] != caller.user_id:
            raise UserError("story.not_found", story_id=story_id)
        if story["status"] == "withdrawn":
            raise UserError("story.withdrawn", story_id=story_id)
        return story

    def set_principle(self, team: Team, caller: Caller, story_id: int, principle_id: str | None) -> dict:
        self.own(team, caller, story_id)
        if principle_id is not None:
            self.principle(principle_id)
        self.store.update_story(story_id, caller.user_id, "author-tag", principle_id or "",
                                principle_id=principle_id)
        return self.store.story(story_id)

    def set_anonymous(self, team: Team, caller: Caller, story_id: int, anonymous: bool) -> dict:
        self.own(team, caller, story_id)
        self.store.update_story(story_id, caller.user_id, "author-anonymous", str(int(anonymous)),
                                anonymous=int(anonymous))
        return self.store.story(story_id)

    def set_consent(self, team: Team, caller: Caller, story_id: int, consent: bool) -> dict:
        self.own(team, caller, story_id)
        self.store.update_story(story_id, caller.user_id, "author-consent", str(int(consent)),
                                consent=int(consent))
        return self.store.story(story_id)

    def set_leermoment(self, team: Team, caller: Caller, story_id: int, leermoment: bool) -> dict:
        self.own(team, caller, story_id)
        self.store.update_story(story_id, caller.user_id, "author-leermoment", str(int(leermoment)),
                                leermoment=int(leermoment))
        return self.store.story(story_id)

    def editable(self, team: Team, caller: Caller, story_id: int) -> dict:
        story = self.own(team, caller, story_id)
        if story["status"] != "pending":
            raise UserError("story.not_pending", story_id=story_id)
        return story

    def edit(self, team: Team, caller: Caller, story_id: int, screened: Screened) -> dict:
        self.editable(team, caller, story_id)
        self.store.update_story(story_id, caller.user_id, "author-edit",
                                text=checked_text(screened.text, maximum=None),
                                privacy_flags=screened.flags)
        return self.store.story(story_id)

    def withdraw(self, team: Team, caller: Caller, story_id: int) -> None:
        """Delete the text for good; the row stays, marked withdrawn, for the moderation log."""
        self.own(team, caller, story_id)
        self.store.update_story(story_id, caller.user_id, "author-withdraw", text=None,
                                status="withdrawn", featured=0)
        self.store.flush_deleted()

    def mine(self, team: Team, caller: Caller) -> list[dict]:
        return self.store.stories_by_author(team.id, caller.user_id)

    def export_mine(self, team: Team, caller: Caller) -> str:
        """All of the caller's stories in this team as JSON (withdrawn ones without text)."""
        fields = ("id", "text", "principle_id", "anonymous", "consent", "leermoment", "status",
                  "featured", "created_at", "decided_at", "reject_reason")
        stories = [{field: story[field] for field in fields} for story in self.mine(team, caller)]
        for story in stories:
            for flag in ("anonymous", "consent", "leermoment", "featured"):
                story[flag] = bool(story[flag])
        return json.dumps({"team": team.id, "author": caller.user_id,
                           "exported_at": self.store.now(), "stories": stories},
                          ensure_ascii=False, indent=2)

