"""Narrowing the list of records: search, facets, a date range and an order.

Every parameter is validated by the filter's form; a value the form refuses (a date
that does not exist, a topic we do not have, a page of text for a query) becomes a
message to the reader and a 400, never an error page.
"""
import datetime

import django_filters
from django import forms
from django.db import connection
from django.db.models import Case, Count, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import ExtractYear

from .models import Language, Participant, Person, Record, Topic
from .search import MAX_QUERY_LENGTH, search_for

SORTS = {
    "relevance": ("-relevance", "date", "record_id"),
    "date": ("date", "record_id"),
    "-date": ("-date", "-record_id"),
    "title": ("title", "record_id"),
}
SORT_CHOICES = [("relevance", "Relevance"), ("date", "Date, oldest first"), ("-date", "Date, newest first"), ("title", "Title")]
#: dates outside this range are refused: no record of the collection lies outside it
EARLIEST, LATEST = datetime.date(1000, 1, 1), datetime.date(2999, 12, 31)


class SlugChoiceField(forms.ModelChoiceField):
    """A choice of a topic or person by slug, with a message naming what was not found."""

    def __init__(self, *args, noun, **kwargs):
        self.noun = noun
        super().__init__(*args, to_field_name="slug", **kwargs)

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            raise forms.ValidationError(f"There is no {self.noun} “{str(value)[:80]}” in the catalogue.", code="invalid_choice")


class SlugFilter(django_filters.ModelChoiceFilter):
    field_class = SlugChoiceField


class DecadeField(forms.IntegerField):
    """A decade by its first year (1950 for the 1950s): checked, not looked up among 200 choices."""

    default_error_messages = {"invalid": "Select a valid choice: a decade is its first year, for example 1950."}

    def clean(self, value):
        decade = super().clean(value)
        if decade is not None and not (1000 <= decade <= 2990 and decade % 10 == 0):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return decade


class DecadeFilter(django_filters.NumberFilter):
    field_class = DecadeField


