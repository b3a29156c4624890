"""Whole-page caching of the public catalogue that never serves a stale note.

Anonymous GET responses of the public pages (the ``catalog`` URL namespace) are
kept in the default cache under their URL, tagged with the *catalogue version*
(a random token) read before the page was rendered. Any change to a catalogue row
(save, delete, or a change of a many-to-many set) replaces the token once its
transaction commits, so every page stored before the change no longer matches and
is rendered afresh. A successful POST by a signed-in editor replaces it too, which
covers bulk admin actions that write with ``QuerySet.update()`` and so send no signals.

Pages are stored with their CSP nonce replaced by a placeholder and get the
nonce of the response that serves them, so a cached page never reuses a nonce.

Each worker also keeps the pages it served most recently in its own memory, under
their URL *and* version: the shared cache is still asked for the version on every
request, so a change made through any worker outdates them at once, but the page
itself (often 100 KB or more) need not cross the network again.
"""
import hashlib
import logging
import threading
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.urls import Resolver404, resolve

logger = logging.getLogger(__name__)

VERSION_KEY = "catalog:version"
PUBLIC_NAMESPACE = "catalog"
#: stands in for the nonce in a stored page; a NUL never occurs in the catalogue's text
NONCE_PLACEHOLDER = b"\x00csp-nonce\x00"
#: headers that belong to one response only, never to a stored page
_PER_RESPONSE_HEADERS = {"content-length", "content-security-policy", "content-security-policy-report-only"}
CACHE_STATUS_HEADER = "X-Page-Cache"


# --- The catalogue version -------------------------------------------------------


def catalogue_version():
    """The current version token, creating one if the cache has none (first use, eviction, restart)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, new_version(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def new_version():
    """A fresh random token, so an evicted version is never reused, prefixed by the time it was made."""
    return f"{time.time():.3f}:{uuid.uuid4().hex}"


def catalogue_changed_at():
    """When the catalogue last changed (seconds since the epoch), as far as the version token says.

    None when the token predates timestamps or the cache was emptied: the time of the
    last change is then unknown.
    """
    version = cache.get(VERSION_KEY)
    try:
        return float(version.split(":", 1)[0]) if version else None
    except ValueError:
        return None


def bump_catalogue_version():
    """Orphan every cached page."""
    try:
        cache.set(VERSION_KEY, new_version(), timeout=None)
    except Exception:  # an unreachable cache must not fail the write that changed the catalogue
        logger.exception("page cache: could not bump the catalogue version")


def bump_after_commit():
    """Bump once the current transaction commits (at once outside one); once per transaction."""
    if connection.in_atomic_block:
        pending = getattr(connection, "run_on_commit", [])
        if any(entry[1] is bump_catalogue_version for entry in pending):
            return
    transaction.on_commit(bump_catalogue_version)


def is_catalogue_model(model):
    """Every model of the catalogue app except simple-history's historical copies."""
    meta = getattr(model, "_meta", None)
    return meta is not None and meta.app_label == "catalog" and not hasattr(model, "instance_type")


def _on_row_change(sender, **kwargs):
    if is_catalogue_model(sender):
        bump_after_commit()


def _on_m2m_change(sender, action, **kwargs):
    if action.startswith("post_") and is_catalogue_model(sender):
        bump_after_commit()


def connect_signals():
    """Called from the app's ready(): every process that writes the catalogue invalidates the pages."""
    post_save.connect(_on_row_change, dispatch_uid="catalog.caching.post_save")
    post_delete.connect(_on_row_change, dispatch_uid="catalog.caching.post_delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="catalog.caching.m2m_changed")


# --- Stored pages ----------------------------------------------------------------


def freeze(response, nonce=None):
    """A picklable copy of ``response`` with its nonce (if it used one) replaced by the placeholder."""
    content = response.content
    if nonce:
        content = content.replace(nonce.encode("ascii"), NONCE_PLACEHOLDER)
    headers = [(k, v) for k, v in response.items() if k.lower() not in _PER_RESPONSE_HEADERS]
    return {"status": response.status_code, "headers": headers, "content": content}


def thaw(frozen, request):
    """A new response from a stored page, carrying this request's own nonce."""
    content = frozen["content"]
    if NONCE_PLACEHOLDER in content:
        content = content.replace(NONCE_PLACEHOLDER, str(request.csp_nonce).encode("ascii"))
    response = HttpResponse(content, status=frozen["status"])
    for key, value in frozen["headers"]:
        response[key] = value
    return response


def page_key(request):
    url = request.build_absolute_uri().encode("utf-8", "surrogateescape")
    return f"catalog:page:{hashlib.sha256(url).hexdigest()}"


class RecentPages:
    """The stored pages this process served last, up to ``limit`` bytes of content, least recent out first."""

    def __init__(self, limit):
        self.limit = limit
        self.size = 0
        self.pages = OrderedDict()
        self.lock = threading.Lock()  # a threaded server shares one middleware between threads

    def get(self, key):
        with self.lock:
            frozen = self.pages.get(key)
            if frozen is not None:
                self.pages.move_to_end(key)
            return frozen

    def put(self, key, frozen):
        size = len(frozen["content"])
        if size > self.limit:
            return
        with self.lock:
            if key in self.pages:
                return
            self.pages[key] = frozen
            self.size += size
            while self.size > self.limit:
                _, oldest = self.pages.popitem(last=False)
                self.size -= len(oldest["content"])


# --- The middleware --------------------------------------------------------------


class PublicPageCacheMiddleware:
    """Serves anonymous public pages from the cache; see the module docstring."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.recent = RecentPages(settings.PAGE_CACHE_LOCAL_BYTES)

    def __call__(self, request):
        if not self.may_serve_from_cache(request):
            response = self.get_response(request)
            if self.is_editor_write(request, response):
                bump_catalogue_version()
            return response

        try:
            key = page_key(request)
            version = catalogue_version()
            frozen = self.recent.get((key, version))
            if frozen is None:
                frozen = cache.get(key)
                if frozen is not None and frozen["version"] == version:
                    self.recent.put((key, version), frozen)
        except Exception:  # a cache outage slows the site down; it does not take it down
            logger.exception("page cache: lookup failed")
            return self.get_response(request)
        if frozen is not None and frozen["version"] == version:
            response = thaw(frozen, request)
            response[CACHE_STATUS_HEADER] = "hit"
            return response

        response = self.get_response(request)
        if self.may_store(response):
            nonce = getattr(request, "_csp_nonce", None)
            stored = freeze(response, nonce if isinstance(nonce, str) else None)
            stored["version"] = version  # as read before rendering: a change made meanwhile outdates it
            try:
                cache.set(key, stored, settings.PAGE_CACHE_SECONDS)
            except Exception:
                logger.exception("page cache: store failed")
            response[CACHE_STATUS_HEADER] = "miss"
        return response

    @staticmethod
    def may_serve_from_cache(request):
        """Anonymous GETs of public pages only: anyone with a session may see drafts or messages."""
        if settings.PAGE_CACHE_SECONDS <= 0 or request.method != "GET":
            return False
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return False
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.namespace == PUBLIC_NAMESPACE

    @staticmethod
    def may_store(response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "")
        return not any(word in cache_control for word in ("private", "no-store", "no-cache"))

    @staticmethod
    def is_editor_write(request, response):
        return (
            request.method not in ("GET", "HEAD", "OPTIONS", "TRACE")
            and settings.SESSION_COOKIE_NAME in request.COOKIES
            and response.status_code < 400
        )
