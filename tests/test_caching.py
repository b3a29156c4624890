"""The public page cache: pages are served from it, and a change is visible on the very next request."""
import os
import uuid

import pytest
from django.core.cache import cache, caches
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory

from catalog import caching
from catalog.models import Annotation, Person, Topic
from tests.factories import make_record

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def record(db):
    return make_record(turns=3, notes_per_turn=0)


def pending_bumps():
    return [entry for entry in connection.run_on_commit if entry[1] is caching.bump_catalogue_version]


def run_commit_hooks():
    """What a commit does: run every on-commit callback of the test's (never committed) transaction."""
    callbacks, connection.run_on_commit = connection.run_on_commit, []
    for _, callback, _ in callbacks:
        callback()


@pytest.fixture
def commit():
    """Run a change as if its transaction committed, so that its on-commit invalidation runs."""

    def run(change):
        change()
        run_commit_hooks()

    return run


def page(client, record):
    return client.get(record.get_absolute_url())


def test_second_anonymous_request_is_served_from_the_cache(client, record, page_cache):
    assert page(client, record)["X-Page-Cache"] == "miss"
    assert page(client, record)["X-Page-Cache"] == "hit"


def test_a_cached_page_costs_no_database_query(client, record, page_cache, django_assert_num_queries):
    page(client, record)
    with django_assert_num_queries(0):
        assert page(client, record).status_code == 200


def test_cached_page_has_the_same_content(client, record, page_cache):
    first = page(client, record).content
    assert page(client, record).content == first


def test_page_cache_is_off_when_its_lifetime_is_zero(client, record, settings):
    settings.PAGE_CACHE_SECONDS = 0
    page(client, record)
    assert "X-Page-Cache" not in page(client, record)


def test_a_note_published_after_caching_appears_at_once(client, record, page_cache, commit):
    turn = record.turns.get(number=2)
    note = Annotation.objects.create(turn=turn, body="Zhou means the Geneva talks.", status="draft")
    assert "Geneva talks" not in page(client, record).content.decode()

    def publish():
        note.status = Annotation.Status.PUBLISHED
        note.save()

    commit(publish)
    assert "Geneva talks" in page(client, record).content.decode()


def test_an_unpublished_note_disappears_at_once(client, record, page_cache, commit):
    note = Annotation.objects.create(
        turn=record.turns.get(number=1), body="A hasty identification.", status="published"
    )
    assert "hasty identification" in page(client, record).content.decode()

    def unpublish():
        note.status = Annotation.Status.DRAFT
        note.save()

    commit(unpublish)
    assert "hasty identification" not in page(client, record).content.decode()


def test_a_deleted_note_disappears_at_once(client, record, page_cache, commit):
    note = Annotation.objects.create(turn=record.turns.get(number=1), body="Soon withdrawn.", status="published")
    assert "Soon withdrawn" in page(client, record).content.decode()
    commit(note.delete)
    assert "Soon withdrawn" not in page(client, record).content.decode()


def test_a_corrected_turn_appears_at_once(client, record, page_cache, commit):
    page(client, record)
    turn = record.turns.get(number=3)
    turn.text = "BETA SPEAKER corrects the figure to forty."
    commit(turn.save)
    assert "corrects the figure to forty" in page(client, record).content.decode()


def test_a_renamed_person_appears_at_once(client, record, page_cache, commit):
    page(client, record)
    person = Person.objects.get(slug="alpha-speaker")
    person.name = "Alpha Renamed"
    commit(person.save)
    assert "Alpha Renamed" in page(client, record).content.decode()


def test_a_topic_added_to_a_record_appears_at_once(client, record, page_cache, commit):
    topic = Topic.objects.create(slug="armistice", name="Armistice negotiations")
    assert record.title not in client.get(topic.get_absolute_url()).content.decode()
    commit(lambda: record.topics.add(topic))
    assert record.title in client.get(topic.get_absolute_url()).content.decode()


def test_a_change_invalidates_only_when_its_transaction_commits(record, page_cache):
    run_commit_hooks()
    before = caching.catalogue_version()
    record.title = "Changed"
    record.save()
    assert pending_bumps(), "the change schedules an invalidation for its commit"
    assert caching.catalogue_version() == before


def test_a_change_rolled_back_never_invalidates(record, page_cache):
    run_commit_hooks()
    before = caching.catalogue_version()
    try:
        with transaction.atomic():
            record.title = "Changed"
            record.save()
            raise RuntimeError("abandon the change")
    except RuntimeError:
        pass
    run_commit_hooks()
    assert caching.catalogue_version() == before


def test_many_changes_in_one_transaction_invalidate_once(record, page_cache):
    run_commit_hooks()
    for turn in record.turns.all():
        turn.save()
    assert len(pending_bumps()) == 1


def test_historical_rows_do_not_count_as_catalogue_models():
    assert caching.is_catalogue_model(Annotation)
    assert not caching.is_catalogue_model(Annotation.history.model)


def test_an_editors_post_invalidates_even_without_signals(admin_client, record, page_cache):
    """Bulk admin actions may write with QuerySet.update(), which sends no signal."""
    before = caching.catalogue_version()
    admin_client.post("/admin/catalog/record/", {"action": "delete_selected", "_selected_action": []})
    assert caching.catalogue_version() != before


