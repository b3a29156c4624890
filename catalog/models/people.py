"""People who take part in, record or are mentioned in records."""
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .base import SlugManager


class PersonQuerySet(models.QuerySet):
    def matching_name(self, name):
        """People whose canonical name or any variant equals ``name`` (case-insensitive)."""
        name = name.strip()
        return self.filter(
            models.Q(name__iexact=name) | models.Q(names__name__iexact=name)
        ).distinct()


class PersonManager(SlugManager.from_queryset(PersonQuerySet)):
    pass


class Person(models.Model):
    """A historical person, named once however the documents spell them."""

    #: URL slug and natural key, e.g. ``zhou-enlai``
    slug = models.SlugField(max_length=120, unique=True)
    #: canonical display name, e.g. "Zhou Enlai"
    name = models.CharField(max_length=200, help_text="Canonical name, as readers should see it.")
    #: name to sort by, e.g. "Stalin, Joseph"
    sort_name = models.CharField(max_length=200, blank=True, help_text="Leave empty to sort by the name.")
    description = models.CharField(
        max_length=500,
        blank=True,
        help_text="One factual line; leave empty rather than guess.",
    )
    birth_year = models.SmallIntegerField(null=True, blank=True)
    death_year = models.SmallIntegerField(null=True, blank=True)
    wikidata_id = models.CharField(
        "Wikidata ID", max_length=20, blank=True, help_text="e.g. Q855 (Joseph Stalin)."
    )
    viaf_id = models.CharField("VIAF ID", max_length=40, blank=True)

    history = HistoricalRecords()
    objects = PersonManager()

    class Meta:
        ordering = ["sort_name", "name"]
        verbose_name_plural = "people"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(name=""), name="person_name_not_empty"
            ),
        ]

    def __str__(self):
        return self.name

    def __repr__(self):
        return f"<Person {self.slug}>"

    def natural_key(self):
        return (self.slug,)

    def save(self, *args, **kwargs):
        if not self.sort_name:
            self.sort_name = self.name
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("catalog:person-detail", args=[self.slug])


class PersonNameManager(models.Manager):
    def get_by_natural_key(self, person_slug, name):
        return self.get(person__slug=person_slug, name=name)


class PersonName(models.Model):
    """Another spelling of a person's name: a romanisation, a title form, an alias."""

    class Romanization(models.TextChoices):
        PINYIN = "pinyin", "Hanyu Pinyin"
        WADE_GILES = "wade-giles", "Wade–Giles"
        POSTAL = "postal", "Postal / other Chinese"
        RUSSIAN = "russian", "Russian transliteration"
        ORIGINAL = "original", "Original script"
        OTHER = "other", "Other"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=200)
    romanization = models.CharField(max_length=20, choices=Romanization.choices, blank=True)
    language = models.CharField(max_length=20, blank=True, help_text="Language code, e.g. zh, ru.")
    is_primary = models.BooleanField(default=False)

    objects = PersonNameManager()

    class Meta:
        ordering = ["person", "-is_primary", "name"]
        verbose_name = "name variant"
        constraints = [
            models.UniqueConstraint(fields=["person", "name"], name="unique_person_name_variant"),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.person.slug, self.name)

    natural_key.dependencies = ["catalog.person"]
