"""The platform-neutral bot: commands and button actions in, replies out.

Every command and action is in the two tables below. Adapters call `handle_command` and
`handle_action` with a `Caller` and deliver the `Reply` objects they get back; the scheduler asks
`posting` for what is due. Nothing here knows a chat platform.
"""

import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime

from bot.core.commands import Command, parse
from bot.core.content import Content
from bot.core.dilemmas import Dilemmas
from bot.core.flows.base import Handler, Request
from bot.core.flows.digest import DigestFlow
from bot.core.flows.moderation import ModerationFlow
from bot.core.flows.overview import Overview
from bot.core.flows.privacy import PrivacyFlow
from bot.core.flows.stories import StoryFlow
from bot.core.flows.team import TeamFlow
from bot.core.mantra import Mantras
from bot.core.model import Ask, Caller, Reply, UserError
from bot.core.moderation import Moderation, checked_reason
from bot.core.posting import Posting
from bot.core.privacy import PrivacyGuard
from bot.core.rotation import Rotation
from bot.core.stories import Stories, checked_text
from bot.core.suggest import Suggester
from bot.core.text import without_controls
from storage import Store, Team

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Action:
    """A button's action. With `question`, a press without text first asks for one. `text_check`
    returns the typed text cleaned, or raises UserError saying what is wrong with it (forms can
    show that in place, before anything is sent). `carries_story`: its text goes through the
    privacy guard, so it waits until the guard has loaded."""

    run: Handler
    question: Callable[[Request], Ask] | None = None
    text_check: Callable[[Request], object] | None = None
    carries_story: bool = False


def story_text(request: Request) -> str:
    return checked_text(request.text or "")


def reason_text(request: Request) -> str:
    return checked_reason(request.text or "")


