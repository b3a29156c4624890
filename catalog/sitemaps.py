"""Files for crawlers: the sitemap of every published record, topic and person, and robots.txt."""
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from .citations.locations import absolute_url
from .models import Person, Record, Topic


class SiteSitemap(Sitemap):
    """Uses SITE_URL's scheme when it is set, so that https sites list https URLs."""

    @property
    def protocol(self):
        site_url = getattr(settings, "SITE_URL", "")
        return urlsplit(site_url).scheme or None


class RecordSitemap(SiteSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Record.objects.public().order_by("record_id")

    def lastmod(self, record):
        return record.modified


class TopicSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Topic.objects.order_by("slug")


class PersonSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Person.objects.order_by("slug")


class PageSitemap(SiteSitemap):
    """The home page and the browsing indexes."""

    changefreq = "daily"
    priority = 0.6

    def items(self):
        return ["catalog:home", "catalog:record-list", "catalog:topic-list", "catalog:person-list"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "records": RecordSitemap, "topics": TopicSitemap, "people": PersonSitemap}


@require_safe
def robots_txt(request):
    """Crawl the public pages; keep out of the admin and staff previews; find the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*?preview=",
        "Allow: /",
        "",
        f"Sitemap: {absolute_url(reverse('catalog:sitemap'), request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
