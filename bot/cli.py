"""The `werkbot` command line: run, demo, and the coordinator's tools."""

import argparse
import asyncio
import json
import logging
import multiprocessing
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, NoReturn

from dotenv import load_dotenv

from bot.core import schedule
from bot.core.bot import WerkBot
from bot.core.commands import EXPORT_YEARS
from bot.core.content import Content, ContentError, load_content
from bot.core.export import shareable_export
from bot.core.privacy import PrivacyGuard, mask
from bot.core.text import without_controls
from bot.render.chart import render_chart
from bot.render.digest import render_html, render_markdown
from bot.settings import DEFAULT_DEMO_DATABASE, SettingsError, load_settings, log_level, paths
from bot.slack.manifest import MANIFEST_FILE, slack_manifest
from bot.system_errors import system_reason
from storage import DatabaseMissing, DatabaseUnavailable, Store, Team, backup, open_database

EXIT_USAGE = 2
EXIT_FAILURE = 1
EXIT_INTERRUPTED = 130  # the shell's code for Ctrl-C
# The command line speaks Dutch, as the people who install and coordinate the bot do.
CLI_LANGUAGE = "nl"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class CliError(Exception):
    """One line for stderr, and the exit code to leave with."""

    def __init__(self, message: str, code: int = EXIT_FAILURE) -> None:
        super().__init__(message)
        self.code = code


class UsageFormatter(argparse.HelpFormatter):
    """argparse's help layout with our word in front of the usage line."""

    def __init__(self, prog: str, usage_prefix: str = "") -> None:
        super().__init__(prog)
        self.usage_prefix = usage_prefix

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None = None) -> None:
        # argparse itself passes prefix="" when it builds a sub-command's name: keep that.
        super().add_usage(usage, actions, groups, prefix=self.usage_prefix if prefix is None else prefix)


# argparse's own error lines (it speaks English only) and the message keys we say them with.
ARGPARSE_ERRORS = (
    (re.compile(r"the following arguments are required: (?P<names>.+)"), "cli_args.required"),
    (re.compile(r"argument (?P<argument>\S+): invalid choice: '?(?P<value>.*?)'? \(choose from "
                r"(?P<choices>.+)\)"), "cli_args.invalid_choice"),
    (re.compile(r"unrecognized arguments: (?P<arguments>.+)"), "cli_args.unrecognized"),
    (re.compile(r"argument (?P<argument>\S+): expected one argument"), "cli_args.expected_one"),
)


class CommandLineParser(argparse.ArgumentParser):
    """argparse, speaking the texts of prompts/: help, usage line and errors."""

    def __init__(self, *args: Any, texts: Callable[..., str], **kwargs: Any) -> None:
        self.texts = texts
        super().__init__(*args, add_help=False, **kwargs,
                         formatter_class=partial(UsageFormatter, usage_prefix=texts("cli_args.usage")))
        self._positionals.title = texts("cli_args.arguments")
        self._optionals.title = texts("cli_args.options")
        self.add_argument("-h", "--help", action="help", help=texts("cli_args.help"))

    def error(self, message: str) -> NoReturn:
        for pattern, key in ARGPARSE_ERRORS:
            found = pattern.fullmatch(message)
            if found:
                message = self.texts(key, **found.groupdict())
                break
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n")


