"""Drafts, submission and publishing; who may do what; the public never sees a draft."""
import io

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse

from catalog import workflow
from catalog.models import Annotation, Record
from catalog.roles import EDITORS, EDITORS_IN_CHIEF
from tests.editors import chief, chief_client, editor, editor_client, note_data, plain_test_settings  # noqa: F401
from tests.factories import make_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def record():
    return make_record(turns=3)


@pytest.fixture
def draft(record):
    return Annotation.objects.create(turn=record.turns.get(number=2), body="Draft words about turn two.")


def change_url(note):
    return reverse("admin:catalog_annotation_change", args=[note.pk])


def test_the_migration_creates_both_groups():
    editors, chiefs = Group.objects.get(name=EDITORS), Group.objects.get(name=EDITORS_IN_CHIEF)
    assert not editors.permissions.filter(codename="publish_annotation").exists()
    assert chiefs.permissions.filter(codename="publish_annotation").exists()


def test_editors_may_correct_turns_but_not_delete_them(editor):
    assert editor.has_perm("catalog.change_turn")
    assert not editor.has_perm("catalog.delete_turn")


def test_an_editor_cannot_publish(editor, draft):
    with pytest.raises(PermissionDenied):
        workflow.apply(draft, "publish", editor)


def test_an_editor_publishing_through_the_admin_gets_403(editor_client, draft):
    response = editor_client.post(change_url(draft), note_data(draft.turn, opened_version=draft.version, body="Now public?", _transition="publish"))
    assert response.status_code == 403
    draft.refresh_from_db()
    assert (draft.status, draft.body) == ("draft", "Draft words about turn two.")


def test_an_editor_cannot_delete_a_record(editor_client, record):
    response = editor_client.post(reverse("admin:catalog_record_delete", args=[record.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Record.objects.filter(pk=record.pk).exists()


def test_an_editor_cannot_delete_a_turn(editor_client, record):
    turn = record.turns.first()
    response = editor_client.post(reverse("admin:catalog_turn_delete", args=[turn.pk]), {"post": "yes"})
    assert response.status_code == 403


def test_an_editor_submits_a_draft(editor_client, draft):
    response = editor_client.post(change_url(draft), note_data(draft.turn, opened_version=draft.version, body=draft.body, _transition="submit"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "submitted"


def test_an_editor_in_chief_publishes(chief_client, draft):
    response = chief_client.post(change_url(draft), note_data(draft.turn, opened_version=draft.version, body=draft.body, _transition="publish"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "published" and draft.published is not None


def test_an_editor_in_chief_unpublishes(chief, draft):
    workflow.apply(draft, "publish", chief)
    workflow.apply(draft, "unpublish", chief)
    assert Annotation.objects.get(pk=draft.pk).status == "unpublished"
    assert not Annotation.objects.published().filter(pk=draft.pk).exists()


def test_unpublishing_a_draft_is_refused(chief, draft):
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.apply(draft, "unpublish", chief)


def test_an_editor_in_chief_deletes_a_note(chief_client, draft):
    response = chief_client.post(reverse("admin:catalog_annotation_delete", args=[draft.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Annotation.objects.filter(pk=draft.pk).exists()


def test_an_editor_cannot_delete_a_note(editor_client, draft):
    response = editor_client.post(reverse("admin:catalog_annotation_delete", args=[draft.pk]), {"post": "yes"})
    assert response.status_code == 403


def test_an_editor_cannot_change_a_published_note(editor_client, draft):
    Annotation.objects.filter(pk=draft.pk).update(status="published")
    response = editor_client.post(change_url(draft), note_data(draft.turn, opened_version=draft.version, body="Quietly changed."))
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.body == "Draft words about turn two."


def test_the_publish_action_is_not_offered_to_an_editor(editor_client, draft):
    changelist = reverse("admin:catalog_annotation_changelist")
    assert "publish_notes" not in editor_client.get(changelist).content.decode()


def test_the_publish_action_is_offered_to_an_editor_in_chief(chief_client, draft):
    changelist = reverse("admin:catalog_annotation_changelist")
    assert "publish_notes" in chief_client.get(changelist).content.decode()


def test_the_bulk_publish_action(chief_client, draft):
    chief_client.post(
        reverse("admin:catalog_annotation_changelist"), {"action": "publish_notes", "_selected_action": [draft.pk]}
    )
    assert Annotation.objects.get(pk=draft.pk).status == "published"


def test_the_public_page_hides_a_draft(client, draft):
    page = client.get(draft.turn.record.get_absolute_url()).content.decode()
    assert "Draft words about turn two." not in page


def test_the_public_page_shows_a_published_note(client, chief, draft):
    workflow.apply(draft, "publish", chief)
    page = client.get(draft.turn.record.get_absolute_url()).content.decode()
    assert "Draft words about turn two." in page


def test_staff_preview_shows_a_draft_marked_as_preview(editor_client, draft):
    response = editor_client.get(draft.turn.record.get_absolute_url() + "?preview=1")
    page = response.content.decode()
    assert "Draft words about turn two." in page and "preview-banner" in page


def test_the_public_cannot_preview(client, draft):
    page = client.get(draft.turn.record.get_absolute_url() + "?preview=1").content.decode()
    assert "Draft words about turn two." not in page and "preview-banner" not in page


def test_create_editor_makes_a_staff_editor():
    call_command("create_editor", "anna", password="a-long-passphrase-1952", stdout=io.StringIO())
    from django.contrib.auth.models import User

    anna = User.objects.get(username="anna")
    assert anna.is_staff and anna.check_password("a-long-passphrase-1952")
    assert anna.has_perm("catalog.add_annotation") and not anna.has_perm("catalog.publish_annotation")


def test_create_editor_makes_an_editor_in_chief():
    call_command("create_editor", "boris", "--chief", "--no-input", stdout=io.StringIO())
    from django.contrib.auth.models import User

    assert User.objects.get(username="boris").has_perm("catalog.publish_annotation")


def test_create_editor_refuses_a_weak_password():
    with pytest.raises(CommandError):
        call_command("create_editor", "carl", password="123")


def test_an_editor_is_told_why_a_published_note_is_read_only(editor_client, draft):
    Annotation.objects.filter(pk=draft.pk).update(status="published")
    page = editor_client.get(change_url(draft)).content.decode()
    assert "an editor-in-chief may change it" in page
