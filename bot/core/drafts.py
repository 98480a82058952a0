"""Stories waiting for their author's privacy decision. In memory only, by design.

The unmasked text must never reach the database, not even for a moment (it would stay readable
in the WAL file). A draft lives here until the author masks, keeps or edits it, and is gone after
an hour or a restart; the author is then asked to send the story again.

Drafts are bounded, per author and in all, so a flood of stories full of personal data cannot
grow memory; the oldest go first. Adding, finding and expiring are O(1) each.
"""

import secrets
import time
from collections import deque
from dataclasses import dataclass, field

from bot.core.model import UserError
from bot.core.privacy import Finding

TTL_SECONDS = 3600
PER_AUTHOR = 5
IN_ALL = 2000


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
    leermoment: bool = False
    created: float = field(default_factory=time.monotonic)


class Drafts:
    def __init__(self) -> None:
        # In the order they were made, so the oldest are first: expiring looks at the front only.
        self._drafts: dict[str, Draft] = {}
        self._by_author: dict[tuple[str, str], deque[str]] = {}

    def add(self, team_id: str, user_id: str, text: str, findings: list[Finding], purpose: str,
            source_key: str = "", story_id: int | None = None, principle_id: str | None = None,
            anonymous: bool = False, leermoment: bool = False) -> Draft:
        self._expire()
        draft = Draft(secrets.token_urlsafe(9), team_id, user_id, text, findings,
                      purpose, source_key, story_id, principle_id, anonymous, leermoment)
        key = (team_id, user_id)
        while len(self._by_author.get(key, ())) >= PER_AUTHOR:
            self.drop(self._by_author[key][0])
        while len(self._drafts) >= IN_ALL:
            self.drop(next(iter(self._drafts)))
        self._drafts[draft.id] = draft
        self._by_author.setdefault(key, deque()).append(draft.id)
        return draft

    def get(self, team_id: str, user_id: str, draft_id: str) -> Draft:
        """The member's own draft; anyone else's, or an expired one, is gone."""
        self._expire()
        draft = self._drafts.get(draft_id)
        if draft is None or (draft.team_id, draft.user_id) != (team_id, user_id):
            raise UserError("privacy.draft_gone")
        return draft

    def drop(self, draft_id: str) -> None:
        draft = self._drafts.pop(draft_id, None)
        if draft is None:
            return
        key = (draft.team_id, draft.user_id)
        mine = self._by_author.get(key)
        if mine is not None:
            if draft_id in mine:
                mine.remove(draft_id)
            if not mine:
                del self._by_author[key]

    def __len__(self) -> int:
        return len(self._drafts)

    def _expire(self) -> None:
        cutoff = time.monotonic() - TTL_SECONDS
        while self._drafts:
            oldest = next(iter(self._drafts.values()))
            if oldest.created >= cutoff:
                return
            self.drop(oldest.id)
