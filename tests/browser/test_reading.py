"""A reader's journeys through the site, in a real browser."""
import re

from playwright.sync_api import expect


def visible_turns(page):
    return page.locator(".turn:visible")


def test_home_to_topic_to_record_to_a_turn(page, site):
    """From the home page, a topic leads to the turn an editor tied to it."""
    page.goto(site + "/")
    page.get_by_role("link", name="Sino-Soviet relations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sino-Soviet relations")
    page.locator('a[href="/records/111247/#turn-33"]').click()
    expect(page).to_have_url(re.compile(r"/records/111247/#turn-33$"))
    turn = page.locator("#turn-33")
    expect(turn).to_be_in_viewport()
    assert turn.evaluate("el => el.matches(':target')")


def test_search_snippet_leads_to_the_highlighted_turn(page, site):
    """A search's snippet links straight to its turn, which the page highlights."""
    page.goto(site + "/")
    page.get_by_role("searchbox").fill("Pakistan")
    page.keyboard.press("Enter")
    hit = page.locator(".hit-link").first
    expect(page.locator(".snippet mark").first).to_have_text(re.compile("Pakistan", re.I))
    href = hit.get_attribute("href")
    hit.click()
    expect(page).to_have_url(re.compile(re.escape(href) + "$"))
    turn = page.locator(href[href.index("#"):])
    expect(turn).to_be_in_viewport()
    assert turn.evaluate("el => el.matches(':target') && getComputedStyle(el).outlineStyle !== 'none'")


def test_show_only_one_speakers_turns(page, site):
    """Choosing Molotov in the at-a-glance table leaves his two turns; "Show all" brings back 72."""
    page.goto(site + "/records/111247/")
    page.locator(".glance").get_by_role("link", name="Vyacheslav Molotov").click()
    expect(visible_turns(page)).to_have_count(2)
    expect(page.locator(".speaker-status")).to_contain_text("Showing only Vyacheslav Molotov’s 2 turns of 72")
    expect(page).to_have_url(re.compile(r"\?speaker=vyacheslav-molotov#transcript$"))
    page.get_by_role("link", name="Show all speakers").click()
    expect(visible_turns(page)).to_have_count(72)


def test_speaker_filter_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/records/111247/")
    page.locator(".glance").get_by_role("link", name="Vyacheslav Molotov").click()
    expect(page.locator(".turn")).to_have_count(2)
    context.close()


def test_annotation_opened_by_keyboard(page, site):
    """Tab to a note's mark in the text, Enter opens the note, Escape returns to the words."""
    page.goto(site + "/records/111247/")
    page.locator("#turn-33 .turn-link").focus()
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('note-ref')"):
            break
    ref = page.locator("#turn-33 .note-ref")
    expect(ref).to_be_focused()
    page.keyboard.press("Enter")
    note = page.locator("#turn-33 .note")
    expect(note).to_be_focused()
    expect(note).to_have_class(re.compile("is-active"))
    expect(page.locator("#turn-33 mark.quote")).to_have_class(re.compile("is-active"))
    expect(note).to_be_in_viewport()
    page.keyboard.press("Escape")
    expect(ref).to_be_focused()


def test_notes_sit_beside_the_turn_on_wide_screens(page, site):
    page.goto(site + "/records/111247/#turn-33")
    text, note = page.locator("#turn-33 .turn-text").bounding_box(), page.locator("#turn-33 .note").bounding_box()
    assert note["x"] >= text["x"] + text["width"]


def test_notes_sit_under_the_turn_on_phones(browser, site):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(site + "/records/111247/#turn-33")
    text, note = page.locator("#turn-33 .turn-text").bounding_box(), page.locator("#turn-33 .note").bounding_box()
    assert note["y"] >= text["y"] + text["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
