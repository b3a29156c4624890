"""Editors write notes in Markdown; readers get HTML that cannot carry a script.

Markdown is rendered first, then nh3 (an allow-list sanitiser) removes every tag,
attribute and URL scheme not listed here, whatever the Markdown let through.
"""
from functools import lru_cache

import markdown
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {"p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "q", "cite", "sup", "sub"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


@lru_cache(maxsize=4096)
def render_markdown(text):
    """Markdown ``text`` as sanitised HTML, marked safe for templates.

    The result depends on the text alone, so it is kept: a record page shows each
    note's body on every view, and rendering it costs far more than looking it up.
    """
    html = markdown.markdown(text or "", extensions=[], output_format="html")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)
