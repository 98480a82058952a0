"""/werkbot: register a chat as a team, and its settings, moderators and status."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from bot.core import schedule
from bot.core.content import Catalogue, Messages
from bot.core.flows.base import Flow, Handler, Request
from bot.core.model import Caller, Reply, UserError
from bot.core.moderation import Moderation
from storage import Store, Team

DEFAULT_SETTINGS: dict[str, Any] = {
    "mantra_time": "09:00",
    "mantra_days": ("ma", "di", "wo", "do", "vr"),
    "digest_day": "vr",
    "digest_time": "15:00",
    "timezone": "Europe/Amsterdam",
    "sets": ("werkprincipes",),
    "language": "nl",
    "moderation": True,
    "paused": False,
}
# Each settings sub-command and the team settings its parsed value becomes.
SETTING_CHANGES: dict[str, Callable[[Any], dict[str, Any]]] = {
    "tijd": lambda value: {"mantra_time": value},
    "dagen": lambda value: {"mantra_days": value},
    "digest": lambda value: {"digest_day": value[0], "digest_time": value[1]},
    "sets": lambda value: {"sets": value},
    "moderatie": lambda value: {"moderation": value},
    "taal": lambda value: {"language": value},
    "tijdzone": lambda value: {"timezone": value},
    "bewaartermijn": lambda value: {"retention_days": value},
}


class TeamFlow(Flow):
    def __init__(self, store: Store, messages: Messages, catalogue: Catalogue,
                 clock: Callable[[], datetime], moderation: Moderation) -> None:
        super().__init__(store, messages, catalogue, clock)
        self.moderation = moderation
        # Sub-commands for moderators; `start`, `help` and `status` are for everyone.
        self.moderator_commands: dict[str, Handler] = {
            "stop": self.pause,
            "moderator": self.change_moderators,
            **dict.fromkeys(SETTING_CHANGES, self.change_setting),
        }

    def register(self, caller: Caller, name: str = "") -> Team:
        """Register the caller's chat as a team with the default settings."""
        return self.store.create_team(caller.platform, caller.chat_id,
                                      {"name": name, **DEFAULT_SETTINGS}, caller.user_id)

    def help(self, team: Team | None) -> list[Reply]:
        language = team.language if team else "nl"
        return [Reply(self.say(language, "help.text"), language=language)]

    def start(self, caller: Caller, team: Team | None) -> list[Reply]:
        if team is not None:
            if team.paused:
                self.moderation.require_moderator(team, caller)
                self.store.update_team(team.id, paused=False)
                return [Reply(self.say(team.language, "team.resumed"), language=team.language)]
            return [Reply(self.say(team.language, "team.already_registered"), language=team.language)]
        team = self.register(caller, name=caller.chat_name)
        return [Reply(self.say(team.language, "team.registered") + "\n\n" + self.status_text(team),
                      language=team.language)]

    def werkbot(self, request: Request) -> list[Reply]:
        """/werkbot status and the moderators' sub-commands (start and help come before a team)."""
        assert request.command is not None
        sub = request.command.sub or ""
        if sub == "status":
            return [Reply(self.status_text(request.team), language=request.language)]
        self.moderation.require_moderator(request.team, request.caller)
        return self.moderator_commands[sub](request)

    def pause(self, request: Request) -> list[Reply]:
        self.store.update_team(request.team.id, paused=True)
        return [self.reply(request, "settings.paused")]

    def change_moderators(self, request: Request) -> list[Reply]:
        assert request.command is not None
        operation, user_id = request.command.value
        team, caller = request.team, request.caller
        if operation == "add":
            self.store.add_moderator(team.id, user_id, caller.user_id)
            return [self.reply(request, "settings.moderator_added", user=user_id)]
        moderators = self.store.moderators(team.id)
        if user_id not in moderators:
            raise UserError("settings.not_a_moderator", user=user_id)
        if len(moderators) == 1:
            raise UserError("settings.last_moderator")
        self.store.remove_moderator(team.id, user_id, caller.user_id)
        return [self.reply(request, "settings.moderator_removed", user=user_id)]

    def change_setting(self, request: Request) -> list[Reply]:
        assert request.command is not None and request.command.sub is not None
        changes = SETTING_CHANGES[request.command.sub](request.command.value)
        updated = self.store.update_team(request.team.id, **changes)
        return [Reply(self.say(updated.language, "settings.saved") + "\n\n" + self.status_text(updated),
                      language=updated.language)]

    def status_text(self, team: Team) -> str:
        language = team.language
        now = self.clock()
        next_mantra = schedule.next_mantra(team, now)
        return self.say(
            language, "settings.status",
            state=self.say(language, "state.paused" if team.paused else "state.active"),
            mantra_time=team.mantra_time,
            days=", ".join(team.mantra_days),
            digest_day=team.digest_day,
            digest_time=team.digest_time,
            timezone=team.timezone,
            sets=", ".join(team.sets),
            language=team.language,
            moderation=self.say(language, "state.on" if team.moderation else "state.off"),
            moderators=", ".join(self.store.moderators(team.id)),
            retention=(self.say(language, "state.retention_days", days=team.retention_days)
                       if team.retention_days else self.say(language, "state.retention_off")),
            next_mantra=schedule.describe_slot(next_mantra) if next_mantra else "—",
            next_digest=schedule.describe_slot(schedule.next_digest(team, now)),
            queue=len(self.store.stories_with_status(team.id, "pending")),
        )
