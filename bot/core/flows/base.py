"""What every flow shares: the request it handles, texts, and reading a button's value."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from bot.core.commands import Command
from bot.core.content import Catalogue, Messages
from bot.core.model import Button, Caller, Reply, UserError
from storage import Store, Team

EXCERPT_LENGTH = 160


@dataclass(frozen=True)
class Request:
    """One command or button press of a member of a registered team.

    `value` is a button's value (ids, checked again by the flow), `text` what the member typed
    for a question, `source_key` the platform's id for this input (a story is stored once per key).
    """

    caller: Caller
    team: Team
    command: Command | None = None
    value: str = ""
    text: str | None = None
    source_key: str = ""

    @property
    def language(self) -> str:
        return self.team.language


Handler = Callable[[Request], list[Reply]]


def number_in(value: str) -> int:
    """A story number from a button's value; anything else is a button we did not make."""
    if not (value.isascii() and value.isdigit()):
        raise UserError("action.unknown")
    return int(value)


def number_and_argument(value: str) -> tuple[int, str]:
    """'<story number>:<argument>' from a button's value."""
    number, _, argument = value.partition(":")
    return number_in(number), argument


def excerpt(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= EXCERPT_LENGTH else text[: EXCERPT_LENGTH - 1] + "…"


class Flow:
    """Texts and principles, as every flow needs them."""

    def __init__(self, store: Store, messages: Messages, catalogue: Catalogue,
                 clock: Callable[[], datetime]) -> None:
        self.store = store
        self.messages = messages
        self.catalogue = catalogue
        self.clock = clock

    def say(self, language: str, key: str, /, **fields: object) -> str:
        return self.messages.render(language, key, **fields)

    def reply(self, request: Request, key: str, /, *, buttons: tuple[Button, ...] = (),
              **fields: object) -> Reply:
        """A private answer to whoever asked."""
        return Reply(self.say(request.language, key, **fields), language=request.language,
                     buttons=buttons, team_id=request.team.id)

    def principle_line(self, language: str, principle_id: str | None) -> str:
        principle = self.catalogue.principle(principle_id or "")
        if principle is None:
            return self.say(language, "story.no_principle")
        return f"{principle.label[language]}: {principle.text[language]}"

    def status_word(self, language: str, status: str) -> str:
        return self.say(language, f"status.{status}")

    def kind_words(self, language: str, kinds: Iterable[str]) -> str:
        """What the privacy check found, in the team's language ('naam, telefoonnummer' or
        'name, phone number'); a kind without a word of its own shows as it is stored."""
        known = self.messages.keys()
        return ", ".join(self.say(language, f"kinds.{kind}") if f"kinds.{kind}" in known else kind
                         for kind in kinds)

    def principle_buttons(self, team: Team, action: str, story_id: int) -> tuple[Button, ...]:
        language = team.language
        # The principle's words on the button: a number alone means nothing to most of the team.
        buttons = [Button(f"{p.label[language]}: {p.text[language]}", action, f"{story_id}:{p.id}")
                   for p in self.catalogue.in_sets(team.sets)]
        buttons.append(Button(self.say(language, "button.no_principle"), action, f"{story_id}:"))
        return tuple(buttons)
