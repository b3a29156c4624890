"""Published notes as a W3C Web Annotation ``AnnotationPage``.

Each note becomes an ``Annotation`` whose target is its turn's URL
(``/records/<id>/#turn-N``), narrowed by a ``TextQuoteSelector`` (and a
``TextPositionSelector`` where offsets are known) when the note is on a quoted span.
The note's text is a ``TextualBody`` in HTML; linked topics become ``tagging``
bodies and linked people ``identifying`` bodies pointing at their pages (and their
Wikidata entities when known); cross-referenced records become ``linking`` bodies.
Ids are built from the note's UUID and never change.
"""
from django.urls import reverse

from ..citations.locations import absolute_url, site_name
from ..models import Annotation

CONTEXT = "http://www.w3.org/ns/anno.jsonld"

#: the W3C motivation for each kind of note
MOTIVATIONS = {
    Annotation.Kind.IDENTIFICATION: "identifying",
    Annotation.Kind.CONTEXT: "commenting",
    Annotation.Kind.TRANSLATION: "commenting",
    Annotation.Kind.CORRECTION: "editing",
    Annotation.Kind.CROSS_REFERENCE: "linking",
}


def _iso(moment):
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def _target(note, record_url):
    source = f"{record_url}#turn-{note.turn.number}"
    if not note.quote:
        return {"source": source, "type": "Text"}
    selectors = [{"type": "TextQuoteSelector", "exact": note.quote, "prefix": note.prefix, "suffix": note.suffix}]
    if note.start is not None and note.end is not None:
        selectors.append({"type": "TextPositionSelector", "start": note.start, "end": note.end})
    return {"source": source, "type": "Text", "selector": selectors if len(selectors) > 1 else selectors[0]}


def _bodies(note, motivation, request):
    bodies = [
        {
            "type": "TextualBody",
            "value": str(note.body_html),
            "format": "text/html",
            "language": "en",
            "purpose": motivation if motivation != "linking" else "commenting",
        }
    ]
    for topic in note.topics.all():
        bodies.append({"type": "TextualBody", "value": topic.name, "purpose": "tagging"})
    for person in note.people.all():
        bodies.append(
            {"type": "SpecificResource", "purpose": "identifying", "source": absolute_url(person.get_absolute_url(), request)}
        )
        if person.wikidata_id:
            bodies.append(
                {
                    "type": "SpecificResource",
                    "purpose": "identifying",
                    "source": f"http://www.wikidata.org/entity/{person.wikidata_id}",
                }
            )
    for other in note.related_records.all():
        if other.is_published:
            bodies.append(
                {"type": "SpecificResource", "purpose": "linking", "source": absolute_url(other.get_absolute_url(), request)}
            )
    return bodies


def annotation(note, page_url, record_url, request=None):
    motivation = MOTIVATIONS.get(note.kind, "commenting")
    data = {
        "id": f"{page_url}#{note.uuid}",
        "type": "Annotation",
        "motivation": motivation,
        "created": _iso(note.created),
        "modified": _iso(note.modified),
        "creator": {"type": "Organization", "name": note.author_name or f"{site_name()} editors"},
        "body": _bodies(note, motivation, request),
        "target": _target(note, record_url),
    }
    if note.published:
        data["issued"] = _iso(note.published)
    return data


def annotation_page(record, notes, request=None):
    page_url = absolute_url(reverse("catalog:record-annotations", args=[record.record_id]), request)
    record_url = absolute_url(record.get_absolute_url(), request)
    items = [annotation(note, page_url, record_url, request) for note in notes]
    return {
        "@context": CONTEXT,
        "id": page_url,
        "type": "AnnotationPage",
        "label": f"Editors’ notes on record {record.record_id}: {record.title}",
        "startIndex": 0,
        "items": items,
    }
