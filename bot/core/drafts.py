"""Stories waiting for their author's privacy decision. In memory only, by design.

The unmasked text must never reach the database, not even for a moment (it would stay readable
in the WAL file). A draft lives here until the author masks, keeps or edits it, and is gone after
an hour or a restart; the author is then asked to send the story again.
"""

import secrets
import time
from dataclasses import dataclass, field

from bot.core.model import UserError
from bot.core.privacy import Finding

TTL_SECONDS = 3600


@dataclass
class Draft:
    id: str
    team_id: str
    user_id: str
    text: str
    findings: list[Finding]
    purpose: str
    source_key: str = ""
    story_id: int | None = None
    principle_id: str | None = None
    anonymous: bool = False
    created: float = field(default_factory=time.monotonic)


class Drafts:
    def __init__(self) -> None:
        self._drafts: dict[str, Draft] = {}

    def add(self, team_id: str, user_id: str, text: str, findings: list[Finding], purpose: str,
            source_key: str = "", story_id: int | None = None, principle_id: str | None = None,
            anonymous: bool = False) -> Draft:
        self._expire()
        draft = Draft(secrets.token_urlsafe(9), team_id, user_id, text, findings,
                      purpose, source_key, story_id, principle_id, anonymous)
        self._drafts[draft.id] = draft
        return draft

    def get(self, team_id: str, user_id: str, draft_id: str) -> Draft:
        """The member's own draft; anyone else's, or an expired one, is gone."""
        self._expire()
        draft = self._drafts.get(draft_id)
        if draft is None or (draft.team_id, draft.user_id) != (team_id, user_id):
            raise UserError("privacy.draft_gone")
        return draft

    def drop(self, draft_id: str) -> None:
        self._drafts.pop(draft_id, None)

    def _expire(self) -> None:
        cutoff = time.monotonic() - TTL_SECONDS
        for draft_id in [d.id for d in self._drafts.values() if d.created < cutoff]:
            del self._drafts[draft_id]
