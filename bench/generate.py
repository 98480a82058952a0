"""A database of the project's own schema (`storage.open_database` applies the migrations) filled
with generated teams and practice stories, for the benches.

Stories arrive in time order over the past two years, spread over the teams (some teams share far
more than others), so a team's rows lie scattered through the table as in a real database. Most
are approved, some pending or rejected; principles come from the real catalogue (the team's sets),
authors are a dozen members per team, some anonymous; texts of rejected stories older than 30
days are gone, as retention leaves them. Rows go in with one executemany in one transaction,
without journal or syncing while the file is built (a bench file, not a real one); the moderation
log is not filled (no digest reads it). 1,000,000 stories take about 35 s on 2 cores.

    python bench/generate.py FILE [TEAMS] [STORIES]
"""

import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.core.content import Catalogue, load_content  # noqa: E402
from bot.core.flows.team import DEFAULT_SETTINGS  # noqa: E402
from storage import open_database  # noqa: E402
from storage.store import timestamp  # noqa: E402
from storage.team import settings_to_row  # noqa: E402

# Part of a cached file's name: change it when the generated data changes.
GENERATOR_VERSION = 2
SPAN = timedelta(days=730)
CACHE_FOLDER = Path(tempfile.gettempdir()) / "werkbot-bench"

SENTENCES = (
    "Vandaag zijn we klein begonnen, met een kop koffie bij de buren.",
    "Eerst luisteren, dan pas vragen wat iemand zelf wil.",
    "De huismeester wist meer over de galerij dan wij dachten.",
    "We hebben het gesprek verplaatst naar de keukentafel en dat werkte.",
    "Door samen de tuin op te knappen raakten de bewoners aan de praat.",
    "Ik heb niet meteen een oplossing aangedragen maar eerst doorgevraagd.",
    "Het buurthuis stelde de ruimte gratis beschikbaar voor de bijeenkomst.",
    "De jongeren organiseerden zelf het voetbaltoernooi op het plein.",
    "Een collega van de woningcorporatie schoof aan en dacht mee.",
    "Na drie weken kwam er een tweede gesprek, nu op eigen initiatief.",
    "We lieten de regie bij de bewoner, ook toen dat spannend voelde.",
    "De vrijwilligers van de voedselbank wezen ons op een gezin in de straat.",
    "Met een eenvoudige flyer bereikten we meer mensen dan verwacht.",
    "Het hielp om eerlijk te zeggen wat we niet konden beloven.",
    "De wijkagent en de opbouwwerker liepen samen een ronde.",
    "Niemand hoefde iets, iedereen mocht iets bijdragen.",
    "Door de vaste inloop op dinsdag is er nu een vast gezicht in de wijk.",
    "We vierden de kleine stap met taart in de gemeenschappelijke ruimte.",
    "Het netwerk van de bewoner bleek groter dan in het dossier stond.",
    "Samen met de school is er nu een ouderkamer op woensdagochtend.",
    "Ik heb de vraag teruggelegd: wat heb je zelf al geprobeerd?",
    "De buurtapp bracht vraag en aanbod bij elkaar zonder dat wij iets deden.",
    "We namen de tijd, en juist daardoor ging het daarna snel.",
    "Een wandeling door de wijk zei meer dan een uur vergaderen.",
)
FIRST_NAMES = ("Anne", "Bram", "Fatima", "Daan", "Sanne", "Youssef", "Lotte", "Mehmet", "Iris",
               "Kees", "Noor", "Thijs", "Esra", "Joost", "Marieke", "Ruben")
WERKPRINCIPES = ("werkprincipes",)
WITH_ATTITUDES = ("werkprincipes", "houdingsprincipes")
ALL_SETS = ("werkprincipes", "houdingsprincipes", "gouden-regels", "toetsstenen")
# A team's sets by its number, in a cycle: 5/8 the default set, 2/8 two sets, 1/8 all four.
SETS_CYCLE = (WERKPRINCIPES, WITH_ATTITUDES, WERKPRINCIPES, ALL_SETS, WERKPRINCIPES,
              WITH_ATTITUDES, WERKPRINCIPES, WERKPRINCIPES)
STORY_COLUMNS = ("id", "team_id", "source_key", "author_id", "author_name", "text", "principle_id",
                 "anonymous", "consent", "status", "featured", "privacy_flags", "created_at",
                 "updated_at", "decided_at", "decided_by", "reject_reason")
MEMBERS_PER_TEAM = 12


def _team_rows(teams: int, now: datetime, rng: random.Random) -> list[dict]:
    rows = []
    for number in range(teams):
        # By number, so that even two teams differ: 3 in 10 on Telegram, 1 in 10 in English.
        sets = SETS_CYCLE[number % len(SETS_CYCLE)]
        platform = "telegram" if number % 10 in (1, 4, 7) else "slack"
        chat_id = f"T{number % 97}:C{number:06d}" if platform == "slack" else f"-100{number:09d}"
        settings = {**DEFAULT_SETTINGS, "sets": sets, "language": "en" if number % 10 == 9 else "nl"}
        created = now - SPAN - timedelta(days=rng.uniform(1, 120))
        rows.append({"id": f"team-{number:08x}", "platform": platform, "chat_id": chat_id,
                     "name": f"#wijkteam-{number}", **settings_to_row(settings),
                     "created_by": f"U{number}m0", "created_at": timestamp(created)})
    return rows


_DAYS: dict[int, str] = {}


