"""Search over records, their turns and their published notes, behind one interface.

``Search(query)`` finds records (``records``), ranks them (``relevance``) and finds the
turns and notes that matched, with highlighted snippets (``hits``). On PostgreSQL it uses
full-text search (websearch syntax: a phrase in quotes matches the phrase, ``-word``
excludes, ``or`` widens), ranked with ``ts_rank`` and highlighted by ``ts_headline``. On
other databases the same interface falls back to case-insensitive containment.

A person's name in the query, in any spelling the catalogue knows ("Chou En-lai"),
stands for the person: it matches the turns they speak and text naming them in any of
their spellings.
"""
import re
import unicodedata
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchVector,
    SearchVectorExact,
)
from django.db import connection, connections, router, transaction
from django.db.models import Case, Count, F, FloatField, IntegerField, OuterRef, Q, Subquery, Value, When, Window
from django.db.models.functions import Coalesce, Lower, RowNumber

from .models import Annotation, Participant, Person, PersonName, Record, Turn
from .search_vectors import RECORD_DOCUMENT, TURN_VECTOR, PkInArray, vector_matches, vector_rank

#: the text search configuration: stemming and stop words for English translations
CONFIG = "english"
#: how many matching turns (and notes) a result shows per record
HITS_PER_RECORD = 3
#: the most matching records ranked by relevance; more are listed by date (ranking reads every document)
RANK_LIMIT = 2000
#: the longest query accepted, in characters
MAX_QUERY_LENGTH = 200
#: markers ts_headline puts around matches; private-use characters never found in the texts
START, STOP = "\ue000", "\ue001"
#: a snippet's length in characters (the fallback) or words (PostgreSQL)
SNIPPET_CHARS = 240


@dataclass
class Hit:
    """A turn that matched, or a published note on it, with a snippet whose matched words are marked."""

    record_id: int
    number: int
    speaker: str
    segments: list
    in_note: bool = False

    @property
    def url(self):
        from django.urls import reverse

        return reverse("catalog:record-detail", args=[self.record_id]) + f"#turn-{self.number}"


@dataclass
class RecordHits:
    turns: list = field(default_factory=list)
    turn_count: int = 0
    notes: list = field(default_factory=list)


def split_marked(text):
    """A ts_headline result as [(text, matched)] pieces, for the template to escape and mark."""
    segments, matched = [], False
    for part in re.split(f"([{START}{STOP}])", text):
        if part == START:
            matched = True
        elif part == STOP:
            matched = False
        elif part:
            segments.append((part, matched))
    return segments


# --- the query as the reader typed it ------------------------------------------------


@dataclass
class Clause:
    """Terms that must all be present (``include``) and must all be absent (``exclude``)."""

    include: list = field(default_factory=list)
    exclude: list = field(default_factory=list)


def parse_websearch(text):
    """The query as alternatives of terms, the way PostgreSQL's websearch_to_tsquery reads it.

    A quoted phrase is one term, ``-term`` excludes, ``or`` separates alternatives.
    """
    clauses, current = [], Clause()
    for match in re.finditer(r'(-?)"([^"]*)"?|(\S+)', text):
        negate, phrase, word = match.group(1), match.group(2), match.group(3)
        if word is not None:
            if word.lower() == "or":
                if current.include or current.exclude:
                    clauses.append(current)
                current = Clause()
                continue
            negate, term = ("-", word[1:]) if word.startswith("-") and len(word) > 1 else ("", word)
        else:
            term = phrase
        term = " ".join(term.split()).strip("\"'.,;:!?()")
        if re.search(r"\w", term):
            (current.exclude if negate else current.include).append(term)
    if current.include or current.exclude:
        clauses.append(current)
    return [c for c in clauses if c.include]


def clean_query(query):
    """The query with control characters removed, spaces collapsed and its length capped."""
    printable = "".join(c for c in (query or "") if unicodedata.category(c) not in ("Cc", "Cs", "Co"))
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def _word_pattern(name):
    return re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE)


