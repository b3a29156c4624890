"""The archive's benchmark: one command, a table of figures beside their targets.

    .venv/bin/python bench/run.py --records 10000

Builds (once) a synthetic corpus of ``--records`` records in its own PostgreSQL
database (archive_bench10k for 10,000; --database-url to choose), then measures the
record page, the admin record page, search and facets, importing, and gunicorn
under concurrent load, prints the table and writes it to bench/results/<date>-<N>k.md.
Targets are for a 2-core machine and are not assertions.
"""
import argparse
import datetime
import hashlib
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.setup_env import BENCH_ENV, ROOT, default_database_url, prepare  # noqa: E402

IMPORT_FIRST_ID = 9_000_001


class Table:
    def __init__(self):
        self.rows = []

    def add(self, measure, figure, target="", met=None):
        verdict = "" if met is None else ("met" if met else "NOT met")
        self.rows.append((measure, figure, target, verdict))
        print(f"  {measure:<58} {figure:<26} {target:<24} {verdict}", flush=True)

    def markdown(self):
        lines = ["| measure | figure | target | |", "|---|---|---|---|"]
        lines += [f"| {m} | {f} | {t} | {v} |" for m, f, t, v in self.rows]
        return "\n".join(lines)


def ms(timing):
    return f"p50 {timing.p50:.1f} ms, p95 {timing.p95:.1f} ms"


def record_pages(table, client):
    from bench.corpus import RECORD_300_TURNS, RECORD_72_TURNS
    from bench.measure import time_request

    counts = {}
    for record_id, turns in ((RECORD_72_TURNS, 72), (RECORD_300_TURNS, 300)):
        timing = time_request(lambda: client.get(f"/records/{record_id}/"), runs=40)
        counts[turns] = len(timing.queries)
        target, met = ("p95 ≤ 40 ms", timing.p95 <= 40) if turns == 300 else ("", None)
        table.add(f"record page, {turns} turns, uncached (status {timing.status})", ms(timing), target, met)
    table.add("record page queries, 72 / 300 turns", f"{counts[72]} / {counts[300]}",
              "same for any length", counts[72] == counts[300])


def admin_pages(table, client):
    from django.contrib.auth import get_user_model

    from bench.corpus import RECORD_300_TURNS
    from bench.htmlform import form_data
    from bench.measure import time_request
    from catalog.models import Record

    user_model = get_user_model()
    admin = user_model.objects.filter(username="bench-admin").first() or user_model.objects.create_superuser(
        "bench-admin", "bench@example.org", None
    )
    client.force_login(admin)
    record = Record.objects.get(record_id=RECORD_300_TURNS)
    url = f"/admin/catalog/record/{record.pk}/change/"
    opened = time_request(lambda: client.get(url), runs=15, warmup=2)
    table.add(f"admin record page, 300 turns, open ({len(opened.queries)} queries)", ms(opened),
              "≤ 400 ms", opened.p95 <= 400)
    data = form_data(client.get(url).content.decode())
    fields = sum(len(v) for v in data.values())
    saved = time_request(lambda: client.post(url, data), runs=8, warmup=1)
    table.add(f"admin record page, 300 turns, save ({fields} fields, status {saved.status})", ms(saved),
              "≤ 800 ms", saved.p95 <= 800 and saved.status == 302)
    client.logout()


