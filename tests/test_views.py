"""The public pages: what a reader sees, and what a bad request gets instead of an error."""
import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from catalog.models import Annotation, Language, Record, Topic

from .conftest import FIXTURES
from .factories import make_record

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def catalogue_for_module(django_db_setup, django_db_blocker):
    """The catalogue loaded once for this module, in a transaction rolled back at its end."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        call_command("loaddata", *FIXTURES, verbosity=0)
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def catalogue(catalogue_for_module, db):
    """The shipped catalogue; each test's own changes are rolled back after it."""

RECORD = "/records/111247/"


def turn_anchors(html):
    return [n for n in range(1, 400) if f'id="turn-{n}"' in html]


class TestRecordPage:
    def test_every_turn_has_a_visible_link_to_itself(self, client, catalogue):
        """Each turn carries a "Link to this turn" pointing at its own anchor."""
        html = client.get(RECORD).content.decode()
        assert html.count("Link to this turn<") == 72
        assert 'href="#turn-41"' in html

    def test_speaker_links_to_person_page(self, client, catalogue):
        """A turn's speaker is a link to the person's page."""
        response = client.get(RECORD)
        assert b'class="turn-speaker" href="/people/zhou-enlai/"' in response.content

    def test_editorial_brackets_are_set_apart(self, client, catalogue):
        """'[Taiwan]' and '[?]' sit in their own span, so they read as editors' insertions."""
        html = client.get(RECORD).content.decode()
        assert '<span class="editorial" title="Editorial insertion">[Taiwan]</span>' in html
        assert '<span class="editorial" title="Editorial insertion">[?]</span>' in html

    def test_span_note_highlights_its_quoted_words(self, client, catalogue):
        """The words a span note explains are marked, followed by a link to the note."""
        note = Annotation.objects.get(quote="the note about Port Arthur")
        html = client.get(RECORD).content.decode()
        assert f'data-notes="note-{note.uuid}">the note about Port Arthur</mark>' in html
        assert f'id="ref-{note.uuid}" href="#note-{note.uuid}"' in html
        assert f'id="note-{note.uuid}" tabindex="-1"' in html

    def test_note_on_a_missing_quote_stays_with_its_turn(self, client, catalogue):
        """A note whose quoted words are not in the turn is shown for the whole turn, unmarked."""
        turn = Record.objects.get(record_id=111247).turns.get(number=5)
        note = Annotation.objects.create(turn=turn, quote="words nowhere", body="Orphan note.", status="published")
        html = client.get(RECORD).content.decode()
        assert "Orphan note." in html
        assert f'data-notes="note-{note.uuid}"' not in html

    def test_continuation_paragraphs_and_numbered_points_keep_their_layout(self, client, catalogue):
        """Turn 1's quoted numbered points are separate paragraphs marked as points."""
        html = client.get(RECORD).content.decode()
        first_turn = html[html.index('id="turn-1"'):html.index('id="turn-2"')]
        assert first_turn.count('<p class="numbered-point">') == 3
        assert first_turn.count("<p") >= 6

    def test_participants_are_grouped_by_delegation(self, client, catalogue):
        """The Soviet and Chinese sides each get a heading, principals and recorders labelled."""
        html = client.get(RECORD).content.decode()
        assert "<h3>Soviet side</h3>" in html and "<h3>Chinese side</h3>" in html
        assert "<dt>Recorders</dt>" in html

    def test_conversation_at_a_glance_counts_turns_per_speaker(self, client, catalogue):
        """Stalin and Zhou Enlai have 35 turns each, Molotov 2."""
        glance = {row.name: row.turns for row in client.get(RECORD).context["glance"]}
        assert glance == {"Joseph Stalin": 35, "Zhou Enlai": 35, "Vyacheslav Molotov": 2}

    def test_speaker_filter_shows_one_speakers_turns(self, client, catalogue):
        """?speaker= keeps only that speaker's turns, without JavaScript."""
        response = client.get(RECORD + "?speaker=vyacheslav-molotov")
        assert response.status_code == 200
        assert len(turn_anchors(response.content.decode())) == 2

    def test_unknown_speaker_is_a_400_with_every_turn(self, client, catalogue):
        """A speaker not in the record gets a message, and the whole transcript."""
        response = client.get(RECORD + "?speaker=nobody-at-all")
        assert response.status_code == 400
        html = response.content.decode()
        assert "has no speaker" in html and len(turn_anchors(html)) == 72

    def test_record_topics_link_to_topic_pages(self, client, catalogue):
        assert b'href="/topics/prisoners-of-war/"' in client.get(RECORD).content

    def test_meeting_place_times_and_recorders(self, client, catalogue):
        html = client.get(RECORD).content.decode()
        assert "Moscow" in html and "10:30" in html and "12:30" in html and "N. Fedorenko" in html

    def test_related_records_share_a_topic(self, client, catalogue):
        """Another record filed under one of this record's topics is listed as related."""
        other = make_record(title="Telegram on the armistice talks")
        other.topics.add(Topic.objects.get(slug="armistice-negotiations"))
        html = client.get(RECORD).content.decode()
        assert "Related records" in html and "Telegram on the armistice talks" in html

    def test_draft_note_on_a_turn_is_not_public(self, client, catalogue):
        turn = Record.objects.get(record_id=111247).turns.get(number=9)
        Annotation.objects.create(turn=turn, body="Draft on turn nine", status="submitted")
        assert b"Draft on turn nine" not in client.get(RECORD).content

    def test_detached_note_is_hidden(self, client, catalogue):
        Annotation.objects.filter(quote="Wang Zhen").update(detached=True)
        assert b"Secretary of the Xinjiang Sub-bureau" not in client.get(RECORD).content

    def test_hostile_note_and_turn_text_come_out_inert(self, client):
        """Markup in a turn's text is escaped; a script in a note's body is removed."""
        record = make_record(turns=1)
        turn = record.turns.get()
        turn.text = 'ALPHA SPEAKER says <script>alert("t")</script> [x]'
        turn.save()
        Annotation.objects.create(
            turn=turn, quote="<script>", body='<script>alert("n")</script><img src=x onerror=alert(1)>Fine',
            status="published",
        )
        html = client.get(record.get_absolute_url()).content.decode()
        assert "<script>alert" not in html and "onerror" not in html
        assert "&lt;script&gt;" in html

    def test_staff_preview_keeps_its_banner_and_marks_drafts(self, client, catalogue, admin_user):
        turn = Record.objects.get(record_id=111247).turns.get(number=9)
        Annotation.objects.create(turn=turn, body="Draft on turn nine", status="draft")
        client.force_login(admin_user)
        html = client.get(RECORD + "?preview=1").content.decode()
        assert "preview-banner" in html and "Draft on turn nine" in html and "note-unpublished" in html