def people_named_in(text):
    """People any of whose names (canonical or variant) appear in ``text`` as whole words, with the name found."""
    if not text.strip():
        return {}
    lowered = Value(text.lower())
    candidates = (
        PersonName.objects.alias(q=lowered, n=Lower("name"))
        .filter(q__contains=F("n"))
        .order_by()
        .values_list("person_id", "name")
        .union(
            Person.objects.alias(q=lowered, n=Lower("name"))
            .filter(q__contains=F("n"))
            .order_by()
            .values_list("id", "name")
        )
    )
    found = {}
    for person_id, name in candidates:
        if len(name) >= 3 and _word_pattern(name).search(text):
            found.setdefault(person_id, []).append(name)
    return found


class Search:
    """A reader's query, parsed once, applied to records, turns and notes."""

    def __init__(self, query):
        self.query = clean_query(query)
        named = people_named_in(self.query)
        self.people = list(Person.objects.filter(pk__in=named).prefetch_related("names")) if named else []
        remaining = self.query
        for names in named.values():
            for name in sorted(names, key=len, reverse=True):
                remaining = _word_pattern(name).sub(" ", remaining)
        remaining = re.sub(r'"\s*"', " ", remaining)
        self.text = " ".join(remaining.split())
        #: every spelling of every person named, to find text that mentions them
        self.names = sorted({n for p in self.people for n in [p.name, *(v.name for v in p.names.all())]})

    def __bool__(self):
        return bool(self.text or self.people)

    @property
    def ranked(self):
        """Whether the matching records are ranked by relevance."""
        return bool(self)

    # -- the predicates each backend implements ---------------------------------------

    def matches(self, fields):
        """A condition: the text of ``fields`` matches the query's words."""
        raise NotImplementedError

    def mentions(self, fields):
        """A condition: the text of ``fields`` names one of the people in the query."""
        raise NotImplementedError

    # -- shared logic ---------------------------------------------------------------

    def _combine(self, fields, by_person):
        condition = Q()
        if self.text:
            condition &= self.matches(fields)
        if self.people:
            condition &= by_person | self.mentions(fields)
        return condition

    def turn_condition(self):
        return self._combine(["text"], Q(speaker__person__in=self.people))

    def note_condition(self):
        return self._combine(["body"], Q(people__in=self.people))

    def matching_turns(self):
        return Turn.objects.filter(self.turn_condition())

    def matching_notes(self):
        # people__in joins a many-to-many: narrow by id so a note is never counted twice
        return Annotation.objects.published().filter(pk__in=Annotation.objects.filter(self.note_condition()).values("pk"))

    def records(self, queryset):
        """``queryset`` narrowed to records matching the query, annotated with ``relevance``."""
        if not self:
            return queryset.annotate(relevance=Value(0.0, output_field=FloatField()))
        # Uncorrelated "id IN (records with a matching turn)" lets PostgreSQL answer each part
        # once from its full-text index; a correlated EXISTS per record scans every turn.
        in_record = self._combine(
            ["title", "summary"],
            Q(pk__in=Participant.objects.filter(person__in=self.people).values("record_id")),
        )
        turn_records = self.matching_turns().values("record_id")
        note_records = self.matching_notes().values("turn__record_id")
        return queryset.filter(in_record | Q(pk__in=turn_records) | Q(pk__in=note_records)).annotate(
            relevance=self.relevance()
        )

    def relevance(self):
        raise NotImplementedError

    def hits(self, record_ids):
        """The first matching turns and notes of each record in ``record_ids``: {record pk: RecordHits}."""
        found = defaultdict(RecordHits)
        if not self or not record_ids:
            return found
        first_turns = (
            self.matching_turns()
            .filter(record_id__in=record_ids)
            .annotate(
                position=Window(RowNumber(), partition_by=F("record_id"), order_by=F("number").asc()),
                total=Window(Count("pk"), partition_by=F("record_id")),
            )
            .filter(position__lte=HITS_PER_RECORD)
            .values_list("pk", "record_id", "total")
        )
        turn_ids = []
        for pk, record_pk, total in first_turns:
            turn_ids.append(pk)
            found[record_pk].turn_count = total
        turns = Turn.objects.filter(pk__in=turn_ids).select_related("record", "speaker__person").order_by("number")
        for turn, segments in self.snippets(turns, "text"):
            found[turn.record_id].turns.append(self._hit(turn, segments))
        notes = (
            self.matching_notes()
            .filter(turn__record_id__in=record_ids)
            .select_related("turn__record", "turn__speaker__person")
            .order_by("turn__number", "pk")
        )
        for note, segments in self.snippets(notes, "body"):
            if len(found[note.turn.record_id].notes) < HITS_PER_RECORD:
                found[note.turn.record_id].notes.append(self._hit(note.turn, segments, in_note=True))
        return found

    def snippets(self, queryset, field_name):
        """(object, segments) for each object of ``queryset``, the segments marking matched words."""
        raise NotImplementedError

    @staticmethod
    def _hit(turn, segments, in_note=False):
        speaker = turn.speaker.person.name if turn.speaker_id else ""
        return Hit(turn.record.record_id, turn.number, speaker, segments, in_note=in_note)


