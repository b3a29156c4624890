"""Bad input from the public: random query parameters on every public URL never get a 5xx.

The URLs are read from the ``catalog`` namespace, so every public page added later is
fuzzed too. Admin abuse limits live here as well: login throttling and form flooding.
"""
import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, example, given, settings, strategies as st

from catalog.models import Person, Record, Topic

#: parameter names the public pages read now or are promised to (DESIGN.md), OAI-PMH's included
KNOWN_PARAMETERS = [
    "q", "topic", "person", "type", "language", "date_after", "date_before", "sort", "page", "preview",
    "format", "style", "verb", "metadataPrefix", "identifier", "from", "until", "set", "resumptionToken",
]
NASTY_VALUES = [
    "", " ", "0", "-1", "99999999999999999999999999", "1e309", "NaN", "1952-02-30", "19520919", "' OR 1=1 --",
    "\x00", "a\x00b", "%00", "<script>alert(1)</script>", "\"", "(", "&&&", "!", "*", "::", "\u202e", "日本語",
    "x" * 5000, "2026-13-45", "../../etc/passwd", "[]", "{}", "true",
]


def public_url_patterns(resolver=None, namespace=None):
    """(name, pattern) for every named URL under the ``catalog`` namespace."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            yield from public_url_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and namespace == "catalog" and entry.name:
            yield entry.name, entry


PUBLIC_URLS = dict(public_url_patterns())

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
parameter_name = st.one_of(st.sampled_from(KNOWN_PARAMETERS), text.filter(bool))
parameter_value = st.one_of(st.sampled_from(NASTY_VALUES), text, st.integers().map(str), st.dates().map(str))
query = st.lists(st.tuples(parameter_name, parameter_value), max_size=6)


def url_arguments(pattern):
    """A strategy for the pattern's URL arguments: real objects mostly, random values too."""
    converters = pattern.pattern.converters
    strategies = {}
    for name, converter in converters.items():
        kind = type(converter).__name__
        if kind == "IntConverter":
            real = list(Record.objects.values_list("record_id", flat=True)[:5]) or [1]
            strategies[name] = st.one_of(st.sampled_from(real), st.integers(min_value=0, max_value=10**12))
        elif kind == "SlugConverter":
            real = list(Topic.objects.values_list("slug", flat=True)[:5]) + list(
                Person.objects.values_list("slug", flat=True)[:5]
            )
            strategies[name] = st.one_of(st.sampled_from(real or ["x"]), st.from_regex(r"\A[-a-zA-Z0-9_]{1,40}\Z"))
        else:
            strategies[name] = st.from_regex(r"\A[-a-zA-Z0-9_.]{1,40}\Z")
    return st.fixed_dictionaries(strategies)


@pytest.mark.parametrize("url_name", sorted(PUBLIC_URLS))
def test_no_query_string_makes_a_public_page_fail(url_name, catalogue, client):
    pattern = PUBLIC_URLS[url_name]

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(kwargs=url_arguments(pattern), params=query)
    @example(kwargs={}, params=[(name, value) for name in KNOWN_PARAMETERS for value in ("\x00",)])
    @example(kwargs={}, params=[(name, "x" * 5000) for name in KNOWN_PARAMETERS])
    def check(kwargs, params):
        try:
            path = reverse(f"catalog:{url_name}", kwargs=kwargs or None)
        except NoReverseMatch:
            path = reverse(f"catalog:{url_name}", kwargs=real_arguments(pattern))
        response = client.get(path, params)
        assert response.status_code < 500, (path, params, response.status_code)

    check()


def real_arguments(pattern):
    """Arguments naming real objects, for the examples that give none."""
    values = {}
    for name, converter in pattern.pattern.converters.items():
        if type(converter).__name__ == "IntConverter":
            values[name] = Record.objects.values_list("record_id", flat=True).first() or 1
        elif "person" in pattern.name:
            values[name] = Person.objects.values_list("slug", flat=True).first() or "x"
        else:
            values[name] = Topic.objects.values_list("slug", flat=True).first() or "x"
    return values


def test_every_public_page_is_fuzzed():
    """The catalogue's own pages are all found, so a new one cannot slip past unfuzzed."""
    assert {"home", "record-list", "record-detail", "topic-list", "person-list"} <= set(PUBLIC_URLS)