class TestRecordPageQueries:
    @staticmethod
    def count_queries(client, record):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(record.get_absolute_url())
        assert response.status_code == 200
        return len(queries)

    def test_queries_do_not_grow_with_turns_and_notes(self, client):
        """A 300-turn record with 300 notes costs no more queries than a 72-turn one."""
        small_record = make_record(turns=72, notes_per_turn=1)
        large_record = make_record(turns=300, notes_per_turn=1)  # each is the other's related record
        assert self.count_queries(client, large_record) == self.count_queries(client, small_record)

    def test_record_page_query_budget(self, client, django_assert_max_num_queries):
        """The record page stays within a fixed budget of queries."""
        record = make_record(turns=300, notes_per_turn=1)
        with django_assert_max_num_queries(15):
            client.get(record.get_absolute_url())


class TestRecordList:
    def test_lists_published_records_only(self, client, catalogue):
        make_record(title="Hidden draft record", is_published=False)
        html = client.get("/records/").content.decode()
        assert "Minutes of Conversation between I.V. Stalin and Zhou Enlai" in html
        assert "Hidden draft record" not in html

    def test_search_snippet_links_to_the_matching_turn(self, client, catalogue):
        """A word said in turn 8 ("India") gives a snippet that links to /records/111247/#turn-8."""
        html = client.get("/records/", {"q": "India"}).content.decode()
        assert 'href="/records/111247/#turn-8"' in html
        assert "<mark>India</mark>" in html

    def test_name_variant_finds_the_persons_turns(self, client, catalogue):
        """"Chou En-lai" finds Zhou Enlai's turns, though the text never spells him so."""
        response = client.get("/records/", {"q": "Chou En-lai"})
        hits = response.context["page"].object_list[0].hits
        assert hits.turn_count >= 35
        assert all(hit.speaker == "Zhou Enlai" or "Zhou" in "".join(t for t, _ in hit.segments) for hit in hits.turns)

    def test_phrase_in_quotes_matches_only_the_phrase(self, client, catalogue):
        assert client.get("/records/", {"q": '"non-aggression pact"'}).context["page"].paginator.count == 1
        assert client.get("/records/", {"q": '"pact non-aggression"'}).context["page"].paginator.count == 0

    def test_search_reaches_published_notes(self, client, catalogue):
        """Words found only in an editor's note ("Lüshun") find the note's turn."""
        response = client.get("/records/", {"q": "Lüshun"})
        hits = response.context["page"].object_list[0].hits
        assert [hit.url for hit in hits.notes] == ["/records/111247/#turn-33"]

    def test_search_ignores_draft_notes(self, client, catalogue):
        turn = Record.objects.get(record_id=111247).turns.get(number=9)
        Annotation.objects.create(turn=turn, body="Zanzibar draft", status="draft")
        assert client.get("/records/", {"q": "Zanzibar"}).context["page"].paginator.count == 0

    def test_topic_facet_includes_subtopics(self, client, catalogue):
        """A record filed under a subtopic counts under its broader topic."""
        other = make_record(title="Prisoner exchange telegram", date="1953-04-01", date_precision="day")
        other.topics.add(Topic.objects.get(slug="prisoners-of-war"))
        response = client.get("/records/", {"topic": "korean-war"})
        assert response.context["page"].paginator.count == 2

    def test_facets_show_counts(self, client, catalogue):
        make_record(title="A telegram", document_type="Telegram", date="1961-01-01", date_precision="day")
        facets = client.get("/records/").context["facets"]
        assert {o["label"]: o["count"] for o in facets["type"]} == {"Minutes of Conversation": 1, "Telegram": 1}
        assert {o["label"]: o["count"] for o in facets["decade"]} == {"1950s": 1, "1960s": 1}

    def test_person_in_two_roles_counts_one_record(self, client, catalogue):
        """Vyshinsky is both present at and recorder of 111247: one record, not two."""
        record = Record.objects.get(record_id=111247)
        assert record.participants.filter(person__slug="andrei-vyshinsky").count() == 2
        people = client.get("/records/", {"person": "andrei-vyshinsky"}).context["facets"]["person"]
        assert (people[0]["value"], people[0]["count"]) == ("andrei-vyshinsky", 1)

    def test_long_facets_list_the_people_with_most_records_and_the_chosen_one(self, client, catalogue):
        from catalog.filters import FACET_LIMIT

        for i in range(FACET_LIMIT + 3):  # each record adds two people to the 14 of 111247
            make_record(title=f"Other {i}", speakers=(f"Person {i} A", f"Person {i} B"))
        people = client.get("/records/").context["facets"]["person"]
        assert len(people) == FACET_LIMIT and people.more
        response = client.get("/records/", {"person": "person-0-a"})
        people = response.context["facets"]["person"]
        assert people[0]["value"] == "person-0-a" and people[0]["selected"]
        assert b"all people</a>" in client.get("/records/").content

    def test_person_and_language_facets_narrow(self, client, catalogue):
        other = make_record(title="Unrelated", date="1961-01-01", date_precision="day")
        other.languages.add(Language.objects.get(code="ru"))
        assert client.get("/records/", {"person": "zhou-enlai"}).context["page"].paginator.count == 1
        assert [r.title for r in client.get("/records/", {"language": "ru"}).context["page"].object_list] == ["Unrelated"]

    def test_date_range_narrows(self, client, catalogue):
        make_record(title="Later record", date="1961-01-01", date_precision="day")
        page = client.get("/records/", {"date_after": "1960-01-01"}).context["page"]
        assert [r.title for r in page.object_list] == ["Later record"]

    def test_sort_by_title(self, client, catalogue):
        make_record(title="A first title", date="1961-01-01", date_precision="day")
        page = client.get("/records/", {"sort": "title"}).context["page"]
        assert page.object_list[0].title == "A first title"

    def test_sort_by_relevance_puts_title_matches_first(self, client, catalogue):
        make_record(title="Stalin and Mao on the armistice", date="1953-01-01", date_precision="day")
        page = client.get("/records/", {"q": "armistice", "sort": "relevance"}).context["page"]
        assert page.object_list[0].title == "Stalin and Mao on the armistice"

    def test_pagination(self, client):
        for i in range(25):
            make_record(title=f"Record {i:02}")
        page = client.get("/records/", {"page": "2"}).context["page"]
        assert page.number == 2 and len(page.object_list) == page.paginator.count - 20