def build_parser(content: Content) -> argparse.ArgumentParser:
    def texts(key: str, **fields: object) -> str:
        return say(content, key, **fields)

    def explain(key: str) -> str:
        return texts(f"cli_args.{key}")

    parser = CommandLineParser(prog="werkbot", description="werkprincipe-bot", texts=texts)
    commands = parser.add_subparsers(dest="command", required=True, metavar=explain("command"),
                                     title=explain("commands"),
                                     parser_class=partial(CommandLineParser, texts=texts))
    commands.add_parser("run", help=explain("run"))
    demo = commands.add_parser("demo", help=explain("demo"))
    demo.add_argument("--db", default=None, help=texts("cli_args.demo_db", path=DEFAULT_DEMO_DATABASE))
    digest = commands.add_parser("digest", help=explain("digest"))
    digest.add_argument("--team", required=True, help=explain("team"))
    digest.add_argument("--week", help=explain("week"))
    digest.add_argument("--format", choices=("md", "html"), default="md")
    digest.add_argument("--chart", type=Path, help=explain("chart"))
    export = commands.add_parser("export", help=explain("export"))
    export.add_argument("--team", required=True, help=explain("team"))
    export.add_argument("--format", choices=("md", "html", "json", "csv"), required=True)
    export.add_argument("--featured", action="store_true", help=explain("featured"))
    export.add_argument("--signalen", action="store_true", help=explain("signalen"))
    export.add_argument("--from", dest="first", metavar="DATUM", help=explain("period_from"))
    export.add_argument("--to", dest="last", metavar="DATUM", help=explain("period_to"))
    backup_cmd = commands.add_parser("backup", help=explain("backup"))
    backup_cmd.add_argument("file", type=Path, help=explain("backup_file"))
    purge = commands.add_parser("purge", help=explain("purge"))
    purge.add_argument("--team", required=True, help=explain("team"))
    purge.add_argument("--yes", action="store_true", help=explain("yes"))
    scan = commands.add_parser("scan", help=explain("scan"))
    scan.add_argument("file", nargs="?", type=Path, help=explain("scan_file"))
    commands.add_parser("principles", help=explain("principles"))
    commands.add_parser("teams", help=explain("teams"))
    manifest = commands.add_parser("manifest", help=explain("manifest"))
    manifest.add_argument("--url", help=explain("manifest_url"))
    return parser


