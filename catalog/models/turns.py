"""Who took part in a record, and the speaker turns of its transcript."""
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class ParticipantManager(models.Manager):
    def get_by_natural_key(self, record_id, person_slug, role):
        return self.get(record__record_id=record_id, person__slug=person_slug, role=role)


class Participant(models.Model):
    """A person's part in one record, with their name exactly as the document writes it."""

    class Role(models.TextChoices):
        PRINCIPAL = "principal", "principal"
        PRESENT = "present", "present"
        RECORDER = "recorder", "recorder"
        INTERPRETER = "interpreter", "interpreter"
        AUTHOR = "author", "author"
        ADDRESSEE = "addressee", "addressee"
        MENTIONED = "mentioned", "mentioned"

    record = models.ForeignKey("catalog.Record", on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey("catalog.Person", on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PRESENT)
    delegation = models.CharField(
        max_length=120, blank=True, help_text='The side the person sat on, e.g. "Soviet" or "Chinese".'
    )
    #: the name as the document writes it, e.g. "comrs. Molotov" or "STALIN"
    name_as_written = models.CharField(max_length=200, blank=True)
    uncertain = models.BooleanField(default=False, help_text="Tick if the identification is not sure.")
    notes = models.TextField(blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()
    objects = ParticipantManager()

    class Meta:
        ordering = ["record", "sort_order", "pk"]
        verbose_name = "participant (as listed)"
        verbose_name_plural = "participants (as listed)"
        constraints = [
            models.UniqueConstraint(fields=["record", "person", "role"], name="unique_participant_role"),
        ]

    def __str__(self):
        side = f", {self.delegation}" if self.delegation else ""
        return f"{self.person} ({self.get_role_display()}{side})"

    def natural_key(self):
        return (self.record.record_id, self.person.slug, self.role)

    natural_key.dependencies = ["catalog.record", "catalog.person"]


class TurnQuerySet(models.QuerySet):
    def public(self):
        return self.filter(record__is_published=True)


class TurnManager(models.Manager.from_queryset(TurnQuerySet)):
    def get_by_natural_key(self, record_id, number):
        return self.get(record__record_id=record_id, number=number)


class Turn(models.Model):
    """One speaker turn of a record's transcript, kept exactly as the source gives it."""

    class Kind(models.TextChoices):
        SPEECH = "speech", "speech"
        NARRATIVE = "narrative", "narrative (no speaker)"

    record = models.ForeignKey("catalog.Record", on_delete=models.CASCADE, related_name="turns")
    #: 1-based position in the transcript
    number = models.PositiveIntegerField(help_text="Position in the transcript, from 1.")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.SPEECH)
    speaker = models.ForeignKey(
        Participant,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="turns",
        help_text="Must be a participant of the same record. Empty for narrative paragraphs.",
    )
    #: the label as written, e.g. "Comrade STALIN"
    speaker_label = models.CharField(max_length=200, blank=True)
    #: the text exactly as the source has it, paragraphs separated by blank lines, label included
    text = models.TextField()
    #: bumped on every save, so that an editor saving a stale copy is stopped
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    objects = TurnManager()

    class Meta:
        ordering = ["record", "number"]
        verbose_name = "speaker turn"
        constraints = [
            models.UniqueConstraint(fields=["record", "number"], name="unique_turn_number"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="turn_number_from_one"),
            models.CheckConstraint(condition=~models.Q(text=""), name="turn_text_not_empty"),
            models.CheckConstraint(
                condition=models.Q(kind="narrative", speaker__isnull=True) | models.Q(kind="speech"),
                name="turn_narrative_has_no_speaker",
            ),
        ]

    def __str__(self):
        who = self.speaker.person.name if self.speaker_id else "narrative"
        return f"Turn {self.number} ({who})"

    def __repr__(self):
        return f"<Turn {self.record_id}#{self.number}>"

    def natural_key(self):
        return (self.record.record_id, self.number)

    natural_key.dependencies = ["catalog.record", "catalog.participant"]

    @property
    def anchor(self):
        return f"turn-{self.number}"

    def get_absolute_url(self):
        return reverse("catalog:record-detail", args=[self.record.record_id]) + f"#{self.anchor}"

    @property
    def paragraphs(self):
        return [p for p in self.text.split("\n\n") if p.strip()]

    def clean(self):
        if self.speaker_id and self.record_id and self.speaker.record_id != self.record_id:
            raise ValidationError({"speaker": "The speaker must be a participant of this record."})

    def save(self, *args, **kwargs):
        # The database cannot express "same record" across two tables without a
        # composite key, so every save checks it; a trigger backs it up (migration 0002).
        if self.speaker_id and self.record_id:
            speaker_record = Participant.objects.filter(pk=self.speaker_id).values_list("record_id", flat=True).first()
            if speaker_record != self.record_id:
                raise ValidationError("The speaker must be a participant of this record.")
        super().save(*args, **kwargs)
