"""Catalogue text is stored with plain newlines, however it was typed.

Browsers submit a textarea's line breaks as CR LF, so saving a form unchanged would
rewrite every multi-line field, record a false change in the history, and shift
the character offsets that editors' notes keep into a turn's text. The importer
normalises its input already; this does the same for every other save.
"""
from django.db import models
from django.db.models.signals import pre_save


def plain_newlines(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalise_line_endings(sender, instance, raw=False, **kwargs):
    if raw or sender._meta.app_label != "catalog":  # fixtures load as written
        return
    for field in sender._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            value = getattr(instance, field.attname)
            if isinstance(value, str) and "\r" in value:
                setattr(instance, field.attname, plain_newlines(value))


def connect():
    """Before the catalogue's other pre_save receivers, so that they see the stored form."""
    pre_save.connect(normalise_line_endings, dispatch_uid="catalog_plain_newlines")
