import re
from datetime import date

from bot.core.model import DeliveryKey
from bot.core.privacy import Screened
from bot.render import chart
from bot.render.chart import render_chart
from bot.render.digest import render_html, render_markdown
from tests.conftest import member

MONDAY = date(2026, 11, 23)


def share(bot, caller, text, key, principle=None, anonymous=False):
    story, _ = bot.stories.stories.submit(bot.team_of(caller), caller, Screened(text), key,
                                  principle_id=principle, anonymous=anonymous)
    return story["id"]


def test_groups_by_principle_and_hides_anonymous_authors(store, bot, moderator, content, team_a):
    named = member("writer", name="Auteur Zichtbaar")
    hidden = member("shy", name="Auteur Verborgen")
    a = share(bot, named, "Een verhaal over verbinden in de buurt.", "k1", "werkprincipe-2")
    b = share(bot, hidden, "Een anoniem verhaal over een kleine stap.", "k2", "werkprincipe-3",
              anonymous=True)
    c = share(bot, named, "Nog een verhaal over verbinden met buren.", "k3", "werkprincipe-2")
    share(bot, named, "Dit verhaal wacht nog op een moderator.", "k4", "werkprincipe-1")
    for story_id in (a, b, c):
        bot.handle_action(moderator, "mod.approve", str(story_id))
    bot.handle_action(moderator, "mod.feature", str(c))

    digest = bot.digests.compile(store.team(team_a), MONDAY)
    assert digest.count == 3
    assert digest.featured.id == c
    # The featured story is the quote on top, and not listed again under its principle.
    assert [(g.principle.id, [s.id for s in g.stories]) for g in digest.groups] == [
        ("werkprincipe-2", [a]), ("werkprincipe-3", [b])]
    assert [p.id for p in digest.uncovered] == ["werkprincipe-1", "werkprincipe-4", "werkprincipe-5"]
    for rendered in (render_markdown(digest, content.messages), render_html(digest, content.messages)):
        assert "Auteur Zichtbaar" in rendered
        assert "Auteur Verborgen" not in rendered
        assert "wacht nog op een moderator" not in rendered
        assert "anoniem" in rendered
        assert rendered.count("Nog een verhaal over verbinden met buren.") == 1
        assert "Werkprincipe 2: Bevorder de empowerment" in rendered
        # Under each principle's heading and after each waiting principle.
        assert rendered.count("Uit: DichtErBij-methode") == 2 + 3
        assert not re.search(r"werkprincipe-\d|\d{4}-W\d", rendered), "no ids in what readers see"
    assert render_markdown(digest, content.messages).startswith(
        "# Inspiratie van week 48 (23 november – 29 november)")


def test_every_principle_shown_credits_its_source_in_the_teams_language(store, bot, moderator,
                                                                         content, team_a):
    store.update_team(team_a, sets="toetsstenen,gouden-regels", language="en")
    story = share(bot, moderator, "We walked into the bookshop and agreed who to call.", "k1",
                  "toetssteen-3")
    bot.handle_action(moderator, "mod.approve", str(story))
    digest = bot.digests.compile(store.team(team_a), MONDAY)
    text = render_markdown(digest, content.messages)
    assert "## Touchstone 3: Responsiveness" in text
    assert "\n_From: Toby Witte, 'Meer dan alleen nabijheid'_\n" in text
    assert text.count("_From: ") == 1 + len(digest.uncovered)
    assert "Uit:" not in text


def test_empty_week_gets_an_encouraging_note(store, bot, moderator, content, team_a):
    digest = bot.digests.compile(store.team(team_a), MONDAY)
    text = render_markdown(digest, content.messages)
    assert digest.count == 0
    assert "nog geen verhaal gedeeld" in text and "/verhaal" in text
    assert len(digest.uncovered) == 3, "an invitation, not the whole catalogue"
    assert "gemiddeld" not in text, "a new team has no weeks to compare with"


def test_a_team_with_every_set_is_invited_with_three_principles(store, bot, moderator, content, team_a):
    every_set = "werkprincipes houdingsprincipes gouden-regels toetsstenen"
    bot.handle_command(moderator, f"/werkbot sets {every_set}", "k")
    digest = bot.digests.compile(store.team(team_a), MONDAY)
    text = render_markdown(digest, content.messages)
    assert len(digest.uncovered) == 3
    # Three waiting principles, each with its source; the week's one example is no invitation.
    assert len(re.findall(r"\n- .* _Uit: ", text)) == 3
    assert text.count("\n- ") == 3 + 1


def test_counts_against_earlier_weeks(store, bot, moderator, clock, team_a):
    for week in range(4):
        for n in range(week + 1):
            story = share(bot, moderator, f"Verhaal {n} uit week {week}, over de buurt.", f"{week}-{n}")
            bot.handle_action(moderator, "mod.approve", str(story))
        clock.advance(days=7)
    digest = bot.digests.compile(store.team(team_a))
    assert digest.previous_counts == (1, 2, 3, 4)
    assert digest.count == 0
    assert [sum(counts.values()) for _, counts in digest.history][-5:] == [1, 2, 3, 4, 0]


def test_html_escapes_story_text(store, bot, moderator, content, team_a):
    story = share(bot, moderator, "<script>alert('x')</script> & een verhaal", "k")
    bot.handle_action(moderator, "mod.approve", str(story))
    html = render_html(bot.digests.compile(store.team(team_a), MONDAY), content.messages)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_chart_is_a_png(store, bot, moderator, content, team_a):
    story = share(bot, moderator, "Een verhaal voor in de grafiek van deze week.", "k")
    bot.handle_action(moderator, "mod.approve", str(story))
    png = render_chart(bot.digests.compile(store.team(team_a), MONDAY), content.messages)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000


def test_post_now_posts_once_per_week(store, bot, moderator, team_a):
    replies = bot.handle_command(moderator, "/digest", "d")
    assert [b.action for b in replies[0].buttons] == ["digest.post"]
    posted = bot.handle_action(moderator, "digest.post", "")
    assert posted[0].audience == "channel" and posted[0].delivery == DeliveryKey(
        team_a, "digest", "2026-W48")
    assert "al geplaatst" in bot.handle_action(moderator, "digest.post", "")[0].text
    assert bot.handle_command(moderator, "/digest", "d3")[0].buttons == (), "posted: nothing to offer"
    assert bot.handle_command(member("writer"), "/digest", "d2")[0].buttons == ()


def test_a_digest_whose_fate_is_unknown_can_be_posted_by_hand(store, bot, moderator, team_a):
    """The moderators were told to post it themselves when they do not see it."""
    store.claim_delivery(team_a, "digest", "2026-W48")
    store.finish_delivery(team_a, "digest", "2026-W48", "lost", "unknown: cannot look")
    [preview] = bot.handle_command(moderator, "/digest", "d")
    assert [b.action for b in preview.buttons] == ["digest.post"]
    [posted] = bot.handle_action(moderator, "digest.post", "")
    assert posted.delivery == DeliveryKey(team_a, "digest", "2026-W48")
    assert store.delivery(team_a, "digest", "2026-W48")["status"] == "claimed"


async def test_a_chart_worker_that_died_is_replaced(store, bot, team_a, content):
    digest = bot.digests.compile(store.team(team_a), MONDAY)
    try:
        assert (await chart.chart_png(digest, content.messages)).startswith(b"\x89PNG")
        for process in list(chart._workers._processes.values()):
            process.kill()  # as the system's out-of-memory killer would
            process.join()
        assert (await chart.chart_png(digest, content.messages)).startswith(b"\x89PNG")
    finally:
        chart.close_chart_workers()
