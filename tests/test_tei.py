"""The record as TEI P5: parsed with lxml and validated against tei_all.rng."""
from pathlib import Path

import pytest
from lxml import etree

from catalog.models import Annotation, Turn

from .factories import make_record

SAMPLES = Path(__file__).parent / "samples"
NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture(scope="session")
def tei_all():
    """The TEI P5 tei_all schema (compiling it takes some seconds, so once per session)."""
    return etree.RelaxNG(etree.parse(str(SAMPLES / "tei_all.rng")))


@pytest.fixture
def tei_response(client, catalogue):
    return client.get("/records/111247/tei.xml")


@pytest.fixture
def tei(tei_response):
    return etree.fromstring(tei_response.content)


def ids(tree):
    return set(tree.xpath("//@xml:id"))


def test_content_type_and_filename(tei_response):
    """TEI is served as application/tei+xml."""
    assert tei_response["Content-Type"] == "application/tei+xml; charset=utf-8"
    assert tei_response["Content-Disposition"] == 'attachment; filename="record-111247.tei.xml"'


def test_valid_against_tei_all(tei, tei_all):
    """The document is valid TEI P5 (tei_all)."""
    assert tei_all.validate(tei), tei_all.error_log


def test_title_and_translators(tei):
    """The title statement names the translators in respStmt."""
    assert tei.xpath("string(//tei:titleStmt/tei:title)", namespaces=NS).startswith("Minutes of Conversation")
    names = tei.xpath("//tei:titleStmt/tei:respStmt[tei:resp='Translated by']/tei:persName/text()", namespaces=NS)
    assert names == ["Danny Rozas", "Kathryn Weathersby"]


def test_publication_statement(tei):
    """The publication statement carries the record ID, the URL and the rights."""
    assert tei.xpath("//tei:publicationStmt/tei:idno[@type='record']/text()", namespaces=NS) == ["111247"]
    assert "welcomes reuse" in tei.xpath("string(//tei:publicationStmt/tei:availability)", namespaces=NS)


def test_source_description(tei):
    """The source is the archive and its archival identifier."""
    identifier = tei.xpath("//tei:sourceDesc/tei:msDesc/tei:msIdentifier", namespaces=NS)[0]
    assert identifier.xpath("tei:repository/text()", namespaces=NS) == ["Archive of the President of the Russian Federation"]
    assert identifier.xpath("tei:idno/text()", namespaces=NS) == ["APRF, f. 45, op. 1, d. 343, ll. 97-103"]
    assert tei.xpath("//tei:origDate/@when", namespaces=NS) == ["1952-09-19"]


def test_participants_with_roles(tei):
    """The participants form a listPerson, each with a role."""
    people = tei.xpath("//tei:particDesc/tei:listPerson/tei:person", namespaces=NS)
    assert len(people) >= 3
    assert all(person.get("role") for person in people)
    assert "Zhou Enlai" in tei.xpath("//tei:person/tei:persName/text()", namespaces=NS)


def test_topics_as_keywords(tei):
    """The topics are keywords in the text class."""
    assert "Prisoners of war" in tei.xpath("//tei:textClass/tei:keywords/tei:term/text()", namespaces=NS)


def test_every_turn_is_a_speech_pointing_at_its_speaker(tei):
    """72 sp elements, each @who resolving to a person in the listPerson."""
    speeches = tei.xpath("//tei:body//tei:sp", namespaces=NS)
    assert len(speeches) == 72
    people = set(tei.xpath("//tei:listPerson/tei:person/@xml:id", namespaces=NS))
    assert {sp.get("who")[1:] for sp in speeches} <= people
    assert all(sp.xpath("tei:p", namespaces=NS) for sp in speeches)


def test_turn_text_is_kept(tei):
    """Turn 23's words are in its sp, with its number."""
    (speech,) = tei.xpath("//tei:sp[@xml:id='turn-23']", namespaces=NS)
    assert speech.get("n") == "23"
    assert speech.xpath("string(tei:p)", namespaces=NS) == "STALIN asks if Pakistan will participate."


def test_published_notes_target_their_turns(tei):
    """Each published note is a note element whose target is an existing turn."""
    notes = tei.xpath("//tei:back//tei:note", namespaces=NS)
    assert len(notes) == Annotation.objects.published().count()
    assert all(note.get("target")[1:] in ids(tei) for note in notes)


def test_draft_notes_are_left_out(client, db):
    """Only published notes reach the TEI."""
    record = make_record(turns=1)
    turn = record.turns.get()
    Annotation.objects.create(turn=turn, body="Draft thought.", status="draft")
    tree = etree.fromstring(client.get(f"/records/{record.record_id}/tei.xml").content)
    assert tree.xpath("//tei:note", namespaces=NS) == []


def test_note_markup_becomes_tei(client, db, tei_all):
    """Links and emphasis in a note become ref and hi; a script does not survive."""
    record = make_record(turns=1)
    Annotation.objects.create(
        turn=record.turns.get(),
        body="See *this* [entry](https://example.org/a). <script>alert(1)</script>",
        status="published",
    )
    tree = etree.fromstring(client.get(f"/records/{record.record_id}/tei.xml").content)
    assert tree.xpath("//tei:note//tei:ref/@target", namespaces=NS) == ["https://example.org/a"]
    assert tree.xpath("//tei:note//tei:hi[@rend='italic']/text()", namespaces=NS) == ["this"]
    assert b"<script" not in etree.tostring(tree)
    assert tei_all.validate(tree), tei_all.error_log


def test_narrative_paragraphs_and_undated_records_are_valid(client, db, tei_all):
    """A record with a narrative turn, no date and no archive is still valid TEI."""
    record = make_record(turns=2)
    Turn.objects.filter(record=record, number=2).update(kind="narrative", speaker=None, speaker_label="")
    tree = etree.fromstring(client.get(f"/records/{record.record_id}/tei.xml").content)
    assert tei_all.validate(tree), tei_all.error_log
    assert tree.xpath("//tei:body//tei:p[@xml:id='turn-2']", namespaces=NS)
