"""The database enforces what must always hold of records, turns and people."""
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from catalog.models import Participant, Record, Turn

from .factories import make_person, make_record


@pytest.mark.django_db
def test_record_id_is_unique():
    make_record(record_id=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        Record.objects.create(record_id=5, title="Another", date_precision="unknown")


@pytest.mark.django_db
def test_one_turn_per_number_per_record():
    record = make_record(turns=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Turn.objects.bulk_create([Turn(record=record, number=1, text="again")])


@pytest.mark.django_db
def test_turn_numbers_start_at_one():
    record = make_record(turns=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Turn.objects.bulk_create([Turn(record=record, number=0, text="zero")])


@pytest.mark.django_db
def test_turn_speaker_must_take_part_in_the_same_record_even_in_bulk():
    first = make_record(turns=1)
    second = make_record(turns=0)
    stranger = first.participants.first()
    # bulk_create skips save(): the database trigger must refuse it on its own
    with pytest.raises(IntegrityError), transaction.atomic():
        Turn.objects.bulk_create([Turn(record=second, number=1, speaker=stranger, text="hello")])
    with pytest.raises(ValidationError):
        Turn(record=second, number=1, speaker=stranger, text="hello").save()


@pytest.mark.django_db
def test_speaker_change_to_another_records_participant_is_refused():
    first = make_record(turns=1)
    second = make_record(turns=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Turn.objects.filter(record=second).update(speaker=first.participants.first())


@pytest.mark.django_db
def test_participant_role_is_unique_per_person_and_record():
    record = make_record(turns=0)
    person = make_person("Gamma Person")
    Participant.objects.create(record=record, person=person, role="present")
    Participant.objects.create(record=record, person=person, role="recorder")
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(record=record, person=person, role="present")


@pytest.mark.django_db
def test_dated_precision_needs_a_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        Record.objects.create(record_id=7, title="No date", date=None, date_precision="day")


@pytest.mark.django_db
def test_person_found_by_any_name_variant():
    person = make_person("Zhou Enlai", slug="zhou-enlai")
    person.names.create(name="Chou En-lai", romanization="wade-giles")
    from catalog.models import Person

    assert list(Person.objects.matching_name("chou en-lai")) == [person]
    assert list(Person.objects.matching_name("Zhou Enlai")) == [person]


@pytest.mark.django_db
def test_display_date_honours_precision():
    import datetime

    record = make_record(date=datetime.date(1950, 4, 1), date_precision="month")
    assert record.display_date == "April 1950"
    record.date_precision = "day"
    assert record.display_date == "April 1, 1950"


@pytest.mark.django_db
def test_catalogue_text_is_stored_with_plain_newlines():
    record = make_record()
    record.preamble = "Present: comrs. Molotov,\r\nMalenkov.\rBeria."
    record.save()
    record.refresh_from_db()
    assert record.preamble == "Present: comrs. Molotov,\nMalenkov.\nBeria."