def search(table, client, records):
    from bench.corpus import PLANTED
    from bench.measure import time_request
    from catalog.filters import RecordFilter
    from catalog.models import Language, Person, Topic
    from catalog.search import search_for

    topic = Topic.objects.filter(slug__startswith="bench-topic-", parent__isnull=True).first()
    person = Person.objects.filter(slug__startswith="bench-person-").first()
    queries = {
        f"search, rare word ({PLANTED['rare'][0]})": {"q": PLANTED["rare"][0]},
        f"search, uncommon word ({PLANTED['uncommon'][0]})": {"q": PLANTED["uncommon"][0]},
        f"search, most common word ({PLANTED['common'][0]})": {"q": PLANTED["common"][0]},
        f"search, phrase (\"{PLANTED['phrase'][0]}\")": {"q": f'"{PLANTED["phrase"][0]}"'},
        "listing, topic facet": {"topic": topic.slug},
        "listing, person facet": {"person": person.slug},
        "listing, type + language facets": {"type": "Telegram", "language": Language.objects.first().code},
        "listing, dates 1950-1953": {"date_after": "1950-01-01", "date_before": "1953-12-31"},
        "search + facet (common word, topic)": {"q": PLANTED["common"][0], "topic": topic.slug},
    }
    unfiltered = client.get("/records/").content
    for label, params in queries.items():
        timing = time_request(lambda: client.get("/records/", params), runs=20)
        applied = client.get("/records/", params).content != unfiltered
        common = "most common" in label
        limit = 300 if common else 100
        note = "" if applied else " [parameter ignored by the page]"
        if "q" in params:
            found = search_for(params["q"])
            note += f" [{len(found.matching_record_ids()):,} records match{'' if found.ranked else ', listed by date'}]"
        table.add(f"{label} at {records:,} records{note}", ms(timing),
                  f"p95 ≤ {limit} ms (at 100k)", timing.p95 <= limit if applied else None)
        if "facet" in label and "search +" not in label:
            facets = len(RecordFilter.FACETS)
            table.add(f"  grouped (GROUP BY) queries for {label}, {facets} facets", str(timing.grouped_queries),
                      "1 per facet", timing.grouped_queries == facets)


def record_checksum(record_ids):
    from catalog.models import Record, Turn

    digest = hashlib.sha256()
    for record in Record.objects.filter(record_id__in=record_ids).order_by("record_id"):
        digest.update(repr((record.record_id, record.title, record.date, record.summary, record.source_text)).encode())
    for row in Turn.objects.filter(record__record_id__in=record_ids).order_by("record__record_id", "number").values_list(
        "record__record_id", "number", "speaker_label", "speaker__person__slug", "text"
    ):
        digest.update(repr(row).encode())
    return digest.hexdigest()


def importing(table, count=50):
    import io

    from django.core.management import call_command

    from bench.pages import write_pages
    from catalog.models import Record

    forget_imported()
    with tempfile.TemporaryDirectory() as directory:
        paths = [str(p) for p in write_pages(Path(directory), IMPORT_FIRST_ID, count)]
        started = time.perf_counter()
        call_command("import_record", *paths, stdout=io.StringIO())
        rate = count / (time.perf_counter() - started)
        ids = list(range(IMPORT_FIRST_ID, IMPORT_FIRST_ID + count))
        before = record_checksum(ids)
        started = time.perf_counter()
        call_command("import_record", *paths, "--update", stdout=io.StringIO())
        update_rate = count / (time.perf_counter() - started)
        unchanged = record_checksum(ids) == before
    table.add(f"import, {count} page-text files of 60 turns", f"{rate:.0f} records/s", "≥ 200 records/s", rate >= 200)
    table.add("re-import with --update changes nothing", f"{'unchanged' if unchanged else 'CHANGED'} "
              f"({update_rate:.0f} records/s)", "unchanged", unchanged)
    forget_imported()


def forget_imported():
    """Remove the import benchmark's records, so that the corpus stays the same between runs."""
    from catalog.models import Record, Turn

    Turn.objects.filter(record__record_id__gte=IMPORT_FIRST_ID).delete()
    Record.objects.filter(record_id__gte=IMPORT_FIRST_ID).delete()


