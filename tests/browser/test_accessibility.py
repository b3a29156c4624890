"""Every kind of public page passes axe-core's WCAG 2.1 A/AA and best-practice rules."""
import json

import pytest

from .conftest import AXE, PAGE_TYPES

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def axe_violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_axe_violations_on_phone_or_desktop(browser, site, kind):
    """Checked at 360px and at 1280px wide, since the layout differs.

    The page's content security policy forbids injected scripts, as it should; only
    this context, which injects axe-core, is allowed to bypass it.
    """
    page = browser.new_context(bypass_csp=True).new_page()
    found = {}
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(site + PAGE_TYPES[kind])
        found[width] = axe_violations(page)
    assert found == {360: [], 1280: []}, json.dumps(found, indent=1)
