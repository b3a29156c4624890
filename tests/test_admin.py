"""The editors' admin: every model, the transcript in order, annotating spans, no lost edits, history."""
import pytest
from django.contrib import admin
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog import models as catalog_models
from catalog import workflow
from catalog.models import Annotation, Turn
from tests.editors import (  # noqa: F401
    chief, chief_client, editor, editor_client, note_data, plain_test_settings, turn_data,
)
from tests.factories import make_record

pytestmark = pytest.mark.django_db

TEXT = "ZHOU ENLAI: Wang Zhen commands in Xinjiang, and Wang Zhen will stay there."


@pytest.fixture
def turn():
    turn = make_record(turns=2).turns.get(number=2)
    turn.text = TEXT
    turn.save()
    return turn


def add_url():
    return reverse("admin:catalog_annotation_add")


def test_every_model_has_an_admin():
    for name in catalog_models.__all__:
        assert admin.site.is_registered(getattr(catalog_models, name)), name


@pytest.mark.parametrize(
    "model", ["record", "turn", "annotation", "person", "topic", "participant", "repository", "language"]
)
def test_every_changelist_answers_with_a_search(chief_client, model, turn):
    assert chief_client.get(reverse(f"admin:catalog_{model}_changelist"), {"q": "Wang"}).status_code == 200


def test_the_record_page_lists_turns_in_order_with_annotate_links(editor_client):
    record = make_record(turns=12)
    page = editor_client.get(reverse("admin:catalog_record_change", args=[record.pk])).content.decode()
    positions = [page.index(f'id="admin-turn-{n}"') for n in range(1, 13)]
    assert positions == sorted(positions)
    assert page.count("Annotate</a>") == 12


def test_the_record_page_shows_existing_notes(editor_client, turn):
    Annotation.objects.create(turn=turn, quote="Xinjiang", body="Province.", start=30, end=38)
    page = editor_client.get(reverse("admin:catalog_record_change", args=[turn.record.pk])).content.decode()
    assert "“Xinjiang”" in page


def record_page_queries(client, turns):
    record = make_record(turns=turns, notes_per_turn=1)
    url = reverse("admin:catalog_record_change", args=[record.pk])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_record_page_query_count_does_not_grow_with_turns(chief_client):
    assert record_page_queries(chief_client, 72) == record_page_queries(chief_client, 300)


def test_a_selected_span_is_saved_with_its_offsets(editor_client, turn):
    second = TEXT.rindex("Wang Zhen")
    data = note_data(turn, quote="Wang Zhen", prefix="Xinjiang, and ", suffix=" will", start=second, end=second + 9)
    assert editor_client.post(add_url(), data).status_code == 302
    note = Annotation.objects.get()
    assert (note.start, note.end, note.status) == (second, second + 9, "draft")
    assert note.suffix.startswith(" will stay") and note.author.username == "editor"


def test_a_typed_quote_that_is_not_in_the_turn_is_refused(editor_client, turn):
    response = editor_client.post(add_url(), note_data(turn, quote="Gao Gang"))
    assert response.status_code == 200
    assert "do not occur" in response.content.decode()
    assert not Annotation.objects.exists()


def test_a_typed_repeated_quote_needs_context(editor_client, turn):
    response = editor_client.post(add_url(), note_data(turn, quote="Wang Zhen"))
    assert "occur 2 times" in response.content.decode()
    assert not Annotation.objects.exists()


def test_a_typed_repeated_quote_with_a_prefix_is_located(editor_client, turn):
    editor_client.post(add_url(), note_data(turn, quote="Wang Zhen", prefix="and "))
    assert Annotation.objects.get().start == TEXT.rindex("Wang Zhen")


def test_a_note_without_a_quote_is_on_the_whole_turn(editor_client, turn):
    editor_client.post(add_url(), note_data(turn, prefix="stray", start=3))
    note = Annotation.objects.get()
    assert (note.quote, note.prefix, note.start, note.end) == ("", "", None, None)


def test_the_add_form_shows_the_turn_to_select_from(editor_client, turn):
    page = editor_client.get(add_url(), {"turn": turn.pk}).content.decode()
    assert 'id="turn-source"' in page and "Wang Zhen commands in Xinjiang" in page


