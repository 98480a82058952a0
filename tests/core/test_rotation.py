from datetime import date, timedelta

from bot.core.rotation import Rotation
from storage import Store, open_database


def test_every_principle_once_before_any_repeat(store, bot, moderator, content, team_a):
    store.update_team(team_a, sets=",".join(content.catalogue.sets))
    team = store.team(team_a)
    rotation = Rotation(store, content.catalogue)
    start = date(2026, 1, 5)
    every_id = {p.id for p in content.catalogue.all()}
    size = len(every_id)
    picks = [rotation.principle_for(team, start + timedelta(days=n)).id for n in range(size * 3)]
    for cycle in range(3):
        assert set(picks[cycle * size:(cycle + 1) * size]) == every_id


def test_same_principle_all_day(store, bot, moderator, content, team_a):
    team = store.team(team_a)
    rotation = Rotation(store, content.catalogue)
    day = date(2026, 11, 24)
    assert rotation.principle_for(team, day) == rotation.principle_for(team, day)


def test_order_survives_a_restart(db_path, store, bot, moderator, content, clock, team_a):
    team = store.team(team_a)
    days = [date(2026, 11, 23) + timedelta(days=n) for n in range(5)]
    first = [Rotation(store, content.catalogue).principle_for(team, d).id for d in days[:3]]
    store.db.close()

    reopened = Store(open_database(db_path), clock)
    rotation = Rotation(reopened, content.catalogue)
    again = [rotation.principle_for(team, d).id for d in days[:3]]
    rest = [rotation.principle_for(team, d).id for d in days[3:]]
    assert again == first
    assert sorted(first + rest) == [f"werkprincipe-{n}" for n in range(1, 6)]
    reopened.db.close()


def test_only_enabled_sets_rotate(store, bot, moderator, content, team_a):
    store.update_team(team_a, sets="toetsstenen")
    team = store.team(team_a)
    rotation = Rotation(store, content.catalogue)
    ids = {rotation.principle_for(team, date(2026, 3, 1) + timedelta(days=n)).id for n in range(6)}
    assert ids == {"toetssteen-1", "toetssteen-2", "toetssteen-3"}
