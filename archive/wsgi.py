"""WSGI entry point, for gunicorn and other WSGI servers."""
import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")

application = get_wsgi_application()

# Django, the apps and their modules are loaded now and live as long as the worker.
# Frozen, they are left out of the garbage collector's full collections, which
# otherwise walk some 100,000 such objects (tens of milliseconds) whenever a page
# that builds many model instances (a long record) triggers one.
gc.freeze()
