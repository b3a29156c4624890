"""python manage.py import_record PATH... — import record pages in the Digital Archive format."""
from django.core.management.base import BaseCommand, CommandError

from catalog.importer import SourceError, load_record, parse_page, read_source


class Command(BaseCommand):
    help = (
        "Import record pages (Digital Archive page text). Each file is imported whole or not at all; "
        "a record already in the catalogue is refused unless --update."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--update", action="store_true", help="replace records already in the catalogue")
        parser.add_argument("--dry-run", action="store_true", help="parse and check, write nothing")

    def handle(self, *args, paths=(), update=False, dry_run=False, **options):
        failures = 0
        for path in paths:
            try:
                parsed = parse_page(read_source(path), path)
                result = load_record(parsed, update=update, dry_run=dry_run)
            except SourceError as error:
                error.path = error.path or path
                self.stderr.write(f"error: {error}")
                failures += 1
                continue
            self.report(parsed, result)
        if failures:
            raise CommandError(f"{failures} of {len(paths)} file(s) not imported")

    def report(self, parsed, result):
        if result.dry_run:
            action = "would create" if result.created else "would update"
        else:
            action = "created" if result.created else "updated"
        self.stdout.write(f"{action} {parsed.summary_line()}")
        for warning in parsed.warnings:
            self.stdout.write(f"  warning: {warning}")
        if result.new_people:
            self.stdout.write("  new people: " + ", ".join(p.name for p in result.new_people))
        if result.kept_notes:
            self.stdout.write(f"  kept {result.kept_notes} editors' note(s) on unchanged turns")
        for number, note in result.detached_notes:
            self.stdout.write(
                f"  could not keep note {note.uuid} on turn {number} (its text changed): kept, detached, for an editor to re-anchor"
            )
