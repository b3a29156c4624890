"""Top-level URLs: the editors' admin, the health check and the public catalogue."""
from django.contrib import admin
from django.urls import include, path

from catalog.health import health

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
    path("", include("catalog.urls")),
]
