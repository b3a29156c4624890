from django.apps import AppConfig


class CatalogConfig(AppConfig):
    """The catalogue of translated archival records."""

    name = "catalog"
    verbose_name = "Catalogue"
    default_auto_field = "django.db.models.BigAutoField"
