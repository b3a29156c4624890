"""A record as RIS, the tagged format every reference manager imports.

Tags follow Zotero's reading of RIS so that an import makes a manuscript with its
archive (DB), place in the archive (AN), translators (A4), manuscript type (M3),
call number (CN: the record ID) and catalogue (DP: the digital collection).
"""


def _date(source):
    """RIS dates are YYYY/MM/DD/ with empty parts left empty."""
    parts = [f"{part:02d}" if i else f"{part:04d}" for i, part in enumerate(source.date_parts)]
    parts += [""] * (3 - len(parts))
    return "/".join(parts) + "/"


def _line(tag, value):
    return f"{tag}  - {' '.join(str(value).split())}"


def entry(source):
    lines = [_line("TY", "MANSCPT"), _line("TI", source.title)]
    lines += [_line("A4", p.inverted) for p in source.translators]
    lines += [_line("A2", p.inverted) for p in source.editors]
    if source.date_parts:
        lines += [_line("DA", _date(source)), _line("PY", f"{source.date_parts[0]:04d}")]
    if source.document_type:
        lines.append(_line("M3", source.document_type))
    if source.archive:
        lines.append(_line("DB", source.archive))
    if source.archive_location:
        lines.append(_line("AN", source.archive_location))
    if source.place:
        lines.append(_line("CY", source.place))
    # no PB: a manuscript has no publisher, and Zotero would file it as an unmapped note
    lines += [
        _line("DP", source.collection),
        _line("CN", source.record_id),
        _line("ID", source.citation_key),
        _line("UR", source.url),
    ]
    if source.summary:
        lines.append(_line("AB", source.summary))
    lines += [_line("KW", topic) for topic in source.topics]
    if source.archival_citation:
        lines.append(_line("N1", f"Archival citation: {source.archival_citation}"))
    if source.translators_phrase:
        lines.append(_line("N1", f"Translated by {source.translators_phrase}."))
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"