def test_signed_in_readers_are_never_served_from_the_cache(admin_client, client, record, page_cache):
    page(client, record)
    response = page(admin_client, record)
    assert "X-Page-Cache" not in response


def test_staff_preview_of_drafts_is_never_cached(admin_client, client, record, page_cache):
    Annotation.objects.create(turn=record.turns.get(number=1), body="Draft only, for editors.", status="draft")
    url = record.get_absolute_url() + "?preview=1"
    assert "Draft only" in admin_client.get(url).content.decode()
    assert "Draft only" not in client.get(url).content.decode()


def test_admin_pages_are_never_cached(admin_client, client, db, page_cache):
    client.get("/admin/login/")
    assert "X-Page-Cache" not in client.get("/admin/login/")


def test_not_found_pages_are_not_stored(client, db, page_cache):
    client.get("/records/999999999/")
    assert "X-Page-Cache" not in client.get("/records/999999999/")


def test_a_lost_version_key_is_replaced_by_a_new_token(page_cache):
    first = caching.catalogue_version()
    cache.delete(caching.VERSION_KEY)
    assert caching.catalogue_version() != first


# --- Nonces in stored pages ---------------------------------------------------------


def test_a_stored_page_is_served_with_the_new_requests_nonce():
    stored = caching.freeze(HttpResponse('<script nonce="OLD-NONCE-abc">go()</script>'), nonce="OLD-NONCE-abc")
    request = RequestFactory().get("/")
    request.csp_nonce = "NEW-NONCE-xyz"
    served = caching.thaw(stored, request).content.decode()
    assert served == '<script nonce="NEW-NONCE-xyz">go()</script>'


def test_a_stored_page_keeps_no_content_security_policy_header():
    response = HttpResponse("page")
    response["Content-Security-Policy"] = "script-src 'nonce-OLD'"
    assert all(k.lower() != "content-security-policy" for k, _ in caching.freeze(response)["headers"])


# --- A cache outage and the shared Redis cache ------------------------------------------


def test_an_unreachable_cache_serves_pages_uncached(client, record, settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.CACHES = {"default": {
        "BACKEND": "archive.redis_cache.ReusingRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }}
    response = page(client, record)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def redis_reachable():
    try:
        import redis

        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception:
        return False


@pytest.fixture
def redis_cache(settings):
    if not redis_reachable():
        pytest.skip(f"no Redis at {REDIS_URL}")  # CI starts Redis, and there a skip fails the run
    settings.PAGE_CACHE_SECONDS = 600
    settings.CACHES = {"default": {
        "BACKEND": "archive.redis_cache.ReusingRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
    }}
    yield caches["default"]
    caches["default"].clear()


def test_redis_serves_a_cached_page(client, record, redis_cache):
    page(client, record)
    assert page(client, record)["X-Page-Cache"] == "hit"


def test_redis_page_shows_a_newly_published_note(client, record, redis_cache, commit):
    page(client, record)
    commit(lambda: Annotation.objects.create(
        turn=record.turns.get(number=1), body="Published through Redis.", status="published"
    ))
    assert "Published through Redis" in page(client, record).content.decode()


def test_a_worker_serves_a_fresh_page_after_a_change_made_through_another(record, redis_cache, commit):
    """Each worker keeps recent pages in its own memory; the shared version still outdates them."""
    from django.test import Client

    first_worker, second_worker = Client(), Client()
    assert page(first_worker, record)["X-Page-Cache"] == "miss"
    assert page(first_worker, record)["X-Page-Cache"] == "hit"
    assert page(second_worker, record)["X-Page-Cache"] == "hit"
    commit(lambda: Annotation.objects.create(
        turn=record.turns.get(number=1), body="Published by the other worker.", status="published"
    ))
    response = page(first_worker, record)
    assert response["X-Page-Cache"] == "miss" and "Published by the other worker" in response.content.decode()


def test_the_redis_cache_keeps_one_client_per_pool(redis_cache):
    redis_cache.set("answer", 42)
    client = redis_cache._cache.get_client()
    assert redis_cache.get("answer") == 42 and redis_cache._cache.get_client() is client


class TestRecentPages:
    @staticmethod
    def frozen(size):
        return {"content": b"x" * size, "version": "v"}

    def test_least_recently_served_goes_first_when_full(self):
        from catalog.caching import RecentPages

        recent = RecentPages(limit=300)
        recent.put("a", self.frozen(100))
        recent.put("b", self.frozen(100))
        recent.put("c", self.frozen(100))
        assert recent.get("a") is not None  # now "b" is the least recent
        recent.put("d", self.frozen(100))
        assert [key for key in "abcd" if recent.get(key) is not None] == ["a", "c", "d"]
        assert recent.size == 300

    def test_a_page_larger_than_the_limit_is_not_kept(self):
        from catalog.caching import RecentPages

        recent = RecentPages(limit=50)
        recent.put("big", self.frozen(51))
        assert recent.get("big") is None and recent.size == 0

