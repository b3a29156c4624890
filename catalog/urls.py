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
