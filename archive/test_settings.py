"""Settings for the test suite: the real settings, with a throwaway key allowed.

Tests speak plain HTTP to ``testserver``, log in with the test client (which passes
no request to the login throttle), and run without ``collectstatic``; the tests of
those features turn them back on where they test them.
"""
import os

os.environ["ARCHIVE_IGNORE_ENV_FILE"] = "1"  # a developer's .env must not change what tests see
os.environ.setdefault("ALLOW_INSECURE_KEY", "1")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("AXES_ENABLED", "0")
os.environ.setdefault("LOG_FORMAT", "text")

from .settings import *  # noqa: E402,F401,F403

# Tests run without collectstatic: serve static files straight from the finders.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
