"""A story full of hard identifiers, through `werkbot demo`: none of them may reach the disk or logs."""

import re
import subprocess
import sys

from tests.support import disk_bytes, werkbot_environment

BSN = "131.860.914"
IBAN = "NL34 INGB 6846 5632 12"
PHONE = "+31 (0)6 1928 3746"
EMAIL = "fenna.hoekstra@voorbeeld.nl"
STREET = "Lindenlaan 14"
POSTCODE = "3512 KX"
STORY = (f"Mevrouw gaf haar BSN {BSN}, rekening {IBAN}, nummer {PHONE}, mail {EMAIL} "
         f"en adres {STREET}, {POSTCODE}. Samen hebben we de aanvraag rond gekregen.")
VALUES = [BSN, IBAN, PHONE, EMAIL, STREET, POSTCODE]


def forms(value: str) -> list[bytes]:
    """The value as typed and without its spaces and punctuation, as UTF-8 bytes."""
    compact = re.sub(r"[\s.()+-]", "", value)
    return [value.encode(), compact.encode(), compact.lower().encode()]


def read_until(process: subprocess.Popen, marker: str) -> str:
    seen = []
    for line in process.stdout:
        seen.append(line)
        if marker in line:
            return "".join(seen)
    raise AssertionError("demo ended before: " + marker + "\n" + "".join(seen))


def test_identifiers_never_reach_database_wal_or_logs(tmp_path):
    db = tmp_path / "demo.db"
    env = werkbot_environment(WERKBOT_LOG_LEVEL="INFO")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "demo", "--db", str(db)], cwd=tmp_path, env=env,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
    try:
        process.stdin.write(f"/verhaal {STORY}\n")
        process.stdin.flush()
        preview = read_until(process, "[2] Aanpassen")
        assert "[bsn]" in preview and "[iban]" in preview and "[telefoonnummer]" in preview
        assert "[email]" in preview and "[adres]" in preview
        assert "Zo laten" not in preview
        # While the author decides, the text is only in memory: nothing on disk yet.
        for value in VALUES:
            for form in forms(value):
                assert form not in disk_bytes(db), value
        process.stdin.write("1\n")
        process.stdin.flush()
        read_until(process, "is opgeslagen")
        on_disk_while_running = disk_bytes(db)
        process.stdin.write("/mijnverhalen\n/stop\n")
        process.stdin.flush()
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0, err
    log = (tmp_path / "demo.log").read_text(encoding="utf-8")
    assert "werkbot running" in log, "the demo's log is beside its database"
    for value in VALUES:
        for form in forms(value):
            assert form not in on_disk_while_running, value
            assert form not in disk_bytes(db), value
            assert form.decode() not in err and form.decode() not in log, value
    assert "Samen hebben we de aanvraag rond gekregen." in out
    assert b"Samen hebben we de aanvraag rond gekregen." in disk_bytes(db)
