"""Records: their metadata, and the transcript's turns listed in order for annotating."""
from django.contrib import admin
from django.db.models import Count, Prefetch, Q

from django.urls import reverse
from django.utils.text import Truncator

from ..models import Annotation, Footnote, Participant, Record, RecordCredit, Turn
from .history import HistoryAdmin


class CreditInline(admin.TabularInline):
    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")

    model = RecordCredit
    extra = 0
    autocomplete_fields = ["person"]


class ParticipantInline(admin.TabularInline):
    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")

    model = Participant
    extra = 0
    autocomplete_fields = ["person"]


class FootnoteInline(admin.TabularInline):
    model = Footnote
    extra = 0


@admin.register(Record)
class RecordAdmin(HistoryAdmin):
    list_display = ["record_id", "title", "date", "document_type", "turn_count", "note_count", "is_published"]
    list_display_links = ["record_id", "title"]
    list_filter = ["is_published", "document_type", "languages", ("topics", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["=record_id", "title", "summary", "archival_citation"]
    autocomplete_fields = ["topics", "repository"]
    inlines = [CreditInline, ParticipantInline, FootnoteInline]
    change_form_template = "admin/catalog/record/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("topics__parent").annotate(
            turn_total=Count("turns", distinct=True),
            note_total=Count("turns__annotations", distinct=True),
        )

    @admin.display(description="turns", ordering="turn_total")
    def turn_count(self, record):
        return record.turn_total

    @admin.display(description="notes", ordering="note_total")
    def note_count(self, record):
        return record.note_total

    def transcript(self, record):
        """The record's turns in order with their notes, in two queries however many turns.

        Admin URLs are built once and filled in per row: reversing three URLs for
        each of hundreds of turns would dominate the page's time.
        """
        turns = list(
            Turn.objects.filter(record=record)
            .select_related("speaker__person")
            .annotate(
                published_total=Count("annotations", filter=Q(annotations__status=Annotation.Status.PUBLISHED)),
            )
            .prefetch_related(
                Prefetch("annotations", queryset=Annotation.objects.order_by("start", "created"), to_attr="notes")
            )
            .order_by("number")
        )
        annotate_url = reverse("admin:catalog_annotation_add") + "?turn={}"
        correct_url = reverse("admin:catalog_turn_change", args=[0]).replace("/0/", "/{}/")
        note_url = reverse("admin:catalog_annotation_change", args=[0]).replace("/0/", "/{}/")
        for turn in turns:
            turn.annotate_url = annotate_url.format(turn.pk)
            turn.correct_url = correct_url.format(turn.pk)
            turn.opening_words = Truncator(turn.text).words(14)
            for note in turn.notes:
                note.admin_url = note_url.format(note.pk)
        return turns

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        record = self.get_object(request, object_id)
        if record is not None:
            extra_context["transcript"] = self.transcript(record)
            extra_context["can_annotate"] = request.user.has_perm("catalog.add_annotation")
            extra_context["can_correct"] = request.user.has_perm("catalog.change_turn")
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Participant)
class ParticipantAdmin(HistoryAdmin):
    list_display = ["person", "record", "role", "delegation", "name_as_written"]
    list_filter = ["role"]
    list_select_related = ["person", "record"]
    search_fields = ["person__name", "name_as_written", "=record__record_id"]
    autocomplete_fields = ["person", "record"]


@admin.register(RecordCredit)
class RecordCreditAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "record", "sort_order"]
    list_filter = ["role"]
    list_select_related = ["record"]
    search_fields = ["name", "=record__record_id"]
    autocomplete_fields = ["record", "person"]


@admin.register(Footnote)
class FootnoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "record", "marker"]
    list_select_related = ["record"]
    search_fields = ["text", "=record__record_id"]
    autocomplete_fields = ["record"]
