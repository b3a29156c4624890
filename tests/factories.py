"""Builders for synthetic records in tests: any number of turns, speakers and notes."""
import itertools

from catalog.models import Annotation, Participant, Person, Record, Turn

_counter = itertools.count(900000)


def make_person(name, slug=None, **fields):
    slug = slug or name.lower().replace(" ", "-").replace(".", "")
    person, _ = Person.objects.get_or_create(slug=slug, defaults={"name": name, **fields})
    return person


def make_record(record_id=None, turns=3, notes_per_turn=0, speakers=("Alpha Speaker", "Beta Speaker"), **fields):
    """A published record with ``turns`` alternating turns and ``notes_per_turn`` published notes on each."""
    record_id = record_id or next(_counter)
    fields.setdefault("title", f"Synthetic record {record_id}")
    fields.setdefault("date_precision", "unknown")
    record = Record.objects.create(record_id=record_id, **fields)
    participants = [
        Participant.objects.create(record=record, person=make_person(name), role="principal", sort_order=i)
        for i, name in enumerate(speakers)
    ]
    turn_objects = Turn.objects.bulk_create(
        Turn(
            record=record,
            number=n,
            speaker=participants[(n - 1) % len(participants)],
            speaker_label=participants[(n - 1) % len(participants)].person.name.upper(),
            text=f"{participants[(n - 1) % len(participants)].person.name.upper()} says that point {n} matters.",
        )
        for n in range(1, turns + 1)
    )
    if notes_per_turn:
        turn_objects = list(record.turns.all())
        Annotation.objects.bulk_create(
            Annotation(turn=t, body=f"Note {i} on turn {t.number}.", status="published", kind="context")
            for t in turn_objects
            for i in range(notes_per_turn)
        )
    return record