def test_the_add_form_ignores_a_bad_turn_parameter(editor_client):
    assert editor_client.get(add_url(), {"turn": "x'; drop"}).status_code == 200


def test_the_turn_text_endpoint(editor_client, turn):
    url = reverse("admin:catalog_annotation_turn_text", args=[turn.pk])
    assert editor_client.get(url).json()["text"] == TEXT


def test_the_turn_text_endpoint_answers_404_for_a_missing_turn(editor_client):
    assert editor_client.get(reverse("admin:catalog_annotation_turn_text", args=[999999])).status_code == 404


HOSTILE_BODIES = [
    "<script>alert(1)</script>Hello",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<div><p>unclosed <b>tags <i>everywhere",
    '<svg onload="alert(1)"><a xlink:href="javascript:alert(1)">y</a></svg>',
]


@pytest.mark.parametrize("body", HOSTILE_BODIES)
def test_a_hostile_body_reaches_the_public_page_harmless(client, chief, turn, body):
    note = Annotation.objects.create(turn=turn, body=body)
    workflow.apply(note, "publish", chief)
    page = client.get(turn.record.get_absolute_url()).content.decode()
    start = page.index('class="turn-notes"')
    notes = page[start:page.index("</aside>", start)]
    assert "<script" not in notes and "onerror" not in notes and "onload" not in notes
    assert "javascript:" not in notes


@pytest.mark.parametrize("body", HOSTILE_BODIES)
def test_a_hostile_body_is_harmless_in_the_admin_preview(editor_client, turn, body):
    note = Annotation.objects.create(turn=turn, body=body)
    page = editor_client.get(reverse("admin:catalog_annotation_change", args=[note.pk])).content.decode()
    preview = page[page.index('class="note-preview"'):][:2000]
    assert "<script" not in preview and "onerror" not in preview and "javascript:" not in preview


# --- no lost edits ---------------------------------------------------------------


def test_a_stale_note_save_is_refused_and_shows_the_other_version(editor, chief, turn):
    note = Annotation.objects.create(turn=turn, body="First words.")
    url = reverse("admin:catalog_annotation_change", args=[note.pk])
    first, second = Client(), Client()
    first.force_login(chief)
    second.force_login(editor)
    opened = note.version
    assert first.post(url, note_data(turn, body="The chief's words.", opened_version=opened)).status_code == 302
    response = second.post(url, note_data(turn, body="The editor's words.", opened_version=opened))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Not saved" in page and "The chief&#x27;s words." in page and "The editor&#x27;s words." in page
    assert Annotation.objects.get(pk=note.pk).body == "The chief's words."


def test_saving_again_after_a_conflict_is_a_deliberate_replace(editor_client, turn):
    note = Annotation.objects.create(turn=turn, body="First words.")
    url = reverse("admin:catalog_annotation_change", args=[note.pk])
    stale = note.version
    Annotation.objects.get(pk=note.pk).save()
    response = editor_client.post(url, note_data(turn, body="Mine.", opened_version=stale))
    reopened = response.context["adminform"].form["opened_version"].value()
    assert editor_client.post(url, note_data(turn, body="Mine.", opened_version=reopened)).status_code == 302
    assert Annotation.objects.get(pk=note.pk).body == "Mine."


def test_a_stale_turn_save_is_refused(editor_client, turn):
    url = reverse("admin:catalog_turn_change", args=[turn.pk])
    data = turn_data(turn, text=TEXT + " (stale)")
    Turn.objects.filter(pk=turn.pk).update(text="Corrected meanwhile.", version=turn.version + 1)
    response = editor_client.post(url, data)
    assert response.status_code == 200 and "Not saved" in response.content.decode()
    assert Turn.objects.get(pk=turn.pk).text == "Corrected meanwhile."


def test_a_turn_correction_detaches_a_note_whose_words_are_gone(editor_client, turn):
    start = TEXT.index("Xinjiang")
    note = Annotation.objects.create(turn=turn, quote="Xinjiang", start=start, end=start + 8, body="Province.")
    url = reverse("admin:catalog_turn_change", args=[turn.pk])
    response = editor_client.post(url, turn_data(turn, text=TEXT.replace("Xinjiang", "Sinkiang")), follow=True)
    assert "detached" in response.content.decode()
    assert Annotation.objects.get(pk=note.pk).detached


