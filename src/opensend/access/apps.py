from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "opensend.access"
    label = "access"
    verbose_name = "Access and audit"

    def ready(self) -> None:
        from .actions import register
        from .models import AuditAction

        register(AuditAction)
