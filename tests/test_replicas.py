"""Reads on a replica only where they cannot miss a write: the router, the middleware, the settings."""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from archive.replicas import PrimaryReplicaRouter, ReplicaReadsMiddleware, reads_from_replica
from catalog import caching
from catalog.models import Record

ROOT = Path(__file__).resolve().parent.parent
router = PrimaryReplicaRouter()


def test_reads_stay_on_the_primary_unless_allowed():
    assert router.db_for_read(Record) == "default"
    with reads_from_replica():
        assert router.db_for_read(Record) == "replica"
        assert router.db_for_write(Record) == "default"
    assert router.db_for_read(Record) == "default"


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "catalog") and not router.allow_migrate("replica", "catalog")


@pytest.fixture
def where_reads_go():
    """Runs the middleware on a request and says which database the view would have read from."""
    seen = []
    middleware = ReplicaReadsMiddleware(lambda request: seen.append(router.db_for_read(Record)) or "response")

    def run(request):
        seen.clear()
        assert middleware(request) == "response"
        return seen[0]

    return run


@pytest.fixture
def still_catalogue(settings):
    settings.REPLICA_LAG_SECONDS = 5
    cache.set(caching.VERSION_KEY, f"{time.time() - 60:.3f}:abc", timeout=None)
    yield
    cache.delete(caching.VERSION_KEY)


class TestMiddleware:
    def test_anonymous_get_reads_from_the_replica(self, where_reads_go, still_catalogue):
        assert where_reads_go(RequestFactory().get("/records/")) == "replica"
        assert where_reads_go(RequestFactory().head("/records/")) == "replica"

    def test_writes_stay_on_the_primary(self, where_reads_go, still_catalogue):
        assert where_reads_go(RequestFactory().post("/admin/login/")) == "default"

    def test_signed_in_requests_stay_on_the_primary(self, where_reads_go, still_catalogue):
        request = RequestFactory().get("/records/")
        request.COOKIES["sessionid"] = "x"
        assert where_reads_go(request) == "default"

    def test_just_after_a_change_reads_go_to_the_primary(self, where_reads_go, still_catalogue):
        caching.bump_catalogue_version()
        assert where_reads_go(RequestFactory().get("/records/")) == "default"

    def test_unknown_time_of_last_change_means_the_primary(self, where_reads_go, settings):
        settings.REPLICA_LAG_SECONDS = 5
        cache.delete(caching.VERSION_KEY)
        assert where_reads_go(RequestFactory().get("/records/")) == "default"
        cache.set(caching.VERSION_KEY, "a-token-without-a-time", timeout=None)
        assert where_reads_go(RequestFactory().get("/records/")) == "default"

    def test_reads_return_to_the_primary_after_the_request(self, where_reads_go, still_catalogue):
        where_reads_go(RequestFactory().get("/records/"))
        assert router.db_for_read(Record) == "default"


def settings_with(**env):
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps({'databases': sorted(settings.DATABASES), 'routers': settings.DATABASE_ROUTERS, "
        "'mirror': settings.DATABASES.get('replica', {}).get('TEST', {}).get('MIRROR'), "
        "'middleware': settings.MIDDLEWARE}))"
    )
    environ = {key: value for key, value in os.environ.items() if key != "DATABASE_REPLICA_URL"}
    environ.update(DJANGO_SETTINGS_MODULE="archive.settings", DEBUG="1", **env)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True)


def settings_from(run):
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_settings_add_the_replica_router_and_middleware_when_a_replica_is_configured():
    configured = settings_from(settings_with(DATABASE_URL="postgres://app@primary/archive",
                                             DATABASE_REPLICA_URL="postgres://app@replica/archive",
                                             CACHE_URL="redis://127.0.0.1:6379/9"))
    assert configured["databases"] == ["default", "replica"] and configured["mirror"] == "default"
    assert configured["routers"] == ["archive.replicas.PrimaryReplicaRouter"]
    middleware = configured["middleware"]
    assert middleware.index("archive.replicas.ReplicaReadsMiddleware") == (
        middleware.index("catalog.caching.PublicPageCacheMiddleware") + 1
    )
    plain = settings_from(settings_with())
    assert plain["databases"] == ["default"] and plain["routers"] == []
    assert "archive.replicas.ReplicaReadsMiddleware" not in plain["middleware"]


def test_a_replica_without_a_shared_cache_is_refused():
    run = settings_with(DATABASE_URL="postgres://app@primary/archive", DATABASE_REPLICA_URL="postgres://app@replica/archive",
                        CACHE_URL="")
    assert run.returncode != 0 and "DATABASE_REPLICA_URL needs CACHE_URL" in run.stderr
