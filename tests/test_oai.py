"""OAI-PMH 2.0 at /oai: harvested end to end by Sickle, and every error condition."""
import datetime

import pytest
from django.core.management import call_command
from django.db import connections
from lxml import etree
from sickle import Sickle
from sickle import oaiexceptions

from catalog.models import Record, Topic

from .conftest import FIXTURES
from .factories import make_record

NS = {"oai": "http://www.openarchives.org/OAI/2.0/", "dc": "http://purl.org/dc/elements/1.1/"}


def oai(client, **params):
    response = client.get("/oai", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return etree.fromstring(response.content)


def error_code(tree):
    errors = tree.xpath("/oai:OAI-PMH/oai:error/@code", namespaces=NS)
    return errors[0] if errors else None


def identifiers(tree):
    return tree.xpath("//oai:header/oai:identifier/text()", namespaces=NS)


@pytest.fixture
def harvester(live_server, transactional_db, settings, monkeypatch):
    """Sickle pointed at a running server holding the catalogue and five more records, two to a page."""
    # the server's request threads must not keep their connections, or the test database cannot be dropped
    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 0)
    settings.OAI_PAGE_SIZE = 2
    call_command("loaddata", *FIXTURES, verbosity=0)
    korean_war = Topic.objects.get(slug="korean-war")
    for n in range(5):
        record = make_record(record_id=500 + n, title=f"Harvest test {n}")
        if n % 2 == 0:
            record.topics.add(korean_war)
    make_record(record_id=599, title="Hidden", is_published=False)
    return Sickle(live_server.url + "/oai", max_retries=0)


class TestHarvest:
    def test_identify(self, harvester):
        """Identify names the repository, protocol 2.0, granularity and deletion policy."""
        identify = harvester.Identify()
        assert identify.protocolVersion == "2.0"
        assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
        assert identify.deletedRecord == "no"
        assert identify.baseURL.endswith("/oai")

    def test_list_records_pages_through_everything(self, harvester):
        """ListRecords follows resumption tokens across pages and yields each published record once."""
        records = list(harvester.ListRecords(metadataPrefix="oai_dc"))
        ids = [r.header.identifier.rsplit(":", 1)[1] for r in records]
        assert sorted(ids) == sorted(["111247", "500", "501", "502", "503", "504"])
        assert len(set(ids)) == len(ids)

    def test_unpublished_records_are_not_disseminated(self, harvester):
        """An unpublished record appears in no list."""
        ids = [h.identifier for h in harvester.ListIdentifiers(metadataPrefix="oai_dc")]
        assert not any(i.endswith(":599") for i in ids)

    def test_dublin_core_of_111247(self, harvester):
        """GetRecord gives 111247 in oai_dc with title, translators, date, source and URL."""
        identifier = next(h.identifier for h in harvester.ListIdentifiers(metadataPrefix="oai_dc") if h.identifier.endswith(":111247"))
        metadata = harvester.GetRecord(identifier=identifier, metadataPrefix="oai_dc").metadata
        assert metadata["title"] == ["Minutes of Conversation between I.V. Stalin and Zhou Enlai"]
        assert metadata["contributor"] == ["Rozas, Danny", "Weathersby, Kathryn"]
        assert metadata["date"] == ["1952-09-19"]
        assert "Archive of the President of the Russian Federation, APRF, f. 45, op. 1, d. 343, ll. 97-103" in metadata["source"]
        assert any(url.endswith("/records/111247/") for url in metadata["identifier"])

    def test_sets_are_topics_with_hierarchy(self, harvester):
        """ListSets pages through the topics; subtopics are parent:child."""
        specs = [s.setSpec for s in harvester.ListSets()]
        assert len(specs) == Topic.objects.count()
        assert "korean-war:prisoners-of-war" in specs

    def test_set_selects_records_in_the_topic_and_below(self, harvester):
        """set=korean-war harvests records filed under it or under its subtopics."""
        ids = sorted(h.identifier.rsplit(":", 1)[1] for h in harvester.ListIdentifiers(metadataPrefix="oai_dc", set="korean-war"))
        assert ids == ["111247", "500", "502", "504"]

    def test_from_until(self, harvester):
        """from/until select by datestamp, inclusive."""
        Record.objects.filter(record_id=501).update(modified=datetime.datetime(2001, 5, 5, 12, 0, tzinfo=datetime.timezone.utc))
        ids = [h.identifier for h in harvester.ListIdentifiers(metadataPrefix="oai_dc", **{"from": "2001-05-05", "until": "2001-05-05"})]
        assert [i.rsplit(":", 1)[1] for i in ids] == ["501"]

    def test_no_records_match(self, harvester):
        """A range with nothing in it is noRecordsMatch."""
        with pytest.raises(oaiexceptions.NoRecordsMatch):
            list(harvester.ListIdentifiers(metadataPrefix="oai_dc", **{"from": "2999-01-01"}))


@pytest.fixture
def repository(catalogue):
    """The catalogue in the test database (the test client shares its transaction)."""


