"""Curation by a team's moderators: /moderatie and its buttons, and the note that a story waits."""

from collections.abc import Callable
from datetime import datetime, timedelta

from bot.core.content import Catalogue, Messages
from bot.core.drafts import Draft
from bot.core.flows.base import Flow, Request, number_and_argument, number_in
from bot.core.flows.privacy import PrivacyFlow
from bot.core.model import Ask, Button, Reply
from bot.core.moderation import MAX_REASON_LENGTH, Moderation, checked_reason
from bot.core.privacy import NAMES_KEPT, Screened
from bot.core.stories import MAX_LENGTH
from storage import Store, Team

# Stories shown per /moderatie: a long queue comes in pages, one message per story.
QUEUE_PAGE = 10
REMINDER_INTERVAL = timedelta(hours=1)


class ModerationFlow(Flow):
    def __init__(self, store: Store, messages: Messages, catalogue: Catalogue,
                 clock: Callable[[], datetime], moderation: Moderation, privacy: PrivacyFlow) -> None:
        super().__init__(store, messages, catalogue, clock)
        self.moderation = moderation
        self.privacy = privacy
        privacy.on_decided("redact", self._store_redaction)
        # A reason is sent on to the author and stored: it is checked like a story.
        privacy.on_decided("reason", self._store_rejection, check=checked_reason,
                           max_length=MAX_REASON_LENGTH, texts="reason_")

    def command(self, request: Request) -> list[Reply]:
        """/moderatie: the queue; /moderatie signaal [weg] <nr>: (un)tag a signal for policy."""
        assert request.command is not None
        if request.command.sub == "signaal":
            on, story_id = request.command.value
            return self._signal(request, story_id, on)
        return self.queue(request)

    def queue(self, request: Request) -> list[Reply]:
        language = request.language
        pending = self.moderation.queue(request.team, request.caller)
        if not pending:
            return [self.reply(request, "queue.empty")]
        replies = [self.reply(request, "queue.header", count=len(pending))]
        for story in pending[:QUEUE_PAGE]:
            author = story["author_name"] + (
                " " + self.say(language, "queue.anonymous") if story["anonymous"] else "")
            text = self.say(language, "queue.item", story_id=story["id"], author=author,
                            principle=self.principle_line(language, story["principle_id"]),
                            text=story["text"])
            if story["leermoment"]:
                text += "\n" + self.say(language, "queue.leermoment")
            if story["signal"]:
                text += "\n" + self.say(language, "queue.signal")
            if story["privacy_flags"] == NAMES_KEPT:
                text += "\n" + self.say(language, "queue.privacy_kept")
            elif story["privacy_flags"]:
                text += "\n" + self.say(language, "queue.privacy_masked",
                                        kinds=self.kind_words(language, story["privacy_flags"].split(",")))
            sid = str(story["id"])
            replies.append(Reply(text, language=language, buttons=(
                Button(self.say(language, "button.approve"), "mod.approve", sid),
                Button(self.say(language, "button.reject"), "mod.reject", sid),
                Button(self.say(language, "button.feature"), "mod.feature", sid),
                Button(self.say(language, "button.retag"), "mod.principles", sid),
                Button(self.say(language, "button.redact"), "mod.redact", sid),
                self._signal_button(language, story),
            )))
        if len(pending) > QUEUE_PAGE:
            replies.append(self.reply(request, "queue.more", count=len(pending) - QUEUE_PAGE))
        return replies

    def waiting_notices(self, team: Team, story: dict) -> list[Reply]:
        """A private note to the moderators that a story waits: at most one an hour per team."""
        if story["status"] != "pending":
            return []
        moderators = [m for m in self.store.moderators(team.id) if m != story["author_id"]]
        last_allowed = self.store.timestamp(self.clock() - REMINDER_INTERVAL)
        if not moderators or not self.store.claim_reminder(team.id, last_allowed):
            return []
        text = self.say(team.language, "moderation.waiting", story_id=story["id"])
        return [Reply(text, language=team.language, audience="member", member_id=moderator,
                      team_id=team.id)
                for moderator in moderators]

    def _tell_author(self, team: Team, story: dict, key: str, **fields: object) -> list[Reply]:
        if story["author_id"] == story["decided_by"]:
            return []
        return [Reply(self.say(team.language, key, story_id=story["id"], **fields),
                      language=team.language, audience="member", member_id=story["author_id"],
                      team_id=team.id)]

    def approve(self, request: Request) -> list[Reply]:
        story = self.moderation.approve(request.team, request.caller, number_in(request.value))
        return [self.reply(request, "moderation.approved", story_id=story["id"]),
                *self._tell_author(request.team, story, "author.approved")]

    def reason_question(self, request: Request) -> Ask:
        story = self.moderation.story(request.team, request.caller, number_in(request.value))
        return Ask("mod.reject", str(story["id"]), self.say(request.language, "button.reject"),
                   self.say(request.language, "moderation.reason_prompt"), MAX_REASON_LENGTH)

    def reject(self, request: Request) -> list[Reply]:
        story = self.moderation.story(request.team, request.caller, number_in(request.value))
        return self.privacy.screen(request, request.text or "", "reason", story_id=story["id"])

    def _store_rejection(self, request: Request, draft: Draft, screened: Screened) -> list[Reply]:
        assert draft.story_id is not None
        story = self.moderation.reject(request.team, request.caller, draft.story_id, screened.text)
        return [self.reply(request, "moderation.rejected", story_id=story["id"]),
                *self._tell_author(request.team, story, "author.rejected", reason=story["reject_reason"])]

    def feature(self, request: Request) -> list[Reply]:
        story = self.moderation.feature(request.team, request.caller, number_in(request.value))
        return [self.reply(request, "moderation.featured", story_id=story["id"])]

    def choose_principle(self, request: Request) -> list[Reply]:
        story = self.moderation.story(request.team, request.caller, number_in(request.value))
        return [self.reply(request, "story.choose_principle", story_id=story["id"],
                           buttons=self.principle_buttons(request.team, "mod.tag", story["id"]))]

    def tag(self, request: Request) -> list[Reply]:
        story_id, principle_id = number_and_argument(request.value)
        story = self.moderation.retag(request.team, request.caller, story_id, principle_id or None)
        return [self.reply(request, "story.tagged", story_id=story_id,
                           principle=self.principle_line(request.language, story["principle_id"]))]

    def _signal_button(self, language: str, story: dict) -> Button:
        """Tag the story as a signal for policy, or, once it is one, untag it."""
        signal = bool(story["signal"])
        return Button(self.say(language, "button.no_signal" if signal else "button.signal"),
                      "mod.signal", f"{story['id']}:{int(not signal)}")

    def signal(self, request: Request) -> list[Reply]:
        """The button: '<story>:<1 or 0>'."""
        story_id, flag = number_and_argument(request.value)
        return self._signal(request, story_id, flag == "1")

    def _signal(self, request: Request, story_id: int, on: bool) -> list[Reply]:
        language = request.language
        story = self.moderation.set_signal(request.team, request.caller, story_id, on)
        if not story["signal"]:
            text = self.say(language, "moderation.signal_off", story_id=story_id)
        else:
            # Whether it can reach the municipality: only with the author's consent.
            shared = "moderation.signal_shared" if story["consent"] else "moderation.signal_private"
            text = (self.say(language, "moderation.signal_on", story_id=story_id) + "\n"
                    + self.say(language, shared))
        return [Reply(text, language=language, team_id=request.team.id,
                      buttons=(self._signal_button(language, story),))]

    def redact_question(self, request: Request) -> Ask:
        """The story to correct: the form starts from its current text."""
        story = self.moderation.story(request.team, request.caller, number_in(request.value))
        return Ask("mod.redact", str(story["id"]), self.say(request.language, "button.redact"),
                   self.say(request.language, "moderation.redact_prompt"), MAX_LENGTH,
                   story["text"] or "")

    def redact(self, request: Request) -> list[Reply]:
        story = self.moderation.story(request.team, request.caller, number_in(request.value))
        return self.privacy.screen(request, request.text or "", "redact", story_id=story["id"])

    def _store_redaction(self, request: Request, draft: Draft, screened: Screened) -> list[Reply]:
        assert draft.story_id is not None
        story = self.moderation.redact(request.team, request.caller, draft.story_id, screened)
        return [self.reply(request, "moderation.redacted", story_id=story["id"])]
