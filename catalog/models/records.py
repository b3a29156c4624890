"""Records: one archival document each, with its source, credits and notes."""
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .base import DatePrecision, SlugManager


class Repository(models.Model):
    """An archive that holds originals, e.g. APRF, the Archive of the President of the Russian Federation."""

    slug = models.SlugField(max_length=60, unique=True)
    #: the abbreviation as citations print it, e.g. "APRF"
    abbreviation = models.CharField(max_length=40)
    name = models.CharField(max_length=300)
    place = models.CharField(max_length=120, blank=True)

    objects = SlugManager()

    class Meta:
        ordering = ["abbreviation"]
        verbose_name_plural = "repositories"

    def __str__(self):
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    def natural_key(self):
        return (self.slug,)


class LanguageManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Language(models.Model):
    """A language a record's text is given in."""

    code = models.CharField(max_length=12, unique=True, help_text="BCP 47 code, e.g. en, ru, zh.")
    name = models.CharField(max_length=60)

    objects = LanguageManager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)


class RecordQuerySet(models.QuerySet):
    def public(self):
        """Records a reader may see."""
        return self.filter(is_published=True)

    def for_detail(self):
        """Everything a record page or export shows, in a fixed number of queries."""
        from .turns import Participant, Turn

        return self.select_related("repository").prefetch_related(
            "languages",
            "topics__parent",
            "credits",
            "footnotes",
            models.Prefetch(
                "participants",
                queryset=Participant.objects.select_related("person").order_by("sort_order", "pk"),
            ),
            models.Prefetch("turns", queryset=Turn.objects.order_by("number")),
            # the few speakers fetched by their IDs: joining every turn to participants and
            # people let PostgreSQL hash the whole participant table, which grows with the catalogue
            models.Prefetch("turns__speaker", queryset=Participant.objects.select_related("person")),
        )


class RecordManager(models.Manager.from_queryset(RecordQuerySet)):
    def get_by_natural_key(self, record_id):
        return self.get(record_id=record_id)


class Record(models.Model):
    """An archival document in translation: a conversation's minutes, a telegram, a letter."""

    #: the public, citable ID, e.g. 111247; never reused
    record_id = models.PositiveIntegerField(
        "record ID", unique=True, validators=[MinValueValidator(1)], help_text="The public, citable ID."
    )
    title = models.CharField(max_length=500)
    #: the date as far as it is known; see ``date_precision``
    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="How much of the date the document gives: a month-only date is stored as the 1st.",
    )
    #: the date as printed on the page, e.g. "September 19, 1952"
    date_text = models.CharField("date as printed", max_length=100, blank=True)
    document_type = models.CharField(max_length=120, blank=True, help_text='e.g. "Minutes of Conversation".')
    summary = models.TextField(blank=True)

    repository = models.ForeignKey(
        Repository, null=True, blank=True, on_delete=models.PROTECT, related_name="records"
    )
    #: the archival citation exactly as printed, e.g. "APRF, f. 45, op. 1, d. 343, ll. 97-103"
    archival_citation = models.CharField(max_length=500, blank=True, help_text="Exactly as printed in the source line.")
    fond = models.CharField(max_length=40, blank=True)
    opis = models.CharField(max_length=40, blank=True)
    delo = models.CharField(max_length=40, blank=True)
    folios = models.CharField("leaves", max_length=60, blank=True, help_text='Leaves (listy), e.g. "97-103".')
    #: the whole "Source" paragraph as printed, credits included
    source_text = models.TextField("source as printed", blank=True)

    rights = models.TextField(blank=True)
    original_uploaded = models.DateField("original upload date", null=True, blank=True)
    languages = models.ManyToManyField(Language, blank=True, related_name="records")
    topics = models.ManyToManyField("catalog.Topic", blank=True, related_name="records")

    place = models.CharField("place of meeting", max_length=200, blank=True)
    started_at = models.TimeField("started", null=True, blank=True)
    ended_at = models.TimeField("ended", null=True, blank=True)
    #: the closing line as printed, e.g. "The conversation started at 10:30, ended at 12:30."
    times_text = models.CharField("times as printed", max_length=300, blank=True)
    #: "Recorded by" as printed, signatures included
    recorded_by_text = models.TextField("recorded by (as printed)", blank=True)
    #: material printed before the first turn: captions, classification, funders
    preamble = models.TextField(blank=True)
    #: material printed after the last turn: signatures, distribution lists, stamps
    closing = models.TextField(blank=True)

    is_published = models.BooleanField(default=True, help_text="Unpublished records are hidden from the public.")
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = RecordManager()

    class Meta:
        ordering = ["date", "record_id"]
        indexes = [
            # the listing's order, its date filter and its date facet, without reading every record
            models.Index(fields=["date", "record_id"], name="record_date_order"),
            # the type filter
            models.Index(fields=["document_type"], name="record_document_type"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(record_id__gte=1), name="record_id_positive"),
            models.CheckConstraint(condition=~models.Q(title=""), name="record_title_not_empty"),
            models.CheckConstraint(
                condition=models.Q(date__isnull=False) | models.Q(date_precision="unknown"),
                name="record_undated_only_if_unknown",
            ),
            models.CheckConstraint(
                condition=models.Q(date_precision__in=[c.value for c in DatePrecision]),
                name="record_date_precision_valid",
            ),
        ]

    def __str__(self):
        return f"{self.record_id}: {self.title}"

    def __repr__(self):
        return f"<Record {self.record_id}>"

    def natural_key(self):
        return (self.record_id,)

    def get_absolute_url(self):
        return reverse("catalog:record-detail", args=[self.record_id])

    @property
    def display_date(self):
        """The date as precisely as the document gives it."""
        if self.date is None:
            return "Undated"
        if self.date_precision == DatePrecision.YEAR:
            return str(self.date.year)
        if self.date_precision == DatePrecision.MONTH:
            return self.date.strftime("%B %Y")
        return f"{self.date.strftime('%B')} {self.date.day}, {self.date.year}"

    @property
    def translators(self):
        return [c for c in self.credits.all() if c.role == RecordCredit.Role.TRANSLATOR]