@contextmanager
def answered_by_index(alias):
    """Within this block, PostgreSQL reads tables through their indexes wherever it can.

    A word in most records makes the planner read every record and test its document:
    it counts a test as cheap, but each document is a whole record's text, stored out
    of line, and reading them all costs seconds at 100,000 records. The full-text index
    answers the same question from its posting lists, in milliseconds, for any number
    of matches. ``SET LOCAL`` ends with the block's transaction (a savepoint inside a
    request's); it is switched back explicitly for the rest of an enclosing one.
    """
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield
        cursor.execute("SET LOCAL enable_seqscan = on")


class PostgresSearch(Search):
    """Full-text search with PostgreSQL's parser, stemmer, ranking and headlines."""

    def __init__(self, query):
        super().__init__(query)
        self._record_ids = None

    def _vector(self, fields):
        return SearchVector(*fields, config=CONFIG)

    def _text_query(self):
        return SearchQuery(self.text, search_type="websearch", config=CONFIG)

    def _names_query(self):
        query = None
        for name in self.names:
            phrase = SearchQuery(name, search_type="phrase", config=CONFIG)
            query = phrase if query is None else query | phrase
        return query

    def _headline_query(self):
        queries = [q for q in (self._text_query() if self.text else None, self._names_query()) if q is not None]
        return queries[0] if len(queries) == 1 else queries[0] & queries[1]

    def records(self, queryset):
        """Records whose document (title, summary, turns, published notes) has the query's words.

        The matching records are found once per search, by one lookup in the records'
        full-text index (migration 0005), and every query after that (the page, its count,
        each facet) narrows by their IDs instead of matching again. A person in the query
        is satisfied by taking part or by being named.
        """
        if not self:
            return super().records(queryset)
        return queryset.filter(PkInArray(self.matching_record_ids())).annotate(relevance=self.relevance())

    def matching_record_ids(self):
        if self._record_ids is None:
            condition = Q()
            if self.text:
                condition &= Q(vector_matches(RECORD_DOCUMENT, *self._words_sql()))
            if self.people:
                names_sql, names_params = self._names_sql()
                condition &= Q(pk__in=Participant.objects.filter(person__in=self.people).values("record_id")) | Q(
                    vector_matches(RECORD_DOCUMENT, names_sql, names_params)
                )
            alias = router.db_for_read(Record)
            with answered_by_index(alias):
                self._record_ids = list(
                    Record.objects.using(alias).filter(condition).order_by().values_list("pk", flat=True)
                )
        return self._record_ids

    @property
    def ranked(self):
        """Whether results are ranked by relevance: not when more than RANK_LIMIT records match."""
        return bool(self) and len(self.matching_record_ids()) <= RANK_LIMIT

    def _words_sql(self):
        return "websearch_to_tsquery(%s::regconfig, %s)", [CONFIG, self.text]

    def _names_sql(self):
        return " || ".join(["phraseto_tsquery(%s::regconfig, %s)"] * len(self.names)), [
            value for name in self.names for value in (CONFIG, name)
        ]

    def matches(self, fields):
        if fields == ["text"]:  # a turn: its stored vector (migration 0006)
            return Q(vector_matches(TURN_VECTOR, *self._words_sql()))
        return Q(SearchVectorExact(self._vector(fields), self._text_query()))

    def mentions(self, fields):
        if not self.names:
            return Q(pk__in=[])
        if fields == ["text"]:
            return Q(vector_matches(TURN_VECTOR, *self._names_sql()))
        return Q(SearchVectorExact(self._vector(fields), self._names_query()))

    def relevance(self):
        """ts_rank of the record's document for the words, or for the names when there are no words.

        Ranking reads every matching record's whole document; past RANK_LIMIT matches that
        costs seconds, so such results are left unranked (the list falls back to date order).
        """
        if not self.ranked:
            return Value(0.0, output_field=FloatField())
        if self.text:
            return vector_rank(RECORD_DOCUMENT, *self._words_sql())
        return vector_rank(RECORD_DOCUMENT, *self._names_sql())

    def snippets(self, queryset, field_name):
        headline = SearchHeadline(
            field_name,
            self._headline_query(),
            config=CONFIG,
            start_sel=START,
            stop_sel=STOP,
            max_words=40,
            min_words=18,
            short_word=2,
        )
        for obj in queryset.annotate(snippet=headline):
            yield obj, split_marked(obj.snippet)


