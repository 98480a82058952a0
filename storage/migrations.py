"""Versioned schema migrations, applied at start-up (sqlite-utils' built-in runner).

Never edit a migration that has shipped: add a new one.
"""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("werkbot")


@migrations()
def m001_initial(db: Database) -> None:
    db["teams"].create(
        {
            "id": str,
            "platform": str,
            "chat_id": str,
            "workspace_id": str,
            "name": str,
            "mantra_time": str,
            "mantra_days": str,
            "digest_day": str,
            "digest_time": str,
            "timezone": str,
            "sets": str,
            "language": str,
            "moderation": int,
            "paused": int,
            "created_by": str,
            "created_at": str,
        },
        pk="id",
        not_null={"platform", "chat_id", "mantra_time", "mantra_days", "digest_day",
                  "digest_time", "timezone", "sets", "language", "moderation", "paused",
                  "created_at"},
    )
    db["moderators"].create(
        {"team_id": str, "user_id": str, "added_by": str, "added_at": str},
        pk=("team_id", "user_id"),
        foreign_keys=[("team_id", "teams", "id")],
    )
    db["stories"].create(
        {
            "id": int,
            "team_id": str,
            "source_key": str,
            "author_id": str,
            "author_name": str,
            "text": str,
            "principle_id": str,
            "anonymous": int,
            "consent": int,
            "status": str,
            "featured": int,
            "privacy_flags": str,
            "created_at": str,
            "updated_at": str,
            "decided_at": str,
            "decided_by": str,
            "reject_reason": str,
        },
        pk="id",
        not_null={"team_id", "author_id", "anonymous", "consent", "status", "featured",
                  "created_at"},
        defaults={"anonymous": 0, "consent": 0, "featured": 0, "privacy_flags": ""},
        foreign_keys=[("team_id", "teams", "id")],
    )
    db["stories"].create_index(["source_key"], unique=True)
    db["stories"].create_index(["team_id", "status"])
    db["stories"].create_index(["team_id", "author_id"])
    db["moderation_log"].create(
        {
            "id": int,
            "team_id": str,
            "story_id": int,
            "actor_id": str,
            "action": str,
            "detail": str,
            "at": str,
        },
        pk="id",
        foreign_keys=[("team_id", "teams", "id")],
    )
    db["rotation_picks"].create(
        {"team_id": str, "day": str, "principle_id": str, "cycle": int},
        pk=("team_id", "day"),
        foreign_keys=[("team_id", "teams", "id")],
    )
    db["deliveries"].create(
        {
            "id": int,
            "team_id": str,
            "kind": str,
            "period": str,
            "status": str,
            "attempts": int,
            "claimed_at": str,
            "sent_at": str,
            "last_error": str,
        },
        pk="id",
        not_null={"team_id", "kind", "period", "status", "attempts"},
        foreign_keys=[("team_id", "teams", "id")],
    )
    db["deliveries"].create_index(["team_id", "kind", "period"], unique=True)


@migrations()
def m002_story_decided_index(db: Database) -> None:
    # Digests select a team's approved stories by decision time.
    db["stories"].create_index(["team_id", "decided_at"])


@migrations()
def m003_team_retention(db: Database) -> None:
    # bewaartermijn: story texts older than this many days are deleted (NULL: kept).
    db["teams"].add_column("retention_days", int)


@migrations()
def m004_team_reminded_at(db: Database) -> None:
    # When the team's moderators were last told that a story waits (at most once an hour), kept
    # here so the limit holds across restarts and across two processes.
    db["teams"].add_column("reminded_at", str)


@migrations()
def m005_team_address(db: Database) -> None:
    # A team's id is its own; (platform, chat_id) is its address, unique and movable, so a chat
    # whose id changes (a Telegram group upgraded to a supergroup) moves one row.
    db["teams"].create_index(["platform", "chat_id"], unique=True)


@migrations()
def m006_handled_inputs(db: Database) -> None:
    # The platform's id of every command and button press that was handled (a Slack trigger id,
    # a view id, a Telegram update id), so a replayed or redelivered one changes nothing.
    db["handled_inputs"].create({"source_key": str, "handled_at": str}, pk="source_key")
    db["handled_inputs"].create_index(["handled_at"])


@migrations()
def m007_delivery_lease(db: Database) -> None:
    # A claim is a lease: the process that claimed a post has it until then; a claim whose lease
    # ran out (the process crashed before it could say how the post went) is taken over.
    db["deliveries"].add_column("lease_until", str)


@migrations()
def m008_delivery_parts(db: Database) -> None:
    # A post of several messages (a long digest) that failed halfway: how many are in the chat,
    # so that a retry sends only the rest.
    db["deliveries"].add_column("parts_sent", int, not_null_default=0)


@migrations()
def m009_team_paused_until(db: Database) -> None:
    # A pause with an end (/werkbot pauze tot 4 januari): the day, in the team's time zone, on
    # which its posts come again. NULL: no such pause (`paused` is the pause without an end).
    db["teams"].add_column("paused_until", str)


@migrations()
def m010_story_leermoment_and_signal(db: Database) -> None:
    # leermoment: the author marked the story as one about what did not work and what was learned
    # (the digest gives those a section of their own). signal: a moderator tagged it as a signal
    # for policy, where rules chafe with residents' lives (werkbot export --signalen).
    db["stories"].add_column("leermoment", int, not_null_default=0)
    db["stories"].add_column("signal", int, not_null_default=0)


@migrations()
def m011_moderator_names(db: Database) -> None:
    # How the bot shows a moderator: the display name the chat platform gave when they became
    # one or last used the bot (a colleague's personal data: only this name, nothing more; it
    # goes with the moderator row). NULL: not known yet (a moderator from before this).
    db["moderators"].add_column("name", str)


@migrations()
def m012_team_oproep(db: Database) -> None:
    # /werkbot oproep wo 14:00: a weekly invitation to share a story, posted at that day and time
    # when the team shared fewer than `oproep_threshold` stories that week. NULL day: off.
    db["teams"].add_column("oproep_day", str)
    db["teams"].add_column("oproep_time", str)
    db["teams"].add_column("oproep_threshold", int, not_null_default=2)


@migrations()
def m013_team_dilemma(db: Database) -> None:
    # /werkbot dilemma wo: on that weekday the mantra slot posts the week's dilemma instead of the
    # principle. NULL: off. The picks keep which dilemma a day showed, so /mantra and a retry of
    # the post say the same, and the next dilemma follows the last one.
    db["teams"].add_column("dilemma_day", str)
    db["dilemma_picks"].create(
        {"team_id": str, "day": str, "dilemma_id": str},
        pk=("team_id", "day"),
        foreign_keys=[("team_id", "teams", "id")],
    )


@migrations()
def m014_team_oproep_since(db: Database) -> None:
    # When the weekly invitation was last set (UTC, as every timestamp): a slot before it does not
    # count, so an oproep set for a time earlier today first comes at its next slot. NULL: a team
    # from before this, or the oproep is off.
    db["teams"].add_column("oproep_since", str)


@migrations()
def m015_chat_admins(db: Database) -> None:
    # Who administers a team's chat, as the platform last said (on Telegram a group's
    # administrators moderate too): they get the moderators' weekly summary. Only the ids; the
    # row's number keys their summary, so a row stays as long as the person is an admin.
    db["chat_admins"].create(
        {"team_id": str, "user_id": str},
        pk=("team_id", "user_id"),
        foreign_keys=[("team_id", "teams", "id")],
    )
