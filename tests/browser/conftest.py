"""Browser tests: Playwright driving Debian's Chromium against the live test server.

Playwright's sync API runs an event loop in the test thread, so Django's guard
against database calls from async code must be told this is safe here.
"""
from pathlib import Path

import pytest

from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from ..conftest import CHROMIUM, CHROMIUM_ARGS, FIXTURES  # noqa: E402,F401

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

#: one URL per kind of public page, on the catalogue's fixtures
PAGE_TYPES = {
    "home": "/",
    "record list": "/records/",
    "search results": "/records/?q=India",
    "bad request": "/records/?date_after=1952-13-45",
    "record": "/records/111247/",
    "record, one speaker": "/records/111247/?speaker=vyacheslav-molotov",
    "topic index": "/topics/",
    "topic": "/topics/sino-soviet-relations/",
    "people": "/people/",
    "person": "/people/zhou-enlai/",
    "not found": "/records/1/",
}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session", autouse=True)
def server_threads_close_their_connections():
    """The live server's request threads close their database connections after each request.

    With persistent connections (CONN_MAX_AGE) a thread kept alive by the browser would
    still hold one when the test database is dropped at the end of the session.
    """
    database = connections["default"].settings_dict
    kept = database.get("CONN_MAX_AGE")
    database["CONN_MAX_AGE"] = 0
    yield
    database["CONN_MAX_AGE"] = kept


@pytest.fixture
def site(transactional_db, live_server):
    """The live test server's address, with the catalogue loaded."""
    call_command("loaddata", *FIXTURES, verbosity=0)
    yield live_server.url
    # Playwright's event loop gives this code its own context, and so its own connection
    connections.close_all()
