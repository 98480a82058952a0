"""Every query and write of the bot. Each write runs in one transaction (`db.atomic()`)."""

import secrets
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

from storage.team import Team, settings_to_row, team_from_row

Row = dict[str, Any]

TEAM_SETTINGS = frozenset(
    {"name", "mantra_time", "mantra_days", "digest_day", "digest_time", "timezone", "sets",
     "language", "moderation", "paused", "paused_until", "retention_days", "oproep_day", "oproep_time",
     "oproep_threshold", "oproep_since", "dilemma_day"}
)
STORY_FIELDS = frozenset(
    {"text", "principle_id", "anonymous", "consent", "status", "featured", "privacy_flags",
     "decided_at", "decided_by", "reject_reason", "leermoment", "signal"}
)


class NotFoundError(Exception):
    """A team or story that was asked for does not exist."""


Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


def timestamp(moment: datetime) -> str:
    """The one text form of a moment in the database: UTC ISO 8601, sortable as text."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class Store:
    """Typed access to the database; the only place that holds SQL."""

    def __init__(self, db: Database, clock: Clock = system_clock) -> None:
        self.db = db
        self.clock = clock

    def now(self) -> str:
        return timestamp(self.clock())

    @contextmanager
    def write(self) -> Iterator[None]:
        """One write transaction, begun IMMEDIATE: it waits its turn (busy_timeout) for the
        write lock up front. A deferred one that reads first and then writes fails at once
        with 'database is locked' when another process writes meanwhile."""
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            conn.execute("COMMIT")
        except BaseException:
            # Also when COMMIT itself fails: never leave a transaction open behind us.
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    @staticmethod
    def timestamp(moment: datetime) -> str:
        return timestamp(moment)

    # Teams -------------------------------------------------------------------------------

    def team(self, team_id: str) -> Team:
        rows = list(self.db.query("select * from teams where id = ?", [team_id]))
        if not rows:
            raise NotFoundError(team_id)
        return team_from_row(rows[0])

    def find_team(self, team_id: str) -> Team | None:
        try:
            return self.team(team_id)
        except NotFoundError:
            return None

    def team_at(self, platform: str, chat_id: str) -> Team | None:
        """The team whose chat this is, if any."""
        rows = list(self.db.query("select * from teams where platform = ? and chat_id = ?",
                                  [platform, chat_id]))
        return team_from_row(rows[0]) if rows else None

    def teams(self) -> list[Team]:
        return [team_from_row(row) for row in self.db.query("select * from teams order by created_at, id")]

    def create_team(self, platform: str, chat_id: str, settings: dict[str, Any],
                    first_moderator: str, first_moderator_name: str = "") -> Team:
        """A new team with its own id at this chat; its first moderator is who registered it."""
        now = self.now()
        team_id = f"team-{secrets.token_hex(4)}"
        with self.write():
            self.db["teams"].insert({"id": team_id, "platform": platform, "chat_id": chat_id,
                                     **settings_to_row(settings), "created_by": first_moderator,
                                     "created_at": now})
            self.db["moderators"].insert(
                {"team_id": team_id, "user_id": first_moderator, "added_by": first_moderator,
                 "added_at": now, "name": first_moderator_name or None}
            )
        return self.team(team_id)

    def update_team(self, team_id: str, **settings: Any) -> Team:
        unknown = set(settings) - TEAM_SETTINGS
        if unknown:
            raise ValueError(f"not a team setting: {sorted(unknown)}")
        with self.write():
            self.db["teams"].update(team_id, settings_to_row(settings))
        return self.team(team_id)

    def move_team(self, platform: str, old_chat_id: str, new_chat_id: str) -> bool:
        """Give the team at a chat its chat's new id; its stories and settings stay its own.
        False when no team lives at the old address."""
        with self.write():
            cursor = self.db.execute(
                "update teams set chat_id = ? where platform = ? and chat_id = ?",
                [new_chat_id, platform, old_chat_id])
        return cursor.rowcount == 1

    def claim_reminder(self, team_id: str, last_allowed: str) -> bool:
        """Mark the team's moderators as reminded now, unless that happened after `last_allowed`;
        True when this caller may send the reminder. One statement, so safe across processes."""
        with self.write():
            cursor = self.db.execute(
                "update teams set reminded_at = ? "
                "where id = ? and (reminded_at is null or reminded_at <= ?)",
                [self.now(), team_id, last_allowed],
            )
        return cursor.rowcount == 1

    def purge_team(self, team_id: str) -> None:
        """Delete a team and everything that belongs to it."""
        with self.write():
            for table in ("moderation_log", "stories", "rotation_picks", "dilemma_picks", "deliveries",
                          "moderators", "chat_admins"):
                self.db.execute(f"delete from {table} where team_id = ?", [team_id])
            self.db.execute("delete from teams where id = ?", [team_id])
        self.flush_deleted()

    def flush_deleted(self) -> None:
        """Move the WAL into the database and empty it, so deleted text is gone from disk too.

        With secure_delete on, the database pages are zeroed; the WAL still holds older page
        images until a checkpoint, which this forces.
        """
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def story_counts(self, team_id: str) -> dict[str, int]:
        return {
            row["status"]: row["n"]
            for row in self.db.query(
                "select status, count(*) as n from stories where team_id = ? group by status",
                [team_id],
            )
        }

    # Moderators --------------------------------------------------------------------------

    def moderators(self, team_id: str) -> list[str]:
        return [
            row["user_id"]
            for row in self.db.query(
                "select user_id from moderators where team_id = ? order by added_at, rowid", [team_id]
            )
        ]

    def numbered_moderators(self, team_id: str) -> list[tuple[int, str]]:
        """Each moderator with the number of their row: a key that says nothing about them."""
        return [(row["rowid"], row["user_id"]) for row in self.db.query(
            "select rowid, user_id from moderators where team_id = ? order by added_at, rowid", [team_id])]

    def set_chat_admins(self, team_id: str, user_ids: Collection[str]) -> None:
        """Who administers the team's chat now, as the platform says: a new one gets a row, one
        who no longer does loses theirs, the others keep theirs (and so its number). Nothing is
        written when nothing changed."""
        known = {row["user_id"] for row in self.db.query("select user_id from chat_admins where team_id = ?",
                                                         [team_id])}
        if known == set(user_ids):
            return
        marks = ", ".join("?" * len(user_ids))
        with self.write():
            self.db.execute(f"delete from chat_admins where team_id = ? and user_id not in ({marks})",
                            [team_id, *user_ids])
            self.db["chat_admins"].insert_all(
                ({"team_id": team_id, "user_id": user_id} for user_id in user_ids), ignore=True)

    def numbered_chat_admins(self, team_id: str) -> list[tuple[int, str]]:
        """The chat's administrators who are not moderators by a row of their own, each with
        the number of their row."""
        return [(row["rowid"], row["user_id"]) for row in self.db.query(
            "select rowid, user_id from chat_admins where team_id = ? "
            "and user_id not in (select user_id from moderators where team_id = ?) order by rowid",
            [team_id, team_id])]

    def is_chat_admin(self, team_id: str, user_id: str) -> bool:
        return bool(list(self.db.query(
            "select 1 from chat_admins where team_id = ? and user_id = ?", [team_id, user_id])))

    def is_moderator(self, team_id: str, user_id: str) -> bool:
        return bool(list(self.db.query(
            "select 1 from moderators where team_id = ? and user_id = ?", [team_id, user_id]
        )))

    def moderator_names(self, team_id: str) -> dict[str, str]:
        """The team's moderators, in the order they became one, with the display name the
        platform last gave for each ('' where none is known yet)."""
        return {
            row["user_id"]: row["name"] or ""
            for row in self.db.query(
                "select user_id, name from moderators where team_id = ? order by added_at, rowid",
                [team_id],
            )
        }

    def add_moderator(self, team_id: str, user_id: str, added_by: str, name: str = "") -> None:
        """Make a member a moderator (one already is keeps their row), with their display name."""
        with self.write():
            self.db["moderators"].insert(
                {"team_id": team_id, "user_id": user_id, "added_by": added_by,
                 "added_at": self.now(), "name": name or None},
                ignore=True,
            )
            if name:
                self.db.execute("update moderators set name = ? where team_id = ? and user_id = ?",
                                [name, team_id, user_id])
            self._log(team_id, None, added_by, "moderator-add", user_id)

    def name_moderator(self, team_id: str, user_id: str, name: str) -> None:
        """A moderator's display name as the platform gives it now (people rename themselves)."""
        with self.write():
            self.db.execute("update moderators set name = ? where team_id = ? and user_id = ?",
                            [name, team_id, user_id])

    def remove_moderator(self, team_id: str, user_id: str, removed_by: str) -> None:
        with self.write():
            self.db.execute(
                "delete from moderators where team_id = ? and user_id = ?", [team_id, user_id]
            )
            self._log(team_id, None, removed_by, "moderator-remove", user_id)

    # Stories -----------------------------------------------------------------------------

    def insert_story(self, story: Row) -> tuple[int, bool]:
        """Insert a story keyed on its source_key; returns (id, created).

        A redelivered platform event finds the story it already created.
        """
        now = self.now()
        with self.write():
            existing = list(self.db.query(
                "select id from stories where source_key = ?", [story["source_key"]]
            ))
            if existing:
                return existing[0]["id"], False
            row = {**story, "created_at": now, "updated_at": now}
            story_id = self.db["stories"].insert(row).last_pk
            if story.get("status") == "approved":
                self._log(story["team_id"], story_id, story["author_id"], "auto-approve", "")
        return story_id, True

    def story(self, story_id: int) -> Row:
        rows = list(self.db.query("select * from stories where id = ?", [story_id]))
        if not rows:
            raise NotFoundError(story_id)
        return rows[0]

    def update_story(self, story_id: int, actor_id: str, action: str, detail: str = "",
                     **fields: Any) -> None:
        """Change a story and record who did it, in one transaction."""
        unknown = set(fields) - STORY_FIELDS
        if unknown:
            raise ValueError(f"not a story field: {sorted(unknown)}")
        story = self.story(story_id)
        with self.write():
            self.db["stories"].update(story_id, {**fields, "updated_at": self.now()})
            self._log(story["team_id"], story_id, actor_id, action, detail)

    def feature_story(self, story_id: int, actor_id: str, week_start: str, week_end: str,
                      **fields: Any) -> None:
        """Feature one story; any other story featured in the same team-week loses it."""
        story = self.story(story_id)
        with self.write():
            self.db.execute(
                "update stories set featured = 0 where team_id = ? and featured = 1 "
                "and decided_at >= ? and decided_at < ?",
                [story["team_id"], week_start, week_end],
            )
            self.db["stories"].update(story_id, {**fields, "featured": 1,
                                                 "updated_at": self.now()})
            self._log(story["team_id"], story_id, actor_id, "feature", "")

    def delete_old_texts(self, team_id: str, created_before: str | None,
                         rejected_before: str) -> int:
        """Delete the texts of stories created before `created_before` (the team's retention)
        and of stories rejected before `rejected_before`; log each, return how many."""
        condition = "(status = 'rejected' and decided_at < ?)"
        params: list = [team_id, rejected_before]
        if created_before is not None:
            condition = f"({condition} or created_at < ?)"
            params.append(created_before)
        with self.write():
            ids = [row["id"] for row in self.db.query(
                f"select id from stories where team_id = ? and text is not null and {condition}",
                params)]
            for story_id in ids:
                self.db["stories"].update(story_id, {"text": None, "featured": 0,
                                                     "updated_at": self.now()})
                self._log(team_id, story_id, "werkbot", "retention-delete", "")
        if ids:
            self.flush_deleted()
        return len(ids)

    def stories_by_author(self, team_id: str, author_id: str) -> list[Row]:
        return list(self.db.query(
            "select * from stories where team_id = ? and author_id = ? "
            "order by created_at desc, id desc",
            [team_id, author_id],
        ))

    def stories_with_status(self, team_id: str, status: str) -> list[Row]:
        return list(self.db.query(
            "select * from stories where team_id = ? and status = ? order by created_at, id",
            [team_id, status],
        ))

    def approved_between(self, team_id: str, start: str, end: str) -> list[Row]:
        """Stories approved in [start, end), oldest first."""
        return list(self.db.query(
            "select * from stories where team_id = ? and status = 'approved' and text is not null "
            "and decided_at >= ? and decided_at < ? order by decided_at, id",
            [team_id, start, end],
        ))

    def stories_shared_between(self, team_id: str, start: str, end: str) -> int:
        """How many stories the team shared in [start, end) that are not rejected or withdrawn
        (pending ones count: someone shared them)."""
        return self.db.execute(
            "select count(*) from stories where team_id = ? and status not in ('rejected', 'withdrawn') "
            "and created_at >= ? and created_at < ?", [team_id, start, end]).fetchone()[0]

    def queue_summary(self, team_id: str) -> tuple[int, Row | None]:
        """How many stories wait for a moderator, and the number and time of the oldest: counts
        and ids, never texts."""
        count = self.db.execute("select count(*) from stories where team_id = ? and status = 'pending'",
                                [team_id]).fetchone()[0]
        oldest = list(self.db.query(
            "select id, created_at from stories where team_id = ? and status = 'pending' "
            "order by created_at, id limit 1", [team_id]))
        return count, oldest[0] if oldest else None

    def approved_principles_between(self, team_id: str, start: str, end: str) -> list[tuple[str | None, str]]:
        """(principle, decided_at) of the stories approved in [start, end): counts, without texts."""
        return self.db.execute(
            "select principle_id, decided_at from stories where team_id = ? and status = 'approved' "
            "and text is not null and decided_at >= ? and decided_at < ?",
            [team_id, start, end]).fetchall()

    def shareable_stories(self, team_id: str, featured_only: bool, signals_only: bool = False,
                          start: str | None = None, end: str | None = None) -> list[Row]:
        """Approved stories whose author consented to sharing outside the team and kept no name
        as typed; only featured ones, or only signals for policy, approved in [start, end) when
        given."""
        # A story whose author kept a name as typed stays in the team: no export promises that.
        conditions = ["team_id = ?", "status = 'approved'", "consent = 1", "text is not null",
                      "privacy_flags != 'naam:gelaten'"]
        params: list[Any] = [team_id]
        if featured_only:
            conditions.append("featured = 1")
        if signals_only:
            conditions.append("signal = 1")
        if start is not None:
            conditions.append("decided_at >= ?")
            params.append(start)
        if end is not None:
            conditions.append("decided_at < ?")
            params.append(end)
        return list(self.db.query(
            f"select * from stories where {' and '.join(conditions)} order by decided_at, id", params))

    # Moderation log ----------------------------------------------------------------------

    def _log(self, team_id: str, story_id: int | None, actor_id: str, action: str,
             detail: str) -> None:
        self.db["moderation_log"].insert(
            {"team_id": team_id, "story_id": story_id, "actor_id": actor_id, "action": action,
             "detail": detail, "at": self.now()}
        )

    def moderation_log(self, team_id: str) -> list[Row]:
        return list(self.db.query(
            "select * from moderation_log where team_id = ? order by id", [team_id]
        ))

    # Rotation ----------------------------------------------------------------------------

    def pick(self, team_id: str, day: str) -> Row | None:
        rows = list(self.db.query(
            "select * from rotation_picks where team_id = ? and day = ?", [team_id, day]
        ))
        return rows[0] if rows else None

    def current_cycle(self, team_id: str) -> tuple[int, set[str]]:
        """The team's current rotation cycle and the principles already shown in it."""
        rows = list(self.db.query(
            "select cycle, principle_id from rotation_picks where team_id = ? and cycle = "
            "(select coalesce(max(cycle), 0) from rotation_picks where team_id = ?)",
            [team_id, team_id],
        ))
        cycle = rows[0]["cycle"] if rows else 0
        return cycle, {row["principle_id"] for row in rows}

    def add_pick(self, team_id: str, day: str, principle_id: str, cycle: int) -> Row:
        """Record the principle of a day; a concurrent pick for the same day wins."""
        with self.write():
            self.db["rotation_picks"].insert(
                {"team_id": team_id, "day": day, "principle_id": principle_id, "cycle": cycle},
                ignore=True,
            )
        pick = self.pick(team_id, day)
        assert pick is not None
        return pick

    def dilemma_picks(self, team_id: str, first: str, last: str) -> list[Row]:
        """The team's dilemma picks from day `first` to day `last` (ISO dates, both included)."""
        return list(self.db.query(
            "select * from dilemma_picks where team_id = ? and day between ? and ? order by day",
            [team_id, first, last]))

    def last_dilemma_pick(self, team_id: str, before: str) -> Row | None:
        """The team's latest dilemma pick of a day before `before`."""
        rows = list(self.db.query(
            "select * from dilemma_picks where team_id = ? and day < ? order by day desc limit 1",
            [team_id, before]))
        return rows[0] if rows else None

    def add_dilemma_pick(self, team_id: str, day: str, dilemma_id: str) -> Row:
        """Record the dilemma of a day; a concurrent pick for the same day wins."""
        with self.write():
            self.db["dilemma_picks"].insert({"team_id": team_id, "day": day, "dilemma_id": dilemma_id},
                                            ignore=True)
        [pick] = self.dilemma_picks(team_id, day, day)
        return pick

    # Handled inputs ----------------------------------------------------------------------

    def was_handled(self, source_key: str) -> bool:
        return bool(list(self.db.query(
            "select 1 from handled_inputs where source_key = ?", [source_key])))

    def mark_handled(self, source_key: str) -> None:
        with self.write():
            self.db.execute("insert or ignore into handled_inputs (source_key, handled_at) values (?, ?)",
                            [source_key, self.now()])

    def forget_handled(self, before: str) -> int:
        """Forget inputs handled before then (no platform redelivers that late)."""
        with self.write():
            cursor = self.db.execute("delete from handled_inputs where handled_at < ?", [before])
        return cursor.rowcount

    # Deliveries --------------------------------------------------------------------------

    def claim_delivery(self, team_id: str, kind: str, period: str, lease_until: str | None = None) -> bool:
        """Claim the one post of this kind and period; False if it was claimed before.

        The UNIQUE (team_id, kind, period) index makes this safe across processes. The claim is
        a lease until `lease_until` (a post made by hand has none: it is sent at once).
        """
        with self.write():
            cursor = self.db.execute(
                "insert or ignore into deliveries "
                "(team_id, kind, period, status, attempts, claimed_at, lease_until) "
                "values (?, ?, ?, 'claimed', 0, ?, ?)",
                [team_id, kind, period, self.now(), lease_until],
            )
        return cursor.rowcount == 1

    def take_over_delivery(self, team_id: str, kind: str, period: str, lease_until: str) -> bool:
        """Take over a claim whose lease ran out (its process stopped before it said how the post
        went; a claim from before leases has none). False if it is not stale, or another process
        took it first."""
        now = self.now()
        with self.write():
            cursor = self.db.execute(
                "update deliveries set claimed_at = ?, lease_until = ? "
                "where team_id = ? and kind = ? and period = ? and status = 'claimed' "
                "and (lease_until is null or lease_until < ?)",
                [now, lease_until, team_id, kind, period, now],
            )
        return cursor.rowcount == 1

    def finished_deliveries(self, team_ids: Collection[str], periods: Collection[str]
                            ) -> set[tuple[str, str, str]]:
        """(team, kind, period) of the posts among these that are done: sent, skipped or lost."""
        team_marks, period_marks = ", ".join("?" * len(team_ids)), ", ".join("?" * len(periods))
        rows = self.db.execute(
            "select team_id, kind, period from deliveries where status in ('sent', 'skipped', 'lost') "
            f"and team_id in ({team_marks}) and period in ({period_marks})",
            [*team_ids, *periods]).fetchall()
        return {tuple(row) for row in rows}

    def last_delivery(self, team_id: str, kinds: Collection[str]) -> Row | None:
        """The team's most recent scheduled post of these kinds (or attempt at one), whatever
        came of it."""
        marks = ", ".join("?" * len(kinds))
        rows = list(self.db.query(
            f"select * from deliveries where team_id = ? and kind in ({marks}) "
            "order by coalesce(sent_at, claimed_at) desc, id desc limit 1",
            [team_id, *kinds],
        ))
        return rows[0] if rows else None

    def deliveries_before(self, team_id: str, kind: str, period: str) -> int:
        """How many posts of this kind the team got (or may have got: their outcome was
        unknown) for the periods before this one."""
        return self.db.execute(
            "select count(*) from deliveries where team_id = ? and kind = ? and period < ? "
            "and status in ('sent', 'unknown', 'lost')", [team_id, kind, period]).fetchone()[0]

    def delivery(self, team_id: str, kind: str, period: str) -> Row | None:
        rows = list(self.db.query(
            "select * from deliveries where team_id = ? and kind = ? and period = ?",
            [team_id, kind, period],
        ))
        return rows[0] if rows else None

    def retry_delivery(self, team_id: str, kind: str, period: str, lease_until: str) -> bool:
        """Claim a failed post (or one whose outcome was unknown) again for another attempt;
        False if another process did. Its last error stays until this attempt's outcome."""
        with self.write():
            cursor = self.db.execute(
                "update deliveries set status = 'claimed', claimed_at = ?, lease_until = ? "
                "where team_id = ? and kind = ? and period = ? and status in ('failed', 'unknown')",
                [self.now(), lease_until, team_id, kind, period],
            )
        return cursor.rowcount == 1

    def delivery_parts_sent(self, team_id: str, kind: str, period: str, parts: int) -> None:
        """How many of a post's messages are in the chat (it never goes down)."""
        with self.write():
            self.db.execute(
                "update deliveries set parts_sent = max(parts_sent, ?) "
                "where team_id = ? and kind = ? and period = ?",
                [parts, team_id, kind, period],
            )

    def reclaim_delivery(self, team_id: str, kind: str, period: str) -> bool:
        """Claim for a moderator who posts it by hand a post that did not surely arrive (failed,
        of unknown fate, lost, or skipped as too late), to be sent whole. False if it was sent or
        is under way."""
        with self.write():
            cursor = self.db.execute(
                "update deliveries set status = 'claimed', claimed_at = ?, lease_until = null, "
                "parts_sent = 0, last_error = '' where team_id = ? and kind = ? and period = ? "
                "and status in ('failed', 'unknown', 'lost', 'skipped')",
                [self.now(), team_id, kind, period],
            )
        return cursor.rowcount == 1

    def finish_delivery(self, team_id: str, kind: str, period: str, status: str,
                        error: str = "") -> None:
        with self.write():
            self.db.execute(
                "update deliveries set status = ?, attempts = attempts + 1, last_error = ?, "
                "sent_at = case when ? = 'sent' then ? else sent_at end "
                "where team_id = ? and kind = ? and period = ?",
                [status, error, status, self.now(), team_id, kind, period],
            )
