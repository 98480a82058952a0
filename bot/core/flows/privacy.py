"""The privacy draft flow: every free text passes the guard before anything is stored or sent
on: stories, an author's edit, a moderator's correction, a moderator's reason for a rejection.

A clean text is stored at once. A text with findings waits in memory (`Drafts`) while its
writer chooses: store it masked, keep the names (names only), or edit it. What "store" means,
how the text is checked and which texts ask about it depend on why it was written: the flow that
asked registers that as a `Purpose` with `on_decided`.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from bot.core.content import Catalogue, Messages
from bot.core.drafts import Draft, Drafts
from bot.core.flows.base import Flow, Request
from bot.core.model import Ask, Button, Reply, UserError
from bot.core.privacy import NAMES_KEPT, PrivacyGuard, Screened, kinds_of, mask
from bot.core.stories import MAX_LENGTH, checked_text
from storage import Store

StoreDecision = Callable[[Request, Draft, Screened], list[Reply]]


@dataclass(frozen=True)
class Purpose:
    store: StoreDecision
    # Cleans the text, or raises UserError (its length, say).
    check: Callable[[str], str] = checked_text
    max_length: int = MAX_LENGTH
    # Prefix of the message keys that ask about it: '' for a story, 'reason_' for a reason.
    texts: str = ""


class PrivacyFlow(Flow):
    def __init__(self, store: Store, messages: Messages, catalogue: Catalogue,
                 clock: Callable[[], datetime], guard: PrivacyGuard) -> None:
        super().__init__(store, messages, catalogue, clock)
        self.guard = guard
        self.drafts = Drafts()
        self._purposes: dict[str, Purpose] = {}

    def on_decided(self, purpose: str, store: StoreDecision, check: Callable[[str], str] = checked_text,
                   max_length: int = MAX_LENGTH, texts: str = "") -> None:
        """How a text written for `purpose` is checked, asked about, and stored once it is clean
        or its writer decided."""
        self._purposes[purpose] = Purpose(store, check, max_length, texts)

    def screen(self, request: Request, text: str, purpose: str, story_id: int | None = None,
               principle_id: str | None = None, anonymous: bool = False,
               leermoment: bool = False) -> list[Reply]:
        """Store the text if it is clean; otherwise keep it in memory and ask the writer."""
        texts = self._purposes[purpose].texts
        cleaned = self._purposes[purpose].check(text)
        findings = self.guard.scan(cleaned)
        draft = self.drafts.add(request.team.id, request.caller.user_id, cleaned, findings, purpose,
                                request.source_key, story_id, principle_id, anonymous, leermoment)
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
        key = f"privacy.{texts}found_names" if kinds == ["naam"] else f"privacy.{texts}found"
        return [self.reply(request, key, buttons=tuple(buttons), kinds=self.kind_words(language, kinds),
                           masked=mask(cleaned, findings))]

    def _store(self, request: Request, draft: Draft, screened: Screened) -> list[Reply]:
        """Store what the author decided, then forget the draft."""
        replies = self._purposes[draft.purpose].store(request, draft, screened)
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
        return self._store(request, draft, Screened(draft.text, NAMES_KEPT))

    def edit_question(self, request: Request) -> Ask:
        """The form starts from what the author typed: the text then sits in the platform's form
        (its own state), never in our database."""
        language = request.language
        draft = self._draft(request)
        purpose = self._purposes[draft.purpose]
        return Ask("draft.edit", request.value, self.say(language, "button.edit_story"),
                   self.say(language, f"privacy.{purpose.texts}edit_prompt"), purpose.max_length, draft.text)

    def check_edit(self, request: Request) -> str:
        """The edited text cleaned, as its draft's purpose checks it (a reason is no story)."""
        return self._purposes[self._draft(request).purpose].check(request.text or "")

    def edit(self, request: Request) -> list[Reply]:
        draft = self._draft(request)
        # The edited text is the same submission: it keeps the first one's source key.
        replies = self.screen(replace(request, source_key=draft.source_key), request.text or "",
                              draft.purpose, draft.story_id, draft.principle_id, draft.anonymous,
                              draft.leermoment)
        self.drafts.drop(draft.id)
        return replies
