"""The server-rendered web UI (templates and static files live in this package)."""

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "bhbilling.entrypoints.web"
    label = "web"
    verbose_name = "Web UI"
