"""Metadata in the record page's head, for reference managers and search engines.

Zotero's page capture reads Highwire ``citation_*`` and Dublin Core ``DC.*`` tags and
takes the item type from ``DC.type``: "manuscript" makes a manuscript. It reads the
archival location from ``DC.coverage``; the archive, the translators and the
manuscript type have no Dublin Core term it maps, so they go in the Zotero namespace
(``z.archive``, ``z.translators``, ``z.manuscriptType``) that the same capture reads.
Nothing here names the translators as authors (no ``citation_author``, no
``DC.creator`` or ``DC.contributor``, which Zotero would turn into authors), and no tag
declares a journal, book, report or web page. schema.org JSON-LD and OpenGraph are for
search engines and link previews.
"""
from django.urls import reverse

from .locations import absolute_url, site_name
from .page import json_for_script, source_for

#: a description longer than this is cut at a word for OpenGraph previews
PREVIEW_CHARS = 300


def _preview(text):
    text = " ".join(text.split())
    if len(text) <= PREVIEW_CHARS:
        return text
    return text[:PREVIEW_CHARS].rsplit(" ", 1)[0] + "…"


def highwire_date(source):
    """Highwire dates are YYYY/MM/DD, as far as known."""
    return "/".join(f"{part:02d}" if i else str(part) for i, part in enumerate(source.date_parts))


def schema_org(source):
    """The record as a schema.org ArchiveComponent held by its archive."""
    data = {
        "@context": "https://schema.org",
        "@type": "ArchiveComponent",
        "@id": source.url,
        "url": source.url,
        "name": source.title,
        "identifier": [
            {"@type": "PropertyValue", "propertyID": "record ID", "value": str(source.record_id)},
        ],
        "isPartOf": {"@type": "Collection", "name": source.collection},
        "publisher": {"@type": "Organization", "name": source.collection},
        "inLanguage": "en",
    }
    if source.archival_citation:
        data["identifier"].append(
            {"@type": "PropertyValue", "propertyID": "archival citation", "value": source.archival_citation}
        )
        data["itemLocation"] = source.archival_citation
    if source.iso_date:
        data["dateCreated"] = source.iso_date
    if source.document_type:
        data["genre"] = source.document_type
    if source.summary:
        data["description"] = source.summary
    if source.archive:
        archive = {"@type": "ArchiveOrganization", "name": source.archive}
        if source.archive_abbreviation:
            archive["alternateName"] = source.archive_abbreviation
        if source.archive_place:
            archive["location"] = source.archive_place
        data["holdingArchive"] = archive
    if source.translators:
        data["translator"] = [
            {"@type": "Person", "name": p.name, "familyName": p.family, "givenName": p.given}
            for p in source.translators
        ]
    if source.topics:
        data["keywords"] = list(source.topics)
    if source.rights:
        data["copyrightNotice"] = source.rights
    return data


def record_metadata(record, request=None):
    source = source_for(record, request)
    return {
        "source": source,
        "url": source.url,
        "site_name": site_name(),
        "highwire_date": highwire_date(source),
        "description": _preview(source.summary),
        "schema_org": json_for_script(schema_org(source)),
        "unapi_url": absolute_url(reverse("catalog:unapi"), request),
        "ris_url": absolute_url(reverse("catalog:record-cite-ris", args=[record.record_id]), request),
        "bibtex_url": absolute_url(reverse("catalog:record-cite-bib", args=[record.record_id]), request),
        "csl_url": absolute_url(reverse("catalog:record-cite-json", args=[record.record_id]), request),
        "tei_url": absolute_url(reverse("catalog:record-tei", args=[record.record_id]), request),
    }
