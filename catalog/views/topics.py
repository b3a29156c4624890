"""Topics: the hierarchy of subject headings, and what lies under each."""
from dataclasses import dataclass, field

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from ..models import Annotation, Record, Topic
from .paging import BadParameter, paginate


@dataclass
class TopicNode:
    topic: Topic
    children: list = field(default_factory=list)
    #: public records filed under this topic or any beneath it
    record_count: int = 0


def topic_tree():
    """Every topic as a tree of nodes, each with its record count (subtopics included), in two queries."""
    topics = list(Topic.objects.order_by("name"))
    nodes = {t.pk: TopicNode(t) for t in topics}
    records_of = {pk: set() for pk in nodes}
    links = Record.topics.through.objects.filter(record__is_published=True).values_list("topic_id", "record_id")
    for topic_id, record_id in links:
        records_of[topic_id].add(record_id)
    roots = []
    for topic in topics:
        (nodes[topic.parent_id].children if topic.parent_id in nodes else roots).append(nodes[topic.pk])

    def count(node, seen=()):
        ids = set(records_of[node.topic.pk])
        for child in node.children:
            if child.topic.pk not in seen:
                ids |= count(child, (*seen, node.topic.pk))
        node.record_count = len(ids)
        return ids

    for root in roots:
        count(root)
    return roots


class TopicListView(TemplateView):
    template_name = "catalog/topic_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tree"] = topic_tree()
        return context


class TopicDetailView(TemplateView):
    """A topic's records (its subtopics' included) and the turns editors' notes tie to it."""

    template_name = "catalog/topic_detail.html"

    def get(self, request, *args, **kwargs):
        try:
            context = self.get_context_data(**kwargs)
        except BadParameter as error:
            context = {"topic": self.topic, "parameter_error": str(error)}
            return self.render_to_response(context, status=400)
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.topic = topic = get_object_or_404(Topic.objects.select_related("parent"), slug=kwargs["slug"])
        ids = topic.descendant_ids()
        records = Record.objects.public().filter(topics__in=ids).distinct().order_by("date", "record_id")
        context["topic"] = topic
        context["subtopics"] = Topic.objects.filter(parent=topic).order_by("name")
        context["page"] = paginate(records, self.request, per_page=25)
        context["tagged_notes"] = (
            Annotation.objects.published()
            .filter(Q(topics__in=ids))
            .distinct()
            .select_related("turn__record", "turn__speaker__person")
            .order_by("turn__record__date", "turn__record__record_id", "turn__number")[:200]
        )
        return context