BAD_LIST_PARAMETERS = [
    ({"date_after": "1952-13-45"}, 400, "Enter a date"),
    ({"date_before": "99999-01-01"}, 400, "Enter a date"),
    ({"topic": "no-such-topic"}, 400, "There is no topic"),
    ({"person": "nobody"}, 400, "There is no person"),
    ({"page": "abc"}, 400, "whole number"),
    ({"page": "-1"}, 400, "whole number"),
    ({"page": "999999"}, 200, "There is no page 999999"),
    ({"q": "x" * 10_000}, 400, "Shorten your search"),
    ({"sort": "bogus"}, 400, "Select a valid choice"),
    ({"decade": "abc"}, 400, "Select a valid choice"),
    ({"decade": "1955"}, 400, "a decade is its first year"),
    ({"decade": "990"}, 400, "a decade is its first year"),
    ({"q": "nul\x00byte"}, 400, "Null characters"),
]


@pytest.mark.parametrize("params,status,message", BAD_LIST_PARAMETERS, ids=lambda v: str(v)[:30])
def test_bad_list_parameters_get_a_message(client, catalogue, params, status, message):
    """A parameter we cannot use answers 400 (or an empty page) with a message, never 500."""
    response = client.get("/records/", params)
    assert response.status_code == status
    assert message in response.content.decode()


