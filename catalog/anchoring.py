"""Finding an annotation's quoted words in a turn, as a W3C TextQuoteSelector does.

A quote is kept as ``exact`` with a little ``prefix`` and ``suffix`` context, so that
repeated words can be told apart and a note can follow its words when the turn's text
is corrected.
"""
from dataclasses import dataclass

#: how many characters of context to keep on each side of a quote
CONTEXT_CHARS = 32


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def occurrences(text, exact):
    """Start offsets of every occurrence of ``exact`` in ``text``."""
    starts, i = [], text.find(exact) if exact else -1
    while i != -1:
        starts.append(i)
        i = text.find(exact, i + 1)
    return starts


def locate(text, exact, prefix="", suffix="", hint=None):
    """The span of ``exact`` in ``text`` best matching its context, or None if absent.

    Among several occurrences, prefer the one whose surrounding text agrees with
    the most characters of ``prefix`` and ``suffix``; on a tie, the one nearest ``hint``.
    """
    starts = occurrences(text, exact)
    if not starts:
        return None

    def score(start):
        before = text[:start]
        after = text[start + len(exact):]
        agree_before = _common_suffix(before, prefix)
        agree_after = _common_prefix(after, suffix)
        distance = abs(start - hint) if hint is not None else 0
        return (agree_before + agree_after, -distance)

    best = max(starts, key=score)
    return Span(best, best + len(exact))


def context_for(text, span):
    """The (prefix, suffix) to store with a quote at ``span``."""
    return text[max(0, span.start - CONTEXT_CHARS):span.start], text[span.end:span.end + CONTEXT_CHARS]


def _common_prefix(a, b):
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a, b):
    return _common_prefix(a[::-1], b[::-1])


class QuoteNotFound(ValueError):
    """The quoted words do not occur in the text."""


class QuoteAmbiguous(ValueError):
    """The quoted words occur more than once and nothing tells which is meant."""

    def __init__(self, message, count):
        super().__init__(message)
        self.count = count


def resolve(text, exact, prefix="", suffix="", hint=None):
    """The one span of ``exact`` in ``text`` that the editor means.

    A ``hint`` that points exactly at an occurrence (a selection's offset) settles it;
    otherwise ``prefix``/``suffix`` must pick out a single best occurrence.
    Raises QuoteNotFound or QuoteAmbiguous.
    """
    starts = occurrences(text, exact)
    if not starts:
        raise QuoteNotFound("These words do not occur in the turn's text.")
    if len(starts) == 1:
        return Span(starts[0], starts[0] + len(exact))
    if hint in starts:
        return Span(hint, hint + len(exact))
    scores = sorted(
        ((_common_suffix(text[:s], prefix) + _common_prefix(text[s + len(exact):], suffix), s) for s in starts),
        reverse=True,
    )
    if scores[0][0] == scores[1][0]:
        raise QuoteAmbiguous(
            f"These words occur {len(starts)} times in the turn; select the one you mean in the text, "
            "or give a few words before (prefix) or after (suffix) it.",
            len(starts),
        )
    best = scores[0][1]
    return Span(best, best + len(exact))
