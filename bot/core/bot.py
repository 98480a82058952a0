"""The platform-neutral bot: commands and button actions in, replies out.

Adapters call `handle_command` and `handle_action` with a `Caller` and deliver the `Reply`
objects they get back; the scheduler calls `due_posts`. Nothing here knows a chat platform.
"""

import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta

from bot.core import schedule
from bot.core.commands import Command, parse
from bot.core.content import Content
from bot.core.digest import Digest, DigestCompiler, render_markdown
from bot.core.drafts import Draft, Drafts
from bot.core.model import Button, Caller, Reply, UserError
from bot.core.moderation import Moderation, checked_reason
from bot.core.privacy import PrivacyGuard, Screened, kinds_of, mask
from bot.core.rotation import Rotation
from bot.core.stories import Stories, checked_text, clean_text
from bot.core.suggest import Suggester
from storage import Store

log = logging.getLogger(__name__)

DEFAULT_TEAM = {
    "mantra_time": "09:00",
    "mantra_days": "ma,di,wo,do,vr",
    "digest_day": "vr",
    "digest_time": "15:00",
    "timezone": "Europe/Amsterdam",
    "sets": "werkprincipes",
    "language": "nl",
    "moderation": 1,
    "paused": 0,
}
CATCH_UP = timedelta(hours=3)
# A failed post is tried again after 30 s, then after twice as long each time, at most 30 minutes.
RETRY_FIRST = timedelta(seconds=30)
RETRY_LONGEST = timedelta(minutes=30)
REJECTED_TEXT_DAYS = timedelta(days=30)
REMINDER_INTERVAL = timedelta(hours=1)
# Stories shown per /moderatie: a long queue comes in pages, one message per story.
QUEUE_PAGE = 10
EXCERPT_LENGTH = 160


def retry_delay(attempts: int) -> timedelta:
    """How long after the start of its last attempt a post that failed `attempts` times waits."""
    return min(RETRY_FIRST * 2 ** max(attempts - 1, 0), RETRY_LONGEST)