class WerkBot:
    def __init__(self, store: Store, content: Content, guard: PrivacyGuard,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.store = store
        self.guard = guard
        self.messages = content.messages
        self.catalogue = content.catalogue
        self.clock = clock or store.clock
        services = (store, self.messages, self.catalogue, self.clock)
        stories = Stories(store, self.catalogue, Suggester())
        moderation = Moderation(store, stories)
        self.mantras = Mantras(Rotation(store, self.catalogue), Dilemmas(store, content.dilemmas),
                               self.messages, self.clock)
        self.privacy = PrivacyFlow(*services, guard=guard)
        self.moderation = ModerationFlow(*services, moderation=moderation, privacy=self.privacy)
        self.stories = StoryFlow(*services, stories=stories, privacy=self.privacy,
                                 moderation=self.moderation)
        self.digests = DigestFlow(*services, moderation=moderation, starter_stories=content.starter_stories)
        self.posting = Posting(store, self.messages, self.mantras, self.digests, self.clock)
        self.team = TeamFlow(*services, moderation=moderation, posting=self.posting, mantras=self.mantras)
        self.overview = Overview(*services, mantras=self.mantras, stories=stories,
                                 moderation=moderation)

        self.commands: dict[str, Handler] = {
            "mantra": self.mantras.show,
            "verhaal": self.stories.share,
            "mijnverhalen": self.stories.mine,
            "moderatie": self.moderation.command,
            "digest": self.digests.preview,
            "werkbot": self.team.werkbot,
        }
        self.actions: dict[str, Action] = {
            "story.new": Action(self.stories.new_from_form, text_check=story_text, carries_story=True),
            "story.principles": Action(self.stories.choose_principle),
            "story.tag": Action(self.stories.tag),
            "story.anonymous": Action(self.stories.set_anonymous),
            "story.consent": Action(self.stories.set_consent),
            "story.leermoment": Action(self.stories.set_leermoment),
            "story.edit": Action(self.stories.edit, self.stories.edit_question, story_text, True),
            "story.withdraw": Action(self.stories.withdraw),
            "story.withdraw_confirm": Action(self.stories.withdraw_confirmed),
            "story.export": Action(self.stories.export),
            "mod.approve": Action(self.moderation.approve),
            "mod.reject": Action(self.moderation.reject, self.moderation.reason_question, reason_text, True),
            "mod.feature": Action(self.moderation.feature),
            "mod.principles": Action(self.moderation.choose_principle),
            "mod.tag": Action(self.moderation.tag),
            "mod.redact": Action(self.moderation.redact, self.moderation.redact_question, story_text, True),
            "mod.signal": Action(self.moderation.signal),
            "digest.post": Action(self.digests.post_now),
            "draft.mask": Action(self.privacy.store_masked),
            "draft.keep": Action(self.privacy.keep_names),
            "draft.edit": Action(self.privacy.edit, self.privacy.edit_question, self.privacy.check_edit,
                                 True),
        }

    # Entry points ------------------------------------------------------------------------

    def parse(self, line: str) -> Command:
        """One command line; UserError with a usage message when it is malformed, never another
        exception."""
        try:
            return parse(without_controls(line), frozenset(self.catalogue.sets))
        except UserError:
            raise
        except Exception as error:
            # The line may hold a story: name what failed, never what was typed.
            log.error("reading a command failed: %s", type(error).__name__)
            raise UserError("error.unexpected") from None

    def handle_command(self, caller: Caller, line: str | Command, source_key: str) -> list[Reply]:
        """Run one command: a typed line, or one that `parse` read already (adapters that must
        know first whether it holds a story). Bad input gives a usage message and changes nothing."""
        team = self.team_of(caller)
        self._learn_names(team, caller)
        name = "?"
        try:
            command = line if isinstance(line, Command) else self.parse(line)
            name = command.name if command.sub is None else f"{command.name} {command.sub}"
            if command.name == "werkbot" and command.sub == "start":
                return self.team.start(caller, team)
            if command.name == "werkbot" and command.sub == "help":
                return self.team.help(team)
            if team is None:
                raise UserError("team.not_registered")
            return self.commands[command.name](Request(caller, team, command, source_key=source_key))
        except UserError as error:
            return [self.refusal(team, error)]
        except Exception:
            # The command line may hold a story: log where it failed, never what was typed.
            log.exception("command /%s failed for team %s", name, team.id if team else "(none)")
            return [self.refusal(team, UserError("error.unexpected"))]

    def handle_action(self, caller: Caller, action: str, value: str, text: str | None = None,
                      source_key: str = "") -> list[Reply]:
        """Run a button's action; values come from the platform and are checked again here.
        An action that needs text and has none answers with its question."""
        team = self.team_of(caller)
        self._learn_names(team, caller)
        try:
            spec = self.actions.get(action)
            if spec is None:
                log.warning("unknown action %r for team %s", action[:40], team.id if team else "(none)")
                raise UserError("action.unknown")
            if team is None:
                raise UserError("team.not_registered")
            text = None if text is None else without_controls(text)
            request = Request(caller, team, value=value, text=text, source_key=source_key)
            if spec.question is not None and text is None:
                # The question is the whole reply: its prompt is in `ask`.
                return [Reply("", language=team.language, ask=spec.question(request))]
            return spec.run(request)
        except UserError as error:
            return [self.refusal(team, error)]
        except Exception:
            log.exception("action %s failed for team %s", action, team.id if team else "(none)")
            return [self.refusal(team, UserError("error.unexpected"))]

    def carries_story(self, action: str) -> bool:
        """Whether this action's text is a story (and so needs the privacy guard loaded)."""
        spec = self.actions.get(action)
        return spec is not None and spec.carries_story

    def form_text_problem(self, caller: Caller, action: str, value: str, text: str) -> str | None:
        """What is wrong with the text of a form for `action` (a story's length, a rejection
        reason), for platforms whose forms can say so in place and keep the text; None if fine."""
        spec = self.actions.get(action)
        team = self.team_of(caller)
        if spec is None or spec.text_check is None or team is None:
            return None
        try:
            spec.text_check(Request(caller, team, value=value, text=without_controls(text)))
        except UserError as error:
            return self.refusal(team, error).text
        return None

    # Helpers -----------------------------------------------------------------------------

    def _learn_names(self, team: Team | None, caller: Caller) -> None:
        """Moderators' display names as the platform gives them now; a failure to note one
        never stops the input it came with."""
        if team is None:
            return
        try:
            self.team.learn_names(team, caller)
        except Exception as error:
            log.error("moderator names for team %s not updated: %s", team.id, type(error).__name__)

    def team_of(self, caller: Caller) -> Team | None:
        """The team of the caller's chat, if it is one."""
        return self.store.team_at(caller.platform, caller.chat_id)

    def refusal(self, team: Team | None, error: UserError) -> Reply:
        """What a refused input gets told, privately."""
        return self.notice(team, error.key, **error.fields)

    def notice(self, team: Team | None, key: str, /, **fields: object) -> Reply:
        """A short private message in the team's language (Dutch where there is no team yet)."""
        language = team.language if team else "nl"
        return Reply(self.messages.render(language, key, **fields), language=language,
                     team_id=team.id if team else None)

    def chat_moved(self, platform: str, old_chat_id: str, new_chat_id: str) -> None:
        """A chat got a new id (a group that became a supergroup): its team moves along, with
        its stories and schedule. A chat that is a team already keeps its own."""
        if self.store.team_at(platform, new_chat_id) is not None:
            log.warning("a %s chat moved onto a chat that is a team already; nothing moved", platform)
        elif self.store.move_team(platform, old_chat_id, new_chat_id):
            log.info("a %s team moved to its chat's new id", platform)

    def chat_lost(self, platform: str, chat_id: str) -> None:
        """The bot was removed from a team's chat: the team's posts pause until a moderator
        types /werkbot start there again. Logged once."""
        team = self.store.team_at(platform, chat_id)
        if team is not None and not team.paused:
            self.store.update_team(team.id, paused=True)
            log.warning("team %s paused: the bot was removed from its chat", team.id)

    def chat_admins_seen(self, platform: str, chat_id: str, user_ids: Collection[str]) -> None:
        """Who administers a team's chat now, as its platform says (they moderate too): they get
        the moderators' weekly summary."""
        team = self.store.team_at(platform, chat_id)
        if team is not None:
            self.store.set_chat_admins(team.id, user_ids)

    def teams_on(self, platform: str) -> list[Team]:
        """Every team that lives on this platform."""
        return [team for team in self.store.teams() if team.platform == platform]
