"""/digest: the week's digest so far, privately; a moderator's "nu plaatsen" posts it to the team."""

from collections.abc import Callable
from datetime import date, datetime

from bot.core import schedule
from bot.core.content import Catalogue, Messages, StarterStory
from bot.core.digest import Digest, DigestCompiler
from bot.core.flows.base import Flow, Request
from bot.core.model import Button, DeliveryKey, Reply, UserError
from bot.core.moderation import Moderation
from storage import Store, Team


class DigestFlow(Flow):
    def __init__(self, store: Store, messages: Messages, catalogue: Catalogue,
                 clock: Callable[[], datetime], moderation: Moderation,
                 starter_stories: tuple[StarterStory, ...] = ()) -> None:
        super().__init__(store, messages, catalogue, clock)
        self.compiler = DigestCompiler(store, catalogue, starter_stories)
        self.moderation = moderation

    def compile(self, team: Team, monday: date | None = None) -> Digest:
        """The team's digest of the week starting at monday (this week by default), as it stands."""
        monday = monday or schedule.week_monday(schedule.local_now(team, self.clock()).date())
        return self.compiler.compile(team, monday)

    def post(self, team: Team, digest: Digest) -> Reply:
        """The digest as a post to the team's chat, once per week."""
        return Reply(self.title(team, digest), language=team.language, audience="channel",
                     team_id=team.id, digest=digest, delivery=DeliveryKey(team.id, "digest", digest.week))

    def preview(self, request: Request) -> list[Reply]:
        team = request.team
        digest = self.compile(team)
        buttons: tuple[Button, ...] = ()
        delivery = self.store.delivery(team.id, "digest", digest.week)
        posted = delivery is not None and delivery["status"] in ("sent", "claimed")
        if self.moderation.is_moderator(team, request.caller) and not posted:
            buttons = (Button(self.say(team.language, "button.post_now"), "digest.post"),)
        return [Reply(self.title(team, digest), language=team.language, team_id=team.id, digest=digest,
                      buttons=buttons)]

    def title(self, team: Team, digest: Digest) -> str:
        return self.say(team.language, "digest.title", **schedule.week_in_words(digest.week, team.language))

    def post_now(self, request: Request) -> list[Reply]:
        team = request.team
        self.moderation.require_moderator(team, request.caller)
        digest = self.compile(team)
        if not (self.store.claim_delivery(team.id, "digest", digest.week)
                or self.store.reclaim_delivery(team.id, "digest", digest.week)):
            raise UserError("digest.already_posted", **schedule.week_in_words(digest.week, team.language))
        return [self.post(team, digest)]