def main(argv: list[str] | None = None) -> int:
    load_dotenv()
    try:
        content = load_content(paths().prompts_dir)
    except ContentError as error:
        print(f"werkbot: {error}", file=sys.stderr)
        return EXIT_USAGE
    args = build_parser(content).parse_args(argv)
    try:
        configure_logging(content)
        return COMMANDS[args.command](args, content)
    except CliError as error:
        print(f"werkbot: {error}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return EXIT_INTERRUPTED


def configure_logging(content: Content) -> None:
    """Before anything imports deduce, which sets up the root logger itself when nobody has."""
    try:
        level = log_level()
    except SettingsError as error:
        raise CliError(say(content, error.key, **error.fields), EXIT_USAGE) from None
    logging.basicConfig(level=level, format=LOG_FORMAT)
    # Job bookkeeping at INFO would drown the demo chat; warnings still show.
    for noisy in ("apscheduler", "matplotlib"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # The platform libraries log request and response bodies (story texts) at DEBUG, and httpx
    # logs every URL, the Telegram token in it, at INFO: they never get below these levels.
    for library, floor in (("slack_sdk", logging.INFO), ("slack_bolt", logging.INFO),
                           ("telegram", logging.INFO), ("httpx", logging.WARNING),
                           ("httpcore", logging.WARNING),
                           # PTB's request layer logs a response it cannot read, in full, at ERROR.
                           ("telegram.request", logging.CRITICAL)):
        logging.getLogger(library).setLevel(max(level, floor))


class DemoLog(logging.FileHandler):
    """The demo's log, in a file beside its database: log lines (ours, APScheduler's, deduce's
    "Please wait…" on its first build) would land in the middle of the chat. It remembers
    whether anything was worth a look."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, encoding="utf-8")
        self.setFormatter(logging.Formatter(LOG_FORMAT))
        self.warned = False

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.warned = True
        super().emit(record)


def log_to_file(path: Path) -> DemoLog | None:
    """Every log line (and Python's warnings) to `path` instead of the terminal; None, and the
    terminal as before, when the file cannot be written."""
    try:
        handler = DemoLog(path)
    except OSError:
        return None
    root = logging.getLogger()
    for earlier in list(root.handlers):
        root.removeHandler(earlier)
    root.addHandler(handler)
    logging.captureWarnings(True)
    return handler


def say(content: Content, key: str, **fields: object) -> str:
    """A text of prompts/ in the command line's language. An error among the fields is said as its
    reason: the system's own words for it are English."""
    said = {name: system_reason(content.messages, value, CLI_LANGUAGE) if isinstance(value, BaseException)
            else value for name, value in fields.items()}
    return content.messages.render(CLI_LANGUAGE, key, **said)


def privacy_guard(content: Content) -> PrivacyGuard:
    """The guard, not yet loaded: `load()` or `load_in_background()` when stories come in."""
    return PrivacyGuard(content.guard_words, paths().cache_dir)


def open_bot(content: Content, path: str, *, create: bool = False,
             guard: PrivacyGuard | None = None) -> WerkBot:
    try:
        db = open_database(path, create=create)
    except DatabaseMissing:
        raise CliError(say(content, "cli.no_database", path=path)) from None
    except DatabaseUnavailable as error:
        raise CliError(say(content, "cli.database_unavailable", path=path, reason=error)) from None
    return WerkBot(Store(db), content, guard or privacy_guard(content))


def database_path() -> str:
    return paths().database


def team_of(bot: WerkBot, content: Content, team_id: str) -> Team:
    team = bot.store.find_team(team_id)
    if team is None:
        raise CliError(say(content, "cli.no_team", team=team_id))
    return team


def cmd_run(args: argparse.Namespace, content: Content) -> int:
    from bot.app import build_runtime
    from bot.runtime import serve

    try:
        settings = load_settings()
        if not settings.platforms:
            raise CliError(say(content, "cli.no_platform"), EXIT_USAGE)
        asyncio.run(serve(build_runtime(settings, content, privacy_guard(content))))
    except SettingsError as error:
        raise CliError(say(content, error.key, **error.fields), EXIT_USAGE) from None
    except DatabaseUnavailable as error:
        raise CliError(say(content, "cli.database_unavailable", path=error.path, reason=error)) from None
    return 0


def cmd_demo(args: argparse.Namespace, content: Content) -> int:
    from bot.app import run_demo

    path = args.db or paths().demo_database
    log_path = Path(path).with_suffix(".log")
    log = log_to_file(log_path)
    # The chat answers at once; a story sent before the guard is ready waits for it.
    try:
        asyncio.run(run_demo(path, content, privacy_guard(content), chart_dir=Path(path).resolve().parent))
    except KeyboardInterrupt:
        print(file=sys.stderr)
    except DatabaseUnavailable as error:
        raise CliError(say(content, "cli.database_unavailable", path=path, reason=error)) from None
    finally:
        if log is not None and log.warned:
            print(say(content, "cli.demo_log", path=log_path), file=sys.stderr)
    return 0


def cmd_digest(args: argparse.Namespace, content: Content) -> int:
    bot = open_bot(content, database_path())
    team = team_of(bot, content, args.team)
    monday = None
    if args.week:
        try:
            monday = schedule.monday_of_week_key(args.week)
        except ValueError:
            raise CliError(say(content, "cli.bad_week", week=args.week), EXIT_USAGE) from None
    digest = bot.digests.compile(team, monday)
    render = render_html if args.format == "html" else render_markdown
    sys.stdout.write(render(digest, content.messages))
    if args.chart:
        try:
            args.chart.write_bytes(render_chart(digest, content.messages))
        except OSError as error:
            raise CliError(say(content, "cli.unwritable", path=args.chart, reason=error)) from None
        print(say(content, "cli.chart_written", path=args.chart), file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace, content: Content) -> int:
    bot = open_bot(content, database_path())
    team = team_of(bot, content, args.team)
    first, last = (export_day(content, text) for text in (args.first, args.last))
    if first is not None and last is not None and first > last:
        raise CliError(say(content, "cli.bad_date", value=f"{args.first} > {args.last}"), EXIT_USAGE)
    _, text = shareable_export(bot.store, content.catalogue, content.messages, team, args.format, first,
                               last, featured_only=args.featured, signals_only=args.signalen)
    sys.stdout.write(text)
    return 0


def export_day(content: Content, text: str | None) -> date | None:
    """A day of --from or --to (2026-10-01); a usage error for anything else."""
    if text is None:
        return None
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise CliError(say(content, "cli.bad_date", value=text), EXIT_USAGE) from None
    if not EXPORT_YEARS[0] <= day.year <= EXPORT_YEARS[1]:
        raise CliError(say(content, "cli.bad_date", value=text), EXIT_USAGE)
    return day


def cmd_backup(args: argparse.Namespace, content: Content) -> int:
    path = database_path()
    live = {Path(path).resolve(), *(Path(path + suffix).resolve() for suffix in ("-wal", "-shm"))}
    if args.file.resolve() in live:
        raise CliError(say(content, "cli.backup_onto_itself", path=args.file), EXIT_USAGE)
    bot = open_bot(content, path)
    try:
        backup(bot.store.db, args.file)
    except DatabaseUnavailable as error:
        raise CliError(say(content, "cli.backup_failed", path=args.file, reason=error)) from None
    print(say(content, "cli.backup_done", path=args.file))
    return 0


def cmd_purge(args: argparse.Namespace, content: Content) -> int:
    bot = open_bot(content, database_path())
    team = team_of(bot, content, args.team)
    count = sum(bot.store.story_counts(team.id).values())
    if not args.yes:
        try:
            answer = input(say(content, "cli.purge_confirm", team=team.id, count=count))
        except EOFError:
            answer = ""
            print()
        if answer.strip().lower() != "ja":
            print(say(content, "cli.purge_cancelled"))
            return EXIT_FAILURE
    bot.store.purge_team(team.id)
    print(say(content, "cli.purged", team=team.id))
    return 0


def cmd_scan(args: argparse.Namespace, content: Content) -> int:
    """The chat's privacy check, outside the chat: one JSON object per input line."""
    if args.file is not None and not args.file.exists():
        raise CliError(say(content, "cli.no_file", path=args.file))
    guard = privacy_guard(content)
    guard.load()
    source = args.file or "stdin"
    number = 0
    try:
        if args.file is None:
            # Each line answered as soon as it is read: a program may talk to scan line by line.
            for raw in sys.stdin.buffer:
                number += 1
                print(scanned_line(guard, scan_input(decoded(raw, number))), flush=True)
            return 0
        with args.file.open("rb") as lines, scan_workers(guard) as scan_batch:
            batch: list[str] = []
            first = 1  # the line number the batch starts at

            def answer_batch() -> None:
                try:
                    answers = scan_batch(batch)
                except Exception as error:
                    # A scan process that died, or a text the guard failed on: say where, in Dutch.
                    raise CliError(say(content, "cli.scan_failed", path=source, first=first,
                                       last=first + len(batch) - 1, reason=type(error).__name__)) from None
                print(*answers, sep="\n", flush=True)
                batch.clear()

            for raw in lines:
                number += 1
                if not batch:
                    first = number
                try:
                    batch.append(scan_input(decoded(raw, number)))
                except UnicodeDecodeError:
                    # The lines before a bad one are answered before the error is.
                    if batch:
                        answer_batch()
                    raise
                if len(batch) == SCAN_BATCH:
                    answer_batch()
            if batch:
                answer_batch()
    except BrokenPipeError:
        # The reader stopped early ("werkbot scan FILE | head"): nothing left to say to it.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILURE
    except UnicodeDecodeError:
        raise CliError(say(content, "cli.not_utf8", path=source, line=number)) from None
    except OSError as error:
        raise CliError(say(content, "cli.unreadable", path=source, reason=error)) from None
    return 0


# Lines of a file handed to the scan processes at a time: enough to keep them busy,
# few enough that the first answers come out while the rest is scanned.
SCAN_BATCH = 512


def decoded(raw: bytes, number: int) -> str:
    # Bytes in, decoded line by line, so a bad byte is reported at its own line
    # (and a byte-order mark from Windows editors does not shift the first line's offsets).
    return raw.decode("utf-8-sig" if number == 1 else "utf-8").rstrip("\r\n")


def scanned_line(guard: PrivacyGuard, text: str) -> str:
    findings = guard.scan(text)
    return json.dumps({"findings": [{"kind": f.kind, "start": f.start, "end": f.end} for f in findings],
                       "masked": mask(text, findings)}, ensure_ascii=False)


@contextmanager
def scan_workers(guard: PrivacyGuard) -> Iterator[Callable[[list[str]], list[str]]]:
    """Scans a batch of texts over every core, answers in input order. The scanning is pure
    Python, so only processes run it side by side; forked, they share the loaded guard instead
    of loading it again. Without fork (Windows) or a second core, this process scans alone."""
    # The cores this process may use (a container or taskset may allow fewer than the machine has).
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if cores == 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield lambda texts: [scanned_line(guard, text) for text in texts]
        return
    with ProcessPoolExecutor(cores, mp_context=multiprocessing.get_context("fork"),
                             initializer=_adopt_guard, initargs=(guard,)) as pool:
        # A few chunks per core: a core that drew long texts does not hold up the batch for long.
        yield lambda texts: list(pool.map(_scanned_in_worker, texts,
                                          chunksize=max(1, len(texts) // (cores * 4))))


_worker_guard: PrivacyGuard | None = None


def _adopt_guard(guard: PrivacyGuard) -> None:
    global _worker_guard
    _worker_guard = guard


def _scanned_in_worker(text: str) -> str:
    assert _worker_guard is not None, "scan worker started without the guard"
    return scanned_line(_worker_guard, text)


def scan_input(line: str) -> str:
    """A JSON line's 'text' field, or the line itself, without control characters: the text
    the chat would check (offsets refer to it), and none that can rewrite a terminal."""
    if line.lstrip().startswith("{"):
        try:
            data = json.loads(line)
        except json.JSONDecodeError:
            return without_controls(line)
        if isinstance(data, dict) and isinstance(data.get("text"), str):
            return without_controls(data["text"])
    return without_controls(line)


def cmd_principles(args: argparse.Namespace, content: Content) -> int:
    """Each set under a heading with the id `/werkbot sets` takes, then its principles."""
    for number, principle_set in enumerate(content.catalogue.sets.values()):
        if number:
            print()
        print(say(content, "cli.principle_set", set_id=principle_set.id, name=principle_set.name["nl"],
                  count=len(principle_set.principles)))
        for principle in principle_set.principles:
            print(f"  {principle.id}  {principle.text['nl']}")
    return 0


def cmd_teams(args: argparse.Namespace, content: Content) -> int:
    bot = open_bot(content, database_path())
    teams = bot.store.teams()
    if not teams:
        print(say(content, "cli.no_teams"))
    for team in teams:
        # In the words of the rest of the command line (Dutch), whatever the team's language.
        counts = bot.store.story_counts(team.id)
        stories = ", ".join(say(content, "cli.team_stories", count=n, status=say(content, f"status.{status}"))
                            for status, n in sorted(counts.items()))
        if team.paused:
            state = say(content, "cli.team_paused")
        elif schedule.is_paused(team, bot.clock()):
            state = say(content, "cli.team_paused_until", day=team.paused_until)
        else:
            state = say(content, "cli.team_active")
        # The chat's name (a Slack channel, a Telegram group's title) is how people know it.
        print(say(content, "cli.team_line", team=team.id, platform=team.platform, chat=team.chat_id,
                  name=team.name or "-", state=state,
                  days=",".join(schedule.days_in_words(team.mantra_days, CLI_LANGUAGE)),
                  mantra_time=team.mantra_time,
                  digest_day=schedule.days_in_words([team.digest_day], CLI_LANGUAGE)[0],
                  digest_time=team.digest_time, timezone=team.timezone, sets=",".join(team.sets),
                  language=team.language, stories=stories or say(content, "cli.team_no_stories")))
    return 0


def cmd_manifest(args: argparse.Namespace, content: Content) -> int:
    """The Slack app manifest: for Socket Mode, or with --url for HTTP mode at that address."""
    try:
        sys.stdout.write(slack_manifest(args.url))
    except ValueError:
        raise CliError(say(content, "cli.bad_url", value=args.url), EXIT_USAGE) from None
    except OSError as error:
        raise CliError(say(content, "cli.unreadable", path=MANIFEST_FILE, reason=error)) from None
    return 0


COMMANDS = {
    "run": cmd_run,
    "demo": cmd_demo,
    "digest": cmd_digest,
    "export": cmd_export,
    "backup": cmd_backup,
    "purge": cmd_purge,
    "scan": cmd_scan,
    "principles": cmd_principles,
    "teams": cmd_teams,
    "manifest": cmd_manifest,
}

if __name__ == "__main__":
    sys.exit(main())
