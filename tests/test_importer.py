"""The importer on the real page of record 111247: every figure the record must give."""
import datetime
import re
from pathlib import Path

import pytest

from catalog.importer import parse_page
from catalog.models import Participant, Person, Record

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture
def parsed(source_111247):
    return parse_page(source_111247, "111247.txt")


@pytest.fixture
def imported(db):
    from django.core.management import call_command

    call_command("loaddata", "languages", "repositories", "topics", "people", verbosity=0)
    call_command("import_record", str(SAMPLES / "111247.txt"), stdout=open("/dev/null", "w"))
    return Record.objects.get(record_id=111247)


def test_turn_counts_per_speaker(parsed):
    assert len(parsed.speech_turns) == 72
    assert parsed.speaker_counts() == {"Stalin": 35, "Zhou Enlai": 35, "Molotov": 2}
    assert [t.number for t in parsed.turns] == list(range(1, 73))


def test_turns_in_document_order(parsed):
    assert parsed.turns[0].text.startswith("STALIN, opening the conversation with the Mexican proposal")
    assert parsed.turns[1].text.startswith("ZHOU ENLAI asks, what is your opinion")
    assert parsed.turns[-1].text.startswith("ZHOU ENLAI says that he is working on getting her closer")
    assert [t.number for t in parsed.turns if t.name == "Molotov"] == [29, 67]


def test_continuation_paragraphs_join_the_turn_before(parsed):
    first = parsed.turns[0]
    assert len(first.paragraphs) == 6
    assert first.paragraphs[1].startswith('"1. Immediate cessation of military activities')
    assert first.paragraphs[4].startswith("He adds that the question")
    congress = next(t for t in parsed.turns if "the principal role [in the Congress]" in t.text)
    assert [p[:2] for p in congress.paragraphs[1:]] == ["1/", "2/"]


def test_line_break_inside_a_turn_keeps_the_turn(parsed):
    turn = next(t for t in parsed.turns if t.text.startswith("ZHOU ENLAI concedes"))
    assert turn.paragraphs[1].startswith("He introduces the following scenario")


def test_comrade_label_kept_as_written(parsed):
    turn = next(t for t in parsed.turns if t.text.startswith("Comrade STALIN"))
    assert turn.label == "Comrade STALIN"
    assert turn.name == "Stalin"


def test_closing_lines_become_metadata_not_part_of_the_last_turn(parsed):
    last = parsed.turns[-1]
    assert "10:30" not in last.text and "Recorded by" not in last.text
    assert last.text.endswith("winner of the International Stalin Peace Award.")
    assert parsed.started_at == datetime.time(10, 30)
    assert parsed.ended_at == datetime.time(12, 30)
    assert parsed.times_text == "The conversation started at 10:30, ended at 12:30."
    recorders = [p.name for p in parsed.participants if p.role == "recorder"]
    assert recorders == ["A. Vyshinskii", "N. Fedorenko"]


def test_present_list_gives_ten_people_in_two_delegations(parsed):
    present = [p for p in parsed.participants if p.role == "present"]
    assert [p.name for p in present] == [
        "Molotov", "Malenkov", "Beria", "Mikoyan", "Bulganin", "Vyshinskii",
        "Li Fuchun", "Zhang Wentian", "Su Yu", "Shi Zhe",
    ]
    assert [p.group for p in present] == [1] * 6 + [2] * 4


def test_document_information(parsed):
    assert parsed.record_id == 111247
    assert parsed.title == "Minutes of Conversation between I.V. Stalin and Zhou Enlai"
    assert parsed.date == datetime.date(1952, 9, 19) and parsed.date_precision == "day"
    assert parsed.archival_citation == "APRF, f. 45, op. 1, d. 343, ll. 97-103"
    assert (parsed.repository, parsed.fond, parsed.opis, parsed.delo, parsed.folios) == ("APRF", "45", "1", "343", "97-103")
    assert [(c.name, c.role) for c in parsed.credits] == [("Danny Rozas", "translator"), ("Kathryn Weathersby", "translator")]
    assert parsed.rights.startswith("The History and Public Policy Program welcomes reuse")
    assert parsed.rights.endswith("at HAPP@wilsoncenter.org.")
    assert parsed.rights.count("\n\n") == 1
    assert parsed.original_uploaded == datetime.date(2011, 11, 20)
    assert parsed.document_type == "Minutes of Conversation"
    assert parsed.languages == []
    assert parsed.summary.startswith("Conversation between Stalin and Zhou Enlai focusing on the Korean War.")
    assert parsed.summary.endswith("and military aid.")


def test_transcript_rebuilt_from_turns_equals_the_source(parsed, source_111247):
    """Nothing lost, nothing added: the body is the preamble, the turns and the closing metadata."""
    lines = source_111247.splitlines()
    body = "\n".join(lines[lines.index("Minutes of Conversation between I.V. Stalin and Zhou Enlai") + 1: lines.index("###")])
    metadata = [parsed.times_text, parsed.recorded_by_text]
    rebuilt = "\n".join([parsed.preamble, *(t.text for t in parsed.turns), *metadata])

    def squash(text):
        return re.sub(r"\s+", "", text)

    assert squash(rebuilt) == squash(body)


def test_editorial_brackets_kept(parsed):
    text = "\n".join(t.text for t in parsed.turns)
    assert "Formosa [Taiwan]" in text
    assert "India and Burma [?]" in text
    assert "we cannot deliver the POWs to the UN [because the UN is a military participant" in text


def test_import_maps_speakers_to_known_people(imported):
    stalin = Person.objects.get(slug="joseph-stalin")
    turns = imported.turns.filter(speaker__person=stalin)
    assert turns.count() == 35
    assert imported.turns.filter(speaker__person__slug="zhou-enlai").count() == 35
    assert imported.turns.filter(speaker__person__slug="vyacheslav-molotov").count() == 2
    assert Person.objects.count() == 22  # no one new: every name matched a known person


def test_import_records_participants_by_role(imported):
    roles = {(p.person.slug, p.role) for p in imported.participants.select_related("person")}
    assert ("andrei-vyshinsky", "present") in roles and ("andrei-vyshinsky", "recorder") in roles
    assert ("nikolai-fedorenko", "recorder") in roles
    assert ("joseph-stalin", "principal") in roles and ("zhou-enlai", "principal") in roles
    assert imported.participants.filter(role="present").count() == 10
    delegations = list(imported.participants.filter(role="present").values_list("delegation", flat=True))
    assert delegations == ["Delegation 1"] * 6 + ["Delegation 2"] * 4


def test_import_keeps_archival_parts_and_ordered_credits(imported):
    assert imported.repository.name == "Archive of the President of the Russian Federation"
    assert imported.archival_citation == "APRF, f. 45, op. 1, d. 343, ll. 97-103"
    assert [(c.name, c.sort_order) for c in imported.credits.all()] == [("Danny Rozas", 1), ("Kathryn Weathersby", 2)]
    assert imported.languages.count() == 0


def test_same_person_across_records(imported):
    from django.core.management import call_command

    call_command("import_record", str(SAMPLES / "variants/capitals_initials_footnotes.txt"), stdout=open("/dev/null", "w"))
    zhou = Person.objects.get(slug="zhou-enlai")
    assert set(Participant.objects.filter(person=zhou).values_list("record__record_id", flat=True)) == {111247, 900002}
