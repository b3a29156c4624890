"""Quotes are found, told apart, and followed (or detached) when a turn is corrected."""
import pytest

from catalog.anchoring import QuoteAmbiguous, QuoteNotFound, Span, resolve
from catalog.models import Annotation
from tests.factories import make_record

TEXT = "STALIN: Wang Zhen will go. Peng Dehuai agrees that Wang Zhen should go."


def test_resolve_finds_a_single_occurrence():
    assert resolve(TEXT, "Peng Dehuai") == Span(27, 38)


def test_resolve_refuses_words_not_in_the_text():
    with pytest.raises(QuoteNotFound):
        resolve(TEXT, "Gao Gang")


def test_resolve_refuses_a_repeated_quote_without_context():
    with pytest.raises(QuoteAmbiguous) as problem:
        resolve(TEXT, "Wang Zhen")
    assert problem.value.count == 2


def test_resolve_uses_an_exact_selection_offset():
    second = TEXT.rindex("Wang Zhen")
    assert resolve(TEXT, "Wang Zhen", hint=second) == Span(second, second + 9)


def test_resolve_uses_prefix_to_tell_repeats_apart():
    second = TEXT.rindex("Wang Zhen")
    assert resolve(TEXT, "Wang Zhen", prefix="agrees that ").start == second


def test_resolve_uses_suffix_to_tell_repeats_apart():
    assert resolve(TEXT, "Wang Zhen", suffix=" will go").start == TEXT.index("Wang Zhen")


@pytest.fixture
def noted_turn(db):
    turn = make_record(turns=1).turns.get()
    turn.text = TEXT
    turn.save()
    start = TEXT.rindex("Wang Zhen")
    note = Annotation.objects.create(
        turn=turn, quote="Wang Zhen", prefix="Peng Dehuai agrees that ", suffix=" should go.",
        start=start, end=start + 9, body="Who he was.", status="published",
    )
    return turn, note


def test_a_note_follows_its_words_when_text_before_them_changes(noted_turn):
    turn, note = noted_turn
    turn.text = "STALIN: Comrade Wang Zhen will go. Peng Dehuai agrees that Wang Zhen should go."
    turn.save()
    note.refresh_from_db()
    assert (note.start, note.detached) == (turn.text.rindex("Wang Zhen"), False)
    assert turn.text[note.start:note.end] == "Wang Zhen"


def test_a_note_is_detached_when_its_words_are_gone(noted_turn):
    turn, note = noted_turn
    turn.text = "STALIN: Wang Chen will go. Peng Dehuai agrees."
    turn.save()
    note.refresh_from_db()
    assert note.detached and note.start is None
    assert not Annotation.objects.published().filter(pk=note.pk).exists()


def test_a_detached_note_reattaches_when_its_words_come_back(noted_turn):
    turn, note = noted_turn
    turn.text = "STALIN: nobody will go."
    turn.save()
    turn.text = TEXT
    turn.save()
    note.refresh_from_db()
    assert not note.detached and TEXT[note.start:note.end] == "Wang Zhen"


def test_a_whole_turn_note_is_never_detached(noted_turn):
    turn, _ = noted_turn
    whole = Annotation.objects.create(turn=turn, body="About the turn.")
    turn.text = "Something else entirely."
    turn.save()
    whole.refresh_from_db()
    assert not whole.detached


def test_every_save_bumps_the_version(noted_turn):
    turn, note = noted_turn
    before = turn.version
    turn.save()
    assert turn.version == before + 1
    turn.refresh_from_db()
    assert turn.version == before + 1