def load(table, client, database_url, seconds):
    from django.conf import settings

    from bench.corpus import RECORD_72_TURNS
    from bench.load import Gunicorn, throughput

    page = f"/records/{RECORD_72_TURNS}/"
    html = client.get(page).content
    static_dir = Path(settings.STATIC_ROOT) / "bench"
    static_dir.mkdir(parents=True, exist_ok=True)
    (static_dir / "record.html").write_bytes(html)
    static = "/static/bench/record.html"
    env = {**BENCH_ENV, "DATABASE_URL": database_url}
    peaks = []
    with Gunicorn(8107, env) as server:
        throughput(8107, static, seconds=2)
        static_rate, _ = throughput(8107, static, seconds=seconds)
        throughput(8107, page, seconds=2)
        app_rate, failed = throughput(8107, page, seconds=seconds)
        peaks += server.worker_peak_rss_mb()
    cached_env = {**env, "CACHE_URL": "redis://127.0.0.1:6379/0", "CACHE_KEY_PREFIX": f"bench-{time.time_ns()}",
                  "PAGE_CACHE_SECONDS": "600"}
    with Gunicorn(8108, cached_env) as server:
        throughput(8108, page, seconds=2)
        cached_rate, cached_failed = throughput(8108, page, seconds=seconds)
        peaks += server.worker_peak_rss_mb()
    table.add(f"static file ({len(html):,} bytes, same server)", f"{static_rate:.0f} req/s", "", None)
    table.add(f"record page, 72 turns, uncached ({failed} failed)", f"{app_rate:.0f} req/s = "
              f"{100 * app_rate / static_rate:.0f} % of static", "≥ 20 %", app_rate >= 0.2 * static_rate)
    table.add(f"record page, 72 turns, page cache warm ({cached_failed} failed)", f"{cached_rate:.0f} req/s = "
              f"{100 * cached_rate / static_rate:.0f} % of static", "≥ 60 %", cached_rate >= 0.6 * static_rate)
    table.add("peak memory per gunicorn worker", f"{max(peaks):.0f} MB", "≤ 120 MB", max(peaks) <= 120)


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    mem = next(int(line.split()[1]) // 1024 // 1024 for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    import os

    return f"{os.cpu_count()} × {cpu}, {mem} GB RAM, PostgreSQL {pg}, Python {platform.python_version()}"


def corpus_size():
    from catalog.models import Annotation, Record, Turn

    return f"{Record.objects.count():,} records, {Turn.objects.count():,} turns, {Annotation.objects.count():,} notes"


SECTIONS = ("pages", "admin", "search", "import", "load")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=10000)
    parser.add_argument("--database-url", help="PostgreSQL database for the corpus (default archive_bench<N>k)")
    parser.add_argument("--load-seconds", type=int, default=10)
    parser.add_argument("--output", help="results file (default bench/results/<date>-<N>k.md)")
    parser.add_argument("--only", help=f"comma-separated sections to measure (of {', '.join(SECTIONS)}; default all)")
    args = parser.parse_args()
    sections = args.only.split(",") if args.only else list(SECTIONS)
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        parser.error(f"no such section: {', '.join(sorted(unknown))}")
    database_url = args.database_url or default_database_url(args.records)
    prepare(database_url)

    from bench.generate import generate
    from catalog.models import Record

    if Record.objects.filter(record_id__lte=args.records).count() < args.records:
        print(f"Generating the corpus: {args.records:,} records")
        generate(args.records)

    from django.test import Client

    import archive.wsgi  # noqa: F401  -- the application as a gunicorn worker loads it (see its gc.freeze)

    client = Client()
    table = Table()
    started = time.monotonic()
    print(f"Measuring on {corpus_size()}")
    if "pages" in sections:
        record_pages(table, client)
    if "admin" in sections:
        admin_pages(table, client)
    if "search" in sections:
        search(table, client, args.records)
    if "import" in sections:
        importing(table)
    if "load" in sections:
        load(table, client, database_url, args.load_seconds)

    today = datetime.date.today().isoformat()
    size = f"{args.records // 1000}k" if args.records >= 1000 else str(args.records)
    output = Path(args.output) if args.output else ROOT / "bench" / "results" / f"{today}-{size}.md"
    output.parent.mkdir(parents=True, exist_ok=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    output.write_text(
        f"# Benchmark, {today}\n\n"
        f"- command: `.venv/bin/python bench/run.py --records {args.records}"
        f"{' --only ' + args.only if args.only else ''}`\n"
        f"- commit: {commit.strip() or '?'}\n"
        f"- machine: {machine()}\n"
        f"- corpus: {corpus_size()}\n"
        f"- run took {time.monotonic() - started:.0f} s; server times are in-process (Django test client, "
        "production settings, DEBUG off); throughput is gunicorn with 2 sync workers over loopback, "
        f"8 concurrent clients, {args.load_seconds} s per figure\n\n"
        f"{table.markdown()}\n",
        encoding="utf-8",
    )
    print(f"Written to {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")


if __name__ == "__main__":
    main()
