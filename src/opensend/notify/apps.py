from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "opensend.notify"
    label = "notify"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from opensend.access.actions import register

        from . import checks  # noqa: F401  (registers the system checks)
        from .audit import NotifyAudit
        from .catalogue import register_catalogue

        register(NotifyAudit)
        register_catalogue()
