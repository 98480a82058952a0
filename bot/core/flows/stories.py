"""A member's stories: share one (/verhaal, a form), change its principle, anonymity and consent,
and /mijnverhalen: list, edit while pending, withdraw, export."""

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from bot.core.commands import LEERMOMENT
from bot.core.content import Catalogue, Messages
from bot.core.drafts import Draft
from bot.core.flows.base import Flow, Request, excerpt, number_and_argument, number_in
from bot.core.flows.moderation import ModerationFlow
from bot.core.flows.privacy import PrivacyFlow
from bot.core.model import Ask, Button, Reply, UserError
from bot.core.privacy import Screened
from bot.core.stories import ECHO_LENGTH, MAX_LENGTH, Stories, clean_text
from storage import Store


class StoryFlow(Flow):
    def __init__(self, store: Store, messages: Messages, catalogue: Catalogue,
                 clock: Callable[[], datetime], stories: Stories, privacy: PrivacyFlow,
                 moderation: ModerationFlow) -> None:
        super().__init__(store, messages, catalogue, clock)
        self.stories = stories
        self.privacy = privacy
        self.moderation = moderation
        privacy.on_decided("new", self._store_new)
        privacy.on_decided("edit", self._store_edit)

    # Sharing -----------------------------------------------------------------------------

    def share(self, request: Request) -> list[Reply]:
        """/verhaal: with text, screen and store it; without, ask for the story.
        /verhaal leermoment: the same, for a story about what did not work."""
        assert request.command is not None
        text = request.command.value
        leermoment = request.command.sub == LEERMOMENT
        if text is None and leermoment:
            return [Reply(self.say(request.language, "story.ask_leermoment"), language=request.language,
                          ask=self.leermoment_question(request))]
        if text is None:
            return [Reply(self.say(request.language, "story.ask"), language=request.language,
                          ask=self.story_question(request))]
        try:
            return self.privacy.screen(request, text, "new", leermoment=leermoment)
        except UserError as error:
            if error.key != "story.too_long":
                raise
            # A chat keeps nothing of a refused command: give the text back, to shorten, as much
            # of it as an author can use.
            cleaned = clean_text(text)
            key = "story.your_text" if len(cleaned) <= ECHO_LENGTH else "story.your_text_start"
            return [Reply(self.say(request.language, error.key, **error.fields) + "\n\n"
                          + self.say(request.language, key, text=cleaned[:ECHO_LENGTH], shown=ECHO_LENGTH),
                          language=request.language)]

    def story_question(self, request: Request, initial: str = "") -> Ask:
        """A new story; where the platform has a form, with its principle and anonymity."""
        language = request.language
        principles = tuple((p.id, f"{p.label[language]}: {p.text[language]}")
                           for p in self.catalogue.in_sets(request.team.sets))
        return Ask("story.new", "", self.say(language, "button.send"),
                   self.say(language, "story.ask_prompt"), MAX_LENGTH, initial, principles)

    def leermoment_question(self, request: Request) -> Ask:
        """A leermoment: a plain question (its kind is in the value, which every platform's form
        keeps); principle and anonymity are chosen with the buttons once it is saved."""
        language = request.language
        return Ask("story.new", "::1", self.say(language, "button.send"),
                   self.say(language, "story.ask_leermoment_prompt"), MAX_LENGTH)

    def new_from_form(self, request: Request) -> list[Reply]:
        """A story from a form; the value may carry
        '<principle id>:<1 if anonymous>:<1 if a leermoment>'."""
        principle_id, _, flags = request.value.partition(":")
        anonymous, _, leermoment = flags.partition(":")
        if principle_id:
            self.stories.principle(principle_id)
        return self.privacy.screen(request, request.text or "", "new",
                                   principle_id=principle_id or None, anonymous=anonymous == "1",
                                   leermoment=leermoment == "1")

    def _store_new(self, request: Request, draft: Draft, screened: Screened) -> list[Reply]:
        story, _ = self.stories.submit(request.team, request.caller, screened, draft.source_key,
                                       principle_id=draft.principle_id, anonymous=draft.anonymous,
                                       leermoment=draft.leermoment)
        language = request.language
        key = "story.saved_pending" if story["status"] == "pending" else "story.saved_approved"
        text = self.say(language, key, story_id=story["id"],
                        principle=self.principle_line(language, story["principle_id"]))
        if story["leermoment"]:
            text += "\n" + self.say(language, "story.saved_leermoment")
        saved = Reply(text, language=language, buttons=self._author_buttons(language, story),
                      team_id=request.team.id)
        return [saved, *self.moderation.waiting_notices(request.team, story)]

    def _store_edit(self, request: Request, draft: Draft, screened: Screened) -> list[Reply]:
        assert draft.story_id is not None
        story = self.stories.edit(request.team, request.caller, draft.story_id, screened)
        return [self.reply(request, "story.edited", story_id=story["id"])]

    # The author's buttons ----------------------------------------------------------------

    def _author_buttons(self, language: str, story: dict) -> tuple[Button, ...]:
        sid = story["id"]
        anonymous, consent = bool(story["anonymous"]), bool(story["consent"])
        leermoment = bool(story["leermoment"])
        return (
            Button(self.say(language, "button.other_principle"), "story.principles", str(sid)),
            Button(self.say(language, "button.named" if anonymous else "button.anonymous"),
                   "story.anonymous", f"{sid}:{int(not anonymous)}"),
            Button(self.say(language, "button.no_consent" if consent else "button.consent"),
                   "story.consent", f"{sid}:{int(not consent)}"),
            Button(self.say(language, "button.no_leermoment" if leermoment else "button.leermoment"),
                   "story.leermoment", f"{sid}:{int(not leermoment)}"),
        )

    def choose_principle(self, request: Request) -> list[Reply]:
        story = self.stories.own(request.team, request.caller, number_in(request.value))
        return [self.reply(request, "story.choose_principle", story_id=story["id"],
                           buttons=self.principle_buttons(request.team, "story.tag", story["id"]))]

    def tag(self, request: Request) -> list[Reply]:
        story_id, principle_id = number_and_argument(request.value)
        story = self.stories.set_principle(request.team, request.caller, story_id, principle_id or None)
        return [self.reply(request, "story.tagged", story_id=story_id,
                           principle=self.principle_line(request.language, story["principle_id"]),
                           buttons=self._author_buttons(request.language, story))]

    def set_anonymous(self, request: Request) -> list[Reply]:
        return self._switch(request, self.stories.set_anonymous, "anonymous",
                            "story.now_anonymous", "story.now_named")

    def set_consent(self, request: Request) -> list[Reply]:
        return self._switch(request, self.stories.set_consent, "consent",
                            "story.now_consent", "story.now_no_consent")

    def set_leermoment(self, request: Request) -> list[Reply]:
        return self._switch(request, self.stories.set_leermoment, "leermoment",
                            "story.now_leermoment", "story.now_no_leermoment")

    def _switch(self, request: Request, change: Callable[..., dict], field: str, on_key: str,
                off_key: str) -> list[Reply]:
        """Turn one of the author's yes/no choices on or off; the value is '<story>:<1 or 0>'."""
        story_id, flag = number_and_argument(request.value)
        story = change(request.team, request.caller, story_id, flag == "1")
        return [self.reply(request, on_key if story[field] else off_key, story_id=story_id,
                           buttons=self._author_buttons(request.language, story))]

    # /mijnverhalen -----------------------------------------------------------------------

    def mine(self, request: Request) -> list[Reply]:
        """/mijnverhalen: the list; with a word and a number, what a button under a story does
        ('/mijnverhalen anoniem 12', 'delen weg 12', 'principe 12', …)."""
        assert request.command is not None
        if request.command.sub is None:
            return self.list_mine(request)
        on, story_id = request.command.value
        switched = replace(request, value=f"{story_id}:{int(on)}")
        plain = replace(request, value=str(story_id))
        if request.command.sub == "anoniem":
            return self.set_anonymous(switched)
        if request.command.sub == "delen":
            return self.set_consent(switched)
        if request.command.sub == "leermoment":
            return self.set_leermoment(switched)
        if request.command.sub == "principe":
            return self.choose_principle(plain)
        if request.command.sub == "aanpassen":
            return [Reply("", language=request.language, ask=self.edit_question(plain))]
        return self.withdraw(plain)

    def list_mine(self, request: Request) -> list[Reply]:
        language = request.language
        stories = self.stories.mine(request.team, request.caller)
        if not stories:
            return [self.reply(request, "mine.empty")]
        replies = [self.reply(request, "mine.header", count=len(stories),
                              buttons=(Button(self.say(language, "button.export"), "story.export"),))]
        for story in stories:
            text = self.say(language, "mine.item", story_id=story["id"],
                            status=self._status(language, story),
                            principle=self.principle_line(language, story["principle_id"]),
                            text=excerpt(story["text"]) or "—")
            if story["status"] != "withdrawn":
                text += "\n" + self.say(
                    language, "mine.choices",
                    anonymous=self.say(language, "mine.anonymous" if story["anonymous"] else "mine.named"),
                    consent=self.say(language, "mine.consent" if story["consent"] else "mine.no_consent"))
            if story["status"] == "rejected" and story["reject_reason"]:
                text += "\n" + self.say(language, "mine.reason", reason=story["reject_reason"])
            buttons = []
            if story["status"] in ("pending", "approved"):
                # Everything the first reply to /verhaal offers, also once that reply is gone.
                buttons += self._author_buttons(language, story)
            if story["status"] == "pending":
                buttons.append(Button(self.say(language, "button.edit"), "story.edit", str(story["id"])))
            if story["status"] != "withdrawn":
                buttons.append(Button(self.say(language, "button.withdraw"), "story.withdraw",
                                      str(story["id"])))
            replies.append(Reply(text, language=language, buttons=buttons))
        return replies

    def _status(self, language: str, story: dict) -> str:
        """'goedgekeurd', or 'goedgekeurd · uitgelicht · leermoment' for a featured leermoment."""
        status = self.status_word(language, story["status"])
        if story["featured"]:
            status += " · " + self.say(language, "story.featured_mark")
        if story["leermoment"]:
            status += " · " + self.say(language, "story.leermoment_mark")
        return status

    def edit_question(self, request: Request) -> Ask:
        """The author's pending story, to edit: the form starts from its current text."""
        story = self.stories.editable(request.team, request.caller, number_in(request.value))
        return Ask("story.edit", request.value, self.say(request.language, "button.edit"),
                   self.say(request.language, "story.edit_prompt"), MAX_LENGTH, story["text"] or "")

    def edit(self, request: Request) -> list[Reply]:
        story = self.stories.editable(request.team, request.caller, number_in(request.value))
        return self.privacy.screen(request, request.text or "", "edit", story_id=story["id"])

    def withdraw(self, request: Request) -> list[Reply]:
        story = self.stories.own(request.team, request.caller, number_in(request.value))
        language = request.language
        return [self.reply(request, "story.withdraw_confirm", story_id=story["id"],
                           buttons=(Button(self.say(language, "button.withdraw_yes"),
                                           "story.withdraw_confirm", str(story["id"])),))]

    def withdraw_confirmed(self, request: Request) -> list[Reply]:
        story_id = number_in(request.value)
        self.stories.withdraw(request.team, request.caller, story_id)
        return [self.reply(request, "story.withdrawn_done", story_id=story_id)]

    def export(self, request: Request) -> list[Reply]:
        language, team, caller = request.language, request.team, request.caller
        readable = [self.say(language, "mine.export_header", team=team.label)]
        for story in self.stories.mine(team, caller):
            readable.append(self.say(
                language, "mine.export_item", story_id=story["id"], created=story["created_at"][:10],
                status=self._status(language, story),
                principle=self.principle_line(language, story["principle_id"]),
                text=story["text"] or self.say(language, "mine.text_deleted")))
        return [Reply("\n\n".join(readable), language=language),
                self.reply(request, "mine.export", export=self.stories.export_mine(team, caller))]
