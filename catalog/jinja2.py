"""The Jinja2 environment for the record page's transcript.

A record of 300 turns is thousands of template nodes; Django's template engine spends
about a millisecond a turn resolving them, Jinja2 compiles the same markup to Python
and renders it several times faster. Only the transcript is rendered here; the rest
of the site stays in Django templates. Autoescaping is on, as in Django, and the
filters the transcript needs behave as Django's do.
"""
from django.template.defaultfilters import capfirst, truncatechars
from jinja2 import Environment
from markupsafe import Markup, escape

from .citations.page import turn_citation
from .line_endings import plain_newlines


def environment(**options):
    env = Environment(**options)
    env.filters.update(
        linebreaksbr=linebreaksbr,
        truncatechars=truncatechars,
        capfirst=capfirst,
    )
    env.globals.update(turn_citation=turn_citation)
    return env


def linebreaksbr(text):
    """Django's ``linebreaksbr`` for plain text, without its lazy-string wrappers (it runs per piece)."""
    text = plain_newlines(str(text))
    return Markup(str(escape(text)).replace("\n", "<br>"))
