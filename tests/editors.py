"""Accounts and admin form data shared by the editing tests."""
import pytest
from django.contrib.auth.models import Group, User

from catalog.roles import EDITORS, EDITORS_IN_CHIEF


@pytest.fixture(autouse=True)
def plain_test_settings(settings):
    """Pages render without a collected static manifest; passwords hash quickly."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(username, *groups):
    user = User.objects.create_user(username, password="pw-for-tests-only", is_staff=True)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def editor(db):
    return make_user("editor", EDITORS)


@pytest.fixture
def chief(db):
    return make_user("chief", EDITORS, EDITORS_IN_CHIEF)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def chief_client(client, chief):
    client.force_login(chief)
    return client


def note_data(turn, **overrides):
    """POST data for the annotation admin form."""
    data = {
        "turn": turn.pk,
        "quote": "",
        "prefix": "",
        "suffix": "",
        "start": "",
        "end": "",
        "kind": "identification",
        "body": "A note.",
        "author_name": "Editors",
        "opened_version": "",
    }
    data.update(overrides)
    return data


def turn_data(turn, **overrides):
    """POST data for the turn admin form, opened at the turn's current version."""
    data = {
        "kind": turn.kind,
        "speaker": turn.speaker_id or "",
        "speaker_label": turn.speaker_label,
        "text": turn.text,
        "opened_version": turn.version,
    }
    data.update(overrides)
    return data
