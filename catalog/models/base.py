"""Small shared pieces for the catalogue's models."""
from django.db import models


class SlugManager(models.Manager):
    """Finds rows by their slug, which is their natural key in fixtures."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class DatePrecision(models.TextChoices):
    """How much of a record's date the document actually gives."""

    DAY = "day", "day"
    MONTH = "month", "month"
    YEAR = "year", "year"
    UNKNOWN = "unknown", "undated"
