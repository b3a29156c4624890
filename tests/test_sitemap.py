"""/sitemap.xml and /robots.txt for crawlers."""
import pytest
from lxml import etree

from catalog.models import Person, Topic

from .factories import make_record

SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def locations(client, catalogue):
    make_record(record_id=777, is_published=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return etree.fromstring(response.content).xpath("//s:loc/text()", namespaces=SITEMAP)


def test_published_record_listed(locations):
    """Every published record's canonical URL is in the sitemap."""
    assert "http://testserver/records/111247/" in locations


def test_unpublished_record_left_out(locations):
    """An unpublished record is not listed."""
    assert "http://testserver/records/777/" not in locations


def test_every_topic_and_person(locations):
    """Every topic and every person page is listed."""
    for topic in Topic.objects.all():
        assert f"http://testserver{topic.get_absolute_url()}" in locations
    for person in Person.objects.all():
        assert f"http://testserver{person.get_absolute_url()}" in locations


def test_record_lastmod(client, catalogue):
    """Records carry their last modification date."""
    tree = etree.fromstring(client.get("/sitemap.xml").content)
    (lastmod,) = tree.xpath("//s:url[s:loc='http://testserver/records/111247/']/s:lastmod/text()", namespaces=SITEMAP)
    assert len(lastmod) == 10


def test_site_url_sets_the_scheme(client, catalogue, settings):
    """With SITE_URL on https, the sitemap lists https URLs."""
    settings.SITE_URL = "https://testserver"
    tree = etree.fromstring(client.get("/sitemap.xml").content)
    assert all(loc.startswith("https://") for loc in tree.xpath("//s:loc/text()", namespaces=SITEMAP))


def test_robots_txt(client, db):
    """robots.txt keeps crawlers out of the admin and points at the sitemap."""
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
