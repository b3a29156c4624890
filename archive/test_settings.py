"""Settings for the test suite: the real settings, with a throwaway key allowed."""
import os

os.environ.setdefault("ALLOW_INSECURE_KEY", "1")

from .settings import *  # noqa: E402,F401,F403
