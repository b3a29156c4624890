"""The importer on sample pages written for each variant of the format (see tests/samples/variants)."""
import datetime
from pathlib import Path

import pytest
from django.core.management import call_command

from catalog.importer import parse_page, read_source
from catalog.models import Record

VARIANTS = Path(__file__).parent / "samples" / "variants"


def parse(name):
    return parse_page(read_source(VARIANTS / name), name)


def test_colon_dialogue_with_office_titles():
    record = parse("dialogue_colon.txt")
    assert [t.label for t in record.speech_turns] == [
        "Chairman Mao", "Secretary Kissinger", "Chairman Mao", "Secretary Kissinger", "Deng Xiaoping", "Chairman Mao",
    ]
    assert record.speaker_counts() == {"Mao": 3, "Kissinger": 2, "Deng Xiaoping": 1}


def test_metadata_labels_with_colons_are_not_speakers():
    record = parse("dialogue_colon.txt")
    assert not any(t.label.upper() in ("DATE AND TIME", "PLACE", "NOTE") for t in record.turns)
    assert "DATE AND TIME: Tuesday" in record.preamble


def test_label_alone_on_its_line_takes_the_following_paragraphs():
    record = parse("dialogue_colon.txt")
    deng = record.speech_turns[4]
    assert deng.paragraphs == ["Deng Xiaoping:", "The Chairman means the question of Taiwan.", "That question has not changed."]


def test_us_style_participants_one_per_line_without_offices():
    record = parse("dialogue_colon.txt")
    assert [p.name for p in record.participants] == ["Mao Zedong", "Deng Xiaoping", "Henry A. Kissinger"]
    assert [p.role for p in record.participants] == ["principal", "present", "principal"]


def test_obtained_and_translated_credit():
    record = parse("dialogue_colon.txt")
    assert [(c.name, c.role) for c in record.credits] == [("Jane Doe", "translator")]
    assert record.archival_citation == "Gerald R. Ford Presidential Library"


def test_capitals_with_initials_honorifics_and_stage_directions():
    record = parse("capitals_initials_footnotes.txt")
    assert [t.name for t in record.speech_turns] == [
        "N.S. Khrushchev", "Mao Zedong", "N.S. Khrushchev", "Mao Zedong", "Zhou Enlai",
    ]
    assert record.speech_turns[3].label == "Cde. MAO ZEDONG"


def test_narrative_paragraph_between_turns_belongs_to_nobody():
    record = parse("capitals_initials_footnotes.txt")
    narrative = [t for t in record.turns if t.kind == "narrative"]
    assert [t.text for t in narrative] == ["They switch to international issues."]


def test_capitalised_heading_is_not_a_speaker():
    record = parse("capitals_initials_footnotes.txt")
    assert "ZHOU ENLAI AND DENG XIAOPING, NOTES TO THE MINISTRY" in record.speech_turns[3].text


def test_footnotes_after_the_text_become_source_notes():
    record = parse("capitals_initials_footnotes.txt")
    assert record.footnotes == [
        ("1", "The heading is given as in the original."),
        ("2", "Page 2 of the original is missing."),
        ("3", "Signed by the editor, J. Smith."),
    ]
    assert record.turns[-1].text == "ZHOU ENLAI added that the matter was not urgent."
    assert "We agree with this[3]." in record.turns[3].text  # the marker stays where it was printed


def test_delegation_per_line_and_several_translators_and_languages():
    record = parse("capitals_initials_footnotes.txt")
    assert [p.group for p in record.participants if p.role in ("present", "principal")] == [1, 1, 1, 2, 2, 2, 2]
    assert [c.name for c in record.credits] == ["Vladislav Zubok", "David Wolff"]
    assert record.languages == ["Russian", "Chinese"]


def test_non_ascii_names_and_windows_line_endings():
    record = parse("non_ascii_crlf.txt")
    assert [t.name for t in record.speech_turns] == ["M.S. Gorbachev", "J. Peres de Cuellar", "M.S. Gorbachev"]
    assert "István Kádas" in record.speech_turns[2].text and "Nº 3" in record.speech_turns[2].text
    assert "—" in record.speech_turns[1].text and "…" in record.speech_turns[1].text
    assert record.preamble == "Paris, 19 November 1990"
    assert record.title.endswith("J. Pérez de Cuéllar, Paris")


