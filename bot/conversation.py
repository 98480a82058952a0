"""What every adapter does around the core, written once: wait for the privacy guard with a
short message, deliver the replies, record what came of an exactly-once post, and tell the
moderators when the team's chat can no longer be reached.

Adapters hand in a `send` function that knows how to deliver one reply on their platform in
the context of this input (a form it may open, a terminal); it raises for a reply it could not
deliver, `ChannelUnreachable` when the team's chat refuses the bot for good.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime

from bot.core.bot import WerkBot
from bot.core.model import Caller, Reply, UserError

log = logging.getLogger(__name__)

Send = Callable[[Reply], Awaitable[None]]
# How many of a post's messages are in its chat since then (None: the platform cannot tell).
Look = Callable[[Reply, datetime], Awaitable[int | None]]


class ChannelUnreachable(Exception):
    """The platform refuses posts to a team's chat for good: the bot was removed, the chat
    archived. The moderators are told once, privately."""


class NotDelivered(Exception):
    """The platform surely did not take this reply (it answered with a server error, or no
    connection could be made): it may be sent again without a risk of showing it twice."""


class PartlySent(Exception):
    """A reply of several parts (a post's messages, a file and its note) failed after its first
    `sent` parts were out; `cause` says how the next one failed (NotDelivered,
    ChannelUnreachable, or unknown)."""

    def __init__(self, sent: int, cause: Exception) -> None:
        super().__init__(f"{sent} messages sent, then {type(cause).__name__}")
        self.sent = sent
        self.cause = cause


async def send_saying_not_delivered(reply: Reply, deliver: Send,
                                    surely_not_taken: Callable[[Exception], bool]) -> None:
    """Deliver a reply; an error the platform's adapter knows to mean the reply was surely not
    taken is raised as NotDelivered (also as the cause of a PartlySent), others as they are."""

    def said(error: Exception) -> Exception:
        return NotDelivered(type(error).__name__) if surely_not_taken(error) else error

    try:
        await deliver(reply)
    except PartlySent as partly:
        raise PartlySent(partly.sent, said(partly.cause)) from None
    except Exception as error:
        translated = said(error)
        if translated is error:
            raise
        raise translated from None


def still_to_send(reply: Reply, error: Exception) -> Reply | None:
    """What of a reply that failed may be sent again: all of it when the platform surely did
    not take it, only the rest when it failed partway and the rest was surely not taken; None
    when the outcome is unknown (a timeout, a connection lost after sending): sending again
    could show it twice."""
    if isinstance(error, NotDelivered):
        return reply
    if isinstance(error, PartlySent) and isinstance(error.cause, NotDelivered):
        return replace(reply, parts_sent=error.sent)
    return None


# How long a story waits for the privacy guard before the author hears why.
GUARD_PATIENCE_SECONDS = 2.0
# A reply the platform did not take is tried again after these waits (an outage of a few
# minutes), from an outbox of at most this many replies.
RETRY_SECONDS = (5.0, 15.0, 45.0, 120.0)
OUTBOX_SIZE = 200


class Conversation:
    def __init__(self, bot: WerkBot) -> None:
        self.bot = bot
        self.retry_seconds = RETRY_SECONDS
        self._outbox: set[asyncio.Task] = set()

    async def command(self, caller: Caller, line: str, source_key: str, send: Send) -> None:
        """A command line: parsed once; a story in it waits for the privacy guard."""
        if self._handled_before(source_key):
            return
        try:
            command = self.bot.parse(line)
        except UserError as error:
            await self.deliver([self.bot.refusal(self.bot.team_of(caller), error)], send)
            return
        if command.carries_story:
            await self.wait_for_guard(caller, send)
        await self.deliver(self.bot.handle_command(caller, command, source_key), send)
        self._handled(source_key)

    async def action(self, caller: Caller, action: str, value: str, send: Send,
                     text: str | None = None, source_key: str = "") -> None:
        """A button, or the answer to a question; a story text waits for the privacy guard."""
        if self._handled_before(source_key):
            return
        if text is not None and self.bot.carries_story(action):
            await self.wait_for_guard(caller, send)
        await self.deliver(self.bot.handle_action(caller, action, value, text, source_key), send)
        self._handled(source_key)

    def _handled_before(self, source_key: str) -> bool:
        """A replayed request or a redelivered update that was handled already changes nothing
        (a crash before it was handled lets it through again: stories are keyed on it too)."""
        if source_key and self.bot.store.was_handled(source_key):
            log.info("an input handled before came again; ignored")
            return True
        return False

    def _handled(self, source_key: str) -> None:
        """Recorded once the replies are out: what failed here was done and answered already."""
        if not source_key:
            return
        try:
            self.bot.store.mark_handled(source_key)
        except Exception as error:
            log.error("an input could not be recorded as handled: %s", type(error).__name__)

    async def wait_for_guard(self, caller: Caller, send: Send) -> None:
        """Wait for the privacy guard to load; after a moment the author hears why."""
        guard = self.bot.guard
        if guard.ready.is_set():
            return
        if not await asyncio.to_thread(guard.wait, GUARD_PATIENCE_SECONDS):
            await self.deliver([self.bot.notice(self.bot.team_of(caller), "privacy.wait")], send)
            await asyncio.to_thread(guard.wait)

    async def deliver(self, replies: list[Reply], send: Send) -> None:
        """Each reply where it belongs. A failure is logged by kind only (replies hold stories);
        what was stored stays stored."""
        for reply in replies:
            if reply.delivery is not None:
                await self.publish(reply, send)
                continue
            try:
                await send(reply)
            except Exception as error:
                rest = still_to_send(reply, error)
                if rest is not None:
                    self._send_later(rest, send)
                else:
                    log.error("sending a reply (%s) for team %s failed: %s", reply.audience,
                              reply.team_id or "-", type(error).__name__)

    def _send_later(self, reply: Reply, send: Send) -> None:
        """Keep a reply the platform did not take, or its rest (a stored story's confirmation, a
        moderator's answer, an export's note) and try again with back-off, a bounded number of
        times."""
        if len(self._outbox) >= OUTBOX_SIZE:
            log.error("outbox full: a reply for team %s is dropped", reply.team_id or "-")
            return
        task = asyncio.create_task(self._retry(reply, send))
        self._outbox.add(task)
        task.add_done_callback(self._outbox.discard)

    async def _retry(self, reply: Reply, send: Send) -> None:
        for attempt, seconds in enumerate(self.retry_seconds, start=1):
            await asyncio.sleep(seconds)
            try:
                await send(reply)
            except Exception as error:
                rest = still_to_send(reply, error)
                if rest is None:
                    log.error("sending a reply again for team %s failed: %s", reply.team_id or "-",
                              type(error).__name__)
                    return
                reply = rest
                continue
            log.info("a reply for team %s arrived at attempt %d", reply.team_id or "-", attempt + 1)
            return
        log.error("a reply for team %s could not be delivered; given up", reply.team_id or "-")

    async def close(self) -> None:
        """Stop retrying: what still waits in the outbox is dropped, and said."""
        if self._outbox:
            log.warning("stopping with %d replies still in the outbox", len(self._outbox))
        for task in list(self._outbox):
            task.cancel()

    async def publish(self, reply: Reply, send: Send, look: Look | None = None) -> None:
        """An exactly-once post (mantra, digest): send it and record the outcome.

        - When the team's chat refuses the bot, its moderators hear it, on the first attempt only.
        - What the platform surely did not take is tried again later; of a post of several
          messages, only the messages not yet in the chat.
        - An unknown outcome (a timeout, a connection lost after sending) is never sent again
          blindly: the next attempt first `look`s in the chat. A platform that cannot look does
          not send it again at all, and the moderators are told once.
        """
        posting = self.bot.posting
        assert reply.delivery is not None
        key = reply.delivery
        if reply.audience != "channel":
            # A private post (a moderator's summary) is not in the channel a look reads: one of
            # unknown fate is not sent again.
            look = None
        reply = replace(reply, parts_sent=posting.parts_sent(reply))
        since = posting.unknown_since(reply)
        if since is not None:
            found = await look(reply, since) if look is not None else None
            if found is None:
                posting.record_unknown(reply, "cannot look", final=True)
                await self.deliver(posting.unknown_notices(reply), send)
                return
            if found > reply.parts_sent:
                log.info("%s %s for team %s: %d messages found in the chat, not sent again",
                         key.kind, key.period, key.team_id, found)
                posting.record_parts(reply, found)
                reply = replace(reply, parts_sent=found)
        try:
            await send(reply)
        except PartlySent as partly:
            posting.record_parts(reply, partly.sent)
            await self._record_failure(reply, partly.cause, send, look)
        except Exception as error:
            await self._record_failure(reply, error, send, look)
        else:
            posting.record(reply)

    async def _record_failure(self, reply: Reply, error: Exception, send: Send, look: Look | None) -> None:
        posting = self.bot.posting
        assert reply.delivery is not None
        key = reply.delivery
        if isinstance(error, ChannelUnreachable):
            log.warning("%s %s for team %s: the team's chat cannot be reached", key.kind, key.period,
                        key.team_id)
            notices = posting.cannot_post_notices(reply)
            posting.record(reply, error=ChannelUnreachable.__name__)
            await self.deliver(notices, send)
        elif isinstance(error, NotDelivered):
            log.error("posting %s %s for team %s failed: %s", key.kind, key.period, key.team_id, error)
            posting.record(reply, error=str(error))
        else:
            final = look is None
            log.error("posting %s %s for team %s: outcome unknown (%s)%s", key.kind, key.period,
                      key.team_id, type(error).__name__, "; not sent again" if final else "")
            posting.record_unknown(reply, type(error).__name__, final=final)
            if final:
                await self.deliver(posting.unknown_notices(reply), send)
