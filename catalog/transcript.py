"""A turn's plain text cut into pieces a template can lay out, escape and highlight.

The turn text is kept exactly as the source has it: paragraphs separated by blank
lines, editorial brackets such as "[Taiwan]" and "[?]" inline. Reading it needs the
paragraphs apart, numbered points recognised, the brackets set apart and the words a
note explains highlighted. This module only finds those boundaries; the template does
all the markup, with autoescaping, so no HTML is assembled here.
"""
import re
from dataclasses import dataclass, field

from .anchoring import locate

#: blank lines (possibly holding spaces) separate paragraphs
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
#: an editorial insertion: square brackets with no bracket inside, on one line
EDITORIAL = re.compile(r"\[[^\[\]\n]{0,80}\]")
#: a numbered point as printed: "1. ...", "(2) ...", with an optional opening quote
NUMBERED_POINT = re.compile(r"^[\"“']?\(?\d{1,3}[.)]\s")


@dataclass
class Piece:
    """A run of text with the same look: plain, editorial, speaker label, or quoted by notes."""

    text: str
    editorial: bool = False
    label: bool = False
    #: the notes whose quoted words include this run
    notes: list = field(default_factory=list)
    #: the notes whose quoted words end here: their reference marks follow this run
    refs: list = field(default_factory=list)


@dataclass
class Paragraph:
    pieces: list
    numbered: bool = False


@dataclass(frozen=True)
class Anchored:
    """A note placed on the text: ``start``/``end`` are None for a note on the whole turn."""

    note: object
    start: int | None
    end: int | None


def anchor_notes(text, notes):
    """Place each note on ``text``; a span note whose words are gone falls back to the whole turn."""
    placed = []
    for note in notes:
        span = None
        if note.quote:
            span = locate(text, note.quote, note.prefix, note.suffix, hint=note.start)
        placed.append(Anchored(note, span.start if span else None, span.end if span else None))
    return placed


def paragraph_bounds(text):
    """(start, end) offsets of each non-empty paragraph of ``text``."""
    bounds, start = [], 0
    for match in PARAGRAPH_BREAK.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    trimmed = []
    for a, b in bounds:
        chunk = text[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if b - a - lead - trail > 0:
            trimmed.append((a + lead, b - trail))
    return trimmed


def layout(text, anchored=(), label=""):
    """The paragraphs of ``text`` as pieces, with brackets, the speaker label and quoted spans marked."""
    spans = [a for a in anchored if a.start is not None]
    editorial = [(m.start(), m.end()) for m in EDITORIAL.finditer(text)]
    label_end = len(label) if label and text.startswith(label) else 0

    paragraphs = []
    for p_start, p_end in paragraph_bounds(text):
        cuts = {p_start, p_end}
        for a in spans:
            cuts.update(c for c in (a.start, a.end) if p_start < c < p_end)
        for s, e in editorial:
            cuts.update(c for c in (s, e) if p_start < c < p_end)
        if p_start < label_end < p_end:
            cuts.add(label_end)
        points = sorted(cuts)
        pieces = []
        for a, b in zip(points, points[1:]):
            pieces.append(
                Piece(
                    text=text[a:b],
                    editorial=any(s <= a and b <= e for s, e in editorial),
                    label=b <= label_end,
                    notes=[s.note for s in spans if s.start <= a and b <= s.end],
                    refs=[s.note for s in spans if s.end == b],
                )
            )
        paragraphs.append(Paragraph(pieces=pieces, numbered=bool(NUMBERED_POINT.match(text[p_start:p_end]))))
    _place_refs_ending_between_paragraphs(paragraphs, spans, text)
    return paragraphs


def _place_refs_ending_between_paragraphs(paragraphs, spans, text):
    """A quote ending in the whitespace between paragraphs gets its mark at the end of the paragraph before."""
    placed = {id(note) for p in paragraphs for piece in p.pieces for note in piece.refs}
    for span in spans:
        if id(span.note) in placed:
            continue
        for paragraph in reversed(paragraphs):
            if paragraph.pieces and any(span.note in piece.notes for piece in paragraph.pieces):
                paragraph.pieces[-1].refs.append(span.note)
                break


def word_count(text):
    return len(text.split())
