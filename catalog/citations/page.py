"""Citations as the record page shows them, computed once per record and request."""
import json

from django.urls import reverse
from django.utils.safestring import mark_safe

from django.utils.html import escape

from . import apa, chicago, mla, styles
from .csl import csl_item
from .locations import absolute_url
from .source import citation_source

#: labels for the styles offered on the page
STYLE_LABELS = {"apa": "APA", "modern-language-association": "MLA"}

_CACHE_ATTRIBUTE = "_citation_source"


def source_for(record, request=None):
    """The record's citation summary, kept on the record so that every turn reuses it."""
    source = getattr(record, _CACHE_ATTRIBUTE, None)
    if source is None:
        source = citation_source(record, absolute_url(record.get_absolute_url(), request))
        setattr(record, _CACHE_ATTRIBUTE, source)
    return source


def export_links(record):
    record_id = record.record_id
    return [
        ("BibTeX", reverse("catalog:record-cite-bib", args=[record_id]), "application/x-bibtex"),
        ("RIS", reverse("catalog:record-cite-ris", args=[record_id]), "application/x-research-info-systems"),
        ("CSL-JSON", reverse("catalog:record-cite-json", args=[record_id]), "application/vnd.citationstyles.csl+json"),
        ("TEI P5", reverse("catalog:record-tei", args=[record_id]), "application/tei+xml"),
        ("Web Annotations", reverse("catalog:record-annotations", args=[record_id]), "application/ld+json"),
    ]


def exact_forms(source):
    """Bibliography entries written out by hand for the styles citeproc-py gets wrong for records.

    Keyed by CSL style ID; the tests pin what citeproc-py does wrong in each.
    """
    return {
        "apa": (apa.reference(source), apa.reference_html(source)),
        "modern-language-association": (mla.entry(source), escape(mla.entry(source))),
        "chicago-notes-bibliography": (chicago.bibliography(source), escape(chicago.bibliography(source))),
    }


def formatted(source, style_id):
    """(text, html) of the bibliography entry in ``style_id``: the exact form where there is one, else citeproc-py's."""
    exact = exact_forms(source).get(style_id)
    if exact:
        styles.load_style(style_id)
        return exact
    rendered = styles.render(csl_item(source), style_id)
    return rendered["bibliography_text"], mark_safe(rendered["bibliography_html"])


def record_citations(record, request=None):
    source = source_for(record, request)
    offered = []
    for style_id in styles.PAGE_STYLES:
        text, html = formatted(source, style_id)
        offered.append(
            {
                "id": style_id,
                "label": STYLE_LABELS.get(style_id, style_id),
                "title": styles.style_title(style_id),
                "text": text,
                "html": html,
            }
        )
    return {
        "source": source,
        "url": source.url,
        "note": chicago.note(source),
        "bibliography": chicago.bibliography(source),
        "styles": offered,
        "exports": export_links(record),
    }


def turn_citation(record, turn, request=None):
    source = source_for(record, request)
    # the record's own URL is worked out once (source.url); a turn adds its fragment
    url = f"{source.url}#turn-{turn.number}"
    return {"note": chicago.turn_note(source, turn.number, url), "url": url}


def json_for_script(data):
    """JSON safe inside a <script> element: no "<", ">" or "&" can close it."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return mark_safe(text)
