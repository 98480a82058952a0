"""The privacy draft flow: every story text passes the guard before anything is stored.

A clean text is stored at once. A text with findings waits in memory (`Drafts`) while its
author chooses: store it masked, keep the names (names only), or edit it. What "store" means
depends on why the text was written (a new story, an author's edit, a moderator's correction):
the flow that asked registers it with `on_decided`.
"""

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from bot.core.content import Catalogue, Messages
from bot.core.drafts import Draft, Drafts
from bot.core.flows.base import Flow, Request
from bot.core.model import Ask, Button, Reply, UserError
from bot.core.privacy import PrivacyGuard, Screened, kinds_of, mask
from bot.core.stories import MAX_LENGTH, checked_text
from storage import Store

StoreDecision = Callable[[Request, Draft, Screened], list[Reply]]


class PrivacyFlow(Flow):
    def __init__(self, store: Store, messages: Messages, catalogue: Catalogue,
                 clock: Callable[[], datetime], guard: PrivacyGuard) -> None:
        super().__init__(store, messages, catalogue, clock)
        self.guard = guard
        self.drafts = Drafts()
        self._storers: dict[str, StoreDecision] = {}

    def on_decided(self, purpose: str, store: StoreDecision) -> None:
        """How a text written for `purpose` is stored once it is clean or its author decided."""
        self._storers[purpose] = store

    def screen(self, request: Request, text: str, purpose: str, story_id: int | None = None,
               principle_id: str | None = None, anonymous: bool = False) -> list[Reply]:
        """Store the text if it is clean; otherwise keep it in memory and ask the author."""
        cleaned = checked_text(text)
        findings = self.guard.scan(cleaned)
        draft = self.drafts.add(request.team.id, request.caller.user_id, cleaned, findings, purpose,
                                request.source_key, story_id, principle_id, anonymous)
        if not findings:
            return self._store(request, draft, Screened(cleaned))
        language = request.language
        kinds = kinds_of(findings)
        buttons = [
            Button(self.say(language, "button.store_masked"), "draft.mask", draft.id),
            Button(self.say(language, "button.edit_story"), "draft.edit", draft.id),
        ]
        if kinds == ["naam"]:
            buttons.append(Button(self.say(language, "button.keep_names"), "draft.keep", draft.id))
        key = "privacy.found_names" if kinds == ["naam"] else "privacy.found"
        return [self.reply(request, key, buttons=tuple(buttons), kinds=", ".join(kinds),
                           masked=mask(cleaned, findings))]

    def _store(self, request: Request, draft: Draft, screened: Screened) -> list[Reply]:
        """Store what the author decided, then forget the draft."""
        replies = self._storers[draft.purpose](request, draft, screened)
        self.drafts.drop(draft.id)
        return replies

    def _draft(self, request: Request) -> Draft:
        return self.drafts.get(request.team.id, request.caller.user_id, request.value)

    def store_masked(self, request: Request) -> list[Reply]:
        draft = self._draft(request)
        masked = Screened(mask(draft.text, draft.findings), ",".join(kinds_of(draft.findings)))
        return self._store(request, draft, masked)

    def keep_names(self, request: Request) -> list[Reply]:
        draft = self._draft(request)
        if kinds_of(draft.findings) != ["naam"]:
            raise UserError("privacy.keep_not_allowed")
        return self._store(request, draft, Screened(draft.text, "naam"))

    def edit_question(self, request: Request) -> Ask:
        """The form starts from what the author typed: the text then sits in the platform's form
        (its own state), never in our database."""
        language = request.language
        return Ask("draft.edit", request.value, self.say(language, "button.edit_story"),
                   self.say(language, "privacy.edit_prompt"), MAX_LENGTH, self._draft(request).text)

    def edit(self, request: Request) -> list[Reply]:
        draft = self._draft(request)
        # The edited text is the same submission: it keeps the first one's source key.
        replies = self.screen(replace(request, source_key=draft.source_key), request.text or "",
                              draft.purpose, draft.story_id, draft.principle_id, draft.anonymous)
        self.drafts.drop(draft.id)
        return replies
