"""An editor notes "Wang Zhen" in a turn in the admin; readers see it only once published.

Drives Debian's Chromium through Playwright against a live server.
"""
import os

import pytest
from django.contrib.auth.models import Group, Permission

from django.core.management import call_command

from catalog.models import Annotation, Person, Record
from catalog.roles import EDITORS, EDITORS_IN_CHIEF, ensure_groups
from tests.conftest import FIXTURES
from tests.editors import plain_test_settings  # noqa: F401
from tests.factories import make_record

# Playwright's sync API runs an event loop; the live server's ORM calls are safe here.


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-passphrase-for-tests"
TURN_58 = (
    "ZHOU ENLAI: Wang Zhen will command the troops in Xinjiang.\n\n"
    "The Chinese side asks that Wang Zhen's staff be reinforced."
)
NOTE = "Wang Zhen (1908–1993), commander of the First Field Army's troops in Xinjiang."


def synthetic_record():
    """A 72-turn record whose turn 58 names Wang Zhen."""
    record = make_record(turns=72)
    turn = record.turns.get(number=58)
    turn.text = TURN_58
    turn.save()
    Person.objects.create(slug="wang-zhen", name="Wang Zhen")
    return record, 58


def record_111247():
    """The catalogue as shipped: record 111247, where Zhou Enlai names Wang Zhen in turn 41."""
    call_command("loaddata", *FIXTURES, verbosity=0)
    return Record.objects.get(record_id=111247), 41


@pytest.fixture(params=[synthetic_record, record_111247], ids=["synthetic", "111247"])
def newsroom(request, db):
    """A record and the number of a turn naming Wang Zhen; an editor and an editor-in-chief."""
    from django.contrib.auth.models import User

    ensure_groups(Group, Permission)  # a transactional test may start from an emptied database
    record, number = request.param()
    for username, groups in (("anna", [EDITORS]), ("boris", [EDITORS, EDITORS_IN_CHIEF])):
        user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
        user.groups.add(*Group.objects.filter(name__in=groups))
    return record, number


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
    record, number = newsroom
    text = record.turns.get(number=number).text
    editor = sign_in(browser, live_server, "anna")

    editor.goto(f"{live_server.url}/admin/catalog/record/{record.pk}/change/")
    editor.click(f"#admin-turn-{number} a.annotate-link")
    editor.wait_for_selector("#turn-source")
    drag_select(editor, "Wang Zhen")
    assert editor.input_value("#id_quote") == "Wang Zhen"
    assert editor.input_value("#id_start") == str(text.index("Wang Zhen"))

    editor.select_option("#id_kind", "identification")
    editor.fill("#id_body", NOTE)
    editor.click("#id_people + .select2")
    editor.keyboard.type("Wang")
    editor.click(".select2-results__option:has-text('Wang Zhen')")
    editor.click("input[name=_continue]")
    editor.wait_for_selector(".messagelist .success")

    note = Annotation.objects.get(body=NOTE)
    assert (note.status, note.quote, note.author.username) == ("draft", "Wang Zhen", "anna")
    assert list(note.people.values_list("slug", flat=True)) == ["wang-zhen"]
    assert NOTE not in public_turn(browser, live_server, record, number)

    editor.click("button[name=_transition][value=submit]")
    editor.wait_for_selector(".messagelist .success")
    assert Annotation.objects.get(pk=note.pk).status == "submitted"
    assert editor.locator("button[name=_transition][value=publish]").count() == 0

    chief = sign_in(browser, live_server, "boris")
    chief.goto(f"{live_server.url}/admin/catalog/annotation/{note.pk}/change/")
    chief.click("button[name=_transition][value=publish]")
    chief.wait_for_selector(".messagelist .success")
    assert Annotation.objects.get(pk=note.pk).status == "published"

    turn_html = public_turn(browser, live_server, record, number)
    notes = turn_html[turn_html.index('class="turn-notes"'):]
    assert NOTE in notes and "Wang Zhen" in notes
    assert NOTE not in public_turn(browser, live_server, record, number - 1)
