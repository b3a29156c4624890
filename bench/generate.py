"""Fill a PostgreSQL database with the synthetic corpus: bench/generate.py --records 10000."""
import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.setup_env import default_database_url, prepare  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=10000)
    parser.add_argument("--database-url")
    parser.add_argument("--workers", type=int, default=os.cpu_count(), help="writer processes (default: one per core)")
    args = parser.parse_args()
    prepare(args.database_url or default_database_url(args.records))
    generate(args.records, args.workers)


def generate(records, workers=None):
    from django.db import connection

    from bench.corpus import CorpusWriter

    started = time.monotonic()

    def progress(done, total):
        rate = done / (time.monotonic() - started)
        print(f"\r  corpus: {done}/{total} records ({rate:.0f}/s)", end="", flush=True)

    CorpusWriter().write(records, progress=progress, workers=workers or os.cpu_count())
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would leave it: statistics, and the visibility map for index-only scans
    print(f"\n  corpus ready in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
