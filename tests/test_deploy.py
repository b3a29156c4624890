"""Deployment settings: clean ``check --deploy``, required secrets and hosts, CSP, health check, logs."""
import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

import pytest
from django.db import DatabaseError
from django.http import HttpResponse
from django.template import engines
from django.test import RequestFactory

from bench.htmlform import form_data

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "archive.settings",
    "DEBUG": "0",
    "SECRET_KEY": "Zx7-production-like-secret-key-for-the-deploy-check-0123456789abcdef",
    "ALLOWED_HOSTS": "archive.example.org",
}


def run_django(code, **env_changes):
    """Run ``code`` in a fresh interpreter with production settings (plus ``env_changes``; None unsets)."""
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and not k.startswith(("SECURE_", "AXES_", "LOG_"))}
    env.pop("ALLOW_INSECURE_KEY", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests in this process only
    env.update(PRODUCTION_ENV)
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_is_clean_with_debug_off():
    result = run_django(
        "from django.core.management import call_command\n"
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_django("", SECRET_KEY=None)
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_django("", ALLOWED_HOSTS=None)
    assert result.returncode != 0
    assert "Set ALLOWED_HOSTS" in result.stderr


def test_production_logs_one_json_object_per_line():
    result = run_django("import logging\nlogging.getLogger('catalog').warning('disk nearly full')")
    line = result.stderr.strip().splitlines()[-1]
    entry = json.loads(line)
    assert entry["message"] == "disk nearly full"
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "catalog"


def test_production_cookies_are_secure_and_hsts_is_a_year():
    result = run_django(
        "from django.conf import settings as s\n"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)"
    )
    assert result.stdout.split() == ["True", "True", "True", "31536000"]


def test_local_development_needs_no_environment():
    result = run_django(
        "from django.conf import settings as s\nprint(s.DEBUG, s.DATABASES['default']['ENGINE'])",
        DEBUG="1", SECRET_KEY=None, ALLOWED_HOSTS=None, DATABASE_URL=None,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "django.db.backends.sqlite3"]


# --- Content security policy ------------------------------------------------------


def test_public_pages_send_a_content_security_policy(client, db):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


def test_a_script_with_the_request_nonce_is_allowed_by_the_header():
    from csp.middleware import CSPMiddleware

    template = engines["django"].from_string('<script nonce="{{ request.csp_nonce }}">go()</script>')

    def view(request):
        return HttpResponse(template.render({}, request))

    request = RequestFactory().get("/")
    response = CSPMiddleware(view)(request)
    nonce = request.csp_nonce
    assert f'nonce="{nonce}"' in response.content.decode()
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_each_response_gets_a_new_nonce():
    from csp.middleware import CSPMiddleware

    nonces = []
    for _ in range(2):
        request = RequestFactory().get("/")
        CSPMiddleware(lambda r: HttpResponse(str(r.csp_nonce)))(request)
        nonces.append(str(request.csp_nonce))
    assert nonces[0] != nonces[1]


class ScriptCollector(HTMLParser):
    """Every <script> and every inline event handler (onclick=...) of a page."""

    def __init__(self):
        super().__init__()
        self.scripts, self.handlers = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts.append(attrs)
        self.handlers += [name for name in attrs if name.startswith("on")]


@pytest.mark.parametrize("path", ["/admin/", "/admin/catalog/record/add/", "/admin/catalog/annotation/add/"])
def test_admin_runs_no_script_the_policy_would_block(admin_client, path):
    """Under script-src 'self' 'nonce-…', only same-site files, data blocks and nonced scripts run."""
    assert_only_allowed_scripts(admin_client.get(path))


def test_admin_login_page_runs_no_script_the_policy_would_block(client, db):
    assert_only_allowed_scripts(client.get("/admin/login/"))


def assert_only_allowed_scripts(response):
    assert response.status_code == 200
    page = ScriptCollector()
    page.feed(response.content.decode())
    assert page.handlers == []
    for script in page.scripts:
        src = script.get("src", "")
        same_site_file = src.startswith("/") and not src.startswith("//")
        data_block = script.get("type") == "application/json"
        assert same_site_file or data_block or script.get("nonce"), script


class StyleCollector(HTMLParser):
    """Every inline style of a page: <style> elements and style="..." attributes."""

    def __init__(self):
        super().__init__()
        self.inline = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "style" and "nonce" not in attrs:
            self.inline.append("<style>")
        if "style" in attrs:
            self.inline.append(f"<{tag} style={attrs['style']!r}>")


def inline_styles(response):
    assert response.status_code == 200
    page = StyleCollector()
    page.feed(response.content.decode())
    return page.inline


def test_the_record_page_has_no_inline_style_the_policy_would_block(client, catalogue):
    """Under style-src 'self', a style attribute is dropped: the speakers' share bars would have no length."""
    response = client.get("/records/111247/")
    assert b'class="share-bar"' in response.content
    assert inline_styles(response) == []


def test_the_admin_change_history_has_no_inline_style_the_policy_would_block(admin_client, catalogue):
    from catalog.models import Record

    record = Record.objects.get(record_id=111247)
    record.title += " (revised)"
    record.save()  # a change, so that the history lists it with its word-by-word difference
    response = admin_client.get(f"/admin/catalog/record/{record.pk}/history/")
    assert b'id="change-history"' in response.content
    assert inline_styles(response) == []


# --- Health check ------------------------------------------------------------------


def test_health_check_answers_ok_when_the_database_answers(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_health_check_answers_503_when_the_database_does_not(client, db):
    with mock.patch("catalog.health.connection.cursor", side_effect=DatabaseError("gone")):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_health_check_is_never_cached(client, db):
    assert "no-cache" in client.get("/health/")["Cache-Control"]


def test_health_check_is_exempt_from_the_https_redirect(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/health/").status_code == 200
    assert client.get("/").status_code == 301


# --- Abuse limits: login throttling, form flooding ---------------------------------------


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("editor", password="correct horse battery", is_staff=True)


def admin_login(client, password):
    return client.post("/admin/login/", {"username": "editor", "password": password, "next": "/admin/"})


def test_admin_login_is_locked_after_repeated_failures(client, editor, settings):
    settings.AXES_ENABLED = True
    for _ in range(settings.AXES_FAILURE_LIMIT):
        admin_login(client, "wrong")
    response = admin_login(client, "correct horse battery")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_admin_login_works_below_the_failure_limit(client, editor, settings):
    settings.AXES_ENABLED = True
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        admin_login(client, "wrong")
    response = admin_login(client, "correct horse battery")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_a_flood_of_form_fields_is_refused(client, db, settings):
    fields = {f"field{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    assert client.post("/admin/login/", fields).status_code == 400


def test_a_400_turn_record_saves_in_the_admin_within_the_field_limit(admin_client, db):
    """The whole change form, inlines and all, as an editor's browser posts it back."""
    from tests.factories import make_record

    record = make_record(turns=400, notes_per_turn=1, speakers=("Alpha Speaker", "Beta Speaker", "Gamma Speaker"))
    url = f"/admin/catalog/record/{record.pk}/change/"
    data = form_data(admin_client.get(url).content.decode())
    data["title"] = ["Retitled in the admin"]
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    record.refresh_from_db()
    assert record.title == "Retitled in the admin"
