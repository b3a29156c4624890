"""Reading a record page's text into a ``ParsedRecord``: header, participants, turns, metadata.

The page reads, top to bottom: page furniture, the date and the title, the body (a
"Present:" list, speaker turns, closing lines such as the meeting's times and "Recorded
by:"), "###" (on some pages), the summary, optional sections (authors, associated
topics, related documents) and "Document Information" with Source, Rights, Original
Uploaded Date, Type, Language and Record ID.
"""
import re
from collections import Counter
from dataclasses import dataclass, field

from .dates import parse_date, parse_times
from .errors import SourceError
from .metadata import Credit, is_tail_heading, parse_information, parse_source
from .names import display_form, name_key, same_person, trailing_name
from .read import split_lines
from .speakers import find_label

#: page furniture around the document on captured pages
FURNITURE = {
    "skip to content", "search in", "digital archive international history declassified",
    "share document", "english html", "get citation", "citation", "print", "download",
}
FUNDER = re.compile(r"^This document was made possible with support from", re.I)
PRESENT = re.compile(r"^(?:Also\s+)?Present(?:\s+[a-z ]+?)?(?:\s*\[[^\]]*\])?\s*:\s*", re.I)
PARTICIPANTS_US = re.compile(r"^PARTICIPANTS\s*:\s*$")
TIMES_LINE = re.compile(
    r"^(?:The\s+)?(?:conversation|meeting|talk|talks|discussion|reception|negotiations?)\b[^.]*?\b"
    r"(?:started|began|begun|lasted|ended|finished|concluded)\b",
    re.I,
)
RECORDED_BY = re.compile(r"^(?:Recorded|Record(?:ed)? made|Notes taken|Minutes taken|Written down)\s+by\b:?\s*", re.I)
FOOTNOTE = re.compile(r"^\[(?P<marker>\d{1,3})\]\s*(?P<text>\S.*)$")
SIDE_MARKER = re.compile(
    r"^\s*[-–—]?\s*(?:(?:On|From)\s+the\s+(?P<a>[\w\s-]+?)\s+side|From\s+(?P<b>[A-Z][\w\s-]*?))\s*:\s*", re.I
)
CLOSING_LINE = re.compile(
    r"^(?:No\.?\s*\d\S*|Nº\s*\d\S*|\[signature\]|\[stamp|\(signature\)|Copies\b|Distributed to\b|Distribution\b|Sent\b.*\d{4})",
    re.I,
)
NARRATIVE_START = re.compile(
    r"^(?:They|The interpreters?|The conversation|The meeting|The talks?|\(|\[\.\.\.|\.\.\.|…|After (?:this|that)\b)"
)


@dataclass
class ParsedParticipant:
    name: str  # as written, honorifics removed
    written: str  # exactly as the document writes it
    role: str  # principal, present, recorder, ...
    delegation: str = ""
    group: int = 0  # position of the delegation in the list, from 1
    line: int = 0
    variant: str = ""  # another romanisation given in brackets

    @property
    def key(self):
        return name_key(self.name)


@dataclass
class ParsedTurn:
    number: int
    kind: str  # "speech" or "narrative"
    label: str  # the label as written
    name: str  # the speaker's name from the label, honorifics removed
    paragraphs: list
    line: int

    @property
    def text(self):
        return "\n\n".join(self.paragraphs)

    @property
    def key(self):
        return name_key(self.name)


@dataclass
class ParsedRecord:
    path: str
    record_id: int
    title: str
    date: object = None
    date_precision: str = "unknown"
    date_text: str = ""
    document_type: str = ""
    summary: str = ""
    source_text: str = ""
    archival_citation: str = ""
    repository: str = ""
    fond: str = ""
    opis: str = ""
    delo: str = ""
    folios: str = ""
    rights: str = ""
    original_uploaded: object = None
    languages: list = field(default_factory=list)
    credits: list = field(default_factory=list)
    participants: list = field(default_factory=list)
    turns: list = field(default_factory=list)
    footnotes: list = field(default_factory=list)
    preamble: str = ""
    closing: str = ""
    times_text: str = ""
    started_at: object = None
    ended_at: object = None
    recorded_by_text: str = ""
    topic_names: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def speech_turns(self):
        return [t for t in self.turns if t.kind == "speech"]

    def speaker_counts(self):
        """Speech turns per speaker label name, in order of first appearance."""
        return Counter(t.name for t in self.speech_turns)

    def summary_line(self):
        counts = ", ".join(f"{name} {n}" for name, n in self.speaker_counts().items())
        narrative = len(self.turns) - len(self.speech_turns)
        parts = [f"{len(self.speech_turns)} turns" + (f" ({counts})" if counts else "")]
        if narrative:
            parts.append(f"{narrative} narrative paragraphs")
        parts.append(f"{len(self.participants)} participants")
        if self.credits:
            parts.append(f"{len(self.credits)} credits")
        if self.footnotes:
            parts.append(f"{len(self.footnotes)} footnotes")
        return f"{self.record_id} “{self.title}”: " + ", ".join(parts)


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
        _Body(record, body, self.path).read()
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


