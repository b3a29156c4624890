"""Public URLs of the catalogue. They are cited in print: never change one."""
from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "catalog"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("records/", views.RecordListView.as_view(), name="record-list"),
    path("records/<int:record_id>/", views.RecordDetailView.as_view(), name="record-detail"),
    path(
        "document/<int:record_id>",
        RedirectView.as_view(pattern_name="catalog:record-detail", permanent=True),
        name="document-redirect",
    ),
    path("topics/", views.TopicListView.as_view(), name="topic-list"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic-detail"),
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person-detail"),
]

# Citing and harvesting: citation files, formatted styles, TEI, Web Annotations, unAPI,
# OAI-PMH and the crawlers' files.
from django.contrib.sitemaps.views import sitemap as sitemap_view  # noqa: E402

from .exports import views as export_views  # noqa: E402
from .oai import views as oai_views  # noqa: E402
from .sitemaps import SITEMAPS, robots_txt  # noqa: E402

urlpatterns += [
    path("records/<int:record_id>/cite.bib", export_views.cite_bibtex, name="record-cite-bib"),
    path("records/<int:record_id>/cite.ris", export_views.cite_ris, name="record-cite-ris"),
    path("records/<int:record_id>/cite.json", export_views.cite_csl_json, name="record-cite-json"),
    path("records/<int:record_id>/cite/", export_views.cite_in_style, name="record-cite"),
    path("records/<int:record_id>/tei.xml", export_views.record_tei, name="record-tei"),
    path("records/<int:record_id>/annotations.jsonld", export_views.record_annotations, name="record-annotations"),
    path("unapi", export_views.unapi, name="unapi"),
    path("oai", oai_views.endpoint, name="oai"),
    path("sitemap.xml", sitemap_view, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots-txt"),
]