class DateBoundField(forms.DateField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_messages", {"invalid": "Enter a date as YYYY-MM-DD, for example 1952-09-19."})
        super().__init__(*args, input_formats=["%Y-%m-%d", "%Y-%m", "%Y"], **kwargs)

    def clean(self, value):
        date = super().clean(value)
        if date and not (EARLIEST <= date <= LATEST):
            raise forms.ValidationError("Enter a year between 1000 and 2999.")
        return date


class DateBoundFilter(django_filters.DateFilter):
    field_class = DateBoundField


class RecordFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="keep_for_ranking",
        max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": f"Shorten your search to {MAX_QUERY_LENGTH} characters or fewer."},
    )
    topic = SlugFilter(queryset=Topic.objects.all(), label="Topic", method="filter_topic", noun="topic")
    person = SlugFilter(queryset=Person.objects.all(), label="Person", method="filter_person", noun="person")
    type = django_filters.ChoiceFilter(field_name="document_type", label="Type", choices=[], empty_label="Any type")
    language = django_filters.ChoiceFilter(field_name="languages__code", label="Language", choices=[], empty_label="Any language")
    decade = DecadeFilter(label="Decade", method="filter_decade")
    date_after = DateBoundFilter(field_name="date", lookup_expr="gte", label="From")
    date_before = DateBoundFilter(field_name="date", lookup_expr="lte", label="To")
    sort = django_filters.ChoiceFilter(label="Sort by", choices=SORT_CHOICES, method="sort_by", empty_label=None)

    #: the facets whose options are listed with the number of matching records
    FACETS = ("topic", "person", "type", "language", "decade")

    class Meta:
        model = Record
        fields = []

    def __init__(self, data=None, *args, search=None, choices=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.search = search or search_for(self.data.get("q", "") if self.data else "")
        self.choices = choices or {
            "type": published_document_types(),
            "language": published_languages(),
        }
        for name, options in self.choices.items():
            self.filters[name].extra["choices"] = options

    def keep_for_ranking(self, queryset, name, value):
        return queryset  # applied in ``qs`` so that relevance exists for sorting

    def filter_topic(self, queryset, name, topic):
        return queryset.filter(topics__in=topic_and_below(topic)).distinct()

    def filter_person(self, queryset, name, person):
        return queryset.filter(participants__person=person).distinct()

    def filter_decade(self, queryset, name, decade):
        return queryset.filter(date__gte=datetime.date(decade, 1, 1), date__lt=datetime.date(decade + 10, 1, 1))

    def sort_by(self, queryset, name, value):
        return queryset  # applied last, in ``qs``

    def sort_key(self):
        requested = self.form.cleaned_data.get("sort") if self.is_bound and self.form.is_valid() else None
        if requested == "relevance" and not self.search:
            requested = None
        return requested or ("relevance" if self.search else "date")

    @property
    def qs(self):
        if not hasattr(self, "_sorted_qs"):
            queryset = self.search.records(super().qs)
            self._sorted_qs = queryset.order_by(*SORTS[self.sort_key()])
        return self._sorted_qs

    def facet_counts(self):
        """For each facet, its options with the number of records matching everything else chosen."""
        counts = {}
        for facet in self.FACETS:
            others = self.data.copy()
            others.pop(facet, None)
            others.pop("page", None)
            base = RecordFilter(others, queryset=self.queryset, search=self.search, choices=self.choices)
            base = base.qs.order_by().values("pk")
            records = Record.objects.filter(pk__in=base)
            counts[facet] = FACET_COUNTERS[facet](records, self.data.get(facet, ""))
        return counts


def published_document_types():
    """The document types of published records, found without reading every record.

    A catalogue holds a handful of types and many thousands of records, so the types
    are walked through their index one at a time (PostgreSQL has no skip scan of its
    own), each kept if a published record has it.
    """
    if connection.vendor != "postgresql":
        types = Record.objects.public().exclude(document_type="").values_list("document_type", flat=True)
        return [(t, t) for t in types.order_by("document_type").distinct()]
    with connection.cursor() as cursor:
        cursor.execute(DOCUMENT_TYPES_SQL)
        return [(t, t) for (t,) in cursor.fetchall()]


DOCUMENT_TYPES_SQL = """
WITH RECURSIVE types(document_type) AS (
    (SELECT document_type FROM catalog_record WHERE document_type > '' ORDER BY document_type LIMIT 1)
    UNION ALL
    SELECT (SELECT r.document_type FROM catalog_record r WHERE r.document_type > t.document_type
            ORDER BY r.document_type LIMIT 1)
    FROM types t WHERE t.document_type IS NOT NULL
)
SELECT document_type FROM types
WHERE document_type IS NOT NULL
  AND EXISTS (SELECT 1 FROM catalog_record r WHERE r.document_type = types.document_type AND r.is_published)
ORDER BY document_type
"""


def published_languages():
    """The languages of published records: for each language, one published record is enough.

    A scalar subquery with LIMIT 1, not EXISTS: PostgreSQL turns EXISTS into a join that
    hashes every record of the language, where this stops at the first one.
    """
    one_record = Record.languages.through.objects.filter(language_id=OuterRef("pk"), record__is_published=True)
    return list(
        Language.objects.annotate(record_in_it=Subquery(one_record.values("record_id")[:1]))
        .filter(record_in_it__isnull=False).values_list("code", "name")
    )


def topic_and_below(topic):
    return Topic.objects.filter(pk__in=topic.descendant_ids())


#: the most options a long facet (topics, people) lists: those with the most records, the chosen one first
FACET_LIMIT = 15


class FacetOptions(list):
    """A facet's options; ``more`` says that options with fewer records were left out."""

    more = False


def _options(rows, selected, limit=None):
    options = FacetOptions(
        {"value": str(value), "label": label, "count": n, "selected": str(value) == selected}
        for value, label, n in rows if n
    )
    if limit is not None and len(options) > limit:
        del options[limit:]
        options.more = True
    return options


def _chosen_first_then_most_records(selected):
    chosen = Case(When(slug=selected, then=Value(0)), default=Value(1), output_field=IntegerField())
    return chosen, "-n"


def _count_topics(records, selected):
    # a record is filed under a topic once, so counting its rows counts records
    rows = (
        Topic.objects.filter(records__in=records).annotate(n=Count("records"))
        .order_by(*_chosen_first_then_most_records(selected), "name")
        .select_related("parent")[: FACET_LIMIT + 1]
    )
    return _options(((t.slug, str(t), t.n) for t in rows), selected, FACET_LIMIT)


def _count_people(records, selected):
    """Grouped over the narrow participation rows first; only the listed people are then read."""
    chosen_id = Person.objects.filter(slug=selected).values_list("pk", flat=True).first() if selected else None
    chosen = Case(When(person_id=chosen_id, then=Value(0)), default=Value(1), output_field=IntegerField())
    counts = list(
        Participant.objects.filter(record__in=records).values("person_id")
        # a person may take part in a record in several roles: count the record once
        .annotate(n=Count("record_id", distinct=True))
        .order_by(chosen, "-n", "person_id").values_list("person_id", "n")[: FACET_LIMIT + 1]
    )
    people = Person.objects.in_bulk([person_id for person_id, _ in counts])
    rows = [(people[person_id], n) for person_id, n in counts]
    return _options(((p.slug, p.name, n) for p, n in rows), selected, FACET_LIMIT)


def _count_types(records, selected):
    rows = records.exclude(document_type="").values("document_type").annotate(n=Count("pk")).order_by("document_type")
    return _options(((r["document_type"], r["document_type"], r["n"]) for r in rows), selected)


def _count_languages(records, selected):
    rows = Language.objects.filter(records__in=records).annotate(n=Count("records")).order_by("name")
    return _options(((lang.code, lang.name, lang.n) for lang in rows), selected)


def _count_decades(records, selected):
    by_decade = {}
    for row in records.exclude(date=None).annotate(year=ExtractYear("date")).values("year").annotate(n=Count("pk")):
        decade = int(row["year"]) // 10 * 10
        by_decade[decade] = by_decade.get(decade, 0) + row["n"]
    return _options(((d, f"{d}s", n) for d, n in sorted(by_decade.items())), selected)


FACET_COUNTERS = {
    "topic": _count_topics,
    "person": _count_people,
    "type": _count_types,
    "language": _count_languages,
    "decade": _count_decades,
}
