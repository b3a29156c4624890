"""Settings for the test suite: the real settings, with a throwaway key allowed."""
import os

os.environ.setdefault("ALLOW_INSECURE_KEY", "1")

from .settings import *  # noqa: E402,F401,F403

# Tests run without collectstatic: serve static files straight from the finders.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
