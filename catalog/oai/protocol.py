"""The rules of OAI-PMH 2.0 requests: verbs, arguments, dates, sets and resumption tokens."""
import datetime
import re

from django.conf import settings
from django.core import signing

VERBS = {
    # verb: (required arguments, optional arguments, exclusive argument)
    "Identify": (set(), set(), None),
    "ListMetadataFormats": (set(), {"identifier"}, None),
    "ListSets": (set(), set(), "resumptionToken"),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}, "resumptionToken"),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}, "resumptionToken"),
    "GetRecord": ({"identifier", "metadataPrefix"}, set(), None),
}

GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SECOND = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")

TOKEN_SALT = "catalog.oai.resumption"
#: how long a resumption token stays good, in seconds
TOKEN_MAX_AGE = 60 * 60 * 24


def page_size():
    return int(getattr(settings, "OAI_PAGE_SIZE", 100))


class OAIError(Exception):
    """An OAI-PMH error condition, answered as ``<error code="...">``."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def check_arguments(query):
    """(verb, arguments) from a request's QueryDict, or OAIError (badVerb, badArgument)."""
    verbs = query.getlist("verb")
    if len(verbs) != 1:
        raise OAIError("badVerb", "Give exactly one verb." if verbs else "The verb argument is missing.")
    verb = verbs[0]
    if verb not in VERBS:
        raise OAIError("badVerb", f"“{verb[:60]}” is not an OAI-PMH verb.")
    required, optional, exclusive = VERBS[verb]
    arguments = {}
    for key in query.keys():
        if key == "verb":
            continue
        values = query.getlist(key)
        if len(values) != 1:
            raise OAIError("badArgument", f"The argument {key[:40]} is repeated.")
        if key not in required | optional | ({exclusive} if exclusive else set()):
            raise OAIError("badArgument", f"{verb} does not take the argument {key[:40]}.")
        arguments[key] = values[0]
    if exclusive and exclusive in arguments:
        if len(arguments) > 1:
            raise OAIError("badArgument", f"{exclusive} is an exclusive argument.")
        return verb, arguments
    missing = required - arguments.keys()
    if missing:
        raise OAIError("badArgument", f"{verb} needs the argument {', '.join(sorted(missing))}.")
    return verb, arguments


def parse_datestamp(value, name, until=False):
    """A UTC datetime from an OAI date (day or second granularity); ``until`` takes the end of a day."""
    try:
        if DAY.match(value):
            day = datetime.datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=datetime.timezone.utc)
            return (day + datetime.timedelta(days=1), "day") if until else (day, "day")
        if SECOND.match(value):
            moment = datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
            return (moment + datetime.timedelta(seconds=1), "second") if until else (moment, "second")
    except ValueError:
        pass
    raise OAIError("badArgument", f"The {name} date “{value[:40]}” is not YYYY-MM-DD or {GRANULARITY}.")


def date_range(arguments):
    """(from, until-exclusive) datetimes, checked for granularity and order."""
    start = end = None
    granularities = set()
    if "from" in arguments:
        start, granularity = parse_datestamp(arguments["from"], "from")
        granularities.add(granularity)
    if "until" in arguments:
        end, granularity = parse_datestamp(arguments["until"], "until", until=True)
        granularities.add(granularity)
    if len(granularities) > 1:
        raise OAIError("badArgument", "from and until must have the same granularity.")
    if start and end and start >= end:
        raise OAIError("badArgument", "from is later than until.")
    return start, end


def datestamp(moment):
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def make_token(state):
    return signing.dumps(state, salt=TOKEN_SALT, compress=True)


def read_token(token, verb):
    """The state a resumption token carries, or badResumptionToken."""
    try:
        state = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        raise OAIError("badResumptionToken", "The resumption token is invalid or has expired.")
    if not isinstance(state, dict) or state.get("verb") != verb:
        raise OAIError("badResumptionToken", "The resumption token belongs to another request.")
    return state
