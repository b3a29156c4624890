"""Settings and database for a benchmark run: production settings, a PostgreSQL database of its own."""
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent

#: what the benchmark runs under: the production settings, on plain HTTP over loopback
BENCH_ENV = {
    "DJANGO_SETTINGS_MODULE": "archive.settings",
    "DEBUG": "0",
    "SECRET_KEY": "bench-" + "k" * 20 + "-not-a-production-secret-0123456789abcdef",
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "SECURE_SSL_REDIRECT": "0",
    "LOG_LEVEL": "WARNING",
    "PAGE_CACHE_SECONDS": "0",
}


def default_database_url(records):
    label = f"{records // 1000}k" if records >= 1000 else str(records)
    return f"postgres://postgres@127.0.0.1:5432/archive_bench{label}"


def prepare(database_url):
    """Point Django at ``database_url`` (creating the database if needed), migrate, and set Django up."""
    os.environ.update(BENCH_ENV)
    os.environ["DATABASE_URL"] = database_url
    url = urlparse(database_url)
    if not url.scheme.startswith("postgres"):
        sys.exit("The benchmark needs PostgreSQL: pass --database-url postgres://...")
    name = url.path.lstrip("/")
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True)
