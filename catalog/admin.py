"""The editors' admin: every model, in the editors' words."""
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Annotation,
    Footnote,
    Language,
    Participant,
    Person,
    PersonName,
    Record,
    RecordCredit,
    Repository,
    Topic,
    Turn,
)


class PersonNameInline(admin.TabularInline):
    model = PersonName
    extra = 1


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "description", "wikidata_id"]
    search_fields = ["name", "names__name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonNameInline]


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    list_display = ["name", "parent", "slug"]
    list_filter = ["parent"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


@admin.register(Repository)
class RepositoryAdmin(admin.ModelAdmin):
    list_display = ["abbreviation", "name", "place"]
    search_fields = ["abbreviation", "name"]


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


class CreditInline(admin.TabularInline):
    model = RecordCredit
    extra = 0
    autocomplete_fields = ["person"]


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    autocomplete_fields = ["person"]


class FootnoteInline(admin.TabularInline):
    model = Footnote
    extra = 0


@admin.register(Record)
class RecordAdmin(SimpleHistoryAdmin):
    list_display = ["record_id", "title", "date", "document_type", "is_published"]
    list_filter = ["is_published", "document_type", "languages", "topics"]
    search_fields = ["=record_id", "title", "summary", "archival_citation"]
    autocomplete_fields = ["topics", "repository"]
    inlines = [CreditInline, ParticipantInline, FootnoteInline]


@admin.register(Participant)
class ParticipantAdmin(SimpleHistoryAdmin):
    list_display = ["person", "record", "role", "delegation", "name_as_written"]
    list_filter = ["role"]
    search_fields = ["person__name", "name_as_written", "=record__record_id"]
    autocomplete_fields = ["person", "record"]


@admin.register(Turn)
class TurnAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "record", "number", "speaker_label"]
    list_filter = ["kind"]
    search_fields = ["text", "speaker_label", "=record__record_id"]
    raw_id_fields = ["record", "speaker"]


@admin.register(Annotation)
class AnnotationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "status", "detached", "author", "modified"]
    list_filter = ["status", "kind", "detached"]
    search_fields = ["body", "quote"]
    autocomplete_fields = ["people", "topics", "related_records"]
    raw_id_fields = ["turn"]