class TestErrors:
    def test_missing_verb(self, client, repository):
        """No verb is badVerb, and the request element carries no attributes."""
        tree = oai(client)
        assert error_code(tree) == "badVerb"
        assert tree.xpath("/oai:OAI-PMH/oai:request", namespaces=NS)[0].attrib == {}

    def test_unknown_verb(self, client, repository):
        assert error_code(oai(client, verb="ListEverything")) == "badVerb"

    def test_repeated_verb(self, client, repository):
        """A verb given twice is badVerb."""
        tree = etree.fromstring(client.get("/oai?verb=Identify&verb=Identify").content)
        assert error_code(tree) == "badVerb"

    def test_missing_metadata_prefix(self, client, repository):
        assert error_code(oai(client, verb="ListRecords")) == "badArgument"

    def test_illegal_argument(self, client, repository):
        assert error_code(oai(client, verb="Identify", foo="bar")) == "badArgument"

    def test_repeated_argument(self, client, repository):
        tree = etree.fromstring(client.get("/oai?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc").content)
        assert error_code(tree) == "badArgument"

    @pytest.mark.parametrize("value", ["yesterday", "2020-13-45", "2020-01-01T10:00:00", "2020-01-01T25:00:00Z", ""])
    def test_bad_dates(self, client, repository, value):
        """Dates not in YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ are badArgument."""
        assert error_code(oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": value})) == "badArgument"

    def test_mixed_granularities(self, client, repository):
        params = {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "2020-01-01", "until": "2020-01-02T00:00:00Z"}
        assert error_code(oai(client, **params)) == "badArgument"

    def test_from_after_until(self, client, repository):
        params = {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "2021-01-01", "until": "2020-01-01"}
        assert error_code(oai(client, **params)) == "badArgument"

    def test_resumption_token_is_exclusive(self, client, repository):
        assert error_code(oai(client, verb="ListRecords", metadataPrefix="oai_dc", resumptionToken="x")) == "badArgument"

    def test_unknown_metadata_format(self, client, repository):
        assert error_code(oai(client, verb="ListRecords", metadataPrefix="marc21")) == "cannotDisseminateFormat"

    def test_get_record_unknown_format(self, client, repository):
        tree = oai(client, verb="GetRecord", identifier="oai:testserver:111247", metadataPrefix="mods")
        assert error_code(tree) == "cannotDisseminateFormat"

    @pytest.mark.parametrize("identifier", ["oai:testserver:999999", "oai:elsewhere.org:111247", "111247", "oai:testserver:abc"])
    def test_unknown_identifier(self, client, repository, identifier):
        assert error_code(oai(client, verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc")) == "idDoesNotExist"

    def test_unpublished_record_does_not_exist(self, client, repository):
        """An unpublished record is idDoesNotExist, never disseminated."""
        record = make_record(is_published=False)
        tree = oai(client, verb="GetRecord", identifier=f"oai:testserver:{record.record_id}", metadataPrefix="oai_dc")
        assert error_code(tree) == "idDoesNotExist"

    def test_metadata_formats_of_unknown_item(self, client, repository):
        assert error_code(oai(client, verb="ListMetadataFormats", identifier="oai:testserver:1")) == "idDoesNotExist"

    def test_no_records_match_unknown_set(self, client, repository):
        assert error_code(oai(client, verb="ListRecords", metadataPrefix="oai_dc", set="no-such-topic")) == "noRecordsMatch"

    @pytest.mark.parametrize("token", ["garbage", "eyJ2ZXJiIjoiTGlzdFJlY29yZHMifQ:1abc:xyz"])
    def test_bad_resumption_token(self, client, repository, token):
        assert error_code(oai(client, verb="ListRecords", resumptionToken=token)) == "badResumptionToken"

    def test_token_of_another_verb(self, client, repository, settings):
        """A ListIdentifiers token does not resume ListRecords."""
        settings.OAI_PAGE_SIZE = 1
        make_record()
        tree = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
        token = tree.xpath("//oai:resumptionToken/text()", namespaces=NS)[0]
        assert error_code(oai(client, verb="ListRecords", resumptionToken=token)) == "badResumptionToken"


class TestResponses:
    def test_list_metadata_formats(self, client, repository):
        """oai_dc is offered, with its schema and namespace."""
        tree = oai(client, verb="ListMetadataFormats")
        assert tree.xpath("//oai:metadataPrefix/text()", namespaces=NS) == ["oai_dc"]

    def test_request_echoes_valid_arguments(self, client, repository):
        """A valid request's arguments are echoed as attributes of the request element."""
        request = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc").xpath("/oai:OAI-PMH/oai:request", namespaces=NS)[0]
        assert dict(request.attrib) == {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}

    def test_last_page_has_empty_token(self, client, repository, settings):
        """The last page of a paged list carries an empty resumptionToken with the list size."""
        settings.OAI_PAGE_SIZE = 1
        make_record()
        first = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
        (token,) = first.xpath("//oai:resumptionToken", namespaces=NS)
        assert token.get("completeListSize") == "2" and token.get("cursor") == "0"
        last = oai(client, verb="ListIdentifiers", resumptionToken=token.text)
        (end,) = last.xpath("//oai:resumptionToken", namespaces=NS)
        assert end.text is None and end.get("cursor") == "1"

    def test_post_is_accepted(self, client, repository):
        """OAI-PMH requests may be POSTed."""
        tree = etree.fromstring(client.post("/oai", {"verb": "Identify"}).content)
        assert tree.xpath("//oai:Identify/oai:protocolVersion/text()", namespaces=NS) == ["2.0"]

    def test_oai_identifier_description(self, client, repository, settings):
        """With a domain name, Identify describes the oai-identifier scheme."""
        settings.SITE_URL = "https://archive.example.org"
        tree = oai(client, verb="Identify")
        assert tree.xpath("//*[local-name()='repositoryIdentifier']/text()") == ["archive.example.org"]
        assert identifiers(oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")) == ["oai:archive.example.org:111247"]
