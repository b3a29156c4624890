"""A record as a TEI P5 document.

The header gives the title and translators (``respStmt``), the publication statement
with the record ID and rights, the archival source (``msDesc``), the participants as
a ``listPerson`` with their roles, and the topics as keywords. The body is the
transcript: one ``sp`` per turn with ``@who`` pointing at the speaker's ``person``,
and the editors' published notes as ``note`` elements that target their turns.
"""
import lxml.html
from lxml import etree

from ..models import RecordCredit

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"

#: how the sanitised HTML of a note maps onto TEI
HTML_TO_TEI = {
    "p": ("p", {}),
    "em": ("hi", {"rend": "italic"}),
    "strong": ("hi", {"rend": "bold"}),
    "sup": ("hi", {"rend": "superscript"}),
    "sub": ("hi", {"rend": "subscript"}),
    "code": ("code", {}),
    "q": ("q", {}),
    "cite": ("title", {}),
    "blockquote": ("quote", {}),
    "ul": ("list", {"type": "bulleted"}),
    "ol": ("list", {"type": "ordered"}),
    "li": ("item", {}),
    "a": ("ref", {}),
    "br": ("lb", {}),
}


def tei(tag):
    return f"{{{TEI_NS}}}{tag}"


def sub(parent, tag, text=None, **attributes):
    element = etree.SubElement(parent, tei(tag), {k: v for k, v in attributes.items() if v})
    if text:
        element.text = text
    return element


def set_xml_id(element, value):
    element.set(f"{{{XML_NS}}}id", value)


def person_id(person):
    return f"person-{person.slug}"


def turn_id(turn):
    return f"turn-{turn.number}"


def _header(root, record, source, participants):
    header = sub(root, "teiHeader")
    file_desc = sub(header, "fileDesc")
    title_stmt = sub(file_desc, "titleStmt")
    sub(title_stmt, "title", record.title)
    for credit in record.credits.all():
        resp_stmt = sub(title_stmt, "respStmt")
        sub(resp_stmt, "resp", "Translated by" if credit.role == RecordCredit.Role.TRANSLATOR else credit.get_role_display().capitalize())
        sub(resp_stmt, "persName", credit.name)

    publication = sub(file_desc, "publicationStmt")
    sub(publication, "publisher", source.collection)
    sub(publication, "idno", str(record.record_id), type="record")
    sub(publication, "idno", source.url, type="URI")
    availability = sub(publication, "availability")
    if record.rights:
        for paragraph in [p for p in record.rights.split("\n\n") if p.strip()] or [record.rights]:
            sub(availability, "p", " ".join(paragraph.split()))
    else:
        sub(availability, "p", "Rights not stated.")

    source_desc = sub(file_desc, "sourceDesc")
    ms_desc = sub(source_desc, "msDesc")
    identifier = sub(ms_desc, "msIdentifier")
    if record.repository and record.repository.place:
        sub(identifier, "settlement", record.repository.place)
    if record.repository:
        sub(identifier, "repository", record.repository.name)
    if record.archival_citation:
        sub(identifier, "idno", record.archival_citation, type="archival-citation")
    else:
        sub(identifier, "idno", str(record.record_id), type="record")
    for part, label in ((record.fond, "fond"), (record.opis, "opis"), (record.delo, "delo"), (record.folios, "folios")):
        if part:
            alt = sub(identifier, "altIdentifier", type=label)
            sub(alt, "idno", part)
    if record.summary or record.document_type:
        contents = sub(ms_desc, "msContents")
        if record.summary:
            sub(contents, "summary", " ".join(record.summary.split()))
        if record.document_type:
            item = sub(contents, "msItem")
            sub(item, "title", record.document_type, type="document-type")
    if record.date or record.place:
        history = sub(ms_desc, "history")
        origin = sub(history, "origin")
        if record.date:
            sub(origin, "origDate", record.display_date, when=source.iso_date)
        if record.place:
            sub(origin, "origPlace", record.place)

    profile = sub(header, "profileDesc")
    languages = list(record.languages.all())
    if languages:
        lang_usage = sub(profile, "langUsage")
        for language in languages:
            sub(lang_usage, "language", language.name, ident=language.code)
    if participants:
        partic = sub(profile, "particDesc")
        list_person = sub(partic, "listPerson")
        for person, roles, sides, names in participants:
            element = sub(list_person, "person", role=" ".join(roles))
            set_xml_id(element, person_id(person))
            sub(element, "persName", person.name)
            for name in names:
                if name and name != person.name:
                    sub(element, "persName", name, type="as-written")
            for side in sides:
                sub(element, "affiliation", side, type="delegation")
    topics = list(record.topics.all())
    if topics:
        text_class = sub(profile, "textClass")
        keywords = sub(text_class, "keywords")
        for topic in topics:
            sub(keywords, "term", topic.name)