def _moment(seconds: float) -> str:
    """`storage.store.timestamp` of a moment in seconds since the epoch (isoformat is slow)."""
    day, rest = divmod(int(seconds), 86400)
    date = _DAYS.get(day)
    if date is None:
        date = _DAYS[day] = datetime.fromtimestamp(day * 86400, UTC).date().isoformat()
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{date}T{hours:02d}:{minutes:02d}:{secs:02d}+00:00"


def _story_rows(team_rows: list[dict], stories: int, now: datetime, catalogue: Catalogue,
                rng: random.Random, first_id: int) -> Iterator[tuple]:
    """Story rows as tuples in STORY_COLUMNS order, oldest first."""
    principles = {row["id"]: [p.id for p in catalogue.in_sets(row["sets"].split(","))]
                  for row in team_rows}
    texts = [" ".join(rng.sample(SENTENCES, rng.randint(2, 4))) for _ in range(5_000)]
    # Some teams share a lot, most a little: a long-tailed weight per team.
    weights = [rng.lognormvariate(0, 0.6) for _ in team_rows]
    chosen = rng.choices(range(len(team_rows)), weights, k=stories)
    end = now.timestamp()
    start = end - SPAN.total_seconds()
    moments = sorted(rng.uniform(start, end) for _ in range(stories))
    recent = end - 14 * 86400
    rejected_gone = end - 30 * 86400
    random_ = rng.random
    for index in range(stories):
        number = chosen[index]
        team_id = team_rows[number]["id"]
        created = moments[index]
        created_at = _moment(created)
        roll = random_()
        pending_share = 0.4 if created > recent else 0.03
        status = ("pending" if roll < pending_share
                  else "rejected" if roll < pending_share + 0.07 else "approved")
        member = int(random_() * MEMBERS_PER_TEAM)
        text: str | None = texts[int(random_() * len(texts))]
        decided_at = decided_by = reject_reason = None
        if status != "pending":
            decided = min(created + 60 + random_() * 2 * 86400, end)
            decided_at = _moment(decided)
            decided_by = f"U{number}m{int(random_() * 2)}"
            if status == "rejected":
                reject_reason = "Te herleidbaar; kun je het algemener maken?"
                if decided < rejected_gone:
                    text = None  # the text of a rejected story is deleted after 30 days
        options = principles[team_id]
        principle = options[int(random_() * len(options))] if random_() < 0.9 else None
        yield (first_id + index, team_id, f"gen:{first_id + index:09d}", f"U{number}m{member}",
               FIRST_NAMES[member % len(FIRST_NAMES)], text, principle,
               int(random_() < 0.15), int(random_() < 0.4), status,
               int(status == "approved" and random_() < 0.08),
               "naam" if random_() < 0.05 else "", created_at,
               decided_at or created_at, decided_at, decided_by, reject_reason)


def generate(path: Path, teams: int, stories: int, seed: int = 1, now: datetime | None = None) -> None:
    """Create `path` with `teams` teams and `stories` stories over the two years before `now`.

    The stories' indexes (whatever the migrations made) are dropped while the rows go in and
    made again from their own SQL afterwards, which is quicker than keeping them up row by row."""
    now = now or datetime.now(UTC).replace(microsecond=0)
    rng = random.Random(seed)
    content = load_content()
    db = open_database(path)
    conn: sqlite3.Connection = db.conn
    # A file being built, not a real one: no journal, no syncing; WAL again at the end.
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -200000")
    team_rows = _team_rows(teams, now, rng)
    conn.execute("BEGIN")
    db["teams"].insert_all(team_rows, batch_size=1000)
    db["moderators"].insert_all(
        ({"team_id": row["id"], "user_id": f"U{number}m{k}", "added_by": row["created_by"],
          "added_at": row["created_at"]} for number, row in enumerate(team_rows) for k in range(2)),
        batch_size=1000)
    indexes = list(conn.execute("select name, sql from sqlite_master where type = 'index' "
                                "and tbl_name = 'stories' and sql is not null"))
    for name, _ in indexes:
        conn.execute(f'drop index "{name}"')
    sql = (f"insert into stories ({', '.join(STORY_COLUMNS)}) "
           f"values ({', '.join('?' * len(STORY_COLUMNS))})")
    conn.executemany(sql, _story_rows(team_rows, stories, now, content.catalogue, rng, first_id=1))
    for _, create in indexes:
        conn.execute(create)
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode = WAL")
    db.close()


def cached(teams: int, stories: int) -> Path:
    """A generated database kept in the temp folder between runs (built once, then reused; the
    file only appears once it is complete). Opening it applies any newer migration."""
    CACHE_FOLDER.mkdir(parents=True, exist_ok=True)
    path = CACHE_FOLDER / f"stories-v{GENERATOR_VERSION}-{teams}-teams-{stories}.db"
    if not path.exists():
        building = path.with_name(path.name + ".building")
        # Files of an older generator, and a build that was stopped half-way.
        for leftover in CACHE_FOLDER.glob("stories-v*"):
            current = leftover.name.startswith(f"stories-v{GENERATOR_VERSION}-")
            if not current or leftover.name.startswith(building.name):
                leftover.unlink()
        generate(building, teams, stories)
        building.rename(path)
    return path


def main() -> None:
    target = Path(sys.argv[1])
    teams = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000
    stories = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
    started = time.perf_counter()
    generate(target, teams, stories)
    print(f"{teams} teams, {stories} stories in {time.perf_counter() - started:.1f} s: {target}")


if __name__ == "__main__":
    main()
