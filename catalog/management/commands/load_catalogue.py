"""python manage.py load_catalogue — load the shipped catalogue (fixtures/) into the database."""
from django.core.management import call_command
from django.core.management.base import BaseCommand

from catalog.models import Record

#: the fixture files, in loading order (each refers only to those before it)
FIXTURES = ["languages", "repositories", "topics", "people", "records", "annotations"]


class Command(BaseCommand):
    help = "Load the catalogue's fixtures. With --if-empty, only when the database holds no record yet."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="do nothing if any record is present")

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Record.objects.exists():
            self.stdout.write("The catalogue already has records; fixtures not loaded.")
            return
        call_command("loaddata", *FIXTURES, verbosity=options.get("verbosity", 1))
        # a first version of every row, so that the first correction can be seen and undone
        call_command("populate_history", auto=True, verbosity=0)
