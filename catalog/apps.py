from django.apps import AppConfig


class CatalogConfig(AppConfig):
    """The catalogue of translated archival records."""

    name = "catalog"
    verbose_name = "Catalogue"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import concurrency, line_endings, reanchor
        from .caching import connect_signals

        line_endings.connect()
        concurrency.connect()
        reanchor.connect()
        connect_signals()
