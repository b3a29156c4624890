"""APA (7th edition) reference for a record, written out exactly.

citeproc-py prints an authorless item's title twice in APA (once in the author
position, once after the date); an archival document in translation is, by APA's rules:
*Title* (A. Translator & B. Translator, Trans.) [Description]. (Year, Month Day).
Archive (archival citation), Place. Collection, record N. URL
"""
import calendar

from django.utils.html import format_html


def _initials(person):
    initials = " ".join(f"{part[0]}." for part in person.given.replace("-", " ").split() if part)
    return f"{initials} {person.family}" if initials else person.family


def _names(people):
    names = [_initials(p) for p in people]
    if len(names) <= 2:
        return " & ".join(names)
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _date(source):
    parts = source.date_parts
    if not parts:
        return "(n.d.)"
    if len(parts) == 1:
        return f"({parts[0]})"
    month = calendar.month_name[parts[1]]
    return f"({parts[0]}, {month} {parts[2]})" if len(parts) == 3 else f"({parts[0]}, {month})"


def _after_title(source):
    text = ""
    if source.translators:
        text += f" ({_names(source.translators)}, Trans.)"
    if source.document_type:
        text += f" [{source.document_type}]"
    return text + "."


def _rest(source):
    sentences = [_date(source) + "."]
    if source.archive:
        archive = source.archive
        if source.archival_citation:
            archive += f" ({source.archival_citation})"
        if source.archive_place:
            archive += f", {source.archive_place}"
        sentences.append(archive + ".")
    sentences.append(f"{source.collection}, record {source.record_id}.")
    sentences.append(source.url)
    return " ".join(sentences)


def reference(source):
    """The reference list entry as plain text."""
    return f"{source.title}{_after_title(source)} {_rest(source)}"


def reference_html(source):
    """The same entry with the title in italics, escaped."""
    return format_html("<i>{}</i>{} {}", source.title, _after_title(source), _rest(source))