def excerpt(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= EXCERPT_LENGTH else text[: EXCERPT_LENGTH - 1] + "…"


class WerkBot:
    def __init__(self, store: Store, content: Content, guard: PrivacyGuard,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.store = store
        self.guard = guard
        self.drafts = Drafts()
        self.content = content
        self.messages = content.messages
        self.catalogue = content.catalogue
        self.clock = clock or store.clock
        self.rotation = Rotation(store, self.catalogue)
        self.stories = Stories(store, self.catalogue, Suggester())
        self.moderation = Moderation(store, self.stories)
        self.digests = DigestCompiler(store, self.catalogue)

    # Helpers -----------------------------------------------------------------------------

    def say(self, language: str, key: str, /, **fields: object) -> str:
        return self.messages.render(language, key, **fields)

    def language_of(self, caller: Caller) -> str:
        """The caller's team language; Dutch where there is no team yet."""
        team = self.store.find_team(caller.team_id)
        return team["language"] if team else "nl"

    def _team(self, caller: Caller) -> dict:
        team = self.store.find_team(caller.team_id)
        if team is None:
            raise UserError("team.not_registered")
        return team

    def _principle_line(self, language: str, principle_id: str | None) -> str:
        principle = self.catalogue.principle(principle_id or "")
        if principle is None:
            return self.say(language, "story.no_principle")
        return f"{principle.id}: {principle.text[language]}"

    def _status_word(self, language: str, status: str) -> str:
        return self.say(language, f"status.{status}")

    # Entry points ------------------------------------------------------------------------

    def handle_command(self, caller: Caller, line: str, source_key: str) -> list[Reply]:
        """Run one command line; bad input gives a usage message and changes nothing."""
        language = self.language_of(caller)
        try:
            command = parse(line, frozenset(self.catalogue.sets))
            if command.name == "werkbot" and command.sub in ("start", "help"):
                return self._werkbot(caller, None, command)
            team = self._team(caller)
            handler = {
                "mantra": self._mantra,
                "verhaal": lambda c, t, cmd: self._story(c, t, cmd, source_key),
                "mijnverhalen": self._my_stories,
                "moderatie": self._queue,
                "digest": self._digest_preview,
                "werkbot": self._werkbot,
            }[command.name]
            return handler(caller, team, command)
        except UserError as error:
            return [Reply(self.say(language, error.key, **error.fields))]
        except Exception:
            # The command line may hold a story: log where it failed, never what was typed.
            log.exception("command failed for team %s", caller.team_id)
            return [Reply(self.say(language, "error.unexpected"))]

    def handle_action(self, caller: Caller, action: str, value: str,
                      text: str | None = None, source_key: str = "") -> list[Reply]:
        """Run a button's action. Values come from the platform: they are checked again here."""
        language = self.language_of(caller)
        try:
            team = self._team(caller)
            handler = self._actions().get(action)
            if handler is None:
                raise UserError("action.unknown")
            return handler(caller, team, value, text, source_key)
        except UserError as error:
            return [Reply(self.say(language, error.key, **error.fields))]
        except ValueError:
            return [Reply(self.say(language, "action.unknown"))]
        except Exception:
            log.exception("action %s failed for team %s", action, caller.team_id)
            return [Reply(self.say(language, "error.unexpected"))]

    def _actions(self) -> dict[str, Callable[..., list[Reply]]]:
        return {
            "story.new": self._act_new_story,
            "story.principles": self._act_story_principles,
            "story.tag": self._act_story_tag,
            "story.anonymous": self._act_story_anonymous,
            "story.consent": self._act_story_consent,
            "story.edit": self._act_story_edit,
            "story.withdraw": self._act_story_withdraw,
            "story.withdraw_confirm": self._act_story_withdraw_confirm,
            "story.export": self._act_story_export,
            "mod.approve": self._act_approve,
            "mod.reject": self._act_reject,
            "mod.feature": self._act_feature,
            "mod.principles": self._act_mod_principles,
            "mod.tag": self._act_mod_tag,
            "mod.redact": self._act_redact,
            "digest.post": self._act_post_digest,
            "draft.mask": self._act_draft_mask,
            "draft.keep": self._act_draft_keep,
            "draft.edit": self._act_draft_edit,
        }

    # /mantra -----------------------------------------------------------------------------

    def mantra_text(self, team: dict, day: date) -> str:
        principle = self.rotation.principle_for(team, day)
        language = team["language"]
        questions = principle.questions[language]
        question = questions[day.toordinal() % len(questions)]
        return self.say(language, "mantra.text", principle_id=principle.id,
                        principle=principle.text[language], question=question)

    def _mantra(self, caller: Caller, team: dict, command: Command) -> list[Reply]:
        today = schedule.local_now(team, self.clock()).date()
        return [Reply(self.mantra_text(team, today))]

    # /verhaal ----------------------------------------------------------------------------

    def _story(self, caller: Caller, team: dict, command: Command, source_key: str) -> list[Reply]:
        language = team["language"]
        if command.value is None:
            return [Reply(self.say(language, "story.ask"),
                          ask=Button(self.say(language, "button.send"), "story.new",
                                     ask=self.say(language, "story.ask_prompt")))]
        try:
            return self._screen(caller, team, command.value, "new", source_key=source_key)
        except UserError as error:
            if error.key != "story.too_long":
                raise
            # A chat keeps nothing of a refused command: give the text back, to shorten.
            return [Reply(self.say(language, error.key, **error.fields) + "\n\n"
                          + self.say(language, "story.your_text", text=clean_text(command.value)))]

    def _act_new_story(self, caller: Caller, team: dict, value: str, text: str | None,
                       source_key: str) -> list[Reply]:
        """A story from a form; value may carry '<principle id>:<1 if anonymous>'."""
        principle_id, _, anonymous = value.partition(":")
        if principle_id:
            self.stories.principle(principle_id)
        return self._screen(caller, team, text or "", "new", source_key=source_key,
                            principle_id=principle_id or None, anonymous=anonymous == "1")

    # Privacy: every story text passes the guard before anything is stored ----------------

    def carries_story(self, line: str | None = None, action: str | None = None) -> bool:
        """Whether this input holds story text (and so needs the privacy guard loaded)."""
        if action is not None:
            return action in ("story.new", "story.edit", "mod.redact", "draft.edit")
        return bool(line) and line.split(maxsplit=1)[0].lower() == "/verhaal" and len(line.split()) > 1

    def text_to_edit(self, caller: Caller, action: str, value: str) -> str:
        """The text an edit form starts with, so nobody retypes a story to change a few words:
        the caller's own pending story, a story of a team they moderate, or their own privacy
        draft (which then sits in the platform's form, never in our database). Empty otherwise."""
        try:
            if action == "story.edit":
                return self.stories.editable(caller, int(value))["text"] or ""
            if action == "mod.redact":
                return self.moderation.story(caller, int(value))["text"] or ""
            if action == "draft.edit":
                return self.drafts.get(caller, value).text
        except (UserError, ValueError):
            pass
        return ""

    def form_text_problem(self, caller: Caller, action: str, text: str) -> str | None:
        """What is wrong with the text of a form for `action` (a story's length, a rejection
        reason), for platforms whose forms can say so in place and keep the text; None if fine."""
        check = (checked_text if self.carries_story(action=action)
                 else checked_reason if action == "mod.reject" else None)
        try:
            if check is not None:
                check(text)
        except UserError as error:
            return self.say(self.language_of(caller), error.key, **error.fields)
        return None

    def _screen(self, caller: Caller, team: dict, text: str, purpose: str, source_key: str = "",
                story_id: int | None = None, principle_id: str | None = None,
                anonymous: bool = False) -> list[Reply]:
        """Store the text if it is clean; otherwise keep it in memory and ask the author."""
        cleaned = checked_text(text)
        findings = self.guard.scan(cleaned)
        draft = self.drafts.add(caller, cleaned, findings, purpose, source_key, story_id,
                                principle_id, anonymous)
        if not findings:
            return self._store_draft(caller, team, draft, Screened(cleaned))
        language = team["language"]
        kinds = kinds_of(findings)
        buttons = [
            Button(self.say(language, "button.store_masked"), "draft.mask", draft.id),
            Button(self.say(language, "button.edit_story"), "draft.edit", draft.id,
                   ask=self.say(language, "privacy.edit_prompt")),
        ]
        if kinds == ["naam"]:
            buttons.append(Button(self.say(language, "button.keep_names"), "draft.keep", draft.id))
        key = "privacy.found_names" if kinds == ["naam"] else "privacy.found"
        return [Reply(self.say(language, key, kinds=", ".join(kinds),
                               masked=mask(cleaned, findings)), buttons=buttons)]

    def _store_draft(self, caller: Caller, team: dict, draft: Draft, screened: Screened) -> list[Reply]:
        """Store what the author decided, then forget the draft."""
        language = team["language"]
        if draft.purpose == "edit" and draft.story_id is not None:
            story = self.stories.edit(caller, draft.story_id, screened)
            replies = [Reply(self.say(language, "story.edited", story_id=story["id"]))]
        elif draft.purpose == "redact" and draft.story_id is not None:
            story = self.moderation.redact(caller, draft.story_id, screened)
            replies = [Reply(self.say(language, "moderation.redacted", story_id=story["id"]))]
        else:
            story, _ = self.stories.submit(team, caller, screened, draft.source_key,
                                           principle_id=draft.principle_id, anonymous=draft.anonymous)
            replies = [self._story_saved(team, story), *self._notify_moderators(team, story)]
        self.drafts.drop(draft.id)
        return replies

    def _act_draft_mask(self, caller: Caller, team: dict, value: str, *_: object) -> list[Reply]:
        draft = self.drafts.get(caller, value)
        masked = Screened(mask(draft.text, draft.findings), ",".join(kinds_of(draft.findings)))
        return self._store_draft(caller, team, draft, masked)

    def _act_draft_keep(self, caller: Caller, team: dict, value: str, *_: object) -> list[Reply]:
        draft = self.drafts.get(caller, value)
        if kinds_of(draft.findings) != ["naam"]:
            raise UserError("privacy.keep_not_allowed")
        return self._store_draft(caller, team, draft, Screened(draft.text, "naam"))

    def _act_draft_edit(self, caller: Caller, team: dict, value: str, text: str | None,
                        *_: object) -> list[Reply]:
        draft = self.drafts.get(caller, value)
        replies = self._screen(caller, team, text or "", draft.purpose, draft.source_key,
                               draft.story_id, draft.principle_id, draft.anonymous)
        self.drafts.drop(draft.id)
        return replies

    def _story_saved(self, team: dict, story: dict) -> Reply:
        language = team["language"]
        key = "story.saved_pending" if story["status"] == "pending" else "story.saved_approved"
        text = self.say(language, key, story_id=story["id"],
                        principle=self._principle_line(language, story["principle_id"]))
        return Reply(text, buttons=self._author_buttons(language, story))

    def _author_buttons(self, language: str, story: dict) -> list[Button]:
        sid = story["id"]
        anonymous, consent = bool(story["anonymous"]), bool(story["consent"])
        return [
            Button(self.say(language, "button.other_principle"), "story.principles", str(sid)),
            Button(self.say(language, "button.named" if anonymous else "button.anonymous"),
                   "story.anonymous", f"{sid}:{int(not anonymous)}"),
            Button(self.say(language, "button.no_consent" if consent else "button.consent"),
                   "story.consent", f"{sid}:{int(not consent)}"),
        ]

    def _notify_moderators(self, team: dict, story: dict) -> list[Reply]:
        """A private note to the moderators that a story waits: at most one an hour per team."""
        if story["status"] != "pending":
            return []
        moderators = [m for m in self.store.moderators(team["id"]) if m != story["author_id"]]
        last_allowed = self.store.timestamp(self.clock() - REMINDER_INTERVAL)
        if not moderators or not self.store.claim_reminder(team["id"], last_allowed):
            return []
        return [Reply(self.say(team["language"], "moderation.waiting", story_id=story["id"]),
                      audience="user", user_id=moderator, team_id=team["id"])
                for moderator in moderators]

    def _principle_buttons(self, team: dict, action: str, story_id: int) -> list[Button]:
        language = team["language"]
        enabled = self.catalogue.in_sets(team["sets"].split(","))
        # The principle's words on the button: an id alone means nothing to most of the team.
        buttons = [Button(f"{p.id}: {p.text[language]}", action, f"{story_id}:{p.id}") for p in enabled]
        buttons.append(Button(self.say(language, "button.no_principle"), action, f"{story_id}:"))
        return buttons

    @staticmethod
    def _story_and_arg(value: str) -> tuple[int, str]:
        story_id, _, arg = value.partition(":")
        return int(story_id), arg

    def _act_story_principles(self, caller: Caller, team: dict, value: str, *_: object) -> list[Reply]:
        story = self.stories.own(caller, int(value))
        return [Reply(self.say(team["language"], "story.choose_principle", story_id=story["id"]),
                      buttons=self._principle_buttons(team, "story.tag", story["id"]))]

    def _act_story_tag(self, caller: Caller, team: dict, value: str, *_: object) -> list[Reply]:
        story_id, principle_id = self._story_and_arg(value)
        story = self.stories.set_principle(caller, story_id, principle_id or None)
        language = team["language"]
        return [Reply(self.say(language, "story.tagged", story_id=story_id,
                               principle=self._principle_line(language, story["principle_id"])),
                      buttons=self._author_buttons(language, story))]

    def _act_story_anonymous(self, caller: Caller, team: dict, value: str, *_: object) -> list[Reply]:
        story_id, flag = self._story_and_arg(value)
        story = self.stories.set_anonymous(caller, story_id, flag == "1")
        key = "story.now_anonymous" if story["anonymous"] else "story.now_named"
        return [Reply(self.say(team["language"], key, story_id=story_id),
                      buttons=self._author_buttons(team["language"], story))]

    def _act_story_consent(self, caller: Caller, team: dict, value: str, *_: object) -> list[Reply]:
        story_id, flag = self._story_and_arg(value)
        story = self.stories.set_consent(caller, story_id, flag == "1")
        key = "story.now_consent" if story["consent"] else "story.now_no_consent"
        return [Reply(self.say(team["language"], key, story_id=story_id),
                      buttons=self._author_buttons(team["language"], story))]

    # /mijnverhalen -----------------------------------------------------------------------

    def _my_stories(self, caller: Caller, team: dict, command: Command) -> list[Reply]:
        language = team["language"]
        stories = self.stories.mine(caller)
        if not stories:
            return [Reply(self.say(language, "mine.empty"))]
        replies = [Reply(self.say(language, "mine.header", count=len(stories)),
                         buttons=[Button(self.say(language, "button.export"), "story.export")])]
        for story in stories:
            text = self.say(language, "mine.item", story_id=story["id"],
                            status=self._status_word(language, story["status"]),
                            principle=self._principle_line(language, story["principle_id"]),
                            text=excerpt(story["text"]) or "—")
            if story["status"] == "rejected" and story["reject_reason"]:
                text += "\n" + self.say(language, "mine.reason", reason=story["reject_reason"])
            buttons = []
            if story["status"] == "pending":
                buttons.append(Button(self.say(language, "button.edit"), "story.edit",
                                      str(story["id"]), ask=self.say(language, "story.edit_prompt")))
            if story["status"] != "withdrawn":
                buttons.append(Button(self.say(language, "button.withdraw"), "story.withdraw",
                                      str(story["id"])))
            replies.append(Reply(text, buttons=buttons))
        return replies

    def _act_story_edit(self, caller: Caller, team: dict, value: str, text: str | None,
                        *_: object) -> list[Reply]:
        story = self.stories.editable(caller, int(value))
        return self._screen(caller, team, text or "", "edit", story_id=story["id"])

    def _act_story_withdraw(self, caller: Caller, team: dict, value: str, *_: object) -> list[Reply]:
        story = self.stories.own(caller, int(value))
        language = team["language"]
        return [Reply(self.say(language, "story.withdraw_confirm", story_id=story["id"]),
                      buttons=[Button(self.say(language, "button.withdraw_yes"),
                                      "story.withdraw_confirm", str(story["id"]))])]

    def _act_story_withdraw_confirm(self, caller: Caller, team: dict, value: str,
                                    *_: object) -> list[Reply]:
        self.stories.withdraw(caller, int(value))
        return [Reply(self.say(team["language"], "story.withdrawn_done", story_id=int(value)))]

    def _act_story_export(self, caller: Caller, team: dict, *_: object) -> list[Reply]:
        language = team["language"]
        readable = [self.say(language, "mine.export_header", team=team["name"] or team["id"])]
        for story in self.stories.mine(caller):
            readable.append(self.say(
                language, "mine.export_item", story_id=story["id"], created=story["created_at"][:10],
                status=self._status_word(language, story["status"]),
                principle=self._principle_line(language, story["principle_id"]),
                text=story["text"] or self.say(language, "mine.text_deleted")))
        return [Reply("\n\n".join(readable)),
                Reply(self.say(language, "mine.export", export=self.stories.export_mine(caller)))]

    # /moderatie --------------------------------------------------------------------------

    def _queue(self, caller: Caller, team: dict, command: Command) -> list[Reply]:
        language = team["language"]
        pending = self.moderation.queue(caller)
        if not pending:
            return [Reply(self.say(language, "queue.empty"))]
        replies = [Reply(self.say(language, "queue.header", count=len(pending)))]
        for story in pending[:QUEUE_PAGE]:
            author = story["author_name"] + (
                " " + self.say(language, "queue.anonymous") if story["anonymous"] else "")
            text = self.say(language, "queue.item", story_id=story["id"], author=author,
                            principle=self._principle_line(language, story["principle_id"]),
                            text=story["text"])
            if story["privacy_flags"]:
                text += "\n" + self.say(language, "queue.privacy",
                                        kinds=story["privacy_flags"].replace(",", ", "))
            sid = str(story["id"])
            replies.append(Reply(text, buttons=[
                Button(self.say(language, "button.approve"), "mod.approve", sid),
                Button(self.say(language, "button.reject"), "mod.reject", sid,
                       ask=self.say(language, "moderation.reason_prompt")),
                Button(self.say(language, "button.feature"), "mod.feature", sid),
                Button(self.say(language, "button.retag"), "mod.principles", sid),
                Button(self.say(language, "button.redact"), "mod.redact", sid,
                       ask=self.say(language, "moderation.redact_prompt")),
            ]))
        if len(pending) > QUEUE_PAGE:
            replies.append(Reply(self.say(language, "queue.more", count=len(pending) - QUEUE_PAGE)))
        return replies

    def _tell_author(self, team: dict, story: dict, key: str, **fields: object) -> list[Reply]:
        if story["author_id"] == story["decided_by"]:
            return []
        return [Reply(self.say(team["language"], key, story_id=story["id"], **fields),
                      audience="user", user_id=story["author_id"], team_id=team["id"])]

    def _act_approve(self, caller: Caller, team: dict, value: str, *_: object) -> list[Reply]:
        story = self.moderation.approve(caller, int(value))
        return [Reply(self.say(team["language"], "moderation.approved", story_id=story["id"])),
                *self._tell_author(team, story, "author.approved")]

    def _act_reject(self, caller: Caller, team: dict, value: str, text: str | None,
                    *_: object) -> list[Reply]:
        story = self.moderation.reject(caller, int(value), text or "")
        return [Reply(self.say(team["language"], "moderation.rejected", story_id=story["id"])),
                *self._tell_author(team, story, "author.rejected", reason=story["reject_reason"])]

    def _act_feature(self, caller: Caller, team: dict, value: str, *_: object) -> list[Reply]:
        story = self.moderation.feature(caller, team, int(value))
        return [Reply(self.say(team["language"], "moderation.featured", story_id=story["id"]))]

    def _act_mod_principles(self, caller: Caller, team: dict, value: str, *_: object) -> list[Reply]:
        self.moderation.require_moderator(caller)
        story_id = int(value)
        return [Reply(self.say(team["language"], "story.choose_principle", story_id=story_id),
                      buttons=self._principle_buttons(team, "mod.tag", story_id))]

    def _act_mod_tag(self, caller: Caller, team: dict, value: str, *_: object) -> list[Reply]:
        story_id, principle_id = self._story_and_arg(value)
        story = self.moderation.retag(caller, story_id, principle_id or None)
        language = team["language"]
        return [Reply(self.say(language, "story.tagged", story_id=story_id,
                               principle=self._principle_line(language, story["principle_id"])))]

    def _act_redact(self, caller: Caller, team: dict, value: str, text: str | None,
                    *_: object) -> list[Reply]:
        story = self.moderation.story(caller, int(value))
        return self._screen(caller, team, text or "", "redact", story_id=story["id"])

    # /digest -----------------------------------------------------------------------------

    def compile_digest(self, team: dict, monday: date | None = None) -> Digest:
        monday = monday or schedule.week_monday(schedule.local_now(team, self.clock()).date())
        return self.digests.compile(team, monday)

    def digest_reply(self, team: dict, digest: Digest) -> Reply:
        return Reply(render_markdown(digest, self.messages), digest=digest, team_id=team["id"])

    def _digest_preview(self, caller: Caller, team: dict, command: Command) -> list[Reply]:
        reply = self.digest_reply(team, self.compile_digest(team))
        if self.moderation.is_moderator(caller):
            reply.buttons = [Button(self.say(team["language"], "button.post_now"), "digest.post")]
        return [reply]

    def _act_post_digest(self, caller: Caller, team: dict, *_: object) -> list[Reply]:
        self.moderation.require_moderator(caller)
        digest = self.compile_digest(team)
        if not self.store.claim_delivery(team["id"], "digest", digest.week):
            raise UserError("digest.already_posted", week=digest.week)
        reply = self.digest_reply(team, digest)
        reply.audience = "channel"
        reply.delivery = (team["id"], "digest", digest.week)
        return [reply]

    # /werkbot ----------------------------------------------------------------------------

    def _werkbot(self, caller: Caller, team: dict | None, command: Command) -> list[Reply]:
        language = team["language"] if team else self.language_of(caller)
        if command.sub == "help":
            return [Reply(self.say(language, "help.text"))]
        if command.sub == "start":
            return self._start(caller)
        assert team is not None
        if command.sub == "status":
            return [Reply(self.status_text(team))]
        self.moderation.require_moderator(caller)
        sub, value = command.sub, command.value
        if sub == "stop":
            self.store.update_team(team["id"], paused=1)
            return [Reply(self.say(language, "settings.paused"))]
        if sub == "moderator":
            operation, user_id = value
            if operation == "add":
                self.store.add_moderator(team["id"], user_id, caller.user_id)
                return [Reply(self.say(language, "settings.moderator_added", user=user_id))]
            if user_id not in self.store.moderators(team["id"]):
                raise UserError("settings.not_a_moderator", user=user_id)
            if len(self.store.moderators(team["id"])) == 1:
                raise UserError("settings.last_moderator")
            self.store.remove_moderator(team["id"], user_id, caller.user_id)
            return [Reply(self.say(language, "settings.moderator_removed", user=user_id))]
        changes = {
            "tijd": lambda: {"mantra_time": value},
            "dagen": lambda: {"mantra_days": ",".join(value)},
            "digest": lambda: {"digest_day": value[0], "digest_time": value[1]},
            "sets": lambda: {"sets": ",".join(value)},
            "moderatie": lambda: {"moderation": int(value)},
            "taal": lambda: {"language": value},
            "tijdzone": lambda: {"timezone": value},
            "bewaartermijn": lambda: {"retention_days": value},
        }[sub]()
        self.store.update_team(team["id"], **changes)
        updated = self.store.team(team["id"])
        return [Reply(self.say(updated["language"], "settings.saved") + "\n\n"
                      + self.status_text(updated))]

    def _start(self, caller: Caller) -> list[Reply]:
        existing = self.store.find_team(caller.team_id)
        if existing is not None:
            if existing["paused"]:
                self.moderation.require_moderator(caller)
                self.store.update_team(existing["id"], paused=0)
                return [Reply(self.say(existing["language"], "team.resumed"))]
            return [Reply(self.say(existing["language"], "team.already_registered"))]
        self.register_team(caller.platform, caller.chat_id, caller.user_id, name=caller.chat_name)
        team = self.store.team(caller.team_id)
        return [Reply(self.say(team["language"], "team.registered") + "\n\n" + self.status_text(team))]

    def register_team(self, platform: str, chat_id: str, first_moderator: str,
                      name: str = "") -> None:
        """Register a chat as a team with the default settings."""
        self.store.create_team(
            {"id": Caller(platform, chat_id, first_moderator).team_id, "platform": platform,
             "chat_id": chat_id, "name": name, **DEFAULT_TEAM},
            first_moderator,
        )

    def status_text(self, team: dict) -> str:
        language = team["language"]
        now = self.clock()
        next_mantra = schedule.next_mantra(team, now)
        return self.say(
            language, "settings.status",
            state=self.say(language, "state.paused" if team["paused"] else "state.active"),
            mantra_time=team["mantra_time"],
            days=team["mantra_days"].replace(",", ", "),
            digest_day=team["digest_day"],
            digest_time=team["digest_time"],
            timezone=team["timezone"],
            sets=team["sets"].replace(",", ", "),
            language=team["language"],
            moderation=self.say(language, "state.on" if team["moderation"] else "state.off"),
            moderators=", ".join(self.store.moderators(team["id"])),
            retention=(self.say(language, "state.retention_days", days=team["retention_days"])
                       if team["retention_days"] else self.say(language, "state.retention_off")),
            next_mantra=schedule.describe_slot(next_mantra) if next_mantra else "—",
            next_digest=schedule.describe_slot(schedule.next_digest(team, now)),
            queue=len(self.store.stories_with_status(team["id"], "pending")),
        )

    def home_sections(self, platform: str, chat_prefix: str, user_id: str) -> list[str]:
        """A member's overview of every team of theirs on one workspace: today's principle,
        their stories, and for moderators the queue."""
        sections = []
        for team in self.store.teams():
            if team["platform"] != platform or not team["chat_id"].startswith(chat_prefix):
                continue
            language = team["language"]
            caller = Caller(platform, team["chat_id"], user_id)
            today = schedule.local_now(team, self.clock()).date()
            lines = [self.say(language, "home.team", team=team["name"] or team["chat_id"]),
                     self.mantra_text(team, today)]
            mine = self.stories.mine(caller)
            lines.append(self.say(language, "home.mine", count=len(mine)))
            lines += [self.say(language, "home.story", story_id=story["id"],
                               status=self._status_word(language, story["status"]),
                               text=excerpt(story["text"]) or "—") for story in mine[:10]]
            if self.moderation.is_moderator(caller):
                lines.append(self.say(language, "home.queue",
                                      count=len(self.store.stories_with_status(team["id"], "pending"))))
            sections.append("\n".join(lines))
        return sections or [self.say("nl", "home.no_team")]

    # Scheduled posts ---------------------------------------------------------------------

    def due_posts(self) -> list[Reply]:
        """Claim and return every mantra and digest that is due now, for all active teams.

        A slot counts once it has passed, as long as it is under three hours late and not
        before the team registered; later ones are recorded as skipped. The deliveries
        table's UNIQUE key keeps this exactly-once across restarts and processes.
        """
        now = self.clock()
        replies: list[Reply] = []
        for team in self.store.teams():
            if team["paused"]:
                continue
            try:
                replies += self._due_for_team(team, now)
            except Exception:
                # One team's broken data must not stop another team's posts.
                log.exception("scheduled posts failed for team %s", team["id"])
        return replies

    def _due_for_team(self, team: dict, now: datetime) -> list[Reply]:
        registered = datetime.fromisoformat(team["created_at"])
        today = schedule.local_now(team, now).date()
        replies = []
        monday = schedule.week_monday(today)
        slots = [("digest", schedule.week_key(monday), schedule.digest_slot(team, monday))]
        if schedule.is_mantra_day(team, today):
            slots.insert(0, ("mantra", today.isoformat(), schedule.mantra_slot(team, today)))
        for kind, period, slot in slots:
            if slot > now or slot < registered:
                continue
            late = now - slot >= CATCH_UP
            delivery = self.store.delivery(team["id"], kind, period)
            if delivery is None:
                if not self.store.claim_delivery(team["id"], kind, period):
                    continue
                if late:
                    self.store.finish_delivery(team["id"], kind, period, "skipped", "too late")
                    log.warning("skipped %s %s for team %s: slot %s is over 3 hours late",
                                kind, period, team["id"], slot.isoformat())
                    continue
            elif (delivery["status"] != "failed" or late
                  or now < datetime.fromisoformat(delivery["claimed_at"]) + retry_delay(delivery["attempts"])
                  or not self.store.retry_delivery(team["id"], kind, period)):
                continue
            if kind == "mantra":
                reply = Reply(self.mantra_text(team, today), team_id=team["id"])
            else:
                reply = self.digest_reply(team, self.compile_digest(team, monday))
            reply.audience = "channel"
            reply.delivery = (team["id"], kind, period)
            replies.append(reply)
        return replies

    def apply_retention(self) -> int:
        """Delete story texts past each team's bewaartermijn, and rejected ones after 30 days."""
        now = self.clock()
        rejected_before = self.store.timestamp(now - REJECTED_TEXT_DAYS)
        deleted = 0
        for team in self.store.teams():
            created_before = (self.store.timestamp(now - timedelta(days=team["retention_days"]))
                              if team["retention_days"] else None)
            try:
                deleted += self.store.delete_old_texts(team["id"], created_before, rejected_before)
            except Exception:
                log.exception("retention failed for team %s", team["id"])
        if deleted:
            log.info("retention deleted %d story texts", deleted)
        return deleted

    def cannot_post_notice(self, reply: Reply) -> list[Reply]:
        """Private notes to the team's moderators when a scheduled post cannot reach the team's
        chat (the bot was removed, the chat archived): on the post's first attempt only, since
        the retries that follow would otherwise repeat it."""
        if reply.delivery is None:
            return []
        team_id, kind, period = reply.delivery
        delivery = self.store.delivery(team_id, kind, period)
        if delivery is None or delivery["attempts"] > 0:
            return []
        language = self.store.team(team_id)["language"]
        return [Reply(self.say(language, f"team.cannot_post_{kind}"), audience="user", user_id=moderator,
                      team_id=team_id)
                for moderator in self.store.moderators(team_id)]

    def confirm_delivery(self, reply: Reply, error: str | None = None) -> None:
        """Record whether an exactly-once post reached the platform."""
        if reply.delivery is None:
            return
        team_id, kind, period = reply.delivery
        self.store.finish_delivery(team_id, kind, period, "failed" if error else "sent",
                                   error or "")
