"""Subject headings, which may nest."""
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .base import SlugManager


class Topic(models.Model):
    """A subject heading such as "Korean War, 1950-1953" > "Prisoners of war"."""

    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=200)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The broader heading this one sits under, if any.",
    )
    description = models.TextField(blank=True)

    history = HistoricalRecords()
    objects = SlugManager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="topic_name_not_empty"),
        ]

    def __str__(self):
        return f"{self.parent} > {self.name}" if self.parent_id else self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("catalog:topic-detail", args=[self.slug])

    def clean(self):
        from django.core.exceptions import ValidationError

        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": "A topic cannot sit under itself."})
            ancestor = ancestor.parent

    def descendant_ids(self):
        """This topic's id and those of every topic beneath it."""
        ids, frontier = {self.pk}, [self.pk]
        while frontier:
            frontier = list(
                Topic.objects.filter(parent_id__in=frontier).exclude(pk__in=ids).values_list("pk", flat=True)
            )
            ids.update(frontier)
        return ids
