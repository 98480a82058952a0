"""The mantra: a team's principle of the day with a reflection question; on the team's dilemma
day, the week's dilemma instead."""

from collections.abc import Callable
from datetime import date, datetime, timedelta

from bot.core import schedule
from bot.core.content import Dilemma, Messages
from bot.core.dilemmas import Dilemmas
from bot.core.flows.base import Request
from bot.core.model import Reply
from bot.core.rotation import Rotation
from storage import Team


class Mantras:
    def __init__(self, rotation: Rotation, dilemmas: Dilemmas, messages: Messages,
                 clock: Callable[[], datetime]) -> None:
        self.rotation = rotation
        self.dilemmas = dilemmas
        self.messages = messages
        self.clock = clock

    def today(self, team: Team) -> date:
        return schedule.local_now(team, self.clock()).date()

    def text(self, team: Team, day: date) -> str:
        """The same text for /mantra, the overview and the day's post, headed with the day it is
        for. On a dilemma day no principle is picked, so the one that would have come comes on
        the next day."""
        dilemma = self.dilemmas.dilemma_for(team, day)
        if dilemma is not None:
            return self.dilemma_text(team, dilemma)
        principle = self.rotation.principle_for(team, day)
        language = team.language
        questions = principle.questions[language]
        question = questions[day.toordinal() % len(questions)]
        credit = self.messages.render(language, "principle.credit", source=principle.source[language])
        hints = principle.hints[language]
        if hints:
            # A practice example from the seed, on the line under the question.
            example = hints[day.toordinal() % len(hints)]
            question += "\n" + self.messages.render(language, "mantra.example", example=example)
        return self.messages.render(language, "mantra.text", for_day=self.for_day(team, day),
                                    label=principle.label[language], principle=principle.text[language],
                                    credit=credit, question=question)

    def for_day(self, team: Team, day: date) -> str:
        """'Voor vandaag', 'Voor morgen' or 'Voor maandag 30 november': the day a mantra is for,
        seen from today (/werkbot test shows the next one, which may be on a later day)."""
        language, today = team.language, self.today(team)
        if day == today:
            return self.messages.render(language, "mantra.today")
        if day == today + timedelta(days=1):
            return self.messages.render(language, "mantra.tomorrow")
        return self.messages.render(language, "mantra.on_day",
                                    day=schedule.day_in_words(day, language, today))

    def dilemma_text(self, team: Team, dilemma: Dilemma) -> str:
        language = team.language
        credit = self.messages.render(language, "principle.credit", source=dilemma.source[language])
        return self.messages.render(language, "dilemma.text", title=dilemma.title[language],
                                    question=dilemma.question[language], credit=credit)

    def show(self, request: Request) -> list[Reply]:
        """/mantra: today's principle, for the caller."""
        team = request.team
        return [Reply(self.text(team, self.today(team)), language=team.language)]
