"""Turns: correcting a turn's text, with its notes following their words."""
from django.contrib import admin, messages
from django.db.models import Count
from django.template.defaultfilters import truncatewords
from django.urls import reverse
from django.utils.html import format_html

from ..forms import TurnForm
from ..models import Turn
from .history import HistoryAdmin


class HasNotesFilter(admin.SimpleListFilter):
    """Which turns editors have already written on."""

    title = "notes"
    parameter_name = "notes"

    def lookups(self, request, model_admin):
        return [("yes", "has notes"), ("no", "no notes yet"), ("detached", "has detached notes")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(note_total__gt=0)
        if self.value() == "no":
            return queryset.filter(note_total=0)
        if self.value() == "detached":
            return queryset.filter(annotations__detached=True).distinct()
        return queryset


class SpeakerFilter(admin.SimpleListFilter):
    title = "speaker"
    parameter_name = "speaker"

    def lookups(self, request, model_admin):
        return [("unidentified", "speaker unidentified")]

    def queryset(self, request, queryset):
        if self.value() == "unidentified":
            return queryset.filter(kind=Turn.Kind.SPEECH, speaker__isnull=True)
        return queryset


@admin.register(Turn)
class TurnAdmin(HistoryAdmin):
    form = TurnForm
    list_display = ["__str__", "record_link", "number", "speaker_label", "opening_words", "note_count"]
    list_display_links = ["__str__"]
    list_filter = ["kind", HasNotesFilter, SpeakerFilter]
    list_select_related = ["record", "speaker__person"]
    search_fields = ["text", "speaker_label", "=record__record_id"]
    readonly_fields = ["record", "number", "version"]
    fields = ["record", "number", "kind", "speaker", "speaker_label", "text", "opened_version"]
    ordering = ["record", "number"]
    change_form_template = "admin/catalog/turn/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(note_total=Count("annotations"))

    @admin.display(description="record", ordering="record__record_id")
    def record_link(self, turn):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:catalog_record_change", args=[turn.record_id]), turn.record.record_id
        )

    @admin.display(description="opening words")
    def opening_words(self, turn):
        return truncatewords(turn.text, 12)

    @admin.display(description="notes", ordering="note_total")
    def note_count(self, turn):
        return turn.note_total

    def view_on_site(self, turn):
        return turn.get_absolute_url()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        turn = self.get_object(request, object_id)
        if turn is not None:
            extra_context["turn_notes"] = turn.annotations.order_by("start", "created")
            extra_context["can_annotate"] = request.user.has_perm("catalog.add_annotation")
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        followed, detached = getattr(obj, "reanchor_result", (0, 0))
        if followed:
            messages.info(request, f"{followed} note(s) followed their words to where they now stand.")
        if detached:
            messages.warning(
                request,
                f"{detached} note(s) lost their words and are now detached: readers no longer see them. "
                "Find them under Annotations › detached.",
            )
