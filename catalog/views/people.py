"""People: everyone the records name, findable by any spelling, and what each said."""
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from ..models import Participant, Person, PersonName, Turn
from ..search import MAX_QUERY_LENGTH
from .paging import BadParameter, paginate


class PersonListView(TemplateView):
    """Everyone in the catalogue; ``?q=`` finds a person by any part of any spelling of their name."""

    template_name = "catalog/person_list.html"

    def get(self, request, *args, **kwargs):
        query = " ".join(request.GET.get("q", "").split())
        people = Person.objects.prefetch_related(Prefetch("names", queryset=PersonName.objects.order_by("name")))
        context = self.get_context_data(query=query)
        if len(query) > MAX_QUERY_LENGTH or "\x00" in query:
            context["error"] = f"Shorten your search to {MAX_QUERY_LENGTH} characters or fewer, without control characters."
            context["people"] = []
            return self.render_to_response(context, status=400)
        if query:
            people = people.filter(
                pk__in=Person.objects.filter(Q(name__icontains=query) | Q(names__name__icontains=query)).values("pk")
            )
        context["people"] = list(people.order_by("sort_name", "name"))
        return self.render_to_response(context)


class PersonDetailView(TemplateView):
    """A person: description, spellings, their part in each record, and each of their turns."""

    template_name = "catalog/person_detail.html"
    turns_per_page = 50

    def get(self, request, *args, **kwargs):
        person = get_object_or_404(Person.objects.prefetch_related("names"), slug=kwargs["slug"])
        context = self.get_context_data(person=person)
        context["participations"] = (
            Participant.objects.filter(person=person, record__is_published=True)
            .select_related("record")
            .order_by("record__date", "record__record_id", "sort_order")
        )
        turns = (
            Turn.objects.public()
            .filter(speaker__person=person)
            .select_related("record")
            .order_by("record__date", "record__record_id", "number")
        )
        try:
            context["page"] = paginate(turns, request, self.turns_per_page)
        except BadParameter as error:
            context["error"] = str(error)
            return self.render_to_response(context, status=400)
        return self.render_to_response(context)
