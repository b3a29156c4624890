"""A record as CSL-JSON (CSL 1.0.2 input schema): the item every CSL style can format.

The record is an archival manuscript: its title and date, the archive that holds the
original and the place in it, the translators as translators (never as authors), the
digital collection as publisher, and the record's stable URL. The record ID is the
item's ``call-number`` and part of its ``id``.
"""


def csl_item(source):
    item = {
        "id": source.citation_key,
        "type": "manuscript",
        "title": source.title,
        "publisher": source.collection,
        "call-number": str(source.record_id),
        "URL": source.url,
    }
    if source.date_parts:
        item["issued"] = {"date-parts": [source.date_parts]}
    if source.document_type:
        item["genre"] = source.document_type
    if source.archive:
        item["archive"] = source.archive
    if source.archive_place:
        item["archive-place"] = source.archive_place
    if source.archive_location:
        item["archive_location"] = source.archive_location
    if source.translators:
        item["translator"] = [_name(p) for p in source.translators]
    if source.editors:
        item["editor"] = [_name(p) for p in source.editors]
    if source.summary:
        item["abstract"] = source.summary
    if source.place:
        item["event-place"] = source.place
    if source.topics:
        item["keyword"] = ", ".join(source.topics)
    return item


def _name(person):
    if person.given:
        return {"family": person.family, "given": person.given}
    return {"literal": person.family}
