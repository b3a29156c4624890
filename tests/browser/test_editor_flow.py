"""An editor notes "Wang Zhen" in turn 58 in the admin; readers see it only once published.

Drives Debian's Chromium through Playwright against a live server.
"""
import os

import pytest
from django.contrib.auth.models import Group, Permission

from catalog.models import Annotation, Person
from catalog.roles import EDITORS, EDITORS_IN_CHIEF, ensure_groups
from tests.editors import plain_test_settings  # noqa: F401
from tests.factories import make_record

# Playwright's sync API runs an event loop; the live server's ORM calls are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright import sync_api  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-passphrase-for-tests"
TURN_58 = (
    "ZHOU ENLAI: Wang Zhen will command the troops in Xinjiang.\n\n"
    "The Chinese side asks that Wang Zhen's staff be reinforced."
)
NOTE = "Wang Zhen (1908–1993), commander of the First Field Army's troops in Xinjiang."


@pytest.fixture
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def newsroom(db):
    """A record whose turn 58 names Wang Zhen, an editor and an editor-in-chief."""
    from django.contrib.auth.models import User

    ensure_groups(Group, Permission)  # a transactional test may start from an emptied database
    record = make_record(turns=72)
    turn = record.turns.get(number=58)
    turn.text = TURN_58
    turn.save()
    Person.objects.create(slug="wang-zhen", name="Wang Zhen")
    for username, groups in (("anna", [EDITORS]), ("boris", [EDITORS, EDITORS_IN_CHIEF])):
        user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
        user.groups.add(*Group.objects.filter(name__in=groups))
    return record


def sign_in(browser, live_server, username):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#content")
    return page


def drag_select(page, words):
    """Select ``words`` in the turn's text with the mouse, as an editor would."""
    box = page.evaluate(
        """(words) => {
            const panel = document.getElementById('turn-source');
            const node = panel.firstChild, at = node.textContent.indexOf(words);
            const range = document.createRange();
            range.setStart(node, at); range.setEnd(node, at + words.length);
            const rects = range.getClientRects(), first = rects[0], last = rects[rects.length - 1];
            return {x1: first.left + 1, y: first.top + first.height / 2, x2: last.right - 1};
        }""",
        words,
    )
    page.mouse.move(box["x1"], box["y"])
    page.mouse.down()
    page.mouse.move(box["x2"], box["y"], steps=8)
    page.mouse.up()


def public_turn(browser, live_server, record, number):
    page = browser.new_page()
    page.goto(f"{live_server.url}/records/{record.record_id}/")
    html = page.inner_html(f"#turn-{number}")
    page.close()
    return html


def test_an_editor_notes_words_and_readers_see_them_once_published(browser, live_server, newsroom):
    record = newsroom
    editor = sign_in(browser, live_server, "anna")

    editor.goto(f"{live_server.url}/admin/catalog/record/{record.pk}/change/")
    editor.click("#admin-turn-58 a.annotate-link")
    editor.wait_for_selector("#turn-source")
    drag_select(editor, "Wang Zhen")
    assert editor.input_value("#id_quote") == "Wang Zhen"
    assert editor.input_value("#id_start") == str(TURN_58.index("Wang Zhen"))

    editor.select_option("#id_kind", "identification")
    editor.fill("#id_body", NOTE)
    editor.click("#id_people + .select2")
    editor.keyboard.type("Wang")
    editor.click(".select2-results__option:has-text('Wang Zhen')")
    editor.click("input[name=_continue]")
    editor.wait_for_selector(".messagelist .success")

    note = Annotation.objects.get()
    assert (note.status, note.quote, note.author.username) == ("draft", "Wang Zhen", "anna")
    assert list(note.people.values_list("slug", flat=True)) == ["wang-zhen"]
    assert NOTE not in public_turn(browser, live_server, record, 58)

    editor.click("button[name=_transition][value=submit]")
    editor.wait_for_selector(".messagelist .success")
    assert Annotation.objects.get().status == "submitted"
    assert editor.locator("button[name=_transition][value=publish]").count() == 0

    chief = sign_in(browser, live_server, "boris")
    chief.goto(f"{live_server.url}/admin/catalog/annotation/{note.pk}/change/")
    chief.click("button[name=_transition][value=publish]")
    chief.wait_for_selector(".messagelist .success")
    assert Annotation.objects.get().status == "published"

    turn_html = public_turn(browser, live_server, record, 58)
    notes = turn_html[turn_html.index('class="turn-notes"'):]
    assert NOTE in notes and "Wang Zhen" in notes
    assert NOTE not in public_turn(browser, live_server, record, 57)
