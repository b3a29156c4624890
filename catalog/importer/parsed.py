"""What the parser makes of a page: plain data, written to the database by ``load``."""
from collections import Counter
from dataclasses import dataclass, field

from .names import name_key


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
