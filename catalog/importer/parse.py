"""Reading a record page's text into a ``ParsedRecord``: header, participants, turns, metadata.

The page reads, top to bottom: page furniture, the date and the title, the body (a
"Present:" list, speaker turns, closing lines such as the meeting's times and "Recorded
by:"), "###" (on some pages), the summary, optional sections (authors, associated
topics, related documents) and "Document Information" with Source, Rights, Original
Uploaded Date, Type, Language and Record ID.
"""
import re

from .body import FUNDER, FURNITURE, PRESENT, Body
from .dates import parse_date
from .errors import SourceError
from .metadata import is_tail_heading, parse_bare_information, parse_information, parse_source
from .parsed import ParsedParticipant, ParsedRecord, ParsedTurn
from .read import split_lines

__all__ = ["ParsedParticipant", "ParsedRecord", "ParsedTurn", "parse_page"]


def parse_page(text, path=None):
    """Parse a record page's text; raises SourceError naming the line of the first problem."""
    try:
        return _Parser(split_lines(text), path).parse()
    except SourceError as error:
        error.path = error.path or path
        raise


class _Parser:
    def __init__(self, lines, path):
        self.lines = lines
        self.path = path

    def fail(self, message, line=None):
        raise SourceError(message, line=line, path=self.path)

    # -- the page's regions -------------------------------------------------

    def parse(self):
        lines = self.lines
        if not any(not line.blank for line in lines):
            self.fail("the file is empty", 1)
        info_at = self._find_last(lambda t: t.strip().lower() == "document information")
        info = parse_information(lines[info_at + 1:]) if info_at is not None else {}
        if info_at is not None and "Record ID" not in info:
            info = parse_bare_information(lines[info_at + 1:]) or info
        record_id = self._record_id(info, info_at)

        end = info_at if info_at is not None else len(lines)
        separator = self._find_first(lambda t: t.strip() == "###", stop=end)
        tail_at = self._find_first(is_tail_heading, start=(separator or 0), stop=end)
        tail_at = end if tail_at is None else tail_at

        start = self._skip_furniture()
        header, body_start = self._header(start, separator if separator is not None else tail_at)
        title_line, date_line = header
        if separator is not None:
            body_end = separator
            summary = self._paragraphs(lines[separator + 1:tail_at])
        else:
            body_end, summary = self._summary_without_separator(body_start, tail_at)

        record = ParsedRecord(path=str(self.path or ""), record_id=record_id, title=title_line.text.strip())
        if date_line is not None:
            record.date_text = date_line.text.strip()
            record.date, record.date_precision = parse_date(record.date_text)
        record.summary = "\n\n".join(summary)
        self._metadata(record, info)
        self._topics(record, lines[tail_at:end])

        body = lines[body_start:body_end]
        if not any(not line.blank for line in body):
            self.fail("empty body: no text between the title and the summary", title_line.number)
        Body(record, body, self.path).read()
        return record

    def _find_first(self, test, start=0, stop=None):
        for index in range(start, len(self.lines) if stop is None else stop):
            if test(self.lines[index].text):
                return index
        return None

    def _find_last(self, test):
        for index in range(len(self.lines) - 1, -1, -1):
            if test(self.lines[index].text):
                return index
        return None

    def _skip_furniture(self):
        index = 0
        while index < len(self.lines) and (
            self.lines[index].blank or self.lines[index].text.strip().lower() in FURNITURE
        ):
            index += 1
        return index

    def _header(self, start, stop):
        """(title line, date line or None) and where the body starts."""
        found = []
        index = start
        while index < stop and len(found) < 2:
            line = self.lines[index]
            if not line.blank:
                if line.text.strip().lower() in FURNITURE:
                    index += 1
                    continue
                found.append((index, line))
            index += 1
        if not found:
            self.fail("no title: the page has no text before its metadata", self.lines[min(start, len(self.lines) - 1)].number)
        (i1, first), second = found[0], (found[1] if len(found) > 1 else None)
        if parse_date(first.text):
            if second is None or FUNDER.match(second[1].text) or PRESENT.match(second[1].text):
                self.fail("no title: the date is not followed by a title", first.number)
            return (second[1], first), second[0] + 1
        if second is not None and parse_date(second[1].text):
            return (first, second[1]), second[0] + 1
        return (first, None), i1 + 1

    def _summary_without_separator(self, body_start, tail_at):
        """Without "###" the summary is the last paragraph before the optional sections."""
        index = tail_at - 1
        while index >= body_start and self.lines[index].blank:
            index -= 1
        if index < body_start:
            return tail_at, []
        end = index
        while index - 1 >= body_start and not self.lines[index - 1].blank:
            index -= 1
        # a summary is one paragraph; with no blank lines at all, take the last line only
        if any(self.lines[i].blank for i in range(body_start, index)):
            return index, [" ".join(line.text.strip() for line in self.lines[index:end + 1])]
        return end, [self.lines[end].text.strip()]

    @staticmethod
    def _paragraphs(lines):
        paragraphs, current = [], []
        for line in lines:
            if line.blank:
                if current:
                    paragraphs.append(" ".join(current))
                    current = []
            else:
                current.append(line.text.strip())
        if current:
            paragraphs.append(" ".join(current))
        return paragraphs

    # -- "Document Information" ---------------------------------------------------

    def _record_id(self, info, info_at):
        values = info.get("Record ID")
        if values is None:
            self.fail("no Record ID: the page has no \"Record ID\" field", self.lines[info_at].number if info_at else None)
        if not values:
            self.fail("no Record ID: the \"Record ID\" field is empty", self.lines[-1].number)
        text = values[0].text.strip()
        if not re.fullmatch(r"\d{1,9}", text) or int(text) < 1:
            self.fail(f"bad Record ID {text[:40]!r}: expected a positive whole number", values[0].number)
        return int(text)

    def _metadata(self, record, info):
        source_lines = info.get("Source", [])
        if source_lines:
            record.source_text = "\n\n".join(line.text.strip() for line in source_lines)
            source = parse_source(" ".join(line.text for line in source_lines))
            record.archival_citation = source.citation
            record.repository = source.repository
            record.fond, record.opis, record.delo, record.folios = source.fond, source.opis, source.delo, source.folios
            record.credits = source.credits
        record.rights = "\n\n".join(line.text.strip() for line in info.get("Rights", []))
        uploaded = info.get("Original Uploaded Date", [])
        if uploaded:
            parsed = parse_date(uploaded[0].text)
            if parsed:
                record.original_uploaded = parsed[0]
            else:
                record.warnings.append(f"line {uploaded[0].number}: upload date {uploaded[0].text.strip()!r} not understood")
        record.document_type = " ".join(line.text.strip() for line in info.get("Type", [])[:1])
        languages = []
        for line in info.get("Language", []):
            languages.extend(part.strip() for part in re.split(r"[,;/]|\band\b", line.text) if part.strip())
        record.languages = languages

    def _topics(self, record, lines):
        """Subject headings listed under "Associated Topics" or "Subjects Discussed"."""
        collecting = False
        for line in lines:
            text = line.text.strip()
            if is_tail_heading(text):
                collecting = text.lower() in ("associated topics", "subjects discussed")
                continue
            if collecting and text:
                record.topic_names.append(text)
