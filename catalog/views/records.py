"""The list of records (search and facets) and the record page."""
from django.db.models import Case, Count, Prefetch, Value, When
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from ..filters import RecordFilter
from ..models import Annotation, Participant, Record
from .paging import BadParameter, paginate
from .reading import conversation_at_a_glance, lay_out_turns, participant_groups, transcript_html


class RecordListView(TemplateView):
    """All records, narrowed by search and facets; a parameter the form refuses answers 400."""

    template_name = "catalog/record_list.html"
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        record_filter = RecordFilter(request.GET, queryset=Record.objects.public())
        context = self.get_context_data(filter=record_filter, form=record_filter.form)
        if not record_filter.form.is_valid():
            context["errors"] = [e for errors in record_filter.form.errors.values() for e in errors]
            return self.render_to_response(context, status=400)
        try:
            page = paginate(record_filter.qs, request, self.paginate_by)
        except BadParameter as error:
            context["errors"] = [str(error)]
            return self.render_to_response(context, status=400)
        record_ids = [r.pk for r in page.object_list]
        hits = record_filter.search.hits(record_ids)
        for record in page.object_list:
            record.hits = hits.get(record.pk)
        context.update(
            page=page,
            search=record_filter.search,
            facets=self.facets(record_filter, request.GET),
            sort=record_filter.sort_key(),
            active=self.active_filters(record_filter, request.GET),
        )
        return self.render_to_response(context)


    @staticmethod
    def facets(record_filter, params):
        """Facet options with counts, each with the link that chooses it (or, if chosen, removes it)."""
        facets = record_filter.facet_counts()
        for name, options in facets.items():
            for option in options:
                option["url"] = _link(params, name, None if option["selected"] else option["value"])
        return facets

    @staticmethod
    def active_filters(record_filter, params):
        labels = {"topic": "Topic", "person": "Person", "type": "Type", "language": "Language", "decade": "Decade",
                  "date_after": "From", "date_before": "To"}
        data = record_filter.form.cleaned_data
        active = []
        for name, label in labels.items():
            if not params.get(name):
                continue
            value = data.get(name)
            shown = value.name if hasattr(value, "name") else f"{value}s" if name == "decade" else params[name]
            if name == "language":
                shown = dict(record_filter.choices["language"]).get(params[name], params[name])
            active.append({
                "name": name, "label": label, "value": params[name], "shown": shown,
                "remove_url": _link(params, name, None),
                "hidden_input": name not in ("date_after", "date_before"),
            })
        return active


def _link(params, name, value):
    """The list's URL with ``name`` set to ``value`` (or removed, for None), back on the first page."""
    kept = QueryDict(mutable=True)
    for key, values in params.lists():
        if key not in (name, "page"):
            kept.setlist(key, values)
    if value is not None:
        kept[name] = value
    return "?" + kept.urlencode() if kept else "?"


class RecordDetailView(TemplateView):
    """One record: its document information, participants and transcript with published notes."""

    template_name = "catalog/record_detail.html"

    def is_preview(self):
        """Staff may add ?preview=1 to see draft and submitted notes too; the public never does."""
        return self.request.GET.get("preview") == "1" and self.request.user.is_staff

    def get_object(self):
        return get_object_or_404(Record.objects.public().for_detail(), record_id=self.kwargs["record_id"])

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        context = self.get_context_data(**kwargs)
        return self.render_to_response(context, status=400 if context["speaker_error"] else 200)

    def notes(self, record):
        preview = self.is_preview()
        notes = (
            Annotation.objects.filter(turn__record=record, detached=False)
            if preview
            else Annotation.objects.published().filter(turn__record=record)
        )
        # lists, not managers: the transcript reads them for every note without cloning a queryset
        linked = (Prefetch("people", to_attr="linked_people"), Prefetch("topics", to_attr="linked_topics"))
        return preview, notes.prefetch_related(*linked).order_by("turn__number", "start", "created")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = self.object
        preview, notes = self.notes(record)
        turns = list(record.turns.all())
        lay_out_turns(turns, notes)

        glance = conversation_at_a_glance(turns)
        speaker = self.request.GET.get("speaker", "")
        chosen = next((row for row in glance if row.slug and row.slug == speaker), None)
        shown = [t for t in turns if chosen is None or t.speaker_slug == chosen.slug]
        context.update(
            record=record,
            object=record,
            preview=preview,
            turns=shown,
            transcript=transcript_html(shown, record, self.request),
            turn_total=len(turns),
            glance=glance,
            speaker=chosen,
            speaker_error=bool(speaker) and chosen is None,
            participant_groups=participant_groups(record.participants.all()),
            related_records=related_records(record),
            note_count=sum(len(t.notes) for t in turns),
        )
        return context


def related_records(record, limit=6):
    """Public records sharing topics or people with ``record``: most shared first, then by date.

    The sharing is counted on the link tables, through the topics' and people's own
    indexes, so the cost follows how many records share them, not the catalogue's size
    (joining records to both link tables and counting DISTINCT read every pairing).
    """
    shared = {}
    topic_ids = [t.pk for t in record.topics.all()]
    if topic_ids:
        rows = (Record.topics.through.objects.filter(topic_id__in=topic_ids).exclude(record_id=record.pk)
                .values_list("record_id").annotate(n=Count("topic_id")).order_by())
        for record_id, count in rows:
            shared[record_id] = (count, 0)
    person_ids = {p.person_id for p in record.participants.all()}
    if person_ids:
        rows = (Participant.objects.filter(person_id__in=person_ids).exclude(record_id=record.pk)
                .values_list("record_id").annotate(n=Count("person_id", distinct=True)).order_by())
        for record_id, count in rows:
            shared[record_id] = (shared.get(record_id, (0, 0))[0], count)
    groups = {}
    for record_id, counts in shared.items():
        groups.setdefault(counts, []).append(record_id)
    ranked = sorted(groups, reverse=True)
    related = []
    while ranked and len(related) < limit:
        taken, ranked = _enough_groups(ranked, groups, limit - len(related))
        related += _records_in_groups(taken, groups, limit - len(related))
    return related


def _enough_groups(ranked, groups, wanted):
    """The best groups of equal counts that together hold ``wanted`` records, and the rest."""
    total = 0
    for index, counts in enumerate(ranked):
        total += len(groups[counts])
        if total >= wanted:
            return ranked[: index + 1], ranked[index + 1:]
    return ranked, []


def _records_in_groups(taken, groups, limit):
    """One query: the public records of ``taken`` groups, best group first, then by date."""
    rank = Case(*[When(pk__in=groups[counts], then=Value(i)) for i, counts in enumerate(taken[:-1])],
                default=Value(len(taken) - 1))
    records = list(
        Record.objects.public()
        .filter(pk__in=[record_id for counts in taken for record_id in groups[counts]])
        .annotate(rank=rank)
        .order_by("rank", "date", "record_id")[:limit]
    )
    for item in records:
        item.shared_topics, item.shared_people = taken[item.rank]
    return records
