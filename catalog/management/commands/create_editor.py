"""Create (or update) an editor's account: a staff user in the editorial group."""
import getpass
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalog.roles import EDITORS, EDITORS_IN_CHIEF, ensure_groups


class Command(BaseCommand):
    help = (
        "Create an editor who can sign in to /admin/: a staff user in the Editors group "
        "(with --chief, also in Editors-in-chief, who may publish and delete notes)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--name", default="", help='Full name for credits, e.g. "Anna Petrova".')
        parser.add_argument("--chief", action="store_true", help="Make an editor-in-chief.")
        parser.add_argument(
            "--password",
            help="The password. Without it you are asked for one; with --no-input one is generated and printed.",
        )
        parser.add_argument("--no-input", action="store_true", dest="no_input", help="Never prompt.")

    def handle(self, username, email, name, chief, password, no_input, **options):
        try:
            ensure_groups(Group, Permission)
        except LookupError:
            raise CommandError("The catalogue's permissions are missing: run `manage.py migrate` first.") from None
        groups = list(Group.objects.filter(name__in=[EDITORS, EDITORS_IN_CHIEF] if chief else [EDITORS]))

        User = get_user_model()
        user = User.objects.filter(username=username).first() or User(username=username)
        generated = False
        if password is None and user.pk is None:
            if no_input:
                password, generated = secrets.token_urlsafe(12), True
            else:
                password = self.ask_password()
        if password is not None:
            try:
                validate_password(password, user)
            except ValidationError as problem:
                raise CommandError(" ".join(problem.messages)) from None
            user.set_password(password)

        first, _, last = name.partition(" ")
        user.first_name, user.last_name = (first, last) if name else (user.first_name, user.last_name)
        user.email = email or user.email
        user.is_staff = True
        created = user.pk is None
        with transaction.atomic():
            user.save()
            user.groups.add(*groups)

        role = "editor-in-chief" if chief else "editor"
        self.stdout.write(self.style.SUCCESS(f"{'Created' if created else 'Updated'} {role} “{username}”."))
        if generated:
            self.stdout.write(f"Password: {password}")
        self.stdout.write("Sign in at /admin/ (e.g. http://127.0.0.1:8000/admin/).")

    def ask_password(self):
        for _ in range(3):
            first = getpass.getpass("Password: ")
            if first and first == getpass.getpass("Password (again): "):
                return first
            self.stderr.write("The passwords were empty or did not match; try again.")
        raise CommandError("No password given.")