class _Body:
    """The body between the title and the summary: participants, turns and closing lines."""

    def __init__(self, record, lines, path):
        self.record = record
        self.lines = lines
        self.path = path
        self.preamble = []
        self.closing = []
        self.turns = []
        self.known_keys = set()
        self.aliases = {}

    def read(self):
        units = self._units()
        self._collect_known_names(units)
        for kind, line, text in units:
            if kind == "present":
                self._present(line, text)
                self.preamble.append(text)
            elif kind == "times":
                self.record.times_text = text
                self.record.started_at, self.record.ended_at = parse_times(text)
            elif kind == "recorded":
                self._recorded(line, text)
            elif kind == "footnote":
                match = FOOTNOTE.match(text)
                self.record.footnotes.append((match.group("marker"), match.group("text").strip()))
            else:
                self._paragraph(line, text)
        self._finish()

    def _units(self):
        """(kind, line, text) for every paragraph line, with multi-line blocks joined."""
        units, index, lines = [], 0, self.lines
        text_seen = False
        while index < len(lines):
            line = lines[index]
            text = line.text.strip()
            if line.blank:
                index += 1
                continue
            if PRESENT.match(text) or PARTICIPANTS_US.match(text):
                block = [line.text.rstrip()]
                index += 1
                while index < len(lines) and not lines[index].blank and _continues_list(lines[index].text):
                    block.append(lines[index].text.rstrip())
                    index += 1
                units.append(("present", line, "\n".join(block)))
                continue
            if RECORDED_BY.match(text) and text_seen:
                block = [line.text.rstrip()]
                index += 1
                while index < len(lines) and not lines[index].blank:
                    block.append(lines[index].text.rstrip())
                    index += 1
                units.append(("recorded", line, "\n".join(block)))
                continue
            if TIMES_LINE.match(text) and text_seen and re.search(r"\d[:.]\d\d", text):
                units.append(("times", line, text))
            elif FOOTNOTE.match(text) and text_seen and self._marker_used(FOOTNOTE.match(text).group("marker"), units):
                units.append(("footnote", line, text))
            elif units and units[-1][0] == "footnote" and not find_label(text):
                kind, first, note = units[-1]
                units[-1] = (kind, first, note + " " + text)
            else:
                units.append(("paragraph", line, text))
                text_seen = True
            index += 1
        return units

    def _marker_used(self, marker, units):
        pattern = re.compile(rf"\S\[{marker}\]")
        texts = [self.record.title] + [text for kind, _, text in units if kind in ("paragraph", "present")]
        return any(pattern.search(text) for text in texts)

    def _collect_known_names(self, units):
        """Names a mixed-case reported-speech label may use: the title's, the list's, other labels'."""
        for name in re.findall(r"(?:[A-ZÀ-Þ][\w'’.-]*\.?\s?)+", self.record.title):
            key = name_key(name)
            if key:
                self.known_keys.add(key)
        for kind, line, text in units:
            if kind == "present":
                for participant in _present_names(text):
                    self.known_keys.add(participant.key)
            elif kind == "paragraph":
                label = find_label(text)
                if label:
                    self.known_keys.add(name_key(label.name))
        self.known_keys.discard("")

    # -- participants -------------------------------------------------------------

    def _present(self, line, text):
        for participant in _present_names(text):
            participant.line = line.number
            self.record.participants.append(participant)

    def _recorded(self, line, text):
        self.record.recorded_by_text = text
        names = re.findall(r"/([^/\n]+)/", text)
        if not names:
            names = [n for n in re.split(r",|\band\b|\n", RECORDED_BY.sub("", text)) if n.strip()]
        for name in names:
            name = re.sub(r"\[[^\]]*\]", "", name).strip(" .;")
            if name:
                self.record.participants.append(
                    ParsedParticipant(name=display_form(name), written=name, role="recorder", line=line.number)
                )

    # -- turns ----------------------------------------------------------------------

    def _paragraph(self, line, text):
        label = find_label(text, self.known_keys)
        if label:
            name = self.aliases.get(name_key(label.name), label.name)
            if label.alias:
                self.aliases[name_key(label.alias)] = name
            self.turns.append(
                ParsedTurn(len(self.turns) + 1, "speech", label.written, display_form(name), [text], line.number)
            )
        elif not self.turns or not any(t.kind == "speech" for t in self.turns):
            self.preamble.append(text)
        elif NARRATIVE_START.match(text) and not self._continues_sentence():
            self.turns.append(ParsedTurn(len(self.turns) + 1, "narrative", "", "", [text], line.number))
        else:
            self.turns[-1].paragraphs.append(text)

    def _continues_sentence(self):
        last = self.turns[-1].paragraphs[-1].rstrip()
        return bool(last) and last[-1] in ":,;"

    def _finish(self):
        record = self.record
        if not any(t.kind == "speech" for t in self.turns):
            # a letter, telegram or report: its paragraphs are the text, numbered for citation
            keep, text = [], []
            for paragraph in self.preamble:
                opening = not text and _is_caption(paragraph)
                (keep if opening or FUNDER.match(paragraph) or PRESENT.match(paragraph) else text).append(paragraph)
            self.preamble = keep
            self.turns = [ParsedTurn(0, "narrative", "", "", [p], 0) for p in text]
        self._move_closing_lines()
        for number, turn in enumerate(self.turns, start=1):
            turn.number = number
        record.turns = self.turns
        record.preamble = "\n\n".join(self.preamble)
        record.closing = "\n\n".join(self.closing)
        self._add_speakers_and_principals()

    def _move_closing_lines(self):
        """Signatures, cipher numbers, dates and distribution lists after the text are closing material."""
        if not self.turns:
            return
        last = self.turns[-1]
        tail = []
        while len(last.paragraphs) > (1 if last.kind == "speech" else 0) and _is_closing(last.paragraphs[-1]):
            tail.insert(0, last.paragraphs.pop())
        if last.kind == "narrative" and not last.paragraphs:
            self.turns.pop()
            self.closing = tail + self.closing
            self._move_closing_lines()
            return
        # a distribution list runs to the end once it starts
        for index, paragraph in enumerate(last.paragraphs[1:], start=1):
            if re.match(r"^(?:Copies|Distributed to|Distribution)\b", paragraph, re.I):
                tail = last.paragraphs[index:] + tail
                del last.paragraphs[index:]
                break
        self.closing = tail + self.closing

    def _add_speakers_and_principals(self):
        """Every speaker takes part in the record; the title's people are its principals."""
        record = self.record
        listed = record.participants
        for turn in record.speech_turns:
            if not any(same_person(turn.key, p.key) for p in listed if p.role != "recorder"):
                listed.append(ParsedParticipant(name=turn.name, written=turn.label, role="present", line=turn.line))
        for participant in listed:
            if participant.role == "present" and self._named_in_title(participant):
                participant.role = "principal"

    def _named_in_title(self, participant):
        title_keys = [name_key(n) for n in re.findall(r"(?:[A-ZÀ-Þ][\w'’.-]*\.?\s?)+", self.record.title)]
        return any(same_person(participant.key, key) for key in title_keys if key)


