"""Read-only traffic on a PostgreSQL replica; writes, and reads that must see them, on the primary.

With ``DATABASE_REPLICA_URL`` set, the settings add a ``replica`` database, this
router and this middleware. Nothing reads from the replica unless a request allowed
it: management commands, the importer and background work stay on the primary,
where their own writes are. The middleware allows it for a request that

- is a GET or HEAD (safe methods never write),
- carries no session cookie (a signed-in editor must see what they just saved), and
- comes more than ``REPLICA_LAG_SECONDS`` after the last change to the catalogue.

The last condition keeps the page cache honest: a page rendered from a replica that
has not yet replayed a change would otherwise be stored under the new catalogue
version. The version token carries the time it was set, so the check costs one
cache read, on requests the page cache did not answer.
"""
import contextvars
import time
from contextlib import contextmanager

from django.conf import settings

REPLICA = "replica"
PRIMARY = "default"

_replica_allowed = contextvars.ContextVar("replica_allowed", default=False)


@contextmanager
def reads_from_replica():
    """Within this block, reads may go to the replica."""
    token = _replica_allowed.set(True)
    try:
        yield
    finally:
        _replica_allowed.reset(token)


class PrimaryReplicaRouter:
    """Reads to the replica where allowed (see the module docstring), everything else to the primary.

    The settings install it only when a replica is configured.
    """

    def db_for_read(self, model, **hints):
        return REPLICA if _replica_allowed.get() else PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class ReplicaReadsMiddleware:
    """Lets safe, anonymous requests read from the replica once the catalogue has been still a while."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.may_read_from_replica(request):
            return self.get_response(request)
        with reads_from_replica():
            return self.get_response(request)

    @staticmethod
    def may_read_from_replica(request):
        if request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return False
        from catalog.caching import catalogue_changed_at

        try:
            changed_at = catalogue_changed_at()
        except Exception:  # no cache, no knowledge of recent changes: stay on the primary
            return False
        return changed_at is not None and time.time() - changed_at >= settings.REPLICA_LAG_SECONDS
