"""Each record's full-text document on PostgreSQL follows every write, however it is made.

The document is kept by database triggers (migration 0005), so these tests write the way
the admin, the importer and bulk edits do (save, bulk_create, QuerySet.update, delete)
and then ask the search which records it finds. SQLite has no such document: its search
reads the rows themselves, so there is nothing to keep current there.
"""
import re

import pytest
from django.db import connection

from django.test.utils import CaptureQueriesContext

from catalog import search as search_module
from catalog.models import Annotation, Record, Turn
from catalog.search import search_for

from .factories import make_record


def found(query):
    return list(search_for(query).records(Record.objects.all()).order_by("record_id"))


def document_of(record):
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_document::text FROM catalog_record WHERE id = %s", [record.pk])
        return cursor.fetchone()[0]


if connection.vendor == "postgresql":

    @pytest.mark.django_db
    class TestRecordDocument:
        def test_new_record_is_found_by_title_summary_turns(self):
            record = make_record(turns=2, title="Telegram about Rangoon", summary="On Mandalay.")
            assert found("Rangoon") == found("Mandalay") == found("point 2") == [record]
            document = document_of(record)
            assert re.search(r"'rangoon':\d+A", document) and re.search(r"'mandalay':\d+B", document)
            assert re.search(r"'matter':\d+,\d+ ", document)  # turns carry no weight letter (D)

        def test_changed_turn_text_replaces_the_old_words(self):
            record = make_record(turns=2)
            turn = record.turns.get(number=1)
            turn.text = "The plenipotentiary arrives."
            turn.save()
            assert found("plenipotentiary") == [record]
            assert found("point 1") == []

        def test_bulk_inserted_turns_are_found(self):
            record = make_record(turns=0)
            Turn.objects.bulk_create([Turn(record=record, number=n, text=f"Armistice talk {n}.") for n in (1, 2)])
            assert found("armistice") == [record]

        def test_queryset_update_is_followed(self):
            record = make_record(turns=3)
            Turn.objects.filter(record=record).update(text="Kaesong")
            assert found("Kaesong") == [record]

        def test_deleted_turn_is_forgotten(self):
            record = make_record(turns=2)
            Turn.objects.filter(record=record, number=2).delete()
            assert found("point 2") == []
            assert found("point 1") == [record]

        def test_changed_title_and_summary(self):
            record = make_record(turns=1, title="Old title", summary="Old summary.")
            record.title, record.summary = "Panmunjom", "Kaesong."
            record.save()
            assert found("Panmunjom") == found("Kaesong") == [record]
            assert found("old") == []

        def test_saving_other_fields_keeps_the_document(self):
            record = make_record(turns=1, title="Panmunjom")
            before = document_of(record)
            Record.objects.filter(pk=record.pk).update(rights="Public domain.")
            record.refresh_from_db()
            record.save()
            assert document_of(record) == before

        def test_notes_count_only_while_published_and_attached(self):
            record = make_record(turns=1)
            note = Annotation.objects.create(turn=record.turns.get(), body="Mentions Rangoon.", status="draft")
            assert found("Rangoon") == []
            note.status = "published"
            note.save()
            assert found("Rangoon") == [record]
            Annotation.objects.filter(pk=note.pk).update(detached=True)
            assert found("Rangoon") == []
            Annotation.objects.filter(pk=note.pk).update(detached=False)
            note.delete()
            assert found("Rangoon") == []

        def test_note_moved_to_another_record(self):
            first, second = make_record(turns=1), make_record(turns=1)
            note = Annotation.objects.create(turn=first.turns.get(), body="On Rangoon.", status="published")
            Annotation.objects.filter(pk=note.pk).update(turn=second.turns.get())
            assert found("Rangoon") == [second]

        def test_rank_prefers_the_title(self):
            in_turns = make_record(turns=1, title="Minutes")
            Turn.objects.filter(record=in_turns).update(text="Burma was discussed.")
            in_title = make_record(turns=1, title="Telegram about Burma")
            ranked = search_for("Burma").records(Record.objects.all()).order_by("-relevance")
            assert list(ranked) == [in_title, in_turns]

        def test_matching_is_one_lookup_in_the_records_index(self):
            make_record(turns=2)
            sql = str(search_for("point").records(Record.objects.all()).query)
            assert "search_document" in sql and "catalog_turn" not in sql

        def test_turn_hits_follow_changed_text(self):
            record = make_record(turns=3)
            Turn.objects.filter(record=record, number=2).update(text="The plenipotentiary arrives.")
            hits = search_for("plenipotentiary").hits([record.pk])[record.pk]
            assert [h.number for h in hits.turns] == [2] and hits.turn_count == 1
            assert search_for("point 2").hits([record.pk])[record.pk].turn_count == 0

        def test_the_match_is_made_once_per_listing(self, client):
            make_record(turns=2)
            with CaptureQueriesContext(connection) as queries:
                response = client.get("/records/", {"q": "matters"})
            assert response.status_code == 200 and response.context["page"].paginator.count == 1
            assert len([q for q in queries if "search_document\" @@" in q["sql"]]) == 1

        def test_past_the_rank_limit_results_are_listed_by_date(self, client, monkeypatch):
            monkeypatch.setattr(search_module, "RANK_LIMIT", 1)
            later = make_record(turns=6, date="1960-01-01", date_precision="day")
            earlier = make_record(turns=1, date="1950-01-01", date_precision="day")
            response = client.get("/records/", {"q": "matters"})
            assert list(response.context["page"].object_list) == [earlier, later]
            assert b"listed by date, not ranked by relevance" in response.content
            monkeypatch.setattr(search_module, "RANK_LIMIT", 10)
            response = client.get("/records/", {"q": "matters"})
            assert list(response.context["page"].object_list) == [later, earlier]
            assert b"not ranked by relevance" not in response.content

        def test_the_match_is_read_from_the_index_and_the_planner_is_left_as_it_was(self):
            """The planner is told to use the index for the match only, not for the rest of the request."""
            make_record(turns=2)
            search = search_for("matters")
            with CaptureQueriesContext(connection) as queries:
                assert len(search.matching_record_ids()) == 1
            statements = [q["sql"] for q in queries]
            match = next(i for i, sql in enumerate(statements) if "search_document\" @@" in sql)
            assert "enable_seqscan = off" in statements[match - 1]
            assert "enable_seqscan = on" in statements[match + 1]
            with connection.cursor() as cursor:
                cursor.execute("SHOW enable_seqscan")
                assert cursor.fetchone()[0] == "on"
