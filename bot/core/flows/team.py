"""/werkbot: register a chat as a team, and its settings, moderators, pauses and status."""

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from babel.lists import format_list

from bot.core import schedule
from bot.core.commands import ExportPeriod
from bot.core.content import Catalogue, Messages
from bot.core.export import period_words, shareable_export
from bot.core.flows.base import Flow, Handler, Request
from bot.core.mantra import Mantras
from bot.core.model import Attachment, Caller, Reply, UserError
from bot.core.moderation import Moderation
from bot.core.posting import CHANNEL_KINDS, NOT_NEEDED, OPROEP, Posting
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
# The file an export comes in, by its format.
EXPORT_TYPES = {"md": "text/markdown", "csv": "text/csv"}
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
    # Off, or a day and a time, with the threshold when one was typed (else it stays).
    "oproep": lambda value: ({"oproep_day": None, "oproep_time": None} if value is None else
                             {"oproep_day": value[0], "oproep_time": value[1]}
                             | ({"oproep_threshold": value[2]} if value[2] else {})),
    # A weekday, or None: off.
    "dilemma": lambda value: {"dilemma_day": value},
}


class TeamFlow(Flow):
    def __init__(self, store: Store, messages: Messages, catalogue: Catalogue,
                 clock: Callable[[], datetime], moderation: Moderation, posting: Posting,
                 mantras: Mantras) -> None:
        super().__init__(store, messages, catalogue, clock)
        self.moderation = moderation
        self.posting = posting
        self.mantras = mantras
        # Sub-commands for moderators; `start`, `help` and `status` are for everyone.
        self.moderator_commands: dict[str, Handler] = {
            "stop": self.pause,
            "pauze": self.pause,
            "hervat": self.resume,
            "test": self.post_sample,
            "moderator": self.change_moderators,
            "export": self.export,
            **dict.fromkeys(SETTING_CHANGES, self.change_setting),
        }

    def register(self, caller: Caller, name: str = "") -> Team:
        """Register the caller's chat as a team with the default settings; the caller is its
        first moderator, with the display name the platform gave."""
        return self.store.create_team(caller.platform, caller.chat_id, {"name": name, **DEFAULT_SETTINGS},
                                      caller.user_id, caller.names().get(caller.user_id, ""))

    def help(self, team: Team | None) -> list[Reply]:
        language = team.language if team else "nl"
        sets = "\n".join(self.say(language, "help.set", set_id=principle_set.id,
                                   name=principle_set.name[language], count=len(principle_set.principles))
                          for principle_set in self.catalogue.sets.values())
        text = self.say(language, "help.text") + "\n" + self.say(language, "help.sets", sets=sets)
        if team is not None:
            text += "\n" + self.say(language, "help.moderators", moderators=self.moderators_in_words(team))
        return [Reply(text, language=language)]

    def start(self, caller: Caller, team: Team | None) -> list[Reply]:
        """A new team: a welcome in its channel for everyone, and its settings for the caller."""
        if team is not None:
            if schedule.is_paused(team, self.clock()):
                self.moderation.require_moderator(team, caller)
                return [self.resumed(team)]
            return [Reply(self.say(team.language, "team.already_registered"), language=team.language)]
        team = self.register(caller, name=caller.chat_name)
        return [self.welcome(team),
                Reply(self.say(team.language, "team.registered") + "\n\n" + self.status_text(team),
                      language=team.language, team_id=team.id)]

    def welcome(self, team: Team) -> Reply:
        """The post that introduces the bot in a new team's channel: what it does, when the
        first mantra and the first digest come (holidays and settings respected), how to share
        a story and who moderates."""
        language = team.language
        if tuple(team.mantra_days) == schedule.DAY_NAMES[:5]:
            days = self.say(language, "team.welcome_workdays")
        else:
            days = self.say(language, "team.welcome_days", days=format_list(
                [schedule.weekday_in_words(day, language) for day in team.mantra_days], locale=language))
        text = self.say(language, "team.welcome", days=days, time=team.mantra_time,
                        first_mantra=self.next_slot_words(team, "mantra"),
                        digest_day=schedule.weekday_in_words(team.digest_day, language),
                        digest_time=team.digest_time,
                        first_digest=self.next_slot_words(team, "digest"),
                        moderators=self.moderators_in_words(team))
        return Reply(text, language=language, audience="channel", team_id=team.id)

    def learn_names(self, team: Team, caller: Caller) -> None:
        """Moderators' display names as this input brings them."""
        self.moderation.learn_names(team, caller)

    def moderators_in_words(self, team: Team) -> str:
        """The team's moderators by display name ("Anouk en Jeroen"), never by platform id;
        those whose name the bot has not seen yet are counted."""
        language = team.language
        names = self.store.moderator_names(team.id).values()
        shown = [name for name in names if name]
        unnamed = len(names) - len(shown)
        if unnamed == 1:
            shown.append(self.say(language, "state.unnamed_moderator"))
        elif unnamed > 1:
            shown.append(self.say(language, "state.unnamed_moderators", count=unnamed))
        return format_list(shown, locale=language)

    def werkbot(self, request: Request) -> list[Reply]:
        """/werkbot status and the moderators' sub-commands (start and help come before a team)."""
        assert request.command is not None
        sub = request.command.sub or ""
        if sub == "status":
            return [Reply(self.status_text(request.team), language=request.language)]
        self.moderation.require_moderator(request.team, request.caller)
        return self.moderator_commands[sub](request)

    # Pauses ------------------------------------------------------------------------------

    def pause(self, request: Request) -> list[Reply]:
        """/werkbot pauze (or stop): until a moderator resumes; with a day, until that day (posts
        come again on it), or up to and including it ('tot en met'). The answer names both the
        last quiet day and the day posts come again."""
        assert request.command is not None
        team, typed = request.team, request.command.value
        if typed is None:
            self.store.update_team(team.id, paused=True, paused_until=None)
            return [self.reply(request, "settings.paused")]
        until = typed.first_after(self.today(team))
        paused = self.store.update_team(team.id, paused=False, paused_until=until)
        return [self.reply(request, "settings.paused_until", day=self.day_words(paused, until),
                           last=self.day_words(paused, until - timedelta(days=1)),
                           next=self.next_post(paused, "mantra"))]

    def resume(self, request: Request) -> list[Reply]:
        """/werkbot hervat: posts come again from the next slot (one due now comes at once)."""
        team = request.team
        if not schedule.is_paused(team, self.clock()):
            return [self.reply(request, "settings.not_paused", next=self.next_post(team, "mantra"))]
        return [self.resumed(team)]

    def resumed(self, team: Team) -> Reply:
        active = self.store.update_team(team.id, paused=False, paused_until=None)
        return Reply(self.say(active.language, "team.resumed", next=self.next_post(active, "mantra")),
                     language=active.language, team_id=active.id)

    # Test post ---------------------------------------------------------------------------

    def post_sample(self, request: Request) -> list[Reply]:
        """/werkbot test: the team's next mantra in the channel now, marked as a test. It is no
        delivery, so the real post still comes; and it shows the principle the next real post
        will show, so the rotation moves on no further than that post moves it."""
        team = request.team
        now = self.clock()
        # Paused until resumed: the next mantra day of the calendar.
        upcoming = (self.posting.upcoming(team, "mantra") or next(schedule.mantra_slots(team, now), None)
                    or schedule.local_now(team, now))
        sample = self.say(team.language, "team.test_post", mantra=self.mantras.text(team, upcoming.date()))
        return [Reply(sample, language=team.language, audience="channel", team_id=team.id),
                self.reply(request, "team.test_posted", next=self.next_post(team, "mantra"))]

    # Export ------------------------------------------------------------------------------

    def export(self, request: Request) -> list[Reply]:
        """/werkbot export [md|csv] [periode]: the team's approved stories whose authors consented,
        without names, as `werkbot export` makes them, in a file for the caller alone."""
        assert request.command is not None
        export_format, period = request.command.value
        assert isinstance(period, ExportPeriod)
        team, language = request.team, request.language
        today = self.today(team)
        first, last = period.days(today)
        rows, text = shareable_export(self.store, self.catalogue, self.messages, team, export_format,
                                      first, last)
        period_text = period_words(self.messages, language, first, last)
        if not rows:
            key = "export.empty_period" if period_text else "export.empty"
            return [self.reply(request, key, period=period_text)]
        days = "-".join(f"{day:%Y-%m-%d}" for day in (first, last) if day) or f"{today:%Y-%m-%d}"
        attachment = Attachment(f"werkbot-export-{days}.{export_format}", text.encode("utf-8"),
                                EXPORT_TYPES[export_format])
        key = "export.sent_period" if period_text else "export.sent"
        return [Reply(self.say(language, key, count=len(rows), period=period_text), language=language,
                      team_id=team.id, attachment=attachment)]

    # Settings ----------------------------------------------------------------------------

    def change_moderators(self, request: Request) -> list[Reply]:
        """/werkbot moderator [weg] @wie: only someone the platform knows by name (a mention it
        resolved), or a moderator already; shown by their display name."""
        assert request.command is not None
        operation, user_id = request.command.value
        team, caller = request.team, request.caller
        moderators = self.store.moderator_names(team.id)
        name = caller.names().get(user_id) or moderators.get(user_id)
        if operation == "add":
            if not name:
                raise UserError("settings.unknown_member", value=f"@{user_id}")
            self.store.add_moderator(team.id, user_id, caller.user_id, name)
            return [self.reply(request, "settings.moderator_added", user=name)]
        if user_id not in moderators:
            if not name:
                raise UserError("settings.unknown_member", value=f"@{user_id}")
            raise UserError("settings.not_a_moderator", user=name)
        if len(moderators) == 1:
            raise UserError("settings.last_moderator")
        self.store.remove_moderator(team.id, user_id, caller.user_id)
        if not name:
            # A moderator whose name the platform never gave: said without one, never by id.
            return [self.reply(request, "settings.moderator_removed_unnamed")]
        return [self.reply(request, "settings.moderator_removed", user=name)]

    def change_setting(self, request: Request) -> list[Reply]:
        """One line back: the new value, and when the next post it changes comes."""
        assert request.command is not None and request.command.sub is not None
        sub, value = request.command.sub, request.command.value
        changes = SETTING_CHANGES[sub](value)
        if sub == "oproep" and value is not None:
            # It counts from now: a slot earlier today has passed, and does not post at once.
            changes["oproep_since"] = self.store.timestamp(self.clock())
        updated = self.store.update_team(request.team.id, **changes)
        return [Reply(self.setting_changed(updated, sub, value), language=updated.language,
                      team_id=updated.id)]

    def setting_changed(self, team: Team, sub: str, value: Any) -> str:
        language = team.language
        if sub == "moderatie":
            return self.say(language, "settings.moderation_on" if value else "settings.moderation_off")
        if sub == "oproep":
            if team.oproep_day is None:
                return self.say(language, "settings.oproep_off")
            return self.say(language, "settings.changed_oproep", value=self.oproep_words(team),
                            next=self.next_post(team, OPROEP))
        if sub == "dilemma":
            if team.dilemma_day is None:
                return self.say(language, "settings.dilemma_off")
            return self.say(language, "settings.changed_dilemma",
                            value=schedule.weekday_in_words(team.dilemma_day, language),
                            next=self.next_dilemma(team))
        if sub == "bewaartermijn":
            return (self.say(language, "settings.retention_days", days=value) if value
                    else self.say(language, "settings.retention_off"))
        if sub == "dagen":
            shown = ", ".join(schedule.days_in_words(value, language))
        elif sub == "sets":
            shown = ", ".join(value)
        elif sub == "digest":
            shown = f"{schedule.weekday_in_words(value[0], language)} {value[1]}"
        else:
            shown = str(value)
        return self.say(language, f"settings.changed_{sub}", value=shown,
                        next=self.next_post(team, "digest" if sub == "digest" else "mantra"))

    # Status ------------------------------------------------------------------------------

    def status_text(self, team: Team) -> str:
        language = team.language
        return self.say(
            language, "settings.status",
            state=self.state_words(team),
            mantra_time=team.mantra_time,
            days=", ".join(schedule.days_in_words(team.mantra_days, language)),
            digest_day=schedule.weekday_in_words(team.digest_day, language),
            digest_time=team.digest_time,
            timezone=team.timezone,
            sets=", ".join(team.sets),
            language=team.language,
            moderation=self.say(language, "state.on" if team.moderation else "state.off"),
            moderators=self.moderators_in_words(team),
            oproep=self.oproep_words(team),
            dilemma=self.dilemma_words(team),
            retention=(self.say(language, "state.retention_days", days=team.retention_days)
                       if team.retention_days else self.say(language, "state.retention_off")),
            next_mantra=self.next_slot_words(team, "mantra"),
            next_digest=self.next_slot_words(team, "digest"),
            last_post=self.last_post_words(team),
            queue=len(self.store.stories_with_status(team.id, "pending")),
        )

    def state_words(self, team: Team) -> str:
        language = team.language
        if team.paused:
            return self.say(language, "state.paused")
        if schedule.is_paused(team, self.clock()):
            assert team.paused_until is not None
            return self.say(language, "state.paused_until", day=self.day_words(team, team.paused_until))
        return self.say(language, "state.active")

    def next_slot_words(self, team: Team, kind: str) -> str:
        """When the next post of this kind comes, as the status shows it."""
        at = self.posting.upcoming(team, kind)
        return self.when(team, at) if at else self.say(team.language, "state.no_next_post")

    def next_post(self, team: Team, kind: str) -> str:
        """A sentence on when the next post of this kind comes (nothing while paused)."""
        at = self.posting.upcoming(team, kind)
        if at is None:
            return self.say(team.language, "settings.next_paused")
        return self.say(team.language, f"settings.next_{kind}", when=self.when(team, at))

    def last_post_words(self, team: Team) -> str:
        """The team's last scheduled post and what came of it."""
        delivery = self.store.last_delivery(team.id, CHANNEL_KINDS)
        language = team.language
        if delivery is None:
            return self.say(language, "delivery.none")
        moment = datetime.fromisoformat(delivery["sent_at"] or delivery["claimed_at"])
        return self.say(language, "delivery.line", kind=self.say(language, f"delivery.{delivery['kind']}"),
                        moment=self.moment_words(team, moment),
                        outcome=self.say(language, "delivery.not_needed"
                                         if delivery["last_error"] == NOT_NEEDED
                                         else f"delivery.{delivery['status']}"))

    def oproep_words(self, team: Team) -> str:
        """The weekly invitation as the status shows it: 'woensdag om 14:00, bij minder dan 2
        verhalen', or 'uit'."""
        language = team.language
        if team.oproep_day is None:
            return self.say(language, "state.off")
        return self.say(language, "state.oproep", day=schedule.weekday_in_words(team.oproep_day, language),
                        time=team.oproep_time, threshold=team.oproep_threshold)

    def dilemma_words(self, team: Team) -> str:
        """The dilemma of the week as the status shows it: 'woensdag, in plaats van het
        werkprincipe', or 'uit'."""
        language = team.language
        if team.dilemma_day is None:
            return self.say(language, "state.off")
        day = schedule.weekday_in_words(team.dilemma_day, language)
        if team.dilemma_day not in team.mantra_days:
            return self.say(language, "state.dilemma_no_mantra_day", day=day)
        return self.say(language, "state.dilemma", day=day)

    def next_dilemma(self, team: Team) -> str:
        """A sentence on when the next dilemma comes: at the first mantra slot still to come that
        shows one (a week that had its dilemma gets no second one)."""
        language = team.language
        assert team.dilemma_day is not None
        day = schedule.weekday_in_words(team.dilemma_day, language)
        if team.dilemma_day not in team.mantra_days:
            return self.say(language, "settings.dilemma_no_mantra_day", day=day)
        first = self.posting.upcoming(team, "mantra")
        if first is None:
            return self.say(language, "settings.next_paused")
        for at in schedule.mantra_slots(team, first):
            if self.mantras.dilemmas.comes_on(team, at.date()):
                return self.say(language, "settings.next_dilemma", when=self.when(team, at))
        return self.say(language, "settings.dilemma_no_mantra_day", day=day)

    def when(self, team: Team, at: datetime) -> str:
        """A slot to come in words; one that is due goes out at the next check, within a minute."""
        if at <= self.clock():
            return self.say(team.language, "settings.when_now")
        return self.moment_words(team, at)

    def moment_words(self, team: Team, moment: datetime) -> str:
        local = schedule.local_now(team, moment)
        return self.say(team.language, "settings.moment", day=self.day_words(team, local.date()),
                        time=f"{local:%H:%M}")

    def day_words(self, team: Team, day: date) -> str:
        return schedule.day_in_words(day, team.language, self.today(team))

    def today(self, team: Team) -> date:
        return schedule.local_now(team, self.clock()).date()