def _participants(record):
    """One entry per person: (person, roles, delegations, names as written), in listing order."""
    people = {}
    for participant in record.participants.all():
        person, roles, sides, names = people.setdefault(participant.person_id, (participant.person, [], [], []))
        for bucket, value in ((roles, participant.role), (sides, participant.delegation), (names, participant.name_as_written)):
            if value and value not in bucket:
                bucket.append(value)
    return list(people.values())


def _note_body(note_element, html):
    """The note's sanitised HTML, rewritten as TEI inside ``note_element``."""
    fragment = lxml.html.fragment_fromstring(str(html) or "<p></p>", create_parent="div")

    def copy(html_element, tei_parent):
        tag, attributes = HTML_TO_TEI.get(html_element.tag, (None, {}))
        if tag is None:
            target = tei_parent
            _append_text(target, html_element.text)
        else:
            target = etree.SubElement(tei_parent, tei(tag), attributes)
            if html_element.tag == "a" and html_element.get("href"):
                target.set("target", html_element.get("href"))
            target.text = html_element.text
        for child in html_element:
            copy(child, target)
        if tag is not None:
            target.tail = html_element.tail
        else:
            _append_text(target, html_element.tail)

    for child in fragment:
        copy(child, note_element)
    if fragment.text and fragment.text.strip():
        note_element.text = (note_element.text or "") + fragment.text


def _append_text(element, text):
    if not text:
        return
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def _paragraphs_div(parent, text, kind):
    """Material printed before or after the turns, as its own division."""
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
    if paragraphs:
        div = sub(parent, "div", type=kind)
        for paragraph in paragraphs:
            sub(div, "p", paragraph)


def document(record, source, notes):
    """The TEI document for ``record`` as UTF-8 bytes with an XML declaration."""
    root = etree.Element(tei("TEI"), nsmap={None: TEI_NS})
    root.set(f"{{{XML_NS}}}lang", "en")
    participants = _participants(record)
    _header(root, record, source, participants)

    text = sub(root, "text")
    body = sub(text, "body")
    _paragraphs_div(body, record.preamble, "preamble")
    transcript = sub(body, "div", type="transcript")
    turns = list(record.turns.all())
    for turn in turns:
        if turn.speaker_id:
            element = sub(transcript, "sp", who="#" + person_id(turn.speaker.person), n=str(turn.number))
            set_xml_id(element, turn_id(turn))
            if turn.speaker_label:
                sub(element, "speaker", turn.speaker_label)
            for paragraph in turn.paragraphs:
                sub(element, "p", paragraph.strip())
        else:
            for index, paragraph in enumerate(turn.paragraphs):
                element = sub(transcript, "p", paragraph.strip(), n=str(turn.number))
                if index == 0:
                    set_xml_id(element, turn_id(turn))
    if not turns:
        sub(transcript, "p", "This record has no transcript.")
    _paragraphs_div(body, record.closing, "closing")

    notes = list(notes)
    if notes:
        back = sub(text, "back")
        editorial = sub(back, "div", type="notes")
        for note in notes:
            element = sub(editorial, "note", type=note.kind, target="#" + turn_id(note.turn))
            set_xml_id(element, f"note-{note.uuid}")
            if note.quote:
                quote = sub(element, "quote", note.quote)
                quote.set("type", "lemma")
            _note_body(element, note.body_html)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
