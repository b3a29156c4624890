"""The shipped catalogue: what the fixtures hold, and that a dump and reload loses nothing."""
import io
import json

import pytest
from django.core.management import call_command

from catalog.models import Annotation, Participant, Person, Record, Topic

from .conftest import FIXTURES

HISTORY = [f"catalog.historical{m}" for m in ("record", "turn", "participant", "person", "topic", "annotation")]


def dump():
    out = io.StringIO()
    call_command("dumpdata", "catalog", natural_foreign=True, natural_primary=True, exclude=HISTORY, stdout=out)
    return out.getvalue()


def test_record_111247_with_its_turns_and_participants(catalogue):
    record = Record.objects.get(record_id=111247)
    assert record.turns.count() == 72
    assert record.participants.filter(role="present").count() == 10
    delegations = set(record.participants.filter(role__in=["present", "principal"]).values_list("delegation", flat=True))
    assert delegations == {"Soviet", "Chinese"}


def test_everyone_present_speaking_recording_or_mentioned_is_a_person(catalogue):
    for slug in ["joseph-stalin", "zhou-enlai", "vyacheslav-molotov", "andrei-vyshinsky", "nikolai-fedorenko",
                 "mao-zedong", "liu-shaoqi", "chiang-kai-shek", "jawaharlal-nehru", "song-qingling", "wang-zhen"]:
        assert Participant.objects.filter(record__record_id=111247, person__slug=slug).exists(), slug


def test_name_variants_find_people(catalogue):
    assert Person.objects.matching_name("Chou En-lai").get().slug == "zhou-enlai"
    assert Person.objects.matching_name("Soong Chingling").get().slug == "song-qingling"
    assert Person.objects.matching_name("Jiang Jieshi").get().slug == "chiang-kai-shek"


def test_topics_nest(catalogue):
    assert Topic.objects.get(slug="prisoners-of-war").parent.slug == "korean-war"
    assert Record.objects.get(record_id=111247).topics.filter(slug="taiwan").exists()


def test_published_notes_sit_on_the_words_they_explain(catalogue):
    notes = Annotation.objects.published()
    assert notes.count() == 5
    for note in notes:
        assert note.turn.text[note.start:note.end] == note.quote
    wang = notes.get(quote="Wang Zhen")
    assert wang.turn.number == 41 and wang.people.get().slug == "wang-zhen"


def test_dump_and_load_into_an_empty_database_is_lossless(catalogue, tmp_path):
    before = dump()
    path = tmp_path / "catalogue.json"
    path.write_text(before)
    call_command("flush", interactive=False, verbosity=0)
    assert Record.objects.count() == 0
    call_command("loaddata", str(path), verbosity=0)
    after = dump()
    assert json.loads(after) == json.loads(before)


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    call_command("loaddata", *FIXTURES, verbosity=0)
    first = dump()
    call_command("loaddata", *FIXTURES, verbosity=0)
    assert json.loads(dump()) == json.loads(first)


@pytest.mark.django_db
def test_load_catalogue_gives_every_row_a_first_version():
    """So that an editor's first correction of a turn can be seen against, and undone to, the source text."""
    call_command("load_catalogue", verbosity=0)
    turn = Record.objects.get(record_id=111247).turns.get(number=41)
    assert turn.history.count() == 1
    assert turn.history.first().text == turn.text
