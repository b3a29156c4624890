"""The OAI-PMH 2.0 endpoint: the six verbs over the published records, topics as sets."""
import datetime
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Min, Q
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from lxml import etree

from ..citations.locations import absolute_url, site_name
from ..citations.source import citation_source
from ..models import Record, Topic
from .metadata import OAI_DC_NS, OAI_DC_SCHEMA, oai_dc, xml_text
from .protocol import (
    GRANULARITY,
    OAIError,
    check_arguments,
    date_range,
    datestamp,
    make_token,
    page_size,
    read_token,
)

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
IDENTIFIER_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
IDENTIFIER_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"
#: repository identifiers the oai-identifier scheme allows (a domain name)
DOMAIN = re.compile(r"^[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+$")

METADATA_FORMATS = {"oai_dc": (OAI_DC_SCHEMA, OAI_DC_NS)}


def oai(tag):
    return f"{{{OAI_NS}}}{tag}"


def element(parent, tag, text=None, **attributes):
    node = etree.SubElement(parent, oai(tag), attributes)
    if text is not None:
        node.text = xml_text(text)
    return node


class Repository:
    """One OAI-PMH request against the catalogue."""

    def __init__(self, request):
        self.request = request
        self.base_url = absolute_url(reverse("catalog:oai"), request)
        self._topics = None

    # identifiers -----------------------------------------------------------
    @property
    def repository_identifier(self):
        configured = getattr(settings, "OAI_REPOSITORY_IDENTIFIER", "")
        if configured:
            return configured
        site_url = getattr(settings, "SITE_URL", "")
        host = urlsplit(site_url).hostname if site_url else self.request.get_host().split(":")[0]
        return host or "localhost"

    def identifier(self, record):
        return f"oai:{self.repository_identifier}:{record.record_id}"

    def record_for(self, identifier):
        prefix = f"oai:{self.repository_identifier}:"
        suffix = identifier[len(prefix):] if identifier.startswith(prefix) else ""
        if suffix.isdigit():
            record = self.records().filter(record_id=int(suffix)).first()
            if record is not None:
                return record
        raise OAIError("idDoesNotExist", f"No record has the identifier “{identifier[:120]}”.")

    # sets --------------------------------------------------------------------
    @property
    def topics(self):
        """Every topic by id, with ``set_spec`` ("parent:child") worked out once."""
        if self._topics is None:
            topics = {topic.pk: topic for topic in Topic.objects.all()}
            for topic in topics.values():
                path, node, seen = [], topic, set()
                while node is not None and node.pk not in seen:
                    seen.add(node.pk)
                    path.append(node.slug)
                    node = topics.get(node.parent_id)
                topic.set_spec = ":".join(reversed(path))
            self._topics = topics
        return self._topics

    def set_specs(self, record):
        specs = set()
        for topic in record.topics.all():
            node = self.topics.get(topic.pk)
            while node is not None and node.set_spec not in specs:
                specs.add(node.set_spec)
                node = self.topics.get(node.parent_id)
        return sorted(specs)

    def topic_for_set(self, spec):
        for topic in self.topics.values():
            if topic.set_spec == spec:
                return topic
        return None

    # records -----------------------------------------------------------------
    def records(self):
        return (
            Record.objects.public()
            .select_related("repository")
            .prefetch_related("credits__person", "topics", "languages")
            .order_by("modified", "record_id")
        )

    def selected(self, arguments):
        records = self.records()
        start, end = date_range(arguments)
        if start:
            records = records.filter(modified__gte=start)
        if end:
            records = records.filter(modified__lt=end)
        if "set" in arguments:
            topic = self.topic_for_set(arguments["set"])
            if topic is None:
                raise OAIError("noRecordsMatch", f"There is no set “{arguments['set'][:80]}”.")
            descendants = {pk for pk, t in self.topics.items() if t.set_spec == topic.set_spec or t.set_spec.startswith(topic.set_spec + ":")}
            records = records.filter(topics__in=descendants).distinct()
        return records

    # responses ---------------------------------------------------------------
    def header(self, parent, record):
        header = element(parent, "header")
        element(header, "identifier", self.identifier(record))
        element(header, "datestamp", datestamp(record.modified))
        for spec in self.set_specs(record):
            element(header, "setSpec", spec)
        return header

    def full_record(self, parent, record):
        node = element(parent, "record")
        self.header(node, record)
        metadata = element(node, "metadata")
        source = citation_source(record, absolute_url(record.get_absolute_url(), self.request))
        metadata.append(oai_dc(source, [lang.code for lang in record.languages.all()]))

    def check_prefix(self, prefix):
        if prefix not in METADATA_FORMATS:
            raise OAIError("cannotDisseminateFormat", f"The metadata format “{prefix[:40]}” is not offered; use oai_dc.")

    def identify(self, verb_node, arguments):
        element(verb_node, "repositoryName", site_name())
        element(verb_node, "baseURL", self.base_url)
        element(verb_node, "protocolVersion", "2.0")
        element(verb_node, "adminEmail", getattr(settings, "OAI_ADMIN_EMAIL", settings.DEFAULT_FROM_EMAIL))
        earliest = Record.objects.public().aggregate(earliest=Min("modified"))["earliest"]
        element(verb_node, "earliestDatestamp", datestamp(earliest or timezone.now()))
        element(verb_node, "deletedRecord", "no")
        element(verb_node, "granularity", GRANULARITY)
        if DOMAIN.match(self.repository_identifier):
            first = Record.objects.public().order_by("record_id").values_list("record_id", flat=True).first()
            sample_id = first or 1
            description = element(verb_node, "description")
            scheme = etree.SubElement(
                description, f"{{{IDENTIFIER_NS}}}oai-identifier", nsmap={None: IDENTIFIER_NS, "xsi": XSI_NS}
            )
            scheme.set(f"{{{XSI_NS}}}schemaLocation", f"{IDENTIFIER_NS} {IDENTIFIER_SCHEMA}")
            for tag, text in (
                ("scheme", "oai"),
                ("repositoryIdentifier", self.repository_identifier),
                ("delimiter", ":"),
                ("sampleIdentifier", f"oai:{self.repository_identifier}:{sample_id}"),
            ):
                etree.SubElement(scheme, f"{{{IDENTIFIER_NS}}}{tag}").text = text

    def list_metadata_formats(self, verb_node, arguments):
        if "identifier" in arguments:
            self.record_for(arguments["identifier"])
        for prefix, (schema, namespace) in METADATA_FORMATS.items():
            node = element(verb_node, "metadataFormat")
            element(node, "metadataPrefix", prefix)
            element(node, "schema", schema)
            element(node, "metadataNamespace", namespace)

    def list_sets(self, verb_node, arguments):
        topics = sorted(self.topics.values(), key=lambda t: t.set_spec)
        if not topics:
            raise OAIError("noSetHierarchy", "This repository has no sets yet.")
        offset = 0
        if "resumptionToken" in arguments:
            offset = read_token(arguments["resumptionToken"], "ListSets").get("offset", 0)
            if not isinstance(offset, int) or not 0 <= offset < len(topics):
                raise OAIError("badResumptionToken", "The resumption token is out of range.")
        size = page_size()
        for topic in topics[offset:offset + size]:
            node = element(verb_node, "set")
            element(node, "setSpec", topic.set_spec)
            element(node, "setName", str(topic))
            if topic.description:
                description = element(node, "setDescription")
                description.append(oai_dc_description(topic.description))
        self.resumption(verb_node, offset, size, len(topics), {"verb": "ListSets", "offset": offset + size})

    def resumption(self, verb_node, cursor, shown, total, next_state):
        """Adds the resumptionToken element: a new token while more remain, an empty one at the end."""
        if cursor + shown < total:
            expiration = timezone.now() + datetime.timedelta(seconds=86400)
            element(
                verb_node,
                "resumptionToken",
                make_token(next_state),
                completeListSize=str(total),
                cursor=str(cursor),
                expirationDate=datestamp(expiration),
            )
        elif cursor > 0:
            element(verb_node, "resumptionToken", "", completeListSize=str(total), cursor=str(cursor))

    def list_items(self, verb_node, arguments, verb):
        if "resumptionToken" in arguments:
            state = read_token(arguments["resumptionToken"], verb)
            query, cursor, after = state.get("query", {}), state.get("cursor", 0), state.get("after")
        else:
            query, cursor, after = dict(arguments), 0, None
        self.check_prefix(query.get("metadataPrefix", ""))
        try:
            records = self.selected(query)
        except OAIError as error:
            if "resumptionToken" in arguments and error.code == "badArgument":
                raise OAIError("badResumptionToken", "The resumption token carries a bad argument.")
            raise
        total = records.count()
        if after:
            try:
                after_modified = datetime.datetime.fromisoformat(after[0])
                after_id = int(after[1])
            except (TypeError, ValueError, IndexError):
                raise OAIError("badResumptionToken", "The resumption token is malformed.")
            records = records.filter(Q(modified__gt=after_modified) | Q(modified=after_modified, record_id__gt=after_id))
        size = page_size()
        page = list(records[:size])
        if not page:
            if cursor:
                raise OAIError("badResumptionToken", "The resumption token points past the end of the list.")
            raise OAIError("noRecordsMatch", "No records match this request.")
        for record in page:
            if verb == "ListIdentifiers":
                self.header(verb_node, record)
            else:
                self.full_record(verb_node, record)
        last = page[-1]
        more = len(page) == size and records.filter(
            Q(modified__gt=last.modified) | Q(modified=last.modified, record_id__gt=last.record_id)
        ).exists()
        state = {
            "verb": verb,
            "query": query,
            "cursor": cursor + len(page),
            "after": [last.modified.isoformat(), last.record_id],
        }
        if more:
            self.resumption(verb_node, cursor, len(page), max(total, cursor + len(page) + 1), state)
        elif cursor:
            self.resumption(verb_node, cursor, len(page), cursor + len(page), state)

    def get_record(self, verb_node, arguments):
        self.check_prefix(arguments["metadataPrefix"])
        record = self.record_for(arguments["identifier"])
        record = self.records().get(pk=record.pk)
        self.full_record(verb_node, record)


