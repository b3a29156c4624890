"""The Chicago Manual's note and bibliography forms for a record, written out exactly.

CSL processors approximate Chicago; an archival document in translation needs the
Manual's own punctuation (commas and periods inside the closing quotation mark, full
names, "trans." in notes and "Translated by" in the bibliography, "n.d." when undated)
and the order researchers already know from the Digital Archive:
"Title," date, the digital collection, the record, the archival citation, the
translators, the URL.
"""

from functools import lru_cache

CLOSING_MARKS = ("?", "!")


@lru_cache(maxsize=1024)
def _quoted_title(title, then):
    """The title in double quotes with ``then`` (a comma or period) inside them.

    Double quotes within the title become single ones, and a title that ends in its
    own question or exclamation mark takes no further punctuation. Kept: a record page
    cites every one of its turns under the same title.
    """
    inner = title.strip().replace("“", "‘").replace("”", "’")
    opened = False
    chars = []
    for char in inner:
        if char == '"':
            chars.append("’" if opened else "‘")
            opened = not opened
        else:
            chars.append(char)
    inner = "".join(chars)
    if inner.endswith(CLOSING_MARKS):
        return f"“{inner}”"
    return f"“{inner}{then}”"


def _date(source):
    return source.display_date or "n.d."


def _collection(source, pinpoint=None):
    parts = [source.collection, f"record {source.record_id}"]
    if pinpoint:
        parts.append(pinpoint)
    return ", ".join(parts)


def _end(text):
    return text if text.endswith((".", "?", "!")) else text + "."


def note(source, pinpoint=None, url=None):
    """The full note: “Title,” date, collection, record N[, pinpoint], archival citation, trans. …, URL."""
    parts = [_date(source), _collection(source, pinpoint)]
    if source.archival_citation:
        parts.append(source.archival_citation)
    if source.translators_phrase:
        parts.append(f"trans. {source.translators_phrase}")
    parts.append(url or source.url)
    return _end(_quoted_title(source.title, ",") + " " + ", ".join(parts))


def bibliography(source):
    """The bibliography entry: “Title.” Date. Collection, record N. Archival citation. Translated by …. URL."""
    sentences = [_quoted_title(source.title, "."), _end(_date(source)), _end(_collection(source))]
    if source.archival_citation:
        sentences.append(_end(source.archival_citation))
    if source.translators_phrase:
        sentences.append(_end(f"Translated by {source.translators_phrase}"))
    sentences.append(_end(source.url))
    return " ".join(sentences)


def turn_note(source, turn_number, url):
    """The note for one turn: the record's note with the turn as pinpoint and the turn's URL."""
    return note(source, pinpoint=f"turn {turn_number}", url=url)
