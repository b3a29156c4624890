"""The record page and its permanent addresses."""
import pytest

from catalog.models import Annotation, Record


def test_record_page_has_every_turn_anchor(client, catalogue):
    response = client.get("/records/111247/")
    assert response.status_code == 200
    html = response.content.decode()
    for n in range(1, 73):
        assert f'id="turn-{n}"' in html
    assert 'id="turn-73"' not in html


def test_record_page_shows_document_information_and_participants(client, catalogue):
    html = client.get("/records/111247/").content.decode()
    assert "APRF, f. 45, op. 1, d. 343, ll. 97-103" in html
    assert "Archive of the President of the Russian Federation" in html
    assert "Danny Rozas" in html and "Kathryn Weathersby" in html
    assert "Minutes of Conversation" in html
    assert "Zhang Wentian" in html and "Shi Zhe" in html


def test_old_document_address_redirects_permanently(client, catalogue):
    response = client.get("/document/111247")
    assert response.status_code == 301
    assert response["Location"] == "/records/111247/"


def test_unknown_record_is_404(client, catalogue):
    assert client.get("/records/1/").status_code == 404


def test_unpublished_record_is_404(client, catalogue):
    Record.objects.filter(record_id=111247).update(is_published=False)
    assert client.get("/records/111247/").status_code == 404


def test_draft_notes_are_not_public(client, catalogue):
    turn = Record.objects.get(record_id=111247).turns.get(number=3)
    Annotation.objects.create(turn=turn, body="Unreviewed draft text", status="draft")
    assert "Unreviewed draft text" not in client.get("/records/111247/").content.decode()
    assert "Unreviewed draft text" not in client.get("/records/111247/?preview=1").content.decode()


@pytest.mark.django_db
def test_staff_preview_shows_drafts(client, catalogue, admin_user):
    turn = Record.objects.get(record_id=111247).turns.get(number=3)
    Annotation.objects.create(turn=turn, body="Unreviewed draft text", status="draft")
    client.force_login(admin_user)
    html = client.get("/records/111247/?preview=1").content.decode()
    assert "Unreviewed draft text" in html and "Preview" in html
