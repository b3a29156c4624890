"""Every kind of public page is valid HTML under the Nu HTML checker (vnu.jar).

The checker is a Java program that takes seconds to start, so the pages are rendered
once for the module and checked in a single run; each page type is then its own test.
"""
import json
import subprocess

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from ..conftest import FIXTURES
from .conftest import PAGE_TYPES, VNU


def nu_check(paths):
    """The Nu checker's errors for each file in ``paths``, keyed by file name."""
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--stdout", *map(str, paths)],
        capture_output=True, text=True, timeout=600,
    )
    errors = {path.name: [] for path in paths}
    for message in json.loads(result.stdout)["messages"]:
        if message["type"] in ("error", "non-document-error"):
            name = message.get("url", "").rsplit("/", 1)[-1]
            errors.setdefault(name, []).append(
                f"line {message.get('lastLine')}: {message['message']} | {message.get('extract', '')!r}"
            )
    return errors


@pytest.fixture(scope="module")
def nu_errors(django_db_setup, django_db_blocker, tmp_path_factory):
    """{page type: [errors]} for every page type, the catalogue loaded and rolled back afterwards."""
    directory = tmp_path_factory.mktemp("pages")
    files = {}
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("loaddata", *FIXTURES, verbosity=0)
        client = Client()
        for number, (kind, url) in enumerate(PAGE_TYPES.items()):
            response = client.get(url)
            assert response.status_code in (200, 400, 404), (kind, response.status_code)
            files[kind] = directory / f"page-{number}.html"
            files[kind].write_bytes(response.content)
        transaction.set_rollback(True)
    errors = nu_check(list(files.values()))
    return {kind: errors[path.name] for kind, path in files.items()}


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_is_valid_html(nu_errors, kind):
    assert nu_errors[kind] == [], "\n".join(nu_errors[kind])
