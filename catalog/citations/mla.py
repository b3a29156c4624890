"""MLA (9th edition) works-cited entry for a record, written out exactly.

citeproc-py's MLA reduces the translators to initials, puts them first as if they were
the authors and leaves the period outside the closing quotation mark. MLA's own form
for an archival document in translation, found in a digital collection:
“Title.” Translated by …, Day Mon. Year. Archive, archival citation. Collection,
record N, URL (without http:// or https://).
"""
MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")


def _date(source):
    parts = source.date_parts
    if not parts:
        return ""
    if len(parts) == 1:
        return str(parts[0])
    month = MONTHS[parts[1] - 1]
    return f"{parts[2]} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


def _url(url):
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            return url[len(scheme):]
    return url


def _title(title):
    title = title.strip()
    return f"“{title}”" if title.endswith(("?", "!")) else f"“{title}.”"


def entry(source):
    elements = []
    if source.translators_phrase:
        elements.append(f"Translated by {source.translators_phrase}")
    if _date(source):
        elements.append(_date(source))
    sentences = [_title(source.title)]
    if elements:
        sentences.append(", ".join(elements) + ".")
    archive = ", ".join(part for part in (source.archive, source.archival_citation) if part)
    if archive:
        sentences.append(archive + ".")
    sentences.append(f"{source.collection}, record {source.record_id}, {_url(source.url)}.")
    return " ".join(sentences)
