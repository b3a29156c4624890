"""Editors' notes on a turn, or on a quoted span of it."""
import uuid

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class AnnotationQuerySet(models.QuerySet):
    def published(self):
        """Notes a reader may see: published, attached to their words, on a public record."""
        return self.filter(
            status=Annotation.Status.PUBLISHED, detached=False, turn__record__is_published=True
        )


class AnnotationManager(models.Manager.from_queryset(AnnotationQuerySet)):
    def get_by_natural_key(self, uuid_value):
        return self.get(uuid=uuid_value)


class Annotation(models.Model):
    """An editor's note on a speaker turn, optionally anchored to a quoted span of it."""

    class Kind(models.TextChoices):
        IDENTIFICATION = "identification", "identification"
        CONTEXT = "context", "context"
        TRANSLATION = "translation", "translation issue"
        CORRECTION = "correction", "correction"
        CROSS_REFERENCE = "cross-reference", "cross-reference"

    class Status(models.TextChoices):
        DRAFT = "draft", "draft"
        SUBMITTED = "submitted", "submitted for review"
        PUBLISHED = "published", "published"
        UNPUBLISHED = "unpublished", "unpublished"

    #: stable public identifier, used in the W3C Web Annotation ``id``
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    turn = models.ForeignKey("catalog.Turn", on_delete=models.CASCADE, related_name="annotations")
    #: the quoted words (TextQuoteSelector ``exact``); empty for a note on the whole turn
    quote = models.TextField(blank=True, help_text="The exact words the note explains; empty for the whole turn.")
    #: a few characters before and after the quote, to tell repeated words apart
    prefix = models.CharField(max_length=64, blank=True)
    suffix = models.CharField(max_length=64, blank=True)
    #: character offsets of the quote in the turn's text (TextPositionSelector)
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    #: set when a correction to the turn removed the quoted words
    detached = models.BooleanField(
        default=False, help_text="The quoted words are no longer in the turn; the note is hidden until re-anchored."
    )

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CONTEXT)
    body = models.TextField(help_text="Markdown. Links and emphasis are kept; scripts and raw HTML are removed.")
    people = models.ManyToManyField("catalog.Person", blank=True, related_name="annotations")
    topics = models.ManyToManyField("catalog.Topic", blank=True, related_name="annotations")
    related_records = models.ManyToManyField("catalog.Record", blank=True, related_name="cross_references")

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="annotations"
    )
    #: the credit line readers see, e.g. "Editors"
    author_name = models.CharField(max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)
    published = models.DateTimeField(null=True, blank=True)
    #: bumped on every save, so that an editor saving a stale copy is stopped
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["modified"])
    objects = AnnotationManager()

    class Meta:
        ordering = ["turn", "start", "created"]
        permissions = [("publish_annotation", "Can publish and unpublish annotations")]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(start__isnull=True, end__isnull=True) | models.Q(end__gt=models.F("start"))),
                name="annotation_span_ordered",
            ),
            models.CheckConstraint(condition=~models.Q(body=""), name="annotation_body_not_empty"),
        ]

    def __str__(self):
        target = f"“{self.quote[:40]}”" if self.quote else "whole turn"
        return f"{self.get_kind_display().capitalize()} note on {self.turn}: {target}"

    def natural_key(self):
        return (str(self.uuid),)

    natural_key.dependencies = ["catalog.turn"]

    @property
    def is_span(self):
        return bool(self.quote)

    @property
    def body_html(self):
        """The Markdown body as sanitised HTML."""
        from ..rendering import render_markdown

        return render_markdown(self.body)
