"""Notes: written on a turn or a span of it, then submitted, published, unpublished."""
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .. import workflow
from ..forms import AnnotationForm
from ..models import Annotation, Turn
from .history import HistoryAdmin


class AnchoringFilter(admin.SimpleListFilter):
    """Detached notes lost their words in a correction and wait to be re-anchored."""

    title = "anchoring"
    parameter_name = "anchoring"

    def lookups(self, request, model_admin):
        return [("detached", "detached (words gone)"), ("attached", "attached")]

    def queryset(self, request, queryset):
        if self.value() == "detached":
            return queryset.filter(detached=True)
        if self.value() == "attached":
            return queryset.filter(detached=False)
        return queryset


@admin.register(Annotation)
class AnnotationAdmin(HistoryAdmin):
    form = AnnotationForm
    list_display = ["target", "turn_link", "kind", "status", "anchoring", "author", "modified"]
    list_display_links = ["target"]
    list_filter = ["status", "kind", AnchoringFilter, ("author", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["turn__record", "turn__speaker__person", "author"]
    search_fields = ["body", "quote", "=turn__record__record_id", "people__name", "topics__name"]
    autocomplete_fields = ["people", "topics", "related_records"]
    raw_id_fields = ["turn"]
    ordering = ["-modified"]
    readonly_fields = ["status", "published", "author", "created", "modified", "version", "body_preview"]
    actions = ["submit_notes", "publish_notes", "unpublish_notes"]
    change_form_template = "admin/catalog/annotation/change_form.html"
    fieldsets = [
        ("Where", {"fields": ["turn", "quote", ("prefix", "suffix"), ("start", "end"), "opened_version"]}),
        ("The note", {"fields": ["kind", "body", "body_preview", "people", "topics", "related_records", "author_name"]}),
        ("Workflow", {"fields": [("status", "published"), ("author", "created", "modified")]}),
    ]

    class Media:
        js = ["admin_extra/select-quote.js"]
        css = {"all": ["admin_extra/editing.css"]}

    # --- list ---------------------------------------------------------------

    @admin.display(description="note", ordering="quote")
    def target(self, note):
        words = f"“{note.quote[:50]}”" if note.quote else "whole turn"
        return f"{note.get_kind_display().capitalize()}: {words}"

    @admin.display(description="turn", ordering="turn__record__record_id")
    def turn_link(self, note):
        return format_html(
            '<a href="{}">{} · turn {}</a>',
            reverse("admin:catalog_turn_change", args=[note.turn_id]),
            note.turn.record.record_id,
            note.turn.number,
        )

    @admin.display(description="anchoring", ordering="detached")
    def anchoring(self, note):
        return mark_safe('<span class="status status-detached">detached</span>') if note.detached else ""

    @admin.display(description="as readers will see it")
    def body_preview(self, note):
        return format_html('<div class="note-preview">{}</div>', note.body_html) if note.body else "—"

    def view_on_site(self, note):
        url = reverse("catalog:record-detail", args=[note.turn.record.record_id])
        if note.status != Annotation.Status.PUBLISHED:
            url += "?preview=1"
        return f"{url}#turn-{note.turn.number}"

    # --- permissions --------------------------------------------------------

    def has_change_permission(self, request, obj=None):
        """A published note is changed only by those who may publish: readers see every change."""
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None and obj.status == Annotation.Status.PUBLISHED:
            return workflow.can_publish(request.user)
        return allowed

    # --- the form -----------------------------------------------------------

    def turn_for_form(self, request, obj):
        """The turn whose words the editor selects from."""
        if obj is not None:
            return obj.turn
        raw = request.POST.get("turn") or request.GET.get("turn")
        try:
            return Turn.objects.select_related("record", "speaker__person").get(pk=int(raw))
        except (TypeError, ValueError, Turn.DoesNotExist):
            return None

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, object_id) if object_id else None
        step = request.POST.get("_transition") if request.method == "POST" else None
        if step:
            # Check the step before anything is saved: a step not allowed is refused whole.
            note = obj or Annotation(status=Annotation.Status.DRAFT)
            try:
                workflow.check(note, step, request.user)
            except workflow.TransitionNotAllowed as problem:
                self.message_user(request, str(problem), messages.ERROR)
                return HttpResponseRedirect(request.get_full_path())
        extra_context = extra_context or {}
        extra_context["annotated_turn"] = self.turn_for_form(request, obj)
        extra_context["transitions"] = workflow.available(
            obj or Annotation(status=Annotation.Status.DRAFT), request.user
        )
        extra_context["turn_text_url"] = reverse("admin:catalog_annotation_turn_text", args=[0])
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
            obj.author_name = obj.author_name or request.user.get_full_name() or request.user.get_username()
        step = request.POST.get("_transition")
        if step:
            workflow.apply(obj, step, request.user, save=False)
        super().save_model(request, obj, form, change)
        if step:
            self.message_user(request, f"{workflow.TRANSITIONS[step].done}.", messages.SUCCESS)

    def response_add(self, request, obj, post_url_continue=None):
        if request.POST.get("_transition"):
            return HttpResponseRedirect(reverse("admin:catalog_annotation_change", args=[obj.pk]))
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        """After a workflow step, stay on the note: its new status and next steps show there."""
        if request.POST.get("_transition"):
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    # --- bulk steps ---------------------------------------------------------

    def _bulk(self, request, queryset, step):
        done, refused = 0, 0
        for note in queryset.select_related("turn"):
            try:
                workflow.apply(note, step, request.user)
                done += 1
            except workflow.TransitionNotAllowed:
                refused += 1
        label = workflow.TRANSITIONS[step].label
        if done:
            self.message_user(request, f"{label}: {done} note(s).", messages.SUCCESS)
        if refused:
            self.message_user(request, f"{label}: {refused} note(s) were not in a state to allow it.", messages.WARNING)

    @admin.action(description="Submit selected notes for review", permissions=["change"])
    def submit_notes(self, request, queryset):
        self._bulk(request, queryset, "submit")

    @admin.action(description="Publish selected notes", permissions=["publish"])
    def publish_notes(self, request, queryset):
        self._bulk(request, queryset, "publish")

    @admin.action(description="Unpublish selected notes", permissions=["publish"])
    def unpublish_notes(self, request, queryset):
        self._bulk(request, queryset, "unpublish")

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user)

    # --- the turn's text, for choosing words when the turn changes -----------

    def get_urls(self):
        return [
            path(
                "turn-text/<int:turn_pk>/",
                self.admin_site.admin_view(self.turn_text_view),
                name="catalog_annotation_turn_text",
            ),
        ] + super().get_urls()

    def turn_text_view(self, request, turn_pk):
        if not request.user.has_perm("catalog.view_turn"):
            raise PermissionDenied
        turn = Turn.objects.filter(pk=turn_pk).select_related("record", "speaker__person").first()
        if turn is None:
            raise Http404("No such turn.")
        return JsonResponse({"id": turn.pk, "label": f"Record {turn.record.record_id}, {turn}", "text": turn.text})
