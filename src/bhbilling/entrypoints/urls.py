"""URL map: web UI at /, JSON API at /api/v1 (OpenAPI docs at /api/docs), admin at /admin."""

from django.contrib import admin
from django.urls import include, path

from bhbilling.entrypoints.api.root import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("bhbilling.entrypoints.web.urls")),
]
