"""Published notes as a W3C Web Annotation AnnotationPage, expanded offline by PyLD."""
import json
from pathlib import Path

import pytest
from pyld import jsonld

from catalog.models import Annotation

from .factories import make_record

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_FILE = Path(__file__).parent / "samples" / "anno.jsonld"
OA = "http://www.w3.org/ns/oa#"
AS = "http://www.w3.org/ns/activitystreams#"


def offline_loader(url, options=None):
    """PyLD's document loader, answering the Web Annotation context from the local copy."""
    if url.rstrip("/") != ANNO_CONTEXT:
        raise jsonld.JsonLdError(f"No offline copy of {url}", "jsonld.LoadDocumentError")
    return {"contextUrl": None, "documentUrl": url, "document": json.loads(CONTEXT_FILE.read_text())}


@pytest.fixture
def response(client, catalogue):
    return client.get("/records/111247/annotations.jsonld")


@pytest.fixture
def page(response):
    return json.loads(response.content)


@pytest.fixture
def expanded(page):
    return jsonld.expand(page, {"documentLoader": offline_loader})


def test_content_type(response):
    """Served as JSON-LD with the Web Annotation profile."""
    assert response["Content-Type"] == 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'


def test_context_and_type(page):
    """An AnnotationPage in the anno.jsonld context."""
    assert page["@context"] == ANNO_CONTEXT
    assert page["type"] == "AnnotationPage"


def test_expands_to_an_activity_streams_page(expanded):
    """PyLD expands the page to as:OrderedCollectionPage with oa:Annotation items."""
    (node,) = expanded
    assert node["@type"] == [AS + "OrderedCollectionPage"]
    items = node[AS + "items"][0]["@list"]
    assert items and all(item["@type"] == [OA + "Annotation"] for item in items)


def test_every_published_note_and_no_other(page):
    """One annotation per published note."""
    assert len(page["items"]) == Annotation.objects.published().count()


def test_motivations_expand_to_oa_terms(expanded):
    """Each motivation is one of the Web Annotation vocabulary's motivations."""
    items = expanded[0][AS + "items"][0]["@list"]
    motivations = {m["@id"] for item in items for m in item[OA + "motivatedBy"]}
    assert motivations <= {OA + m for m in ("commenting", "identifying", "tagging", "editing", "linking")}
    assert OA + "identifying" in motivations


def test_span_notes_target_the_turn_with_a_quote_selector(page):
    """A note on quoted words targets the turn's URL through a TextQuoteSelector."""
    span_notes = [item for item in page["items"] if "selector" in item["target"]]
    assert span_notes
    for item in span_notes:
        assert "/records/111247/#turn-" in item["target"]["source"]
        selectors = item["target"]["selector"]
        quote = next(s for s in (selectors if isinstance(selectors, list) else [selectors]) if s["type"] == "TextQuoteSelector")
        assert quote["exact"]


def test_text_bodies_creator_and_dates(page):
    """Bodies are TextualBody in HTML; creator and dates are present."""
    for item in page["items"]:
        assert item["body"][0]["type"] == "TextualBody" and item["body"][0]["format"] == "text/html"
        assert item["creator"]["name"]
        assert item["created"].endswith("Z") and item["modified"].endswith("Z")


def test_ids_are_stable(client, catalogue):
    """The same note has the same id on every request."""
    first = json.loads(client.get("/records/111247/annotations.jsonld").content)
    second = json.loads(client.get("/records/111247/annotations.jsonld").content)
    assert [i["id"] for i in first["items"]] == [i["id"] for i in second["items"]]
    assert all(str(note.uuid) in item["id"] for note, item in zip(
        Annotation.objects.published().order_by("turn__number", "start", "created", "pk"), first["items"]
    ))


def test_whole_turn_note_targets_the_turn(client, db):
    """A note on a whole turn targets the turn's URL without a selector."""
    record = make_record(turns=2)
    Annotation.objects.create(turn=record.turns.get(number=2), body="On the whole turn.", status="published")
    page = json.loads(client.get(f"/records/{record.record_id}/annotations.jsonld").content)
    (item,) = page["items"]
    assert item["target"] == {"source": f"http://testserver/records/{record.record_id}/#turn-2", "type": "Text"}
    assert item["motivation"] == "commenting"


def test_drafts_are_not_published(client, db):
    """Draft and submitted notes stay out of the page."""
    record = make_record(turns=1)
    turn = record.turns.get()
    Annotation.objects.create(turn=turn, body="Draft.", status="draft")
    Annotation.objects.create(turn=turn, body="Submitted.", status="submitted")
    page = json.loads(client.get(f"/records/{record.record_id}/annotations.jsonld").content)
    assert page["items"] == []


def test_hostile_body_is_inert(client, db):
    """A script in a note's body does not reach the annotation's HTML."""
    record = make_record(turns=1)
    Annotation.objects.create(turn=record.turns.get(), body="<script>alert(1)</script>Fine.", status="published")
    page = json.loads(client.get(f"/records/{record.record_id}/annotations.jsonld").content)
    assert "<script" not in page["items"][0]["body"][0]["value"]
