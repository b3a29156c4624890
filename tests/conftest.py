"""Shared test set-up: settings for tests and the real record's source text."""
import os
from pathlib import Path

import pytest


SAMPLES = Path(__file__).parent / "samples"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test: Playwright's sync API allows one loop per thread.

    Its event loop makes Django's guard against database calls from async code fire in
    the test thread, so that guard is lifted for the session (never in deployment).
    """
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def source_111247():
    """The text of record 111247's public page, as the importer reads it."""
    return (SAMPLES / "111247.txt").read_text(encoding="utf-8")


@pytest.fixture
def catalogue(db):
    """The catalogue as the fixtures ship it (record 111247, its people, topics and notes)."""
    from django.core.management import call_command

    call_command("loaddata", *FIXTURES, verbosity=0)


from catalog.management.commands.load_catalogue import FIXTURES  # noqa: E402


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a failure: nothing may pass by not running."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if os.environ.get("CI") and reporter and reporter.stats.get("skipped"):
        reporter.write_line(f"CI: {len(reporter.stats['skipped'])} skipped test(s) count as failures.", red=True)
        session.exitstatus = 1
