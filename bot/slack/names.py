"""Members' display names as Slack's users.info gives them, kept in this process's memory.

A name is a colleague's personal data: only the display name is kept, only in memory, and only
for NAME_SECONDS (people rename themselves; a member who left is forgotten). The core keeps the
names of moderators only, with their moderator row.
"""

import logging
import time
from collections.abc import Callable

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)

NAME_SECONDS = 3600.0
# An id Slack does not know (or will not tell, as without the users:read scope) is asked again
# after this.
UNKNOWN_SECONDS = 300.0
# Past this many entries, expired ones are dropped.
MOST_ENTRIES = 5000
NOT_A_MEMBER = ("user_not_found", "users_not_found", "user_not_visible")


def display_name(user: dict) -> str | None:
    """How Slack shows a member: the display name they chose, else their full name; None for a
    deactivated account or a bot, which nobody can name as a colleague."""
    if user.get("deleted") or user.get("is_bot"):
        return None
    profile = user.get("profile") or {}
    for name in (profile.get("display_name"), profile.get("real_name"), user.get("real_name"),
                 user.get("name")):
        name = " ".join((name or "").split())
        if name:
            return name
    return None


class SlackNames:
    """users.info through the Bolt app's client, asked at most once an hour per member."""

    def __init__(self, client: AsyncWebClient, clock: Callable[[], float] = time.monotonic) -> None:
        self.client = client
        self.clock = clock
        self._known: dict[str, tuple[float, str | None]] = {}

    async def name(self, user_id: str) -> str | None:
        """A member's display name; None when Slack knows no such member. When Slack cannot be
        asked now, the name it gave last (if any)."""
        now = self.clock()
        cached = self._known.get(user_id)
        if cached is not None and cached[0] > now:
            return cached[1]
        stale = cached[1] if cached is not None else None
        try:
            response = await self.client.users_info(user=user_id)
        except SlackApiError as error:
            code = error.response.get("error", "?")
            if error.response.status_code >= 500 or code in ("ratelimited", "service_unavailable",
                                                              "internal_error"):
                log.warning("Slack users.info failed for now: %s", code)
                return stale
            if code not in NOT_A_MEMBER:
                # A missing users:read scope, say: names fall back to what the request carries.
                log.warning("Slack users.info refused: %s", code)
            self._keep(user_id, None, now + UNKNOWN_SECONDS)
            return None
        except (aiohttp.ClientError, OSError, TimeoutError) as error:
            log.warning("Slack users.info could not be reached: %s", type(error).__name__)
            return stale
        name = display_name(response.get("user") or {})
        self._keep(user_id, name, now + (NAME_SECONDS if name else UNKNOWN_SECONDS))
        return name

    def _keep(self, user_id: str, name: str | None, until: float) -> None:
        if len(self._known) >= MOST_ENTRIES:
            now = self.clock()
            self._known = {key: entry for key, entry in self._known.items() if entry[0] > now}
            if len(self._known) >= MOST_ENTRIES:
                self._known.clear()
        self._known[user_id] = (until, name)
