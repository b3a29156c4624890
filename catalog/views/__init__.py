"""Public pages of the catalogue: thin views over named querysets, one module per kind of page."""
from .home import HomeView
from .people import PersonDetailView, PersonListView
from .records import RecordDetailView, RecordListView
from .topics import TopicDetailView, TopicListView

__all__ = [
    "HomeView",
    "PersonDetailView",
    "PersonListView",
    "RecordDetailView",
    "RecordListView",
    "TopicDetailView",
    "TopicListView",
]
