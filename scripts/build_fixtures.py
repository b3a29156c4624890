#!/usr/bin/env python
"""Rebuild fixtures/records.json and fixtures/annotations.json from the source page.

The hand-written fixtures (languages, repositories, topics, people) are loaded into a
throwaway SQLite database; record 111247 is imported from tests/samples/111247.txt
with the importer; the editors' additions below (delegations, topics, people mentioned,
published notes) are applied; the result is dumped with natural keys.

    .venv/bin/python scripts/build_fixtures.py
"""
import json
import os
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RECORD_ID = 111247
DELEGATIONS = {
    "Soviet": ["joseph-stalin", "vyacheslav-molotov", "georgy-malenkov", "lavrentiy-beria", "anastas-mikoyan",
               "nikolai-bulganin", "andrei-vyshinsky", "nikolai-fedorenko"],
    "Chinese": ["zhou-enlai", "li-fuchun", "zhang-wentian", "su-yu", "shi-zhe"],
}
TOPICS = ["korean-war", "prisoners-of-war", "armistice-negotiations", "india-and-burma", "regional-organizations",
          "german-reunification", "xinjiang", "taiwan", "soviet-military-aid", "japan", "sino-soviet-relations"]
MENTIONED = ["mao-zedong", "liu-shaoqi", "chiang-kai-shek", "jawaharlal-nehru", "song-qingling", "wang-zhen",
             "winston-churchill", "sun-yat-sen", "adolf-hitler"]
PLACE = "Moscow"

#: (stable UUID, quoted words or "" for the whole turn, kind, body, people, topics)
NOTES = [
    ("6f1d7f0e-3f57-4c39-9a53-0b5c6a1c4101", "Wang Zhen", "identification",
     "**Wang Zhen** (1908–1993), a commander of the People's Liberation Army, led the Communist takeover of "
     "Xinjiang in 1949 and was Secretary of the Xinjiang Sub-bureau of the CPC Central Committee. As Zhou reports "
     "here, the Party removed him from that post in 1952 over the \"leftist excesses\" of land and livestock "
     "reform in the region.", ["wang-zhen"], ["xinjiang"]),
    ("6f1d7f0e-3f57-4c39-9a53-0b5c6a1c4102", "the note about Port Arthur", "context",
     "The exchange of notes of 15 September 1952, four days before this conversation, in which the Soviet Union "
     "agreed, at China's request, to extend the joint use of the naval base at Port Arthur (Lüshun) beyond the "
     "date set by the 1950 Sino-Soviet treaty, pending peace treaties with Japan.", [], ["japan", "sino-soviet-relations"]),
    ("6f1d7f0e-3f57-4c39-9a53-0b5c6a1c4103", "the Mexican proposal", "context",
     "A proposal put forward by Mexico at the United Nations in September 1952 to break the deadlock over "
     "prisoners of war in Korea: prisoners unwilling to be repatriated would be given temporary asylum in other "
     "countries. Stalin rejects it as conforming to the American position on voluntary repatriation.",
     [], ["prisoners-of-war"]),
    ("6f1d7f0e-3f57-4c39-9a53-0b5c6a1c4104", "ending the conversion", "translation",
     "\"Conversion\" is evidently a slip for \"conversation\" in the English translation.", [], []),
    ("6f1d7f0e-3f57-4c39-9a53-0b5c6a1c4105", "Song Qingling", "identification",
     "**Song Qingling** (1893–1981), widow of Sun Yat-sen, was a Vice Chairperson of the Central People's "
     "Government of the People's Republic of China; Zhou's reply in the next turn mentions her International "
     "Stalin Peace Prize.", ["song-qingling", "sun-yat-sen"], []),
]


def main():
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/fixtures.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.test_settings")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("loaddata", "languages", "repositories", "topics", "people", verbosity=0)
        call_command("import_record", str(ROOT / "tests/samples/111247.txt"))
        apply_editorial_additions()
        dump("records.json", ["catalog.record", "catalog.recordcredit", "catalog.footnote",
                              "catalog.participant", "catalog.turn"])
        dump("annotations.json", ["catalog.annotation"])


def apply_editorial_additions():
    import datetime

    from catalog.anchoring import context_for, locate
    from catalog.models import Annotation, Participant, Person, Record, Topic

    record = Record.objects.get(record_id=RECORD_ID)
    for delegation, slugs in DELEGATIONS.items():
        Participant.objects.filter(record=record, person__slug__in=slugs).update(delegation=delegation)
    record.place = PLACE
    record.save()
    record.topics.set(Topic.objects.filter(slug__in=TOPICS))
    order = record.participants.count()
    for slug in MENTIONED:
        order += 1
        Participant.objects.create(record=record, person=Person.objects.get(slug=slug), role="mentioned", sort_order=order)
    published = datetime.datetime(2026, 11, 1, tzinfo=datetime.timezone.utc)
    for note_uuid, quote, kind, body, people, topics in NOTES:
        turn = next(t for t in record.turns.all() if quote in t.text)
        span = locate(turn.text, quote)
        prefix, suffix = context_for(turn.text, span)
        note = Annotation.objects.create(
            uuid=uuid.UUID(note_uuid), turn=turn, quote=quote, prefix=prefix, suffix=suffix, start=span.start,
            end=span.end, kind=kind, body=body, status="published", author_name="Editors", published=published,
        )
        note.people.set(Person.objects.filter(slug__in=people))
        note.topics.set(Topic.objects.filter(slug__in=topics))


def dump(filename, models):
    from django.core.management import call_command

    path = ROOT / "fixtures" / filename
    call_command("dumpdata", *models, natural_foreign=True, natural_primary=True, indent=2, output=str(path))
    data = json.loads(path.read_text())
    for item in data:  # timestamps are set on load; fixed values keep the fixtures stable
        for stamp in ("created", "modified"):
            if stamp in item["fields"]:
                item["fields"][stamp] = "2026-11-01T00:00:00Z"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    print(f"wrote {path.relative_to(ROOT)}: {len(data)} objects")


if __name__ == "__main__":
    main()
