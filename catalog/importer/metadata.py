"""The "Document Information" block and the source line: archive, citation and credits."""
import re
from dataclasses import dataclass, field

#: headings of the "Document Information" block, as printed
HEADINGS = ["Source", "Rights", "Original Uploaded Date", "Type", "Language", "Record ID"]
_HEADING_KEYS = {h.lower(): h for h in HEADINGS}
_HEADING_KEYS.update({"languages": "Language", "original upload date": "Original Uploaded Date"})

#: sections that may stand between the summary and "Document Information"
TAIL_SECTIONS = [
    "author(s):", "author(s)", "associated people & organizations", "associated people and organizations",
    "associated places", "associated topics", "subjects discussed", "related documents",
    "document information", "citation:", "credits:", "share document",
]


def is_tail_heading(text):
    return text.strip().lower() in TAIL_SECTIONS


def parse_information(lines):
    """{heading: [Line, ...]} for the lines after "Document Information"."""
    fields, current = {}, None
    for line in lines:
        heading = _HEADING_KEYS.get(line.text.strip().rstrip(":").lower())
        if heading:
            current = heading
            fields.setdefault(current, [])
        elif current and not line.blank:
            fields[current].append(line)
    return fields


@dataclass
class Credit:
    name: str
    role: str = "translator"
    affiliation: str = ""


@dataclass
class ArchivalSource:
    """What the source line says: the citation as printed, its parts, and the credits after it."""

    citation: str = ""
    repository: str = ""
    fond: str = ""
    opis: str = ""
    delo: str = ""
    folios: str = ""
    credits: list = field(default_factory=list)


_CREDIT_SENTENCE = re.compile(
    r"(?P<phrase>(?:Obtained and )?[Tt]ranslated(?: for [\w\s.]+?)? by|[Tt]ranslation by|"
    r"[Tt]ranslated and annotated by|[Ee]dited by|[Oo]btained by)\s+(?P<names>[^.]+(?:\.[A-Z]\.?[^.]*)*)\.?"
)
_PARTS = {
    "fond": re.compile(r"\b(?:f\.|fond|Fond)\s*(?P<v>[\w-]+)"),
    "opis": re.compile(r"\b(?:op\.|opis|Opis)\s*(?P<v>[\w-]+)"),
    "delo": re.compile(r"\b(?:d\.|delo|Delo)\s*(?P<v>[\w-]+)"),
    "folios": re.compile(r"\b(?:ll\.|l\.|listy|List|Listy|list)\s*(?P<v>\d[\d\s,–-]*\d|\d+)"),
}
_ACRONYM = re.compile(r"^(?P<abbr>(?:[A-Z][A-Za-z]*[A-Z]|[A-Z]{2,})(?:\s[A-Z]{2,})*)\b")


def parse_source(text):
    """Split a source paragraph into the archival citation, its parts and the credits."""
    text = " ".join(text.split())
    source = ArchivalSource()
    credit_match = _CREDIT_SENTENCE.search(text)
    citation = text[: credit_match.start()] if credit_match else text
    source.citation = citation.strip().rstrip(".").strip()
    if credit_match:
        phrase = credit_match.group("phrase").lower()
        role = "translator"
        if phrase.startswith("edited"):
            role = "editor"
        elif phrase.startswith("obtained by"):
            role = "obtained-by"
        source.credits = split_credits(credit_match.group("names"), role)
    first = source.citation.split(",")[0].strip()
    acronym = _ACRONYM.match(first)
    if acronym and len(first) <= 20:
        source.repository = acronym.group("abbr")
    for part, pattern in _PARTS.items():
        match = pattern.search(source.citation)
        if match:
            setattr(source, part, match.group("v").strip().rstrip(","))
    return source


def split_credits(names, role="translator"):
    """"Danny Rozas with Kathryn Weathersby" → two credits, in order; affiliations in brackets kept apart."""
    credits = []
    for chunk in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s+with\s+|\s*&\s*", names.strip()):
        chunk = chunk.strip(" .")
        if not chunk:
            continue
        affiliation = ""
        bracket = re.search(r"\(([^)]*)\)", chunk)
        if bracket:
            affiliation = bracket.group(1).strip()
            chunk = (chunk[: bracket.start()] + chunk[bracket.end():]).strip()
        if chunk and any(c.isalpha() for c in chunk):
            credits.append(Credit(name=chunk, role=role, affiliation=affiliation))
    return credits


def parse_bare_information(lines):
    """The same block on pages that lost its headings: source, rights, then bare values.

    Read by shape: the first paragraph is the source; paragraphs up to an ISO date are the
    rights; the date is the upload date; then the type, a language if one is named, and
    the record ID as the last line that is a number.
    """
    from .reference import LANGUAGES

    values = [line for line in lines if not line.blank]
    fields = {}
    numbers = [i for i, line in enumerate(values) if re.fullmatch(r"\d{1,9}", line.text.strip())]
    dates = [i for i, line in enumerate(values) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", line.text.strip())]
    if not numbers:
        return fields
    fields["Record ID"] = [values[numbers[-1]]]
    if not dates or not values:
        return fields
    date_at = dates[0]
    fields["Source"] = values[:1] if date_at > 0 else []
    fields["Rights"] = values[1:date_at]
    fields["Original Uploaded Date"] = [values[date_at]]
    for line in values[date_at + 1:numbers[-1]]:
        text = line.text.strip()
        if text.lower() in LANGUAGES:
            fields.setdefault("Language", []).append(line)
        elif "Type" not in fields and len(text.split()) <= 6:
            fields["Type"] = [line]
    return fields
