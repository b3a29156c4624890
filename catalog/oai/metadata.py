"""A record as Dublin Core (``oai_dc``) for OAI-PMH harvesters."""
import re

from lxml import etree

OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"

#: characters XML 1.0 cannot carry
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value):
    return XML_ILLEGAL.sub("", str(value))


def oai_dc(source, languages=()):
    root = etree.Element(
        f"{{{OAI_DC_NS}}}dc",
        nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS},
    )
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_DC_NS} {OAI_DC_SCHEMA}")

    def dc(name, value):
        if value:
            etree.SubElement(root, f"{{{DC_NS}}}{name}").text = xml_text(value)

    dc("title", source.title)
    for person in source.translators:
        dc("contributor", person.inverted)
    for person in source.editors:
        dc("contributor", person.inverted)
    dc("date", source.iso_date)
    dc("type", "Text")
    dc("type", source.document_type)
    dc("description", " ".join(source.summary.split()))
    for topic in source.topics:
        dc("subject", topic)
    dc("identifier", source.url)
    dc("identifier", f"record {source.record_id}")
    provenance = ", ".join(part for part in (source.archive, source.archival_citation) if part)
    dc("source", provenance)
    if source.translators_phrase:
        dc("description", f"Translated by {source.translators_phrase}.")
    dc("publisher", source.collection)
    for code in languages:
        dc("language", code)
    dc("rights", " ".join(source.rights.split()))
    dc("coverage", source.place)
    return root