def test_the_detached_filter_lists_only_detached_notes(editor_client, turn):
    Annotation.objects.create(turn=turn, body="Lost its words.", quote="gone", detached=True)
    Annotation.objects.create(turn=turn, body="Still anchored.")
    page = editor_client.get(reverse("admin:catalog_annotation_changelist"), {"anchoring": "detached"})
    assert page.context["cl"].result_count == 1


# --- history -------------------------------------------------------------------


def test_history_shows_who_changed_what(editor_client, editor, turn):
    url = reverse("admin:catalog_turn_change", args=[turn.pk])
    editor_client.post(url, turn_data(turn, text=TEXT.replace("commands", "is in command")))
    page = editor_client.get(reverse("admin:catalog_turn_history", args=[turn.pk])).content.decode()
    assert "<del>commands</del>" in page and "<ins>is in command</ins>" in page
    assert ">editor<" in page


def test_an_earlier_version_can_be_restored(editor_client, turn):
    original = turn.history.latest()
    turn.text = "A wrong correction."
    turn.save()
    url = reverse("admin:catalog_turn_simple_history", args=[turn.pk, original.history_id])
    form_page = editor_client.get(url)
    restore = turn_data(turn, text=original.text, opened_version=form_page.context["adminform"].form["opened_version"].value())
    assert editor_client.post(url, restore).status_code == 302
    turn.refresh_from_db()
    assert turn.text == TEXT and turn.history.latest().history_user.username == "editor"


def test_the_add_form_survives_an_out_of_range_turn_parameter(editor_client):
    assert editor_client.get(add_url(), {"turn": str(10**30)}).status_code == 200


def test_the_server_corrects_a_bogus_selection_offset(editor_client, turn):
    response = editor_client.post(add_url(), note_data(turn, quote="Xinjiang", start=str(10**30), end="2"))
    assert response.status_code == 302
    assert Annotation.objects.get().start == TEXT.index("Xinjiang")


def test_a_note_can_be_restored_from_its_history(editor_client, turn):
    note = Annotation.objects.create(turn=turn, body="The first wording.")
    first = note.history.latest()
    note.body = "A worse wording."
    note.save()
    url = reverse("admin:catalog_annotation_simple_history", args=[note.pk, first.history_id])
    opened = editor_client.get(url).context["adminform"].form["opened_version"].value()
    assert editor_client.post(url, note_data(turn, body=first.body, opened_version=opened)).status_code == 302
    assert Annotation.objects.get(pk=note.pk).body == "The first wording."


def test_the_admin_asks_strangers_to_sign_in(client):
    response = client.get(reverse("admin:catalog_annotation_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


#: what the record page may cost, whatever the number of turns
RECORD_PAGE_QUERY_BUDGET = 20


def test_the_record_page_stays_within_its_query_budget(chief_client):
    assert record_page_queries(chief_client, 300) <= RECORD_PAGE_QUERY_BUDGET


def test_the_turn_filter_finds_turns_without_notes(editor_client, turn):
    Annotation.objects.create(turn=turn, body="On turn two.")
    response = editor_client.get(reverse("admin:catalog_turn_changelist"), {"notes": "no"})
    assert [t.number for t in response.context["cl"].result_list] == [1]


def test_a_hostile_quote_is_shown_inert_in_the_admin(editor_client, turn):
    turn.text = 'He wrote <script>alert("x")</script> on the map.'
    turn.save()
    Annotation.objects.create(turn=turn, quote='<script>alert("x")</script>', start=9, end=36, body="Odd.")
    page = editor_client.get(reverse("admin:catalog_record_change", args=[turn.record.pk])).content.decode()
    assert '<script>alert("x")' not in page and "&lt;script&gt;" in page


def test_a_turn_saved_as_a_browser_sends_it_keeps_plain_newlines(editor_client, turn):
    """A textarea posts CR LF: stored as it was, the text would change on every save and history would show it."""
    Turn.objects.filter(pk=turn.pk).update(text=TEXT + "\n\nA second paragraph.")
    turn.refresh_from_db()
    url = reverse("admin:catalog_turn_change", args=[turn.pk])
    response = editor_client.post(url, turn_data(turn, text=turn.text.replace("\n", "\r\n")), follow=True)
    assert response.status_code == 200
    assert Turn.objects.get(pk=turn.pk).text == TEXT + "\n\nA second paragraph."
