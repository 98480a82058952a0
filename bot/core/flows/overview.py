"""A member's overview of their teams: today's principle, their stories, and for moderators the
queue. Platforms show it where they have room for it (a home tab, say)."""

from collections.abc import Callable, Iterable
from datetime import datetime

from bot.core.content import Catalogue, Messages
from bot.core.flows.base import Flow, excerpt
from bot.core.mantra import Mantras
from bot.core.model import Caller
from bot.core.moderation import Moderation
from bot.core.stories import Stories
from storage import Store, Team

STORIES_SHOWN = 10


class Overview(Flow):
    def __init__(self, store: Store, messages: Messages, catalogue: Catalogue,
                 clock: Callable[[], datetime], mantras: Mantras, stories: Stories,
                 moderation: Moderation) -> None:
        super().__init__(store, messages, catalogue, clock)
        self.mantras = mantras
        self.stories = stories
        self.moderation = moderation

    def sections(self, user_id: str, teams: Iterable[Team]) -> list[str]:
        """One section per team the adapter chose (those of one workspace, say)."""
        sections = []
        for team in teams:
            language = team.language
            member = Caller(team.platform, team.chat_id, user_id)
            lines = [self.say(language, "home.team", team=team.name or team.chat_id),
                     self.mantras.text(team, self.mantras.today(team))]
            mine = self.stories.mine(team, member)
            lines.append(self.say(language, "home.mine", count=len(mine)))
            lines += [self.say(language, "home.story", story_id=story["id"],
                               status=self.status_word(language, story["status"]),
                               text=excerpt(story["text"]) or "—") for story in mine[:STORIES_SHOWN]]
            if self.moderation.is_moderator(team, member):
                lines.append(self.say(language, "home.queue",
                                      count=len(self.store.stories_with_status(team.id, "pending"))))
            sections.append("\n".join(lines))
        return sections or [self.say("nl", "home.no_team")]