ODD_QUERIES = [
    "\u202eevil right-to-left", "日本 India", "e\u0301migre\u0301", "🕊️ peace", "\ufffd", "'", '"', '""', "-", "or",
    "!!!", "a & b | c", "(((", "\\", "% _", "<script>alert(1)</script>", "Zhou Enlai -India", "India or Burma",
]


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_answer_cleanly(client, catalogue, query):
    """Odd Unicode and query syntax give a page of results (maybe empty), not an error."""
    response = client.get("/records/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


class TestTopics:
    def test_topic_index_shows_hierarchy_with_counts(self, client, catalogue):
        html = client.get("/topics/").content.decode()
        korean_war = html[html.index('href="/topics/korean-war/"'):]
        assert korean_war.index("Prisoners of war") < korean_war.index("</ul>")
        assert "1 record" in html

    def test_topic_lists_records_under_its_subtopics(self, client, catalogue):
        Record.objects.get(record_id=111247).topics.remove(Topic.objects.get(slug="korean-war"))
        html = client.get("/topics/korean-war/").content.decode()
        assert "Minutes of Conversation between I.V. Stalin and Zhou Enlai" in html

    def test_topic_lists_turns_tagged_by_notes(self, client, catalogue):
        """A published note tied to Xinjiang brings its turn (41) to the topic page."""
        assert b'href="/records/111247/#turn-41"' in client.get("/topics/xinjiang/").content

    def test_unknown_topic_is_404(self, client, catalogue):
        assert client.get("/topics/no-such-topic/").status_code == 404

    def test_bad_page_on_topic_is_400(self, client, catalogue):
        assert client.get("/topics/korean-war/", {"page": "abc"}).status_code == 400


class TestPeople:
    def test_people_list_finds_a_name_variant(self, client, catalogue):
        """Searching the people list for "Chou" finds Zhou Enlai."""
        people = client.get("/people/", {"q": "Chou"}).context["people"]
        assert [p.slug for p in people] == ["zhou-enlai"]

    def test_people_list_shows_variants(self, client, catalogue):
        assert "Soong Chingling" in client.get("/people/").content.decode()

    def test_overlong_people_search_is_400(self, client, catalogue):
        assert client.get("/people/", {"q": "x" * 10_000}).status_code == 400

    def test_person_page_shows_records_with_role_and_turns(self, client, catalogue):
        html = client.get("/people/zhou-enlai/").content.decode()
        assert "Chou En-lai" in html and "principal" in html
        assert 'href="/records/111247/#turn-2"' in html and 'href="/records/111247/#turn-1"' not in html

    def test_person_page_hides_unpublished_records(self, client, catalogue):
        Record.objects.filter(record_id=111247).update(is_published=False)
        html = client.get("/people/zhou-enlai/").content.decode()
        assert "/records/111247/" not in html

    def test_unknown_person_is_404(self, client, catalogue):
        assert client.get("/people/nobody/").status_code == 404


class TestHome:
    def test_home_has_search_topics_and_recent_records(self, client, catalogue):
        html = client.get("/").content.decode()
        assert 'action="/records/"' in html and 'name="q"' in html
        assert 'href="/topics/korean-war/"' in html
        assert 'href="/records/111247/"' in html


@pytest.mark.parametrize("path", ["/records/99999999999999999999/", "/records/0/", "/topics/%F0%9F%95%8A/", "/people/a%00b/"])
def test_odd_paths_are_404(client, catalogue, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "We have nothing at this address" in response.content.decode()


@pytest.mark.django_db
class TestRelatedRecords:
    """Records sharing topics or people: most shared first, ties by date, only published ones."""

    @staticmethod
    def related(record):
        from catalog.views.records import related_records

        return [(r.title, r.shared_topics, r.shared_people)
                for r in related_records(Record.objects.for_detail().get(pk=record.pk))]

    @staticmethod
    def other(title, date, topics=(), speakers=("Zed Nine",), **fields):
        record = make_record(title=title, date=date, date_precision="day", speakers=speakers, **fields)
        record.topics.add(*topics)
        return record

    def test_most_shared_first_then_earliest(self):
        a, b = Topic.objects.create(slug="a", name="A"), Topic.objects.create(slug="b", name="B")
        record = make_record(speakers=("Ann One", "Bob Two"))
        record.topics.add(a, b)
        self.other("Later, one topic", "1953-01-01", [a])
        self.other("Earlier, one topic", "1951-01-01", [b])
        self.other("Both topics", "1960-01-01", [a, b])
        self.other("One topic and a person", "1962-01-01", [a], speakers=("Ann One", "Zed Nine"))
        self.other("Unpublished, both topics", "1950-01-01", [a, b], is_published=False)
        self.other("Nothing shared", "1940-01-01")
        assert self.related(record) == [
            ("Both topics", 2, 0), ("One topic and a person", 1, 1),
            ("Earlier, one topic", 1, 0), ("Later, one topic", 1, 0),
        ]

    def test_unpublished_best_matches_give_way_to_the_next_best(self):
        a, b = Topic.objects.create(slug="a", name="A"), Topic.objects.create(slug="b", name="B")
        record = make_record(speakers=("Ann One", "Bob Two"))
        record.topics.add(a, b)
        for year in range(1950, 1956):
            self.other(f"Unpublished {year}", f"{year}-01-01", [a, b], is_published=False)
        for year in range(1960, 1968):
            self.other(f"Published {year}", f"{year}-01-01", [a])
        assert self.related(record) == [(f"Published {year}", 1, 0) for year in range(1960, 1966)]

    def test_no_topics_and_no_people_shared(self):
        record = make_record(speakers=("Ann One",))
        self.other("Elsewhere", "1950-01-01")
        assert self.related(record) == []


@pytest.mark.django_db
def test_filter_choices_list_only_what_published_records_have():
    from catalog.filters import published_document_types, published_languages
    from catalog.models import Language

    english, russian, _unused = (Language.objects.create(code=c, name=n) for c, n in
                                 (("xen", "Xenglish"), ("xru", "Xrussian"), ("xzz", "Xunused")))
    for document_type, published, language in (("X telegram", True, english), ("X memorandum", True, english),
                                               ("X telegram", True, english), ("X draft", False, russian),
                                               ("", True, english)):
        make_record(document_type=document_type, is_published=published).languages.add(language)
    assert [t for t in published_document_types() if t[0].startswith("X")] == [
        ("X memorandum", "X memorandum"), ("X telegram", "X telegram")]
    assert [code for code, _ in published_languages() if code.startswith("x")] == ["xen"]
