"""The editors' admin: every model of the catalogue, in the editors' words.

One module per part of the catalogue; importing them registers their admins.
"""
from django.contrib import admin

from . import annotations, people, records, turns  # noqa: F401

admin.site.site_header = "Archive editors"
admin.site.site_title = "Archive editors"
admin.site.index_title = "Records, turns and notes"
