"""Download URLs for a record: citation files, a formatted citation in any CSL style, TEI,
Web Annotations and the unAPI service reference managers query.

Every view serves published records only; anything else answers 404.
"""
import json

from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from ..citations import bibtex, ris, styles
from ..citations.csl import csl_item
from ..citations.page import exact_forms, formatted, source_for
from ..models import Annotation, Record
from . import tei, webannotation


def public_record(record_id):
    """A published record with everything its TEI needs (turns, speakers, participants)."""
    queryset = Record.objects.public().for_detail().prefetch_related("credits__person")
    return get_object_or_404(queryset, record_id=record_id)


def citable_record(record_id):
    """A published record with only what a citation needs: no transcript."""
    queryset = (
        Record.objects.public()
        .select_related("repository")
        .prefetch_related("credits__person", "topics", "languages")
    )
    return get_object_or_404(queryset, record_id=record_id)


def download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def cite_bibtex(request, record_id):
    source = source_for(citable_record(record_id), request)
    return download(bibtex.entry(source), "application/x-bibtex; charset=utf-8", f"record-{record_id}.bib")


@require_safe
def cite_ris(request, record_id):
    source = source_for(citable_record(record_id), request)
    return download(ris.entry(source), "application/x-research-info-systems; charset=utf-8", f"record-{record_id}.ris")


@require_safe
def cite_csl_json(request, record_id):
    source = source_for(citable_record(record_id), request)
    content = json.dumps([csl_item(source)], ensure_ascii=False, indent=2)
    return download(content, "application/vnd.citationstyles.csl+json; charset=utf-8", f"record-{record_id}.json")


@require_safe
def cite_in_style(request, record_id):
    """The record formatted in any CSL style: ``?style=<CSL ID>`` (``&format=text`` for plain text)."""
    record = citable_record(record_id)
    style_id = request.GET.get("style", "").strip()
    if not style_id:
        return HttpResponseBadRequest("Give a CSL style ID, e.g. ?style=apa\n", content_type="text/plain")
    source = source_for(record, request)
    try:
        rendered = styles.render(csl_item(source), style_id)
        title = styles.style_title(style_id)
    except styles.UnknownStyle:
        raise Http404(f"No citation style with the ID “{style_id[:120]}”.")
    text, html = formatted(source, style_id)
    if request.GET.get("format") == "text":
        return HttpResponse(text + "\n", content_type="text/plain; charset=utf-8")
    context = {
        "record": record,
        "style_id": style_id,
        "style_title": title,
        "bibliography_html": html,
        "citation_html": mark_safe(rendered["citation_html"]),
        "exact": style_id in exact_forms(source),
    }
    return render(request, "catalog/citations/cite.html", context)


@require_safe
def record_tei(request, record_id):
    record = public_record(record_id)
    notes = Annotation.objects.published().filter(turn__record=record).select_related("turn").prefetch_related(
        "people", "topics"
    )
    content = tei.document(record, source_for(record, request), notes)
    return download(content, "application/tei+xml; charset=utf-8", f"record-{record_id}.tei.xml")


@require_safe
def record_annotations(request, record_id):
    record = citable_record(record_id)
    notes = (
        Annotation.objects.published()
        .filter(turn__record=record)
        .select_related("turn", "author")
        .prefetch_related("people", "topics", "related_records")
        .order_by("turn__number", "start", "created", "pk")
    )
    page = webannotation.annotation_page(record, notes, request)
    response = JsonResponse(page, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Type"] = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


#: the formats the unAPI service offers; RIS first, which Zotero imports as a complete manuscript
UNAPI_FORMATS = (
    ("ris", "application/x-research-info-systems", "https://en.wikipedia.org/wiki/RIS_(file_format)", cite_ris),
    ("bibtex", "application/x-bibtex", "http://www.bibtex.org/Format/", cite_bibtex),
    ("csl-json", "application/vnd.citationstyles.csl+json", "https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html", cite_csl_json),
)


def _formats_xml(record_id=None):
    attribute = f' id="{record_id}"' if record_id is not None else ""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f"<formats{attribute}>"]
    for name, content_type, docs, _view in UNAPI_FORMATS:
        lines.append(f'  <format name="{name}" type="{content_type}" docs="{docs}"/>')
    lines.append("</formats>")
    return "\n".join(lines) + "\n"


@require_safe
def unapi(request):
    """unAPI 1.0: the formats on offer, the formats of one record (300), or the record in one format."""
    identifier = request.GET.get("id", "").strip()
    format_name = request.GET.get("format", "").strip()
    if not identifier:
        return HttpResponse(_formats_xml(), content_type="application/xml; charset=utf-8")
    if not identifier.isdigit() or not Record.objects.public().filter(record_id=int(identifier)).exists():
        raise Http404("No published record with this ID.")
    if not format_name:
        return HttpResponse(_formats_xml(int(identifier)), content_type="application/xml; charset=utf-8", status=300)
    for name, _type, _docs, view in UNAPI_FORMATS:
        if name == format_name:
            return view(request, int(identifier))
    return HttpResponse("Format not offered.\n", content_type="text/plain", status=406)
