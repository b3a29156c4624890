"""Template tags that put citations and citation metadata on record pages.

The record page's view knows nothing of citations: these tags build them from the
``record`` (and ``turn``) already in the template's context.
"""
from django import template

from ..citations import page
from ..citations.metadata import record_metadata as build_metadata

register = template.Library()


@register.simple_tag(takes_context=True)
def record_citations(context, record):
    """Chicago note and bibliography, APA and MLA, and the export links for ``record``."""
    return page.record_citations(record, context.get("request"))


@register.simple_tag(takes_context=True)
def record_metadata(context, record):
    """Values for the Highwire, Dublin Core, OpenGraph and schema.org tags in the page head."""
    return build_metadata(record, context.get("request"))
