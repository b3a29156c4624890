"""Backups restore every record, turn and note exactly: checked by checksum, field by field."""
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from catalog.models import Annotation, Record
from tests.checksums import catalogue_checksums
from tests.conftest import FIXTURES
from tests.factories import make_record

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "samples" / "111247.txt"
HISTORICAL = [f"catalog.{m}" for m in ("historicalrecord", "historicalturn", "historicalparticipant",
                                       "historicalperson", "historicaltopic", "historicalannotation")]


@pytest.fixture
def varied_catalogue(catalogue, django_user_model):
    """The shipped catalogue plus a long record with notes of every status, an author and linked topics."""
    editor = django_user_model.objects.create_user("editor", password="x" * 20)
    record = make_record(turns=120, notes_per_turn=1)
    note = Annotation.objects.filter(turn__record=record).first()
    note.author, note.status, note.quote = editor, "draft", "point 1"
    note.save()
    note.people.add(*record.participants.values_list("person", flat=True))
    return record


def test_fixture_export_restores_into_an_empty_database_unchanged(varied_catalogue, tmp_path):
    before = catalogue_checksums()
    export = tmp_path / "catalogue.json"
    call_command("dumpdata", "catalog", "auth.user", natural_foreign=True, natural_primary=True,
                 exclude=HISTORICAL, output=str(export), verbosity=0)
    if connection.vendor == "postgresql":  # let the test transaction's deferred checks run before TRUNCATE
        connection.cursor().execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    assert Record.objects.count() == 0
    call_command("loaddata", str(export), verbosity=0)
    after = catalogue_checksums()
    assert len(after) == len(before) > 200
    assert after == before


def test_fixture_export_holds_no_audit_history(varied_catalogue):
    out = io.StringIO()
    call_command("dumpdata", "catalog", natural_foreign=True, natural_primary=True, exclude=HISTORICAL, stdout=out)
    assert not any(row["model"].startswith("catalog.historical") for row in json.loads(out.getvalue()))


def test_a_changed_note_changes_its_checksum(varied_catalogue):
    before = catalogue_checksums()
    note = Annotation.objects.first()
    note.body += " (revised)"
    note.save()
    changed = {key for key, value in catalogue_checksums().items() if before.get(key) != value}
    assert changed == {f"annotation {note.natural_key()}"}


# --- The backup and restore scripts, end to end, on a database of their own ---------------------------------


def script_env(database_url):
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    env.update(DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="archive.settings", DEBUG="1",
               PYTHON=sys.executable)
    return env


def run(args, database_url):
    result = subprocess.run(args, cwd=ROOT, env=script_env(database_url), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def checksums_of(database_url):
    return json.loads(run([sys.executable, "-m", "tests.checksums"], database_url).strip().splitlines()[-1])


def fill(database_url, directory):
    """The shipped catalogue, and one more record imported from page text."""
    run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], database_url)
    run([sys.executable, "manage.py", "loaddata", *FIXTURES, "-v0"], database_url)
    page = SAMPLE.read_text(encoding="utf-8").replace("111247", "111248")
    (path := directory / "111248.txt").write_text(page, encoding="utf-8")
    run([sys.executable, "manage.py", "import_record", str(path)], database_url)


@pytest.fixture
def scratch_databases(tmp_path):
    """Two empty databases outside the test transaction: PostgreSQL when the tests run on it, else SQLite files."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'source.sqlite3'}", f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    settings_dict = connection.settings_dict
    base = f"postgres://{settings_dict['USER']}@{settings_dict['HOST'] or '127.0.0.1'}:{settings_dict['PORT'] or 5432}"
    names = [f"{settings_dict['NAME']}_backup_source", f"{settings_dict['NAME']}_backup_restored"]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
    yield tuple(f"{base}/{name}" for name in names)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_script_then_fixture_restore_into_an_empty_database(scratch_databases, tmp_path):
    source, restored = scratch_databases
    fill(source, tmp_path)
    run(["scripts/backup", str(tmp_path / "backup")], source)
    run(["scripts/restore", "--fixture", str(tmp_path / "backup")], restored)
    before, after = checksums_of(source), checksums_of(restored)
    assert len(before) > 144
    assert after == before


def test_restore_refuses_a_backup_whose_files_changed(scratch_databases, tmp_path):
    source, restored = scratch_databases
    fill(source, tmp_path)
    run(["scripts/backup", str(tmp_path / "backup")], source)
    with open(tmp_path / "backup" / "catalogue.json", "a") as export:
        export.write(" ")
    result = subprocess.run(["scripts/restore", "--fixture", str(tmp_path / "backup")], cwd=ROOT,
                            env=script_env(restored), capture_output=True, text=True, timeout=300)
    assert result.returncode != 0


if connection.vendor == "postgresql":  # pg_dump needs PostgreSQL; on SQLite the fixture route above covers restore

    def test_pg_dump_backup_restores_into_an_empty_database(scratch_databases, tmp_path):
        source, restored = scratch_databases
        fill(source, tmp_path)
        run(["scripts/backup", str(tmp_path / "backup")], source)
        assert (tmp_path / "backup" / "archive.dump").stat().st_size > 0
        run(["scripts/restore", str(tmp_path / "backup")], restored)
        before, after = checksums_of(source), checksums_of(restored)
        assert len(before) > 144
        assert after == before
