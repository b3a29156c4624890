"""The search interface: reading a query, finding people by any spelling, snippets."""
import pytest

from catalog.models import Annotation, Record
from catalog.search import excerpt, parse_websearch, people_named_in, search_for, split_marked

from .factories import make_person, make_record


class TestParseWebsearch:
    def test_words_must_all_be_present(self):
        (clause,) = parse_websearch("Korea armistice")
        assert clause.include == ["Korea", "armistice"]

    def test_quoted_phrase_is_one_term(self):
        (clause,) = parse_websearch('"prisoners of war" India')
        assert clause.include == ["prisoners of war", "India"]

    def test_minus_excludes(self):
        (clause,) = parse_websearch("Korea -Japan")
        assert clause.include == ["Korea"] and clause.exclude == ["Japan"]

    def test_or_separates_alternatives(self):
        assert [c.include for c in parse_websearch("India or Burma")] == [["India"], ["Burma"]]

    def test_only_punctuation_leaves_nothing(self):
        assert parse_websearch('- or !!! "') == []

    def test_unclosed_quote_runs_to_the_end(self):
        (clause,) = parse_websearch('"peace congress')
        assert clause.include == ["peace congress"]


class TestSnippets:
    def test_split_marked_turns_headline_markers_into_pieces(self):
        assert split_marked("a \ue000b\ue001 c") == [("a ", False), ("b", True), (" c", False)]

    def test_excerpt_marks_every_term_case_insensitively(self):
        segments = excerpt("India, then india again.", ["India"])
        assert [t for t, matched in segments if matched] == ["India", "india"]

    def test_excerpt_centres_on_the_first_match_in_a_long_text(self):
        text = "filler " * 200 + "Burma" + " tail" * 200
        segments = excerpt(text, ["Burma"])
        joined = "".join(t for t, _ in segments)
        assert "Burma" in joined and joined.startswith("… ") and joined.endswith(" …")
        assert len(joined) < 300


@pytest.mark.django_db
class TestNames:
    def test_variant_in_query_names_the_person(self):
        zhou = make_person("Zhou Enlai")
        zhou.names.create(name="Chou En-lai")
        assert people_named_in("what did Chou En-lai say") == {zhou.pk: ["Chou En-lai"]}

    def test_name_must_be_a_whole_word(self):
        make_person("Mao")
        assert people_named_in("Maoism") == {}

    def test_name_words_are_removed_from_the_text_query(self):
        zhou = make_person("Zhou Enlai")
        zhou.names.create(name="Chou En-lai")
        search = search_for('"Chou En-lai" India')
        assert search.text == "India" and search.people == [zhou]
        assert "Zhou Enlai" in search.names

    def test_blank_query_is_no_search(self):
        assert not search_for("  \x00 ")


@pytest.mark.django_db
class TestSearch:
    """The same behaviour on PostgreSQL (full text) and on SQLite (containment)."""

    def test_finds_word_in_turn_text(self):
        record = make_record(turns=3)
        found = search_for("point 2").records(Record.objects.all())
        assert list(found) == [record]

    def test_finds_word_in_title(self):
        make_record(turns=1)
        record = make_record(turns=1, title="Telegram about Burma")
        assert list(search_for("Burma").records(Record.objects.all())) == [record]

    def test_finds_published_note_but_not_draft(self):
        record = make_record(turns=1)
        turn = record.turns.get()
        Annotation.objects.create(turn=turn, body="Mentions Rangoon.", status="published")
        Annotation.objects.create(turn=turn, body="Mentions Mandalay.", status="draft")
        assert list(search_for("Rangoon").records(Record.objects.all())) == [record]
        assert list(search_for("Mandalay").records(Record.objects.all())) == []

    def test_speaker_by_any_spelling_finds_their_turns(self):
        record = make_record(turns=4, speakers=("Zhou Enlai", "Joseph Stalin"))
        record.participants.get(person__slug="zhou-enlai").person.names.create(name="Chou En-lai")
        search = search_for("Chou En-lai")
        hits = search.hits([record.pk])[record.pk]
        assert hits.turn_count == 2
        assert [h.number for h in hits.turns] == [1, 3]

    def test_hits_link_to_the_turn(self):
        record = make_record(turns=3)
        hits = search_for("point 3").hits([record.pk])[record.pk]
        assert [h.url for h in hits.turns] == [f"/records/{record.record_id}/#turn-3"]

    def test_hits_snippet_marks_the_match(self):
        record = make_record(turns=1)
        (hit,) = search_for("matters").hits([record.pk])[record.pk].turns
        assert any(matched and text.lower().startswith("matter") for text, matched in hit.segments)

    def test_hits_are_capped_per_record_but_counted(self):
        record = make_record(turns=10)
        hits = search_for("matters").hits([record.pk])[record.pk]
        assert hits.turn_count == 10 and len(hits.turns) == 3

    def test_excluded_word_drops_the_record(self):
        make_record(turns=1, title="Korea and Japan")
        assert list(search_for("Korea -Japan").records(Record.objects.all())) == []

    def test_relevance_prefers_more_matching_turns(self):
        few = make_record(turns=1, title="One")
        many = make_record(turns=6, title="Six")
        ranked = search_for("matters").records(Record.objects.all()).order_by("-relevance")
        assert list(ranked) == [many, few]