class RecordCreditManager(models.Manager):
    def get_by_natural_key(self, record_id, sort_order):
        return self.get(record__record_id=record_id, sort_order=sort_order)


class RecordCredit(models.Model):
    """A credit for a record's translation or editing, in the order the source gives it."""

    class Role(models.TextChoices):
        TRANSLATOR = "translator", "translator"
        EDITOR = "editor", "editor"
        OBTAINED_BY = "obtained-by", "obtained by"
        CONTRIBUTOR = "contributor", "contributor"

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="credits")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.TRANSLATOR)
    affiliation = models.CharField(max_length=200, blank=True)
    person = models.ForeignKey(
        "catalog.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="credits"
    )
    sort_order = models.PositiveSmallIntegerField(default=1)

    objects = RecordCreditManager()

    class Meta:
        ordering = ["record", "sort_order"]
        verbose_name = "credit"
        constraints = [
            models.UniqueConstraint(fields=["record", "sort_order"], name="unique_credit_order"),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"

    def natural_key(self):
        return (self.record.record_id, self.sort_order)

    natural_key.dependencies = ["catalog.record"]


class FootnoteManager(models.Manager):
    def get_by_natural_key(self, record_id, marker):
        return self.get(record__record_id=record_id, marker=marker)


class Footnote(models.Model):
    """A note printed with the source itself, e.g. "[1] ...", as distinct from our editors' annotations."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="footnotes")
    #: the marker as printed, e.g. "1"
    marker = models.CharField(max_length=10)
    text = models.TextField()
    sort_order = models.PositiveSmallIntegerField(default=1)

    objects = FootnoteManager()

    class Meta:
        ordering = ["record", "sort_order"]
        verbose_name = "source footnote"
        constraints = [
            models.UniqueConstraint(fields=["record", "marker"], name="unique_footnote_marker"),
        ]

    def __str__(self):
        return f"[{self.marker}] {self.text[:60]}"

    def natural_key(self):
        return (self.record.record_id, self.marker)

    natural_key.dependencies = ["catalog.record"]
