"""Retention: story texts are deleted after each team's bewaartermijn, rejected ones after 30 days."""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from storage import Store

log = logging.getLogger(__name__)

REJECTED_TEXT_DAYS = timedelta(days=30)
# No platform delivers an input again after this long (the slowest redelivers within a day).
HANDLED_INPUT_DAYS = timedelta(days=2)


def apply_retention(store: Store, clock: Callable[[], datetime]) -> int:
    """Delete the story texts past their time, team by team; return how many."""
    now = clock()
    rejected_before = store.timestamp(now - REJECTED_TEXT_DAYS)
    deleted = 0
    for team in store.teams():
        created_before = (store.timestamp(now - timedelta(days=team.retention_days))
                          if team.retention_days else None)
        try:
            deleted += store.delete_old_texts(team.id, created_before, rejected_before)
        except Exception:
            log.exception("retention failed for team %s", team.id)
    if deleted:
        log.info("retention deleted %d story texts", deleted)
    store.forget_handled(store.timestamp(now - HANDLED_INPUT_DAYS))
    return deleted
