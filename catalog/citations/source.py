"""What every citation format needs to know about a record, gathered once.

The Chicago forms, CSL-JSON, BibTeX, RIS, the page's meta tags and the OAI-PMH
Dublin Core all read this one summary, so that they cannot disagree.
"""
import re
from dataclasses import dataclass, field

from ..models import RecordCredit
from ..models.base import DatePrecision
from .locations import site_name
from .names import inverted, split_name

#: "Translated by X with Y." as the source line prints it
TRANSLATED_BY = re.compile(r"Translated by (?P<names>.+?)\.(?:\s|$)")


@dataclass(frozen=True)
class Person:
    name: str
    family: str
    given: str

    @property
    def inverted(self):
        return f"{self.family}, {self.given}" if self.given else self.family


@dataclass(frozen=True)
class CitationSource:
    record_id: int
    title: str
    url: str
    collection: str
    #: [year], [year, month] or [year, month, day], as far as the document gives it
    date_parts: list = field(default_factory=list)
    display_date: str = ""
    archive: str = ""
    archive_abbreviation: str = ""
    archive_place: str = ""
    #: the archival citation exactly as printed, e.g. "APRF, f. 45, op. 1, d. 343, ll. 97-103"
    archival_citation: str = ""
    #: the location inside the archive, e.g. "f. 45, op. 1, d. 343, ll. 97-103"
    archive_location: str = ""
    translators: tuple = ()
    editors: tuple = ()
    #: "Danny Rozas with Kathryn Weathersby": the translators as the credit line names them
    translators_phrase: str = ""
    document_type: str = ""
    summary: str = ""
    rights: str = ""
    topics: tuple = ()
    languages: tuple = ()
    place: str = ""

    @property
    def iso_date(self):
        """1952-09-19, 1952-09 or 1952; empty when undated."""
        if not self.date_parts:
            return ""
        return "-".join(f"{part:02d}" if i else str(part) for i, part in enumerate(self.date_parts))

    @property
    def citation_key(self):
        return f"record-{self.record_id}"


def _people(credits):
    return tuple(Person(c.name, *split_name(c)) for c in credits)


def _date_parts(record):
    if record.date is None or record.date_precision == DatePrecision.UNKNOWN:
        return []
    if record.date_precision == DatePrecision.YEAR:
        return [record.date.year]
    if record.date_precision == DatePrecision.MONTH:
        return [record.date.year, record.date.month]
    return [record.date.year, record.date.month, record.date.day]


def _archive_location(record):
    """The archival citation without the repository's abbreviation in front of it."""
    citation = record.archival_citation.strip()
    repository = record.repository
    if repository and repository.abbreviation and citation.startswith(repository.abbreviation):
        rest = citation[len(repository.abbreviation):].lstrip(" ,")
        if rest:
            return rest
    return citation


def join_names(names):
    """"A", "A and B", "A, B, and C" (Chicago's serial comma)."""
    names = list(names)
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def _translators_phrase(record, translators):
    """The translators as the source's own credit line joins them, when it names them all."""
    if not translators:
        return ""
    match = TRANSLATED_BY.search(" ".join(record.source_text.split()))
    if match and all(t.name in match.group("names") for t in translators):
        return match.group("names").strip()
    return join_names(t.name for t in translators)


def citation_source(record, url):
    """The summary of ``record`` that citations are made from; ``url`` is its absolute URL."""
    credits = list(record.credits.all())
    translators = _people(c for c in credits if c.role == RecordCredit.Role.TRANSLATOR)
    repository = record.repository
    return CitationSource(
        record_id=record.record_id,
        title=record.title,
        url=url,
        collection=site_name(),
        date_parts=_date_parts(record),
        display_date=record.display_date if record.date else "",
        archive=repository.name if repository else "",
        archive_abbreviation=repository.abbreviation if repository else "",
        archive_place=repository.place if repository else "",
        archival_citation=record.archival_citation.strip(),
        archive_location=_archive_location(record),
        translators=translators,
        editors=_people(c for c in credits if c.role == RecordCredit.Role.EDITOR),
        translators_phrase=_translators_phrase(record, translators),
        document_type=record.document_type,
        summary=record.summary,
        rights=record.rights,
        topics=tuple(t.name for t in record.topics.all()),
        languages=tuple(lang.code for lang in record.languages.all()),
        place=record.place,
    )


__all__ = ["CitationSource", "citation_source", "inverted", "join_names"]