class SimpleSearch(Search):
    """Case-insensitive containment, for databases without full-text search (SQLite)."""

    def __init__(self, query):
        super().__init__(query)
        self.clauses = parse_websearch(self.text)

    def _contains_all(self, fields, clause):
        condition = Q()
        for term in clause.include:
            condition &= _any_field(fields, term)
        for term in clause.exclude:
            condition &= ~_any_field(fields, term)
        return condition

    def matches(self, fields):
        if not self.clauses:
            return Q(pk__in=[])
        condition = Q()
        for clause in self.clauses:
            condition |= self._contains_all(fields, clause)
        return condition

    def mentions(self, fields):
        condition = Q(pk__in=[])
        for name in self.names:
            condition |= _any_field(fields, name)
        return condition

    def relevance(self):
        in_title = Case(When(self.matches(["title"]) if self.text else self.mentions(["title"]), then=Value(3)),
                        default=Value(0), output_field=IntegerField())
        in_turns = (
            self.matching_turns().filter(record=OuterRef("pk")).values("record").annotate(n=Count("pk")).values("n")
        )
        return Coalesce(Subquery(in_turns, output_field=IntegerField()), Value(0)) + in_title

    def _terms(self):
        return [t for clause in self.clauses for t in clause.include] + self.names

    def snippets(self, queryset, field_name):
        for obj in queryset:
            yield obj, excerpt(getattr(obj, field_name), self._terms())


def _any_field(fields, term):
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__icontains": term})
    return condition


def excerpt(text, terms, width=SNIPPET_CHARS):
    """A window of ``text`` around the first of ``terms``, as [(text, matched)] pieces."""
    text = " ".join(text.split())
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE) if terms else None
    first = pattern.search(text) if pattern else None
    start = max(0, (first.start() if first else 0) - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    window = text[start:end]
    segments, position = [], 0
    if pattern:
        for match in pattern.finditer(window):
            if match.start() > position:
                segments.append((window[position:match.start()], False))
            segments.append((match.group(0), True))
            position = match.end()
    if position < len(window):
        segments.append((window[position:], False))
    if start:
        segments.insert(0, ("… ", False))
    if end < len(text):
        segments.append((" …", False))
    return segments


def search_for(query):
    """The search for ``query`` on this site's database."""
    return (PostgresSearch if connection.vendor == "postgresql" else SimpleSearch)(query)
