"""A record as a BibTeX entry, for BibTeX, biblatex and reference managers.

An archival document has no publisher: it is an ``@unpublished`` entry (Zotero and
Mendeley import that as a manuscript), with the translators in biblatex's
``translator`` field, the archive and archival citation in ``note`` and the digital
collection with the record ID in ``howpublished``.
"""
#: characters TeX treats specially, and their escaped forms
TEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def escape(value):
    """``value`` with TeX's special characters escaped, on one line."""
    return "".join(TEX_ESCAPES.get(char, char) for char in " ".join(str(value).split()))


def entry(source):
    fields = [("title", "{" + escape(source.title) + "}")]
    if source.translators:
        fields.append(("translator", " and ".join(escape(p.inverted) for p in source.translators)))
    if source.editors:
        fields.append(("editor", " and ".join(escape(p.inverted) for p in source.editors)))
    if source.date_parts:
        fields.append(("date", source.iso_date))
        fields.append(("year", str(source.date_parts[0])))
        if len(source.date_parts) > 1:
            # a bare month macro, as BibTeX styles expect
            fields.append(("month", MONTHS[source.date_parts[1] - 1]))
    if source.document_type:
        fields.append(("type", escape(source.document_type)))
    fields.append(("howpublished", escape(f"{source.collection}, record {source.record_id}")))
    note = [part for part in (source.archive, source.archival_citation) if part]
    if source.translators_phrase:
        note.append(f"Translated by {source.translators_phrase}")
    if note:
        fields.append(("note", escape(". ".join(note) + ".")))
    if source.summary:
        fields.append(("abstract", escape(source.summary)))
    if source.topics:
        fields.append(("keywords", escape(", ".join(source.topics))))
    fields.append(("url", source.url))
    lines = [f"@unpublished{{{source.citation_key},"]
    for name, value in fields:
        wrapped = value if name == "month" else "{" + value + "}"
        lines.append(f"  {name} = {wrapped},")
    lines.append("}")
    return "\n".join(lines) + "\n"