def test_telegram_has_no_turns_and_keeps_its_signature_as_closing():
    record = parse("telegram.txt")
    assert record.speech_turns == []
    assert [t.text[:20] for t in record.turns] == ["In a conversation wi", "The final decision m"]
    assert record.closing == "FILIPPOV [Stalin]\n\nNo. 139/sh\n\n14 May 1950"
    assert "Top Secret" in record.preamble and "Comrade MAO ZEDONG!" in record.preamble
    assert record.summary == "Stalin informs Mao of his talks with Kim Il Sung."
    assert record.topic_names == ["Korean War, 1950-1953"]
    assert (record.repository, record.fond, record.opis, record.delo) == ("AVPRF", "059a", "5a", "3")


def test_capture_without_blank_lines_and_mixed_case_reported_speech():
    record = parse("no_blank_lines.txt")
    assert [t.name for t in record.speech_turns] == ["Stalin", "Kim Il Sung", "Stalin"]
    assert record.speech_turns[1].paragraphs[1] == "He adds that the army is prepared."
    assert record.date == datetime.date(1950, 4, 1) and record.date_precision == "month"
    assert record.summary == "Stalin and Kim Il Sung discuss preparations for war."


def test_other_romanisation_in_brackets_becomes_a_variant():
    record = parse("no_blank_lines.txt")
    pak = next(p for p in record.participants if p.name == "Pak Heon-yeong")
    assert pak.variant == "Pak Hon Yong"


def test_archive_reference_written_out_in_words():
    record = parse("no_blank_lines.txt")
    assert (record.repository, record.fond, record.opis, record.delo, record.folios) == ("RGASPI", "558", "11", "346", "5")


def test_letter_with_missing_optional_fields():
    record = parse("minimal_fields.txt")
    assert record.record_id == 900006
    assert record.date == datetime.date(1936, 1, 1) and record.date_precision == "year"
    assert record.source_text == "" and record.rights == "" and record.document_type == ""
    assert record.closing == "STALIN, MOLOTOV, VOROSHILOV"
    assert [t.kind for t in record.turns] == ["narrative"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(p.name for p in VARIANTS.glob("*.txt")))
def test_every_variant_imports(name):
    call_command("import_record", str(VARIANTS / name), stdout=open("/dev/null", "w"))
    parsed = parse(name)
    record = Record.objects.get(record_id=parsed.record_id)
    assert record.turns.count() == len(parsed.turns)
    assert record.turns.filter(kind="speech", speaker__isnull=True).count() == 0


@pytest.mark.django_db
def test_second_import_makes_no_duplicate_people():
    from catalog.models import Person

    call_command("import_record", str(VARIANTS / "capitals_initials_footnotes.txt"), stdout=open("/dev/null", "w"))
    people = Person.objects.count()
    call_command("import_record", str(VARIANTS / "no_blank_lines.txt"), stdout=open("/dev/null", "w"))
    call_command("import_record", str(VARIANTS / "capitals_initials_footnotes.txt"), "--update", stdout=open("/dev/null", "w"))
    assert Person.objects.filter(name="Zhou Enlai").count() == 1
    assert Person.objects.count() == people + 3  # Stalin, Kim Il Sung and Pak Heon-yeong are new


def test_diary_keeps_the_diarists_own_paragraphs_apart_from_the_other_side():
    record = parse("diary_first_person.txt")
    assert [(t.kind, t.name) for t in record.turns] == [("speech", "Mao Zedong"), ("narrative", ""), ("speech", "Mao Zedong")]
    assert record.turns[1].text == "I answered that I would report this to Moscow."
    assert "FROM THE JOURNAL OF\n\nP.F. YUDIN" in record.preamble
    assert record.closing == "USSR Ambassador to the PRC\n\n[signature] (P. Yudin)"


def test_document_information_with_its_headings_lost():
    record = parse("diary_first_person.txt")
    assert record.record_id == 114000
    assert record.archival_citation == "APRF, f. 45, op. 1, d. 331, ll. 1-5"
    assert record.rights.startswith("The History and Public Policy Program") and record.rights.count("\n\n") == 1
    assert record.original_uploaded == datetime.date(2011, 11, 20)
    assert (record.document_type, record.languages) == ("Diary Entry", ["Russian"])


def test_cyrillic_capitals_and_chinese_full_width_colon_labels():
    record = parse("cyrillic_and_chinese.txt")
    assert [t.label for t in record.speech_turns] == ["СТАЛИН", "МАО ЦЗЭДУН", "主席"]
    assert record.speech_turns[0].name == "Сталин"
