"""Public pages of the catalogue: thin views over named querysets."""
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView

from .models import Annotation, Person, Record, Topic, Turn


class HomeView(TemplateView):
    template_name = "catalog/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recent_records"] = Record.objects.public().order_by("-created")[:10]
        context["topics"] = Topic.objects.filter(parent__isnull=True).order_by("name")
        return context


class RecordListView(ListView):
    template_name = "catalog/record_list.html"
    context_object_name = "records"
    paginate_by = 25

    def get_queryset(self):
        return Record.objects.public().order_by("date", "record_id")


class RecordDetailView(DetailView):
    template_name = "catalog/record_detail.html"
    context_object_name = "record"

    def is_preview(self):
        """Staff may add ?preview=1 to see draft and submitted notes too; the public never does."""
        return self.request.GET.get("preview") == "1" and self.request.user.is_staff

    def get_object(self, queryset=None):
        return get_object_or_404(Record.objects.public().for_detail(), record_id=self.kwargs["record_id"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = self.object
        notes_by_turn = {}
        preview = self.is_preview()
        notes = Annotation.objects.filter(turn__record=record, detached=False) if preview else (
            Annotation.objects.published().filter(turn__record=record)
        )
        context["preview"] = preview
        for note in notes.prefetch_related("people"):
            notes_by_turn.setdefault(note.turn_id, []).append(note)
        turns = list(record.turns.all())
        for turn in turns:
            turn.published_notes = notes_by_turn.get(turn.pk, [])
        context["turns"] = turns
        return context


class TopicListView(ListView):
    template_name = "catalog/topic_list.html"
    context_object_name = "topics"

    def get_queryset(self):
        return Topic.objects.annotate(
            record_count=Count("records", filter=Q(records__is_published=True))
        ).select_related("parent")


class TopicDetailView(DetailView):
    template_name = "catalog/topic_detail.html"
    context_object_name = "topic"
    model = Topic

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ids = self.object.descendant_ids()
        context["records"] = Record.objects.public().filter(topics__in=ids).distinct()
        return context


class PersonListView(ListView):
    template_name = "catalog/person_list.html"
    context_object_name = "people"

    def get_queryset(self):
        return Person.objects.prefetch_related("names")


class PersonDetailView(DetailView):
    template_name = "catalog/person_detail.html"
    context_object_name = "person"
    model = Person

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["participations"] = self.object.participations.filter(record__is_published=True).select_related(
            "record"
        )
        context["turns"] = (
            Turn.objects.public().filter(speaker__person=self.object).select_related("record").order_by(
                "record__date", "record__record_id", "number"
            )
        )
        return context