def _is_closing(paragraph):
    text = paragraph.strip()
    if CLOSING_LINE.match(text) or parse_date(text.rstrip(".")):
        return True
    letters = re.sub(r"\[[^\]]*\]|\([^)]*\)|[^A-Za-zÀ-ÿ]", "", text)
    return bool(letters) and letters.isupper() and len(text.split()) <= 6


def _is_caption(paragraph):
    """A classification, copy number, addressee or salutation before a letter's text."""
    words = paragraph.split()
    if len(words) <= 6 and not paragraph.rstrip().endswith("."):
        return True
    return bool(re.match(r"^(?:To|Dear)\b", paragraph)) and len(words) <= 8


def _continues_list(line):
    """Whether a line after "Present:" is more of the list rather than the first turn."""
    items = [i for i in re.split(r"[,;]|\s+and\s+", line) if i.strip(" .;")]
    return bool(items) and all(_looks_like_name(trailing_name(i.strip(" .;")) or "x") for i in items) and not find_label(line.strip())


def _present_names(text):
    """People in a "Present:" list, grouped by delegation in the order listed."""
    first, _, rest = text.partition("\n")
    body = rest if PARTICIPANTS_US.match(first.strip()) else PRESENT.sub("", text, count=1)
    participants = []
    group, label = 1, ""
    # a full stop or semicolon at the end of a line, or a side marker, closes a delegation
    chunks = re.split(r"(?<=[.;])\s*\n|\n(?=\s*[-–—]?\s*(?:On|From)\s)", body)
    for chunk in chunks:
        chunk = chunk.strip()
        if not chunk:
            continue
        side = SIDE_MARKER.match(chunk)
        if side:
            label = (side.group("a") or side.group("b") or "").strip()
            chunk = chunk[side.end():]
        for item in re.split(r",|;|\n|\s+and\s+", chunk):
            item = item.strip().strip(".;")
            variant = ""
            bracket = re.search(r"\[([^\]]+)\]", item)
            if bracket:
                variant = bracket.group(1).strip()
                item = (item[: bracket.start()] + item[bracket.end():]).strip()
            name = display_form(trailing_name(item))
            if not _looks_like_name(name):
                continue
            participants.append(
                ParsedParticipant(name=name, written=item, role="present", delegation=label, group=group, variant=variant)
            )
        group += 1
        label = ""
    return participants


def _looks_like_name(text):
    words = text.split()
    if not 1 <= len(words) <= 5:
        return False
    if any(w.lower() in {"of", "the", "for", "to", "in", "on", "at", "committee", "ministry", "secretary"} for w in words):
        return False
    return all(w[0].isupper() or w.lower() in {"de", "van", "von", "da", "del", "la", "le"} for w in words)


# re-exported for callers that build credits by hand
__all__ = ["Credit", "ParsedParticipant", "ParsedRecord", "ParsedTurn", "parse_page"]
