"""The body of a record page, between the title and the summary.

It holds the "Present:" list, the speaker turns (with continuation and narrative
paragraphs), and closing lines: the meeting's times, "Recorded by:", footnotes after
the text, and a letter's signature, cipher number and distribution list.
"""
import re

from .dates import parse_date, parse_times
from .names import display_form, name_key, same_person, trailing_name
from .parsed import ParsedParticipant, ParsedTurn
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
#: paragraphs between turns that belong to no speaker: stage directions, and a diarist's own "I ..."
NARRATIVE_START = re.compile(
    r"^(?:They\b|The interpreters?\b|The conversation\b|The meeting\b|The talks?\b|\((?!\d)|After (?:this|that)\b|I\s+[a-z])"
)


class Body:
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
        # the signer's office stands just above a signature: "USSR Ambassador to the PRC / [signature]"
        while (tail and re.match(r"^\[?signature", tail[0], re.I) and len(last.paragraphs) > 1
               and len(last.paragraphs[-1].split()) <= 8 and not last.paragraphs[-1].rstrip().endswith((".", "?", "!"))):
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
            speaker_keys = {p.key for p in listed if p.role != "recorder"}
            if not any(same_person(turn.key, key) for key in speaker_keys):
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
    letters = "".join(c for c in re.sub(r"\[[^\]]*\]|\([^)]*\)", "", text) if c.isalpha())
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
