"""The home page: what the archive is, where to start, and the search box."""
from django.db.models import Count, Q
from django.views.generic import TemplateView

from ..models import Record, Topic


class HomeView(TemplateView):
    template_name = "catalog/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recent_records"] = Record.objects.public().order_by("-created", "-record_id")[:8]
        context["topics"] = (
            Topic.objects.filter(parent__isnull=True)
            .annotate(record_count=Count("records", filter=Q(records__is_published=True), distinct=True))
            .order_by("name")
        )
        context["record_count"] = Record.objects.public().count()
        return context
