"""People's names as citation formats want them: family and given parts."""


def split_name(credit):
    """(family, given) for a credit.

    The linked person's sort name ("Rozas, Danny") decides when it is loaded, so that
    family-first names such as "Chen Jian" come out right; otherwise the last word of
    the credit's name is taken as the family name. A single word is a family name alone.
    """
    person = credit._state.fields_cache.get("person") if credit.person_id else None
    if person is not None and "," in person.sort_name:
        family, given = (part.strip() for part in person.sort_name.split(",", 1))
        return family, given
    parts = credit.name.strip().rsplit(" ", 1)
    if len(parts) == 1:
        return parts[0], ""
    return parts[1], parts[0]


def inverted(credit):
    """"Rozas, Danny": the form RIS, BibTeX and Zotero read without guessing."""
    family, given = split_name(credit)
    return f"{family}, {given}" if given else family
