"""People and topics: what notes link to, searchable for autocomplete."""
from django.contrib import admin
from django.db.models import Count

from ..models import Language, Person, PersonName, Repository, Topic
from .history import HistoryAdmin


class PersonNameInline(admin.TabularInline):
    model = PersonName
    extra = 1


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    list_display = ["name", "description", "birth_year", "death_year", "wikidata_id", "note_count"]
    search_fields = ["name", "sort_name", "names__name", "description", "=wikidata_id", "=slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonNameInline]
    ordering = ["sort_name", "name"]
    history_list_display = []

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(note_total=Count("annotations", distinct=True))

    @admin.display(description="notes", ordering="note_total")
    def note_count(self, person):
        return person.note_total


@admin.register(Topic)
class TopicAdmin(HistoryAdmin):
    list_display = ["name", "parent", "slug"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent__parent"]
    search_fields = ["name", "description", "=slug"]
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


@admin.register(PersonName)
class PersonNameAdmin(admin.ModelAdmin):
    list_display = ["name", "person", "romanization", "language", "is_primary"]
    list_filter = ["romanization", "is_primary"]
    list_select_related = ["person"]
    search_fields = ["name", "person__name"]
    autocomplete_fields = ["person"]
