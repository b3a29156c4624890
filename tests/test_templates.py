"""How a turn's text is laid out: paragraphs, numbered points, brackets, quoted spans."""
from types import SimpleNamespace

import pytest

from catalog.transcript import Anchored, anchor_notes, layout, paragraph_bounds

from .factories import make_record


def note(quote="", prefix="", suffix="", start=None):
    return SimpleNamespace(quote=quote, prefix=prefix, suffix=suffix, start=start)


def texts(paragraph):
    return [piece.text for piece in paragraph.pieces]


class TestParagraphs:
    def test_blank_lines_separate_paragraphs(self):
        text = "One.\n\n\nTwo.\n \nThree."
        assert [text[a:b] for a, b in paragraph_bounds(text)] == ["One.", "Two.", "Three."]

    def test_single_line_break_stays_inside_a_paragraph(self):
        assert len(layout("Line one.\nLine two.")) == 1

    def test_numbered_points_are_recognised(self):
        paragraphs = layout('Intro:\n\n"1. Cease fire.\n\n2. Return POWs.\n\nAfterwards.')
        assert [p.numbered for p in paragraphs] == [False, True, True, False]


class TestBracketsAndLabel:
    def test_editorial_brackets_are_their_own_pieces(self):
        (paragraph,) = layout("Formosa [Taiwan] and Burma [?] too")
        assert [(p.text, p.editorial) for p in paragraph.pieces] == [
            ("Formosa ", False), ("[Taiwan]", True), (" and Burma ", False), ("[?]", True), (" too", False),
        ]

    def test_unclosed_bracket_is_left_as_text(self):
        (paragraph,) = layout("to the UN [because the UN is a party")
        assert not any(p.editorial for p in paragraph.pieces)

    def test_speaker_label_is_marked(self):
        (paragraph,) = layout("STALIN answers.", label="STALIN")
        assert [(p.text, p.label) for p in paragraph.pieces] == [("STALIN", True), (" answers.", False)]


class TestQuotedSpans:
    def test_quote_is_marked_and_its_reference_follows_it(self):
        text = "He speaks of the note about Port Arthur today."
        anchored = anchor_notes(text, [note("the note about Port Arthur")])
        (paragraph,) = layout(text, anchored)
        marked = [p for p in paragraph.pieces if p.notes]
        assert [p.text for p in marked] == ["the note about Port Arthur"]
        assert marked[-1].refs == [anchored[0].note]

    def test_repeated_words_follow_prefix_and_suffix(self):
        text = "India first. Then India again."
        anchored = anchor_notes(text, [note("India", prefix="Then ", suffix=" again")])
        assert anchored[0].start == text.rindex("India")

    def test_quote_across_paragraphs_is_marked_in_both(self):
        text = "End of one.\n\nStart of two."
        anchored = anchor_notes(text, [note("one.\n\nStart")])
        first, second = layout(text, anchored)
        assert [p.text for p in first.pieces if p.notes] == ["one."]
        assert [p.text for p in second.pieces if p.notes] == ["Start"]
        assert sum(len(p.refs) for p in first.pieces + second.pieces) == 1

    def test_quote_inside_a_bracket_keeps_both_looks(self):
        text = "Formosa [Taiwan] is named."
        anchored = anchor_notes(text, [note("Taiwan")])
        (paragraph,) = layout(text, anchored)
        both = [p for p in paragraph.pieces if p.notes]
        assert [(p.text, p.editorial) for p in both] == [("Taiwan", True)]

    def test_missing_quote_becomes_a_whole_turn_note(self):
        (placed,) = anchor_notes("Some text.", [note("absent words")])
        assert placed == Anchored(placed.note, None, None)

    def test_overlapping_quotes_both_mark_the_shared_words(self):
        text = "alpha beta gamma"
        anchored = anchor_notes(text, [note("alpha beta"), note("beta gamma")])
        (paragraph,) = layout(text, anchored)
        shared = [p for p in paragraph.pieces if len(p.notes) == 2]
        assert [p.text for p in shared] == ["beta"]

    def test_pieces_rebuild_the_text(self):
        text = 'STALIN says "1. Cease [the] fire.\n\n2. Return [?] all."'
        anchored = anchor_notes(text, [note("fire.\n\n2. Return")])
        paragraphs = layout(text, anchored, label="STALIN")
        assert "\n\n".join("".join(texts(p)) for p in paragraphs) == text


@pytest.mark.django_db
class TestTurnTemplate:
    def render_turn(self, text):
        from catalog.views.reading import lay_out_turns, transcript_html

        record = make_record(turns=1)
        turn = record.turns.select_related("speaker__person").get()
        turn.text = text
        lay_out_turns([turn], [])
        return transcript_html([turn], record, None)

    def test_text_is_escaped(self):
        html = self.render_turn("He wrote <b>bold</b> & more")
        assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in html

    def test_line_break_inside_paragraph_is_kept(self):
        assert "Line one.<br>Line two." in self.render_turn("Line one.\nLine two.")

    def test_markup_in_a_speaker_label_is_escaped(self):
        from catalog.views.reading import lay_out_turns, transcript_html

        record = make_record(turns=1)
        turn = record.turns.select_related("speaker__person").get()
        turn.speaker_label = turn.text = "<i>X</i>"
        turn.text += " said it."
        lay_out_turns([turn], [])
        html = transcript_html([turn], record, None)
        assert '<span class="speaker-label">&lt;i&gt;X&lt;/i&gt;</span>' in html and "<i>" not in html

    def test_turn_has_anchor_and_link_to_itself(self):
        html = self.render_turn("Text.")
        assert 'id="turn-1"' in html and 'href="#turn-1"' in html and "Link to this turn" in html


@pytest.mark.django_db
class TestRecordDates:
    def test_undated_record_has_no_time_element(self, client):
        record = make_record(turns=1)
        html = client.get(record.get_absolute_url()).content.decode()
        assert "Undated" in html and "<time>Undated" not in html

    def test_month_only_date_is_machine_readable_as_a_month(self, client):
        record = make_record(turns=1, date="1952-09-01", date_precision="month")
        assert b'<time datetime="1952-09">September 1952</time>' in client.get(record.get_absolute_url()).content
