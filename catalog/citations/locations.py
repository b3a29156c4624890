"""Absolute URLs for citations, exports and harvesters.

A citation must carry the full URL. ``settings.SITE_URL`` (e.g.
``https://archive.example.org``) fixes it for every host name the site answers to;
without it the URL is built from the request.
"""
from django.conf import settings


def absolute_url(path, request=None):
    """``path`` as an absolute URL: SITE_URL if set, else the request's scheme and host."""
    site_url = getattr(settings, "SITE_URL", "")
    if site_url:
        return site_url.rstrip("/") + path
    if request is not None:
        return request.build_absolute_uri(path)
    return path


def site_name():
    return getattr(settings, "SITE_NAME", "Archive of Translated Records")