def oai_dc_description(text):
    root = etree.Element(f"{{{OAI_DC_NS}}}dc", nsmap={"oai_dc": OAI_DC_NS, "dc": "http://purl.org/dc/elements/1.1/", "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_DC_NS} {OAI_DC_SCHEMA}")
    etree.SubElement(root, "{http://purl.org/dc/elements/1.1/}description").text = xml_text(" ".join(text.split()))
    return root


HANDLERS = {
    "Identify": Repository.identify,
    "ListMetadataFormats": Repository.list_metadata_formats,
    "ListSets": Repository.list_sets,
    "ListIdentifiers": lambda self, node, args: self.list_items(node, args, "ListIdentifiers"),
    "ListRecords": lambda self, node, args: self.list_items(node, args, "ListRecords"),
    "GetRecord": Repository.get_record,
}


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def endpoint(request):
    """Answers one OAI-PMH request, GET or POST; every error is an OAI-PMH error document."""
    query = request.POST if request.method == "POST" else request.GET
    repository = Repository(request)
    root = etree.Element(oai("OAI-PMH"), nsmap={None: OAI_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_NS} {OAI_SCHEMA}")
    element(root, "responseDate", datestamp(timezone.now()))
    request_node = element(root, "request", repository.base_url)
    try:
        verb, arguments = check_arguments(query)
    except OAIError as error:
        element(root, "error", error.message, code=error.code)
    else:
        request_node.set("verb", verb)
        for key, value in arguments.items():
            request_node.set(key, xml_text(value))
        verb_node = etree.Element(oai(verb))
        try:
            HANDLERS[verb](repository, verb_node, arguments)
        except OAIError as error:
            element(root, "error", error.message, code=error.code)
        else:
            root.append(verb_node)
    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return HttpResponse(body, content_type="text/xml; charset=utf-8")
